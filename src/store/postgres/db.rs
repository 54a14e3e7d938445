//! The neutral SQL access of `store::sql` on a PostgreSQL connection:
//! statements prepared once per text (the store's parameter marks rewritten
//! to `$n`), values bound by the type the server expects, rows read back as
//! the store's values.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc as Rc;
use std::sync::Arc;
use std::sync::atomic::Ordering as AtomicOrdering;

use postgres::error::SqlState;
use postgres::types::{Kind, ToSql, Type};

use super::params::{Rewritten, rewrite};
use super::values::{Conversion, Param, Raw};
use crate::store::backend::Dialect;
use crate::store::sql::{self, Binding, Db, ErrorKind, RawRow, RawRows, RawStatement, Statement, ValueRef};

/// A PostgreSQL error as the store's, its kind read from the SQLSTATE.
pub fn error(e: postgres::Error) -> sql::Error {
    let kind = match e.code() {
        _ if connection_lost(&e) => ErrorKind::ConnectionLost,
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED => {
            ErrorKind::Busy
        }
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE || *c == SqlState::QUERY_CANCELED => ErrorKind::Busy,
        Some(c) if c.code().starts_with("23") => ErrorKind::Constraint,
        Some(c) if *c == SqlState::READ_ONLY_SQL_TRANSACTION => ErrorKind::ReadOnly,
        Some(c) if *c == SqlState::DATA_CORRUPTED || *c == SqlState::INDEX_CORRUPTED => ErrorKind::Corrupt,
        _ if e.source().is_some_and(|s| s.is::<Conversion>()) => ErrorKind::Conversion,
        _ => ErrorKind::Other,
    };
    let message = match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    };
    sql::Error::new(kind, message)
}

/// Whether the error means the connection is gone: closed, broken, or
/// ended by the server shutting down or starting up.
pub fn connection_lost(e: &postgres::Error) -> bool {
    let shutting = [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW];
    e.is_closed()
        || e.code().is_some_and(|c| shutting.contains(c))
        || e.source().is_some_and(|s| s.is::<std::io::Error>())
}

/// A statement's text as prepared on the server, and how its parameters
/// are numbered.
struct Prepared {
    marks: Rewritten,
    /// Its result is bounded by a LIMIT: read whole, never through a cursor.
    limited: bool,
    /// Prepared with the types the server worked out; `None` where it could
    /// not, and the types of the values bound decide.
    statement: Option<postgres::Statement>,
}

/// A connection: the client, its statements, and what it wrote.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    /// Where it connects again after losing the connection, and what it
    /// says to the server first each time.
    server: super::Server,
    setup: RefCell<String>,
    cache: RefCell<HashMap<String, Rc<Prepared>>>,
    typed: RefCell<HashMap<(String, Vec<u32>), postgres::Statement>>,
    changes: Cell<u64>,
    /// The change stamp's moves by this connection's writes (committed or
    /// not), as the server told them; and those rolled back since.
    heard: Arc<super::connect::Heard>,
    unstamped: Cell<u64>,
    stamped_at_begin: Cell<u64>,
    /// Inside a transaction long results are read through cursors, each in
    /// a numbered slot while it is open.
    in_transaction: Cell<bool>,
    cursors: RefCell<Vec<bool>>,
    dialect: &'static dyn Dialect,
}

/// Rows a cursor hands over at a time: what a long read holds in memory.
const FETCH: usize = 1_000;

/// A type the server works out itself (a prepared parameter's "0").
fn unspecified() -> Type {
    Type::new("unspecified".into(), 0, Kind::Simple, "pg_catalog".into())
}

impl PgConn {
    /// A connection to `server`.
    pub fn open(server: &super::Server, dialect: &'static dyn Dialect) -> crate::store::Result<PgConn> {
        let heard = Arc::new(super::connect::Heard::default());
        let client = server.connect(heard.clone())?;
        Ok(PgConn {
            client: RefCell::new(client),
            server: server.clone(),
            setup: Default::default(),
            cache: Default::default(),
            typed: Default::default(),
            changes: Cell::new(0),
            heard,
            unstamped: Cell::new(0),
            stamped_at_begin: Cell::new(0),
            in_transaction: Cell::new(false),
            cursors: Default::default(),
            dialect,
        })
    }

