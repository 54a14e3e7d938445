//! Copies of the database beside it (backups, copies people made) that
//! still hold what was erased.

use std::path::{Path, PathBuf};

/// SQLite files next to the database (backups, copies) whose bytes still
/// mention the person.
pub(super) fn holding(database: &Path, mentions: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let Some(folder) = database.parent().map(|f| if f.as_os_str().is_empty() { Path::new(".") } else { f }) else {
        return Vec::new();
    };
    let Ok(listing) = std::fs::read_dir(folder) else { return Vec::new() };
    let own = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ours = [own.clone(), format!("{own}-wal"), format!("{own}-shm"), format!("{own}-journal")];
    let mut out: Vec<PathBuf> = listing
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !ours.contains(&e.file_name().to_string_lossy().into_owned()))
        .map(|e| e.path())
        .filter(|p| holds(p, mentions))
        .collect();
    out.sort();
    out
}

/// Whether a SQLite file (or its log) mentions the person anywhere in its bytes.
fn holds(path: &Path, mentions: &dyn Fn(&str) -> bool) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    let sqlite = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && (&head == b"SQLite format 3\0"
            || head[..4] == [0x37, 0x7f, 0x06, 0x82]
            || head[..4] == [0x37, 0x7f, 0x06, 0x83]);
    if !sqlite {
        return false;
    }
    std::fs::read(path).is_ok_and(|bytes| mentions(&String::from_utf8_lossy(&bytes)))
}
