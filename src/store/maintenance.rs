//! Keeping the file safe while people work: an online backup and an
//! integrity check.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};
use crate::output_file::{OutputFile, Rules};

/// The permission bits of the database file (`0600` if unknown): copies of
/// it are no less private.
pub(super) fn database_mode(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o600)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0o600
    }
}

/// Copy every page in one step: in WAL mode that is one read transaction,
/// a consistent snapshot that writers do not wait for. Copying in smaller
/// steps would start over after every write by another process, and on a
/// busy servicedesk might never finish.
const ALL_PAGES: i32 = -1;

/// What a check of the database found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Problems SQLite's integrity check found (none when the file is sound).
    pub integrity: Vec<String>,
    /// Rows that point at a row that does not exist: table, row, target table.
    pub foreign_keys: Vec<(String, i64, String)>,
    pub tickets: u64,
    pub events: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty()
    }
}

impl Store {
    /// Copies beside the database that an erase does not reach: the backups
    /// made before migrating (`.bak`) and unfinished `.part` files of runs
    /// that were killed, which may hold everything.
    pub fn copies_beside(&self) -> Vec<std::path::PathBuf> {
        let folder = match self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(folder) => folder.to_path_buf(),
            None => std::path::PathBuf::from("."),
        };
        let name = self.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let mut copies: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| {
                        let n = e.file_name().to_string_lossy().into_owned();
                        n.starts_with(&format!("{name}.v")) && n.ends_with(".bak")
                    })
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        copies.extend(crate::output_file::stale_parts(&folder, |_| true));
        copies.sort();
        copies
    }

    /// Copies the database to `to` with SQLite's online backup, from one
    /// snapshot, while other processes keep reading and writing. An existing
    /// file is overwritten only with `force`; a link, the database itself or
    /// its journal files never. The copy is made under a temporary name
    /// beside `to`, checked, and only then renamed to `to`.
    pub fn backup_to(&self, to: &Path, force: bool) -> Result<()> {
        let protected = [self.path.as_path()];
        let mode = database_mode(&self.path);
        let out = OutputFile::create(to, Rules { force, protected: &protected }, mode)?;
        let io = |source| StoreError::Io { path: to.to_path_buf(), source };
        // The copy is as private as the database, whatever the umask.
        super::files::set_mode(out.path(), mode).map_err(io)?;
        let mut copy = Connection::open_with_flags(out.path(), OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        {
            let backup = Backup::new(&self.conn, &mut copy)?;
            loop {
                match backup.step(ALL_PAGES)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // Someone holds a lock for a moment: wait and go on.
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        }
        let verdict: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        // Closing it folds its own journal back in: the file is whole.
        copy.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        if verdict != "ok" {
            // Dropped, the temporary copy is removed.
            return Err(StoreError::BackupDamaged(verdict));
        }
        out.commit()?;
        Ok(())
    }

    /// SQLite's full integrity check and the foreign-key check, with what
    /// the file holds.
    pub fn check(&self) -> Result<CheckReport> {
        let mut integrity = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let line: String = r.get(0)?;
            if line != "ok" {
                integrity.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_keys = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let count = |table: &str| -> Result<u64> {
            let sql = match table {
                "tickets" => "SELECT count(*) FROM tickets",
                _ => "SELECT count(*) FROM events",
            };
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(CheckReport { integrity, foreign_keys, tickets: count("tickets")?, events: count("events")? })
    }
}