    /// Says `sql` to the server now and after every reconnection.
    pub fn set_up(&self, sql: &str) -> sql::Result<()> {
        *self.setup.borrow_mut() = sql.to_string();
        self.batch(sql)
    }

    /// Whether the connection is gone.
    pub fn is_lost(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Connects again: a new session, its statements prepared anew.
    pub fn reconnect(&self) -> crate::store::Result<()> {
        let client = self.server.connect(self.heard.clone())?;
        *self.client.borrow_mut() = client;
        self.cache.borrow_mut().clear();
        self.typed.borrow_mut().clear();
        self.ended();
        let setup = self.setup.borrow().clone();
        if !setup.is_empty() {
            self.batch(&setup)?;
        }
        Ok(())
    }

    /// Outside a transaction, a lost connection is made again before the
    /// next statement; inside one, the transaction went with it.
    fn ready(&self) -> sql::Result<()> {
        if !self.is_lost() {
            return Ok(());
        }
        if self.in_transaction.get() {
            return Err(sql::Error::new(ErrorKind::ConnectionLost, "the transaction ended with the connection"));
        }
        self.reconnect().map_err(|e| sql::Error::new(ErrorKind::ConnectionLost, e.to_string()))
    }

    /// A transaction begins: what it moves is forgotten if it rolls back.
    pub fn began(&self) {
        self.stamped_at_begin.set(self.heard.stamps.load(AtomicOrdering::Relaxed));
        self.in_transaction.set(true);
    }

    /// Whether a transaction is open on the connection.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction.get()
    }

    /// The transaction ended, and its cursors with it.
    pub fn ended(&self) {
        self.in_transaction.set(false);
        self.cursors.borrow_mut().iter_mut().for_each(|open| *open = false);
    }

    pub fn rolled_back(&self) {
        let since = self.heard.stamps.load(AtomicOrdering::Relaxed) - self.stamped_at_begin.get();
        self.unstamped.set(self.unstamped.get() + since);
    }

