//! SQLite's settings and chores: the pragmas a connection is opened with,
//! overwriting deleted content, vacuuming, and readying a bulk load.

use std::cell::Cell;

use rusqlite::Connection;

use super::Result;
use crate::store::sql::Db;

pub(super) fn configure(conn: &Connection, read_only: bool) -> Result<()> {
    conn.busy_timeout(super::BUSY_WAIT)?;
    conn.set_prepared_statement_cache_capacity(64);
    // Plans do not depend on the values bound: a page's statement is not
    // prepared again each time the keyset cursor moves on.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    if !read_only {
        // Set once in the file; a read-only connection finds it there.
        conn.execute_batch("PRAGMA journal_mode = WAL;")?;
        // The -wal and -shm files stay when the last writer closes (emptied,
        // with the database's permissions), so that someone who may only
        // read never has to create them; see `files::before_open`.
        conn.file_control(Some(rusqlite::MAIN_DB), rusqlite::FileControl::PersistWal(&mut 1))?;
        conn.execute_batch("PRAGMA journal_size_limit = 67108864;")?;
    }
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA mmap_size = 4294967296;",
    )?;
    Ok(())
}

pub(super) fn secure_delete(conn: &Connection, on: bool) -> Result<()> {
    conn.execute_batch(if on { "PRAGMA secure_delete = ON" } else { "PRAGMA secure_delete = OFF" })?;
    Ok(())
}

/// Rebuilds the file so that no freed page holds old text, then copies the
/// write-ahead log into the file and empties it. Returns whether that could
/// be done: another process busy with the file at that moment keeps the old
/// pages until it is done (what was erased is committed either way).
pub(super) fn compact(conn: &Connection) -> Result<bool> {
    if let Err(e) = conn.execute_batch("VACUUM") {
        if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ) {
            return Ok(false);
        }
        return Err(e.into());
    }
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

/// The page cache a bulk load works with, in KiB: enough for the pages
/// the load appends to and the indexes' sorts, the same at any size of load
/// (the sorts spill to temporary files beyond it).
const BULK_CACHE_KIB: i64 = 64 * 1024;

/// Readies the connection for a bulk load, in bounded memory whatever its
/// size. Rows are indexed for search in one pass at the end: much faster
/// than a trigger per row. Into an empty database, the other indexes are
/// built once at the end too (sorting beats growing), each sort sharing its
/// work with a second thread and spilling to a temporary file beyond the
/// cache instead of growing in memory.
pub(super) fn begin_bulk(conn: &Connection, cache: &Cell<i64>, db: &dyn Db, empty: bool) -> Result<Vec<String>> {
    cache.set(conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?);
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    conn.execute_batch("PRAGMA temp_store = FILE; PRAGMA threads = 1;")?;
    db.execute_batch("DROP TRIGGER tickets_fts_insert")?;
    let mut restore = if empty { drop_indexes(db)? } else { Vec::new() };
    // Merged into one segment each: a search tested ticket by ticket seeks
    // through every segment's list of the word, 10 µs in one and up to
    // 300 µs in the nine a rebuild of a million tickets leaves.
    restore.push(
        "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
         INSERT INTO tickets_fts(tickets_fts) VALUES ('optimize');
         INSERT INTO open_tickets_fts(open_tickets_fts) VALUES ('optimize');
         CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
             INSERT INTO tickets_fts(rowid, title, description, reporter_name)
             VALUES (new.id, new.title, new.description, new.reporter_name);
         END;"
            .to_string(),
    );
    Ok(restore)
}

/// A page cache of `mib` for a long write transaction (an import read as
/// it goes): the pages it changes stay in memory instead of being written
/// out and read back, and what it holds stays bounded.
pub(super) fn begin_long_write(conn: &Connection, cache: &Cell<i64>, mib: i64) -> Result<()> {
    cache.set(conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?);
    conn.pragma_update(None, "cache_size", -mib * 1024)?;
    Ok(())
}

/// Into an empty database nobody else has open, a bulk load is written with
/// a rollback journal instead of the write-ahead log: a new page is then
/// written once (not to the log and again at the checkpoint), and the
/// indexes' and search index's passes at the end read it straight from the
/// file, where through the log each page read looks through every part of
/// the log written before it, slower the larger the load. When another
/// connection is reading the switch is refused and the log stays.
pub(super) fn begin_alone(conn: &Connection) -> Result<bool> {
    let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM tickets)", [], |r| r.get(0))?;
    if !empty || conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(false);
    }
    match conn.query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get::<_, String>(0)) {
        Ok(mode) => Ok(mode.eq_ignore_ascii_case("truncate")),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Back to the write-ahead log after `begin_alone`.
pub(super) fn end_alone(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA journal_mode = WAL;")?;
    Ok(())
}

/// Puts back what `begin_bulk` changed on the connection (`configure`'s settings).
pub(super) fn end_bulk(conn: &Connection, cache: &Cell<i64>) -> Result<()> {
    if cache.get() != 0 {
        conn.pragma_update(None, "cache_size", cache.get())?;
    }
    conn.execute_batch("PRAGMA temp_store = MEMORY; PRAGMA threads = 0;")?;
    Ok(())
}

/// Drops the indexes of tickets and events, returning the SQL that makes
/// them again (as the schema defines them).
fn drop_indexes(db: &dyn Db) -> Result<Vec<String>> {
    let mut stmt = db.prepare(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND tbl_name IN ('tickets', 'events') AND sql IS NOT NULL",
    )?;
    let indexes: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<crate::store::sql::Result<_>>()?;
    for (name, _) in &indexes {
        // The name comes from the schema itself, not from any user.
        db.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}
