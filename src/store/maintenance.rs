//! Keeping the file safe while people work: an online backup and an
//! integrity check.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};

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
    /// Triggers of the schema that are missing: dropped, the history or
    /// search index no longer guarded.
    pub missing_triggers: Vec<String>,
    /// Rows with a value of the wrong kind, and how many more than named.
    pub wrong_values: Vec<super::soundness::WrongValue>,
    pub more_wrong_values: u64,
    pub tickets: u64,
    pub events: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems() == 0
    }

    /// How many problems were found.
    pub fn problems(&self) -> usize {
        self.integrity.len()
            + self.foreign_keys.len()
            + self.missing_triggers.len()
            + self.wrong_values.len()
            + self.more_wrong_values as usize
    }
}

impl Store {
    /// Copies the database to `to` with SQLite's online backup, from one
    /// snapshot, while other processes keep reading and writing. An existing
    /// file is never overwritten. The copy is checked after.
    pub fn backup_to(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(StoreError::Exists(to.display().to_string()));
        }
        let io = |source| StoreError::Io { path: to.to_path_buf(), source };
        if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        let mut copy =
            Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
        // The copy is as private as the database, whatever the umask.
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(&self.path) {
            use std::os::unix::fs::PermissionsExt;
            super::files::set_mode(to, meta.permissions().mode() & 0o777).map_err(io)?;
        }
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
        if verdict != "ok" {
            drop(copy);
            let _ = std::fs::remove_file(to);
            return Err(StoreError::BackupDamaged(verdict));
        }
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
        // A file too damaged for these reads says so among the problems
        // instead of hiding what the other checks found.
        let missing_triggers = super::soundness::missing_triggers(&self.conn).unwrap_or_else(|e| {
            integrity.push(e.to_string());
            Vec::new()
        });
        let (wrong_values, more_wrong_values) = super::soundness::wrong_values(&self.conn).unwrap_or_else(|e| {
            integrity.push(e.to_string());
            (Vec::new(), 0)
        });
        Ok(CheckReport {
            integrity,
            foreign_keys,
            missing_triggers,
            wrong_values,
            more_wrong_values,
            tickets: count("tickets")?,
            events: count("events")?,
        })
    }
}
