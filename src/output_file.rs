//! Writing a file the user named (`backup PATH`, `review export --output`,
//! the copy made before migrating): never over an existing file unless
//! asked, never through a symbolic link, never onto the database or its
//! journal files, and always through a temporary file in the same folder
//! that is renamed into place only when it is complete, so a failed or
//! killed run leaves nothing at the target.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written. The paths are as the user gave them.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} exists already; add --force to replace it")]
    Exists(PathBuf),
    #[error("{0} is a symbolic link; meldpunt does not write through links")]
    Symlink(PathBuf),
    #[error("{0} is the database itself or one of its journal files")]
    Database(PathBuf),
    #[error("{0} is not a regular file")]
    NotAFile(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// What may be replaced and what must be left alone.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    /// Replace an existing regular file (`--force`).
    pub force: bool,
    /// Database files that are never a target, with their `-wal`, `-shm`
    /// and `-journal`.
    pub protected: &'a [&'a Path],
}

/// The files SQLite keeps beside a database.
const COMPANIONS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// How the name of a file being written ends (`.NAME.XXXXXX.part`).
const PART: &str = ".part";
const RANDOM_LEN: usize = 6;

/// Removes the `.part` files in `folder` that `belongs` picks (by name) and
/// that no process is writing any more (the writer holds an exclusive lock
/// on its file until it is done, so one whose lock can be taken was left by
/// a run that was killed), with the `-journal`, `-wal` and `-shm` SQLite
/// made beside them. Anything that cannot be read or removed is left alone.
pub fn remove_stale_parts(folder: &Path, belongs: impl Fn(&str) -> bool) {
    for part in stale_parts(folder, belongs) {
        // Taken again: it must still be free at the moment it goes.
        let Ok(file) = File::open(&part) else { continue };
        if file.try_lock().is_err() {
            continue;
        }
        for suffix in COMPANIONS.iter().rev() {
            let mut name = part.as_os_str().to_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

/// The `.part` files in `folder` that `belongs` picks and that no process
/// holds: copies left by killed runs, which may hold all the data.
pub fn stale_parts(folder: &Path, belongs: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.ends_with(PART) && belongs(&name)
        })
        .map(|entry| entry.path())
        .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
        .filter(|path| File::open(path).is_ok_and(|file| file.try_lock().is_ok()))
        .collect();
    found.sort();
    found
}

/// A path with its folder resolved (the file itself may not exist yet),
/// so two spellings of one place compare equal.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => folder.canonicalize().ok()?,
        None => std::env::current_dir().ok()?,
    };
    Some(folder.join(name))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Whether `target` is (or would become) one of the database's files: the
/// same name in the same folder, or the same file under another name. A
/// database reached through a symbolic link keeps its `-wal`, `-shm` and
/// `-journal` beside the file the link points to, so those count as well.
fn is_database(target: &Path, existing: Option<&std::fs::Metadata>, database: &Path) -> bool {
    let mut bases = vec![database.to_path_buf()];
    if let Ok(real) = database.canonicalize()
        && real != database
    {
        bases.push(real);
    }
    bases.iter().any(|base| is_database_at(target, existing, base))
}

fn is_database_at(target: &Path, existing: Option<&std::fs::Metadata>, database: &Path) -> bool {
    let target_at = resolved(target);
    COMPANIONS.iter().any(|suffix| {
        let mut name = database.as_os_str().to_os_string();
        name.push(suffix);
        let companion = PathBuf::from(name);
        let same_name = target_at.is_some() && resolved(&companion) == target_at;
        let same_inode = match (existing, std::fs::metadata(&companion)) {
            (Some(a), Ok(b)) => same_file(a, &b),
            _ => false,
        };
        same_name || same_inode
    })
}

/// Checks `target` against the rules without touching anything.
pub fn check(target: &Path, rules: Rules) -> Result<(), WriteError> {
    let existing = match std::fs::symlink_metadata(target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(WriteError::Io { path: target.to_path_buf(), source }),
    };
    if existing.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError::Symlink(target.to_path_buf()));
    }
    if rules.protected.iter().any(|db| is_database(target, existing.as_ref(), db)) {
        return Err(WriteError::Database(target.to_path_buf()));
    }
    match existing {
        Some(meta) if !meta.is_file() => Err(WriteError::NotAFile(target.to_path_buf())),
        Some(_) if !rules.force => Err(WriteError::Exists(target.to_path_buf())),
        _ => Ok(()),
    }
}

/// A file being written: a temporary file beside the target, which only
/// [`OutputFile::commit`] puts in place. Dropped without that, it is
/// removed.
#[derive(Debug)]
pub struct OutputFile {
    target: PathBuf,
    force: bool,
    protected: Vec<PathBuf>,
    temp: tempfile::NamedTempFile,
}

