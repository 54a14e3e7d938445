//! The PostgreSQL engine beneath the store: a server the user names by a
//! URL or a conninfo, meldpunt's tables in a schema of their own, created
//! and migrated here; the postgres crate is used nowhere else.

mod connect;
mod db;
mod dialect;
mod libpq;
mod maintenance;
mod params;
mod schema;
mod tls;
mod values;

use std::path::{Path, PathBuf};

use super::backend::{Backend, Connect, Twin, Tx};
use super::sql::{self, Db};
use super::{Opened, Result, StoreError};
use crate::domain::storage::{CheckReport, OpenWarning};

pub use connect::Server;
pub use dialect::POSTGRES;
pub use libpq::{Env, is_server, redacted};

use db::PgConn;

/// The advisory lock every write transaction holds: writers take turns, as
/// on SQLite, so that what one read before it wrote is still true.
const WRITE_LOCK: i64 = 0x4D4C_4450;
/// How long a writer waits for the one before it.
const BUSY_WAIT: &str = "5s";
/// How long a commit whose connection went waits for the server to be back.
const RESTART_WAIT_SECS: u64 = 15;

/// An open connection to a meldpunt database on a PostgreSQL server.
pub struct Postgres {
    conn: PgConn,
    server: Server,
    opened: Opened,
    read_only: bool,
    /// The login the server authenticated.
    login: String,
    /// The server's number of the write transaction under way: after a
    /// connection lost while it committed, whether it did is asked by it.
    writing: std::cell::Cell<Option<i64>>,
}

impl Postgres {
    /// Connects to the server and readies meldpunt's schema: created in an
    /// empty database, migrated when older, refused untouched when newer or
    /// when the schema holds another program's tables.
    pub fn open(server: &Server, read_only: bool) -> Result<Postgres> {
        let conn = PgConn::open(server, &POSTGRES)?;
        let opened = schema::prepare(&conn, server, read_only)?;
        Postgres::on(conn, server.clone(), opened, read_only)
    }

    fn on(conn: PgConn, server: Server, opened: Opened, read_only: bool) -> Result<Postgres> {
        conn.set_up(&format!(
            "SET search_path TO {schema}, pg_catalog; SET default_transaction_read_only = {ro}",
            schema = schema::SCHEMA,
            ro = if read_only { "on" } else { "off" },
        ))?;
        let login: String = conn.db().query_row("SELECT session_user::text", [], |r| r.get(0))?;
        Ok(Postgres { conn, server, opened, read_only, login, writing: Default::default() })
    }

    /// The connection went while a write committed: connected again (for
    /// as long as a server takes to restart), the server says whether the
    /// transaction committed. Committed, it counts as done; otherwise it is
    /// as if it never ran, and the user saves again: nothing lost, nothing twice.
    fn committed_after_all(&self, txid: i64, lost: sql::Error) -> sql::Result<()> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(RESTART_WAIT_SECS);
        loop {
            if self.conn.reconnect().is_ok() {
                let status: Option<String> =
                    self.conn.db().query_row("SELECT txid_status(?1)", [txid], |r| r.get(0)).unwrap_or(None);
                return match status.as_deref() {
                    Some("committed") => Ok(()),
                    _ => {
                        self.conn.rolled_back();
                        Err(lost)
                    }
                };
            }
            if std::time::Instant::now() > until {
                self.conn.rolled_back();
                return Err(sql::Error::new(
                    sql::ErrorKind::ConnectionLost,
                    format!("{lost}; whether the last change was saved is not known until the server is back"),
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
    }

    fn begin(&self, sql: &str) -> sql::Result<Box<dyn Tx + '_>> {
        if self.conn.in_transaction() {
            return Err(sql::Error::new(sql::ErrorKind::Other, "cannot start a transaction within a transaction"));
        }
        match self.conn.batch(sql) {
            // A server that restarted since the last statement: once more, on a new connection.
            Err(e) if e.kind() == sql::ErrorKind::ConnectionLost => {
                self.conn.reconnect().map_err(|_| e)?;
                self.conn.batch(sql)?;
            }
            other => other?,
        }
        self.conn.began();
        Ok(Box::new(PgTx { pg: self, done: false }))
    }
}

struct PgTx<'c> {
    pg: &'c Postgres,
    done: bool,
}

impl Tx for PgTx<'_> {
    fn db(&self) -> &dyn Db {
        &self.pg.conn
    }

    fn commit(mut self: Box<Self>) -> sql::Result<()> {
        self.done = true;
        let writing = self.pg.writing.take();
        let committed = self.pg.conn.batch("COMMIT");
        self.pg.conn.ended();
        match (committed, writing) {
            (Err(e), Some(txid)) if e.kind() == sql::ErrorKind::ConnectionLost => self.pg.committed_after_all(txid, e),
            (Err(e), _) => {
                // A commit refused (a deferred reference) rolled it all back.
                self.pg.conn.rolled_back();
                Err(e)
            }
            (Ok(()), _) => Ok(()),
        }
    }
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.pg.writing.set(None);
            let _ = self.pg.conn.batch("ROLLBACK");
            self.pg.conn.ended();
            self.pg.conn.rolled_back();
        }
    }
}

