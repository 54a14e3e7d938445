//! A second connection that reads the snapshot of the first, for a report
//! that reads a large part of the file on two cores at once: SQLite's
//! snapshot functions (compiled in by `.cargo/config.toml`).

use std::path::Path;
use std::ptr;

use rusqlite::{Connection, OpenFlags, ffi};

use super::{Result, housekeeping};
use crate::store::backend::Twin;
use crate::store::sql::Db;

struct SqliteTwin(Connection);

impl Twin for SqliteTwin {
    fn db(&self) -> &dyn Db {
        &self.0
    }
}

/// The snapshot a connection's read transaction sees, freed when dropped.
struct Snapshot(*mut ffi::sqlite3_snapshot);

impl Drop for Snapshot {
    fn drop(&mut self) {
        // SAFETY: made by sqlite3_snapshot_get and freed only here.
        unsafe { ffi::sqlite3_snapshot_free(self.0) }
    }
}

impl Snapshot {
    /// None when SQLite has none to give: the write-ahead log holds no
    /// change since it was last emptied (the file itself is read), or there
    /// is no log (a rollback journal).
    fn of(conn: &Connection) -> Option<Snapshot> {
        let mut snapshot = ptr::null_mut();
        // SAFETY: the handle is the live connection's; SQLite checks the
        // rest and answers an error code.
        let rc = unsafe { ffi::sqlite3_snapshot_get(conn.handle(), c"main".as_ptr(), &mut snapshot) };
        (rc == ffi::SQLITE_OK && !snapshot.is_null()).then_some(Snapshot(snapshot))
    }

    /// Starts `conn`'s read transaction (begun, nothing read yet) on this
    /// snapshot: false when it is no longer in the log.
    fn open_on(&self, conn: &Connection) -> bool {
        // SAFETY: both handles are live; the snapshot outlives the call.
        unsafe { ffi::sqlite3_snapshot_open(conn.handle(), c"main".as_ptr(), self.0) == ffi::SQLITE_OK }
    }
}

/// Whether the connection's read transaction on the file has begun (and no
/// write transaction, whose changes another connection would not see).
fn reading(conn: &Connection) -> bool {
    // SAFETY: the handle is the live connection's.
    let state = unsafe { ffi::sqlite3_txn_state(conn.handle(), c"main".as_ptr()) };
    state == ffi::SQLITE_TXN_READ
}

/// Starts the read transaction of a connection inside BEGIN.
fn first_read(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    Ok(())
}

/// Another connection to `path` reading what `conn` reads in its read
/// transaction; `None` when that cannot be made sure of.
pub(super) fn twin(conn: &Connection, path: &Path) -> Result<Option<Box<dyn Twin>>> {
    if conn.is_autocommit() {
        return Ok(None);
    }
    first_read(conn)?;
    if !reading(conn) {
        return Ok(None);
    }
    let shared = Snapshot::of(conn);
    let other = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    housekeeping::configure(&other, true)?;
    other.execute_batch("BEGIN DEFERRED")?;
    let same = match &shared {
        Some(snapshot) => snapshot.open_on(&other),
        None => {
            // The first connection reads the file itself: in WAL mode no
            // checkpoint writes to it while a reader of the file alone is
            // there, and with a rollback journal no one commits while anyone
            // reads. The second reads the same when it too finds no change
            // in a log; a commit in between would have left one.
            first_read(&other)?;
            Snapshot::of(&other).is_none()
        }
    };
    Ok(same.then(|| Box::new(SqliteTwin(other)) as Box<dyn Twin>))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(db: &dyn Db) -> i64 {
        db.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap()
    }

    /// A WAL file with rows in `t`; with `logged`, the last one still in the
    /// write-ahead log rather than in the file.
    fn file(dir: &Path, logged: bool) -> (std::path::PathBuf, Connection) {
        let path = dir.join("twin.db");
        let writer = Connection::open(&path).unwrap();
        housekeeping::configure(&writer, false).unwrap();
        writer.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);").unwrap();
        writer.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        if logged {
            writer.execute_batch("INSERT INTO t VALUES (3)").unwrap();
        }
        (path, writer)
    }

    #[test]
    fn the_twin_reads_what_the_first_connection_reads_while_others_commit() {
        for logged in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let (path, writer) = file(dir.path(), logged);
            let reader = Connection::open(&path).unwrap();
            reader.execute_batch("BEGIN").unwrap();
            let before = count(&reader);
            // Before the twin is made, and while it reads.
            writer.execute_batch("INSERT INTO t VALUES (4)").unwrap();
            let twin = twin(&reader, &path).unwrap();
            writer.execute_batch("INSERT INTO t VALUES (5)").unwrap();
            match twin {
                Some(twin) => assert_eq!(count(twin.db()), before, "logged: {logged}"),
                // With an empty log the commit in between cannot be seen
                // past: no twin then, and the report reads alone.
                None => assert!(!logged, "a snapshot in the log is shared"),
            }
            assert_eq!(count(&reader), before);
        }
    }

    #[test]
    fn with_nothing_committed_in_between_a_twin_is_made_whatever_the_log_holds() {
        for logged in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let (path, _writer) = file(dir.path(), logged);
            let reader = Connection::open(&path).unwrap();
            reader.execute_batch("BEGIN").unwrap();
            let before = count(&reader);
            let twin = twin(&reader, &path).unwrap().expect("a twin");
            assert_eq!(count(twin.db()), before);
        }
    }

    #[test]
    fn no_twin_outside_a_transaction_or_inside_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let (path, writer) = file(dir.path(), true);
        assert!(twin(&writer, &path).unwrap().is_none());
        writer.execute_batch("BEGIN IMMEDIATE; INSERT INTO t VALUES (9);").unwrap();
        assert!(twin(&writer, &path).unwrap().is_none(), "what is not committed is not seen by another");
    }
}
