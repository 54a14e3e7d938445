//! SQLite's online backup and integrity checks.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError};
use crate::domain::storage::CheckReport;
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

/// Copies the database to `to` with SQLite's online backup, from one
/// snapshot, while other processes keep reading and writing. An existing
/// file is overwritten only with `force`; a link, the database itself or
/// its journal files never. The copy is made under a temporary name
/// beside `to`, checked, and only then renamed to `to`.
pub(super) fn backup_to(conn: &Connection, path: &Path, to: &Path, force: bool) -> Result<()> {
    let protected = [path];
    let mode = database_mode(path);
    let out = OutputFile::create(to, Rules { force, protected: &protected }, mode)?;
    let io = |source| StoreError::Io { path: to.to_path_buf(), source };
    // The copy is as private as the database, whatever the umask.
    super::files::set_mode(out.path(), mode).map_err(io)?;
    let mut copy = Connection::open_with_flags(out.path(), OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    {
        let backup = Backup::new(conn, &mut copy)?;
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
    copy.close().map_err(|(_, e)| StoreError::from(e))?;
    if verdict != "ok" {
        // Dropped, the temporary copy is removed.
        return Err(StoreError::BackupDamaged(verdict));
    }
    out.commit()?;
    Ok(())
}

/// SQLite's full integrity check and the foreign-key check, with what
/// the file holds.
pub(super) fn check(conn: &Connection) -> Result<CheckReport> {
    let mut integrity = super::damage::integrity_findings(conn);
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let foreign_keys = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = |table: &str| -> Result<u64> {
        let sql = match table {
            "tickets" => "SELECT count(*) FROM tickets",
            _ => "SELECT count(*) FROM events",
        };
        Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
    };
    // A file too damaged for these reads says so among the problems
    // instead of hiding what the other checks found.
    let missing_triggers = super::soundness::missing_triggers(conn).unwrap_or_else(|e| {
        integrity.push(e.to_string());
        Vec::new()
    });
    let (wrong_values, more_wrong_values) = super::soundness::wrong_values(conn).unwrap_or_else(|e| {
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