/// Connects again to the same server, as the same login.
struct Reconnect {
    server: Server,
    read_only: bool,
}

impl Connect for Reconnect {
    fn open(&self) -> Result<Box<dyn Backend>> {
        let conn = PgConn::open(&self.server, &POSTGRES)?;
        Ok(Box::new(Postgres::on(conn, self.server.clone(), Opened::Current, self.read_only)?))
    }
}

impl Backend for Postgres {
    fn db(&self) -> &dyn Db {
        &self.conn
    }

    fn begin_read(&self) -> sql::Result<Box<dyn Tx + '_>> {
        self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ")
    }

    fn begin_write(&self) -> sql::Result<Box<dyn Tx + '_>> {
        let tx = self.begin(&format!("BEGIN; SET LOCAL lock_timeout = '{BUSY_WAIT}'"))?;
        if !self.read_only {
            let txid: i64 = self.conn.db().query_row(
                "SELECT txid_current() FROM (SELECT pg_advisory_xact_lock(?1)) AS locked",
                [WRITE_LOCK],
                |r| r.get(0),
            )?;
            self.writing.set(Some(txid));
        }
        Ok(tx)
    }

    fn change_stamp(&self) -> sql::Result<i64> {
        // Less its own moves: what this connection wrote itself leaves it.
        let stamp: i64 = self.conn.prepare_cached("SELECT stamp FROM mp_changes")?.query_row([], |r| r.get(0))?;
        Ok(stamp - self.conn.own_stamps())
    }

    fn own_changes(&self) -> u64 {
        self.conn.changes()
    }

    fn connector(&self) -> Box<dyn Connect> {
        Box::new(Reconnect { server: self.server.clone(), read_only: self.read_only })
    }

    fn twin(&self) -> Result<Option<Box<dyn Twin>>> {
        Ok(None)
    }

    fn location(&self) -> String {
        self.server.to_string()
    }

    fn locate(&self) -> Option<&Path> {
        None
    }

    fn own_files(&self) -> Vec<PathBuf> {
        Vec::new()
    }

    fn opened(&self) -> &Opened {
        &self.opened
    }

    fn warnings(&self) -> &[OpenWarning] {
        &[]
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn read_only_error(&self) -> StoreError {
        StoreError::ReadOnly
    }

    fn server_login(&self) -> Option<&str> {
        Some(&self.login)
    }

    fn grants_left(&self) -> Vec<String> {
        self.conn.grants_left()
    }

    fn backup_to(&self, to: &Path, force: bool) -> Result<()> {
        maintenance::backup_to(&self.server, to, force)
    }

    fn check(&self) -> Result<CheckReport> {
        schema::check(&self.conn)
    }

    fn analyze(&self) -> Result<()> {
        Ok(self.conn.batch("ANALYZE")?)
    }

    fn overwrite_deleted(&self, _on: bool) -> Result<()> {
        Ok(())
    }

    fn compact(&self) -> Result<bool> {
        // Outside a transaction: the server's vacuum frees what deleted rows held.
        if self.conn.in_transaction() {
            return Ok(false);
        }
        self.conn.batch("VACUUM")?;
        Ok(true)
    }

    fn copies_holding(&self, _mentions: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
        Vec::new()
    }

    /// Into an empty database, as the tables' owner: the indexes of tickets
    /// and events go for the load and are made again at its end, in the
    /// same transaction (each row then updates two keys, not thirty).
    fn begin_bulk(&self, db: &dyn Db, empty: bool) -> Result<Vec<String>> {
        let owner: bool = db.query_row(
            "SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass('tickets')",
            [],
            |r| r.get(0),
        )?;
        if !empty || !owner {
            return Ok(Vec::new());
        }
        let mut stmt = db.prepare(
            "SELECT quote_ident(i.indexname), i.indexdef FROM pg_indexes i
             WHERE i.schemaname = ?1 AND i.tablename IN ('tickets', 'events')
               AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
        )?;
        let indexes: Vec<(String, String)> =
            stmt.query_map([schema::SCHEMA], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<sql::Result<_>>()?;
        for (name, _) in &indexes {
            // The names come from the server's catalogue, quoted by it.
            db.execute_batch(&format!("DROP INDEX {}.{name}", schema::SCHEMA))?;
        }
        Ok(indexes.into_iter().map(|(_, made)| made).collect())
    }

    fn end_bulk(&self) -> Result<()> {
        Ok(())
    }

    fn begin_alone(&self) -> Result<bool> {
        Ok(false)
    }

    fn end_alone(&self) -> Result<()> {
        Ok(())
    }

    fn begin_long_write(&self, _mib: i64) -> Result<()> {
        Ok(())
    }
}