    /// The GRANTs and REVOKEs the server's owner could not make, taken.
    pub fn grants_left(&self) -> Vec<String> {
        std::mem::take(&mut *self.heard.grants.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// How far this connection's committed writes moved the change stamp.
    pub fn own_stamps(&self) -> i64 {
        (self.heard.stamps.load(AtomicOrdering::Relaxed) - self.unstamped.get()) as i64
    }

    /// The connection as the store's modules use it.
    pub fn db(&self) -> &dyn Db {
        self
    }

    /// How many rows this connection's statements changed.
    pub fn changes(&self) -> u64 {
        self.changes.get()
    }

    fn prepared(&self, sql: &str) -> sql::Result<Rc<Prepared>> {
        self.ready()?;
        if let Some(p) = self.cache.borrow().get(sql) {
            return Ok(p.clone());
        }
        let marks = rewrite(sql);
        let statement = match self.client.borrow_mut().prepare(&marks.sql) {
            Ok(s) => Some(s),
            Err(e) if e.code() == Some(&SqlState::INDETERMINATE_DATATYPE) => None,
            Err(e) => return Err(error(e)),
        };
        let limited = marks.sql.to_ascii_uppercase().contains("LIMIT");
        let p = Rc::new(Prepared { marks, statement, limited });
        self.cache.borrow_mut().insert(sql.to_string(), p.clone());
        Ok(p)
    }

    /// A cursor's slot: the lowest one not in use.
    fn open_cursor(&self) -> usize {
        let mut slots = self.cursors.borrow_mut();
        match slots.iter().position(|open| !open) {
            Some(i) => {
                slots[i] = true;
                i
            }
            None => {
                slots.push(true);
                slots.len() - 1
            }
        }
    }

    /// Gives the slot back, closing its cursor on the server when `declared`
    /// (and the transaction, which closes every cursor, is still open).
    fn close_cursor(&self, slot: usize, declared: bool) {
        let open = std::mem::replace(&mut self.cursors.borrow_mut()[slot], false);
        if declared && open && self.in_transaction.get() {
            let _ = self.client.borrow_mut().batch_execute(&format!("CLOSE mp_cursor_{slot}"));
        }
    }

    /// A statement already rewritten (a cursor over a rewritten query),
    /// numbered as `marks` number it.
    fn prepared_rewritten(&self, sql: &str, marks: &Rewritten) -> sql::Result<Arc<Prepared>> {
        if let Some(p) = self.cache.borrow().get(sql) {
            return Ok(p.clone());
        }
        let statement = match self.client.borrow_mut().prepare(sql) {
            Ok(s) => Some(s),
            Err(e) if e.code() == Some(&SqlState::INDETERMINATE_DATATYPE) => None,
            Err(e) => return Err(error(e)),
        };
        let marks = Rewritten { sql: sql.to_string(), names: marks.names.clone(), count: marks.count };
        let p = Arc::new(Prepared { marks, statement, limited: true });
        self.cache.borrow_mut().insert(sql.to_string(), p.clone());
        Ok(p)
    }

    /// The statement for these values: as prepared, or typed by the values.
    fn statement_for(&self, p: &Prepared, values: &[ValueRef<'_>]) -> sql::Result<postgres::Statement> {
        if let Some(s) = &p.statement {
            return Ok(s.clone());
        }
        let types: Vec<Type> = values
            .iter()
            .map(|v| match v {
                ValueRef::Integer(_) => Type::INT8,
                ValueRef::Real(_) => Type::FLOAT8,
                ValueRef::Text(_) => Type::TEXT,
                ValueRef::Blob(_) => Type::BYTEA,
                ValueRef::Null => unspecified(),
            })
            .collect();
        let key = (p.marks.sql.clone(), types.iter().map(Type::oid).collect::<Vec<_>>());
        if let Some(s) = self.typed.borrow().get(&key) {
            return Ok(s.clone());
        }
        let s = self.client.borrow_mut().prepare_typed(&p.marks.sql, &types).map_err(error)?;
        self.typed.borrow_mut().insert(key, s.clone());
        Ok(s)
    }

    /// Runs statements of the server's own, without parameters.
    pub fn batch(&self, sql: &str) -> sql::Result<()> {
        self.ready()?;
        self.client.borrow_mut().batch_execute(sql).map_err(error)?;
        self.changes.set(self.changes.get() + 1);
        Ok(())
    }
}

/// The values in the order of the statement's numbers; a name not bound is null.
fn ordered<'v>(marks: &Rewritten, params: Binding<'v>) -> sql::Result<Vec<ValueRef<'v>>> {
    match params {
        Binding::Positional(values) => {
            if values.len() != marks.count {
                return Err(sql::Error::new(
                    ErrorKind::Other,
                    format!("{} parameters given where the statement takes {}", values.len(), marks.count),
                ));
            }
            values.iter().map(|v| v.to_sql()).collect()
        }
        Binding::Named(values) => {
            let mut out = vec![ValueRef::Null; marks.count];
            for (name, v) in values {
                let Some(i) = marks.index_of(name) else {
                    return Err(sql::Error::new(ErrorKind::Other, format!("the statement takes no parameter {name}")));
                };
                out[i] = v.to_sql()?;
            }
            Ok(out)
        }
    }
}

struct PgStatement<'c> {
    conn: &'c PgConn,
    prepared: Rc<Prepared>,
}

impl PgStatement<'_> {
    fn run<T>(
        &self,
        params: Binding<'_>,
        f: impl FnOnce(&mut postgres::Client, &postgres::Statement, &[&(dyn ToSql + Sync)]) -> Result<T, postgres::Error>,
    ) -> sql::Result<T> {
        let values = ordered(&self.prepared.marks, params)?;
        let statement = self.conn.statement_for(&self.prepared, &values)?;
        let params: Vec<Param<'_>> = values.into_iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let mut client = self.conn.client.borrow_mut();
        f(&mut client, &statement, &refs).map_err(error)
    }
}

