//! A damaged file: recognising one (cut short, or what SQLite reports as
//! malformed), refusing to write to it, and looking into it without
//! changing a byte.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::domain::storage::Damage;

/// Whether SQLite's error says the file is damaged rather than, say, busy.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}

/// A file shorter than its own header says, found from the header alone.
/// The -wal may hold the rest only after a crash in the middle of a
/// checkpoint, which the next writer finishes; a file is cut short only
/// when there is nothing in its -wal.
pub(super) fn cut_short(path: &Path, header: &[u8]) -> Option<Damage> {
    let size = std::fs::metadata(path).ok()?.len();
    if header.len() < 100 {
        return Some(Damage::CutShort { size, expected: 100 });
    }
    let [wal, _] = super::files::companions(path);
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    // (A rollback journal left by a crash likewise holds what the next writer puts back.)
    if [wal, journal.into()].iter().any(|f: &std::path::PathBuf| std::fs::metadata(f).is_ok_and(|m| m.len() > 0)) {
        return None;
    }
    let number = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // The page count in the header counts only when it is valid for the
    // file's last change (SQLite's rule).
    let pages = number(28);
    if pages == 0 || number(92) != number(24) {
        return None;
    }
    let expected = u64::from(pages) * page_size;
    (size < expected).then_some(Damage::CutShort { size, expected })
}

/// What looking into a damaged file found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inspection {
    /// The damage that was found on opening it.
    pub found: Vec<Damage>,
    /// What SQLite's integrity check says, or why it could not run.
    pub integrity: Vec<String>,
}

/// Looks into a damaged file read-only, changing nothing: without its -wal
/// and -shm files SQLite is told the file will not change (`immutable`), so
/// that it creates none; with them it reads them as usual.
pub fn inspect(path: &Path, damage: &Damage) -> Inspection {
    let found = vec![damage.clone()];
    let mut integrity = Vec::new();
    let missing = super::files::companions(path).iter().any(|c| !c.exists());
    let uri = format!("file:{}?mode=ro{}", uri_path(path), if missing { "&immutable=1" } else { "" });
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let said = match Connection::open_with_flags(&uri, flags) {
        Ok(conn) => integrity_findings(&conn),
        Err(e) => vec![e.to_string()],
    };
    // What opening it reported already is not said twice.
    integrity.extend(said.into_iter().filter(|l| !matches!(damage, Damage::Malformed(what) if what == l)));
    Inspection { found, integrity }
}

/// What SQLite's integrity check finds, a line each. A check that stops
/// on damage it cannot read past keeps what it found before, and says why
/// it stopped.
pub(super) fn integrity_findings(conn: &Connection) -> Vec<String> {
    let mut found = Vec::new();
    let mut step = || -> rusqlite::Result<()> {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            // One row may hold many findings.
            let text: String = row.get(0)?;
            found.extend(text.lines().filter(|l| *l != "ok").map(str::to_string));
        }
        Ok(())
    };
    if let Err(e) = step() {
        found.push(e.to_string());
    }
    found
}

/// A path as the path of a `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_cut_short_only_where_its_header_can_be_believed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut header = [0u8; 100];
        header[..16].copy_from_slice(b"SQLite format 3\0");
        header[16..18].copy_from_slice(&4096u16.to_be_bytes());
        header[28..32].copy_from_slice(&10u32.to_be_bytes());
        header[24..28].copy_from_slice(&7u32.to_be_bytes());
        header[92..96].copy_from_slice(&7u32.to_be_bytes());
        std::fs::write(&path, header).unwrap();
        assert_eq!(cut_short(&path, &header), Some(Damage::CutShort { size: 100, expected: 40_960 }));
        // The page count is stale (SQLite goes by the file's size then).
        let mut stale = header;
        stale[92..96].copy_from_slice(&6u32.to_be_bytes());
        assert_eq!(cut_short(&path, &stale), None);
        // The rest may still be in the write-ahead log.
        std::fs::write(dir.path().join("m.db-wal"), b"frames").unwrap();
        assert_eq!(cut_short(&path, &header), None);
        assert_eq!(cut_short(&path, &header[..50]), Some(Damage::CutShort { size: 100, expected: 100 }));
    }

    #[test]
    fn uri_paths_keep_their_meaning() {
        assert_eq!(uri_path(Path::new("/srv/a?b#c%d.db")), "/srv/a%3fb%23c%25d.db");
    }
}