impl OutputFile {
    /// Checks the target, creates its folder if needed and opens the
    /// temporary file, with permissions `mode` (less the umask); a file that
    /// is replaced keeps its own permissions.
    pub fn create(target: &Path, rules: Rules, mode: u32) -> Result<OutputFile, WriteError> {
        check(target, rules)?;
        let io = |source| WriteError::Io { path: target.to_path_buf(), source };
        let folder = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(folder) => {
                std::fs::create_dir_all(folder).map_err(io)?;
                folder.to_path_buf()
            }
            None => PathBuf::from("."),
        };
        let mode = std::fs::metadata(target).map(|m| permission_bits(&m)).unwrap_or(mode);
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.");
        remove_stale_parts(&folder, |part| {
            part.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(PART))
                .is_some_and(|random| random.len() == RANDOM_LEN && random.chars().all(|c| c.is_ascii_alphanumeric()))
        });
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(PART).rand_bytes(RANDOM_LEN);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let temp = builder.tempfile_in(&folder).map_err(io)?;
        // Held while the file is written: a later run sees it is not stale.
        temp.as_file().lock().map_err(io)?;
        Ok(OutputFile {
            target: target.to_path_buf(),
            force: rules.force,
            protected: rules.protected.iter().map(|p| p.to_path_buf()).collect(),
            temp,
        })
    }

    /// Where the temporary file is, for a writer that opens by path (SQLite).
    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Where it is going.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the file to disk and renames it onto the target. Without
    /// `force` a file that appeared at the target meanwhile is not replaced.
    pub fn commit(self) -> Result<(), WriteError> {
        let target = self.target;
        let io = |source| WriteError::Io { path: target.clone(), source };
        self.temp.as_file().sync_all().map_err(io)?;
        let protected: Vec<&Path> = self.protected.iter().map(PathBuf::as_path).collect();
        check(&target, Rules { force: self.force, protected: &protected })?;
        let placed = if self.force { self.temp.persist(&target) } else { self.temp.persist_noclobber(&target) };
        placed.map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => WriteError::Exists(target.clone()),
            _ => WriteError::Io { path: target.clone(), source: e.error },
        })?;
        // The rename itself lasts only once the folder is on disk too.
        if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(dir) = File::open(folder)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

#[cfg(unix)]
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn permission_bits(_: &std::fs::Metadata) -> u32 {
    0o666
}

/// Permissions of a document written for the user: what the umask allows.
pub const DOCUMENT_MODE: u32 = 0o666;

/// Writes `bytes` to `target` by the rules, all or nothing.
pub fn write(target: &Path, rules: Rules, bytes: &[u8]) -> Result<(), WriteError> {
    let mut out = OutputFile::create(target, rules, DOCUMENT_MODE)?;
    out.file().write_all(bytes).map_err(|source| WriteError::Io { path: target.to_path_buf(), source })?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: Rules = Rules { force: false, protected: &[] };
    const FORCE: Rules = Rules { force: true, protected: &[] };

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn a_new_file_is_written_and_an_existing_one_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.md");
        write(&target, FREE, b"one").unwrap();
        assert!(matches!(write(&target, FREE, b"two"), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
        write(&target, FORCE, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), ["out.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_refused_even_with_force_and_its_target_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for rules in [FREE, FORCE] {
            assert!(matches!(write(&link, rules, b"x"), Err(WriteError::Symlink(_))));
        }
        // A dangling link too: it would otherwise create its target.
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(write(&dangling, FREE, b"x"), Err(WriteError::Symlink(_))));
        assert!(!dir.path().join("nowhere").exists());
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }

    #[test]
    fn the_database_and_its_journal_files_are_refused_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("meldpunt.db");
        std::fs::write(&db, b"database").unwrap();
        let protected = [db.as_path()];
        let rules = Rules { force: true, protected: &protected };
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let other_spelling = sub.join("../meldpunt.db");
        let hard = dir.path().join("hard.db");
        std::fs::hard_link(&db, &hard).unwrap();
        for target in
            [db.clone(), other_spelling, hard, dir.path().join("meldpunt.db-wal"), dir.path().join("meldpunt.db-shm")]
        {
            assert!(matches!(write(&target, rules, b"x"), Err(WriteError::Database(_))), "{}", target.display());
        }
        assert_eq!(std::fs::read(&db).unwrap(), b"database");
        assert!(!dir.path().join("meldpunt.db-wal").exists());
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(write(dir.path(), FORCE, b"x"), Err(WriteError::NotAFile(_))));
    }

    #[test]
    fn an_unfinished_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.db");
        let mut out = OutputFile::create(&target, FREE, DOCUMENT_MODE).unwrap();
        out.file().write_all(b"half").unwrap();
        assert!(!target.exists(), "nothing at the target while writing");
        drop(out);
        assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
        write(&target, FREE, b"whole").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
    }

    #[test]
    fn a_later_write_clears_stale_parts_but_not_one_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.db");
        for name in [".b.db.Zz9xY1.part", ".b.db.Zz9xY1.part-journal", ".other.Zz9xY1.part", ".b.db.notmine"] {
            std::fs::write(dir.path().join(name), b"old data").unwrap();
        }
        let busy = OutputFile::create(&dir.path().join("b.db"), FREE, DOCUMENT_MODE).unwrap();
        let busy_name = busy.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(!dir.path().join(".b.db.Zz9xY1.part").exists());
        assert!(!dir.path().join(".b.db.Zz9xY1.part-journal").exists());
        // Another write to the same target leaves the one in progress alone.
        write(&target, FREE, b"whole").unwrap();
        let mut left = leftovers(dir.path());
        left.sort();
        let mut expected = vec![".b.db.notmine".to_string(), busy_name, ".other.Zz9xY1.part".into(), "b.db".into()];
        expected.sort();
        assert_eq!(left, expected);
        drop(busy);
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("race.md");
        let out = OutputFile::create(&target, FREE, DOCUMENT_MODE).unwrap();
        std::fs::write(&target, b"theirs").unwrap();
        assert!(matches!(out.commit(), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert_eq!(leftovers(dir.path()), ["race.md"]);
    }
}