impl RawStatement for PgStatement<'_> {
    fn execute(&mut self, params: Binding<'_>) -> sql::Result<usize> {
        let n = self.run(params, |c, s, p| c.execute(s, p))?;
        self.conn.changes.set(self.conn.changes.get() + n);
        Ok(n as usize)
    }

    /// Inside a transaction, a query without a LIMIT is read through a
    /// cursor, a thousand rows at a time, however long its result: a report
    /// or an export of a million tickets holds a page of them, not all.
    fn query(&mut self, params: Binding<'_>) -> sql::Result<Box<dyn RawRows + '_>> {
        if !self.conn.in_transaction.get() || self.prepared.limited {
            return self.query_few(params);
        }
        let slot = self.conn.open_cursor();
        let declare = format!("DECLARE mp_cursor_{slot} NO SCROLL CURSOR FOR {}", self.prepared.marks.sql);
        let result = (|| {
            let values = ordered(&self.prepared.marks, params)?;
            let declared = self.conn.prepared_rewritten(&declare, &self.prepared.marks)?;
            let statement = self.conn.statement_for(&declared, &values)?;
            let params: Vec<Param<'_>> = values.into_iter().map(Param).collect();
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
            self.conn.client.borrow_mut().execute(&statement, &refs).map_err(error)
        })();
        if let Err(e) = result {
            self.conn.close_cursor(slot, false);
            return Err(e);
        }
        Ok(Box::new(Cursor { conn: self.conn, slot, rows: Vec::new().into_iter(), current: None, done: false }))
    }

    fn query_few(&mut self, params: Binding<'_>) -> sql::Result<Box<dyn RawRows + '_>> {
        let rows = self.run(params, |c, s, p| c.query(s, p))?;
        Ok(Box::new(PgRows { rows: rows.into_iter(), current: None }))
    }

    fn has_parameter(&self, name: &str) -> bool {
        self.prepared.marks.index_of(name).is_some()
    }
}

/// The rows of a cursor, fetched a batch at a time; closed when dropped.
struct Cursor<'c> {
    conn: &'c PgConn,
    slot: usize,
    rows: std::vec::IntoIter<postgres::Row>,
    current: Option<postgres::Row>,
    done: bool,
}

impl RawRows for Cursor<'_> {
    fn next_row(&mut self) -> sql::Result<Option<&dyn RawRow>> {
        self.current = self.rows.next();
        if self.current.is_none() && !self.done {
            // Prepared anew each time: the slot's cursor of another time had other columns.
            let fetch = format!("FETCH {FETCH} FROM mp_cursor_{}", self.slot);
            let rows = self.conn.client.borrow_mut().query(fetch.as_str(), &[]).map_err(error)?;
            self.done = rows.len() < FETCH;
            self.rows = rows.into_iter();
            self.current = self.rows.next();
        }
        Ok(self.current.as_ref().map(|r| r as &dyn RawRow))
    }
}

impl Drop for Cursor<'_> {
    fn drop(&mut self) {
        self.conn.close_cursor(self.slot, true);
    }
}

struct PgRows {
    rows: std::vec::IntoIter<postgres::Row>,
    current: Option<postgres::Row>,
}

impl RawRows for PgRows {
    fn next_row(&mut self) -> sql::Result<Option<&dyn RawRow>> {
        self.current = self.rows.next();
        Ok(self.current.as_ref().map(|r| r as &dyn RawRow))
    }
}

impl RawRow for postgres::Row {
    fn value(&self, idx: usize) -> sql::Result<ValueRef<'_>> {
        if idx >= self.len() {
            return Err(sql::Error::new(ErrorKind::Other, format!("no column {idx}")));
        }
        self.try_get::<_, Raw<'_>>(idx).map(|r| r.0).map_err(error)
    }
}

impl Db for PgConn {
    fn prepare_cached(&self, sql: &str) -> sql::Result<Statement<'_>> {
        let prepared = self.prepared(sql)?;
        Ok(Statement::new(Box::new(PgStatement { conn: self, prepared })))
    }

    fn prepare(&self, sql: &str) -> sql::Result<Statement<'_>> {
        self.prepare_cached(sql)
    }

    fn execute_batch(&self, sql: &str) -> sql::Result<()> {
        self.batch(sql)
    }

    fn dialect(&self) -> &'static dyn Dialect {
        self.dialect
    }
}
