//! Identifying, creating and migrating the database file.

use chrono::Utc;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Result, StoreError};
use crate::output_file::{OutputFile, Rules};

/// `PRAGMA application_id` of a meldpunt database: "MLDP".
pub const APPLICATION_ID: i32 = 0x4D4C_4450;

/// Each migration brings the schema from its index to the next version.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_shared.sql"),
    include_str!("migrations/003_audit.sql"),
    include_str!("migrations/004_search_prefixes.sql"),
    include_str!("migrations/005_open_search.sql"),
];

pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(super) enum Prepared {
    /// A new or empty file: the whole schema must be created.
    Empty,
    Ready,
    /// An older meldpunt database, already backed up.
    Outdated {
        from: u32,
        backup: PathBuf,
    },
}

/// Looks at the file without changing it and decides what to do with it.
/// Checks the file; an older schema is backed up for migrating, unless the
/// file may not be written (`read_only`), which refuses it untouched.
pub(super) fn prepare(path: &Path, read_only: bool) -> Result<Prepared> {
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir).map_err(io)?;
            }
            return Ok(Prepared::Empty);
        }
        Err(e) => return Err(io(e)),
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header).map_err(io)?;
    if header.is_empty() {
        return Ok(Prepared::Empty);
    }
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotADatabase { path: path.to_path_buf(), engine: "SQLite" });
    }
    drop(file);
    // From here on it is a SQLite file: what cannot be read is damage.
    let damaged = |damage| StoreError::Damaged { path: path.to_path_buf(), damage };
    if let Some(damage) = super::damage::cut_short(path, &header) {
        return Err(damaged(damage));
    }

    let malformed = |e: rusqlite::Error| match super::damage::is_damage(&e) {
        true => damaged(crate::domain::storage::Damage::Malformed(e.to_string())),
        false => StoreError::from(e),
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(malformed)?;
    let read = |pragma: &str| -> Result<i64> { conn.query_row(pragma, [], |r| r.get(0)).map_err(malformed) };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    if app_id != APPLICATION_ID as i64 {
        if app_id == 0 && version == 0 && objects == 0 {
            return Ok(Prepared::Empty);
        }
        return Err(StoreError::Foreign { path: path.to_path_buf() });
    }
    let version = version as u32;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version == SCHEMA_VERSION {
        return Ok(Prepared::Ready);
    }
    if read_only {
        return Err(StoreError::ReadOnly);
    }
    let backup = backup_path(path, version);
    // Under a temporary name until it is complete: a killed run leaves no
    // empty or half `.bak` that looks like a copy.
    let protected = [path];
    let mode = super::maintenance::database_mode(path);
    // Earlier killed migrations left their copies under other names.
    if let Some(folder) = backup.parent() {
        crate::output_file::remove_stale_parts(folder, |part| is_migration_part(path, part));
    }
    let out = OutputFile::create(&backup, Rules { force: true, protected: &protected }, mode)?;
    super::files::set_mode(out.path(), mode).map_err(|source| StoreError::Io { path: backup.clone(), source })?;
    conn.backup(rusqlite::MAIN_DB, out.path(), None::<fn(rusqlite::backup::Progress)>)?;
    out.commit()?;
    Ok(Prepared::Outdated { from: version, backup })
}

/// Whether `part` is the name of an unfinished copy made before migrating
/// `path` (`.meldpunt.db.v1-20261123T101500.bak.XXXXXX.part`).
pub(crate) fn is_migration_part(path: &Path, part: &str) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    part.strip_prefix(&format!(".{name}.v")).is_some_and(|rest| rest.contains(".bak."))
}

/// `meldpunt.db` → `meldpunt.db.v1-20261123T101500.bak`, next to the original.
fn backup_path(path: &Path, version: u32) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{stamp}.bak"));
    path.with_file_name(name)
}

/// Brings the schema from `from` to the current version in one transaction.
pub(super) fn migrate(conn: &Connection, path: &Path, from: u32) -> Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated (or created) it while we waited for
    // the lock; a newer schema is still refused.
    let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: current, supported: SCHEMA_VERSION });
    }
    if current > from {
        if app_id != APPLICATION_ID {
            return Err(StoreError::Foreign { path: path.to_path_buf() });
        }
        return Ok(());
    }
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(tx.commit()?)
}
