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
use postgres::types::{FromSql, IsNull, Kind, ToSql, Type, to_sql_checked};

use super::params::{Rewritten, rewrite};
use crate::store::backend::Dialect;
use crate::store::sql::{self, Binding, Db, ErrorKind, RawRow, RawRows, RawStatement, Statement, ValueRef};

type BoxError = Box<dyn StdError + Sync + Send>;

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

/// A value that does not fit the column or parameter it meets.
#[derive(Debug)]
struct Conversion(String);

impl std::fmt::Display for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl StdError for Conversion {}

/// A parameter, written in the type the server asked for.
#[derive(Debug)]
struct Param<'a>(ValueRef<'a>);

fn integer_of(v: ValueRef<'_>) -> Result<i64, BoxError> {
    match v {
        ValueRef::Integer(n) => Ok(n),
        ValueRef::Real(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(f as i64),
        ValueRef::Text(t) => Ok(std::str::from_utf8(t)?.trim().parse()?),
        other => Err(Box::new(Conversion(format!("{other:?} where a number belongs")))),
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        let v = self.0;
        if v == ValueRef::Null {
            return Ok(IsNull::Yes);
        }
        match *ty {
            Type::INT8 => integer_of(v)?.to_sql(ty, out),
            Type::INT4 => i32::try_from(integer_of(v)?)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(integer_of(v)?)?.to_sql(ty, out),
            Type::BOOL => (integer_of(v)? != 0).to_sql(ty, out),
            Type::FLOAT8 | Type::FLOAT4 => {
                let f = match v {
                    ValueRef::Real(f) => f,
                    other => integer_of(other)? as f64,
                };
                if *ty == Type::FLOAT4 { (f as f32).to_sql(ty, out) } else { f.to_sql(ty, out) }
            }
            Type::BYTEA => match v {
                ValueRef::Blob(b) | ValueRef::Text(b) => b.to_sql(ty, out),
                other => Err(Box::new(Conversion(format!("{other:?} where bytes belong")))),
            },
            Type::JSONB => {
                out.extend_from_slice(&[1]);
                out.extend_from_slice(text_of(v)?.as_bytes());
                Ok(IsNull::No)
            }
            _ if is_text(ty) => {
                out.extend_from_slice(text_of(v)?.as_bytes());
                Ok(IsNull::No)
            }
            _ => Err(Box::new(Conversion(format!("a parameter of type {ty} is not supported")))),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn is_text(ty: &Type) -> bool {
    matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON)
        || matches!(ty.kind(), Kind::Domain(t) if is_text(t))
        || ty.name() == "citext"
}

fn text_of<'a>(v: ValueRef<'a>) -> Result<std::borrow::Cow<'a, str>, BoxError> {
    Ok(match v {
        ValueRef::Text(t) => std::borrow::Cow::Borrowed(std::str::from_utf8(t)?),
        ValueRef::Integer(n) => n.to_string().into(),
        ValueRef::Real(f) => f.to_string().into(),
        ValueRef::Blob(b) => std::borrow::Cow::Borrowed(std::str::from_utf8(b)?),
        ValueRef::Null => "".into(),
    })
}

/// A column's value as the store reads it.
struct Raw<'a>(ValueRef<'a>);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let fixed = |n: usize| -> Result<&'a [u8], BoxError> {
            if raw.len() == n { Ok(raw) } else { Err(Box::new(Conversion(format!("{ty} of {} bytes", raw.len())))) }
        };
        let v = match *ty {
            Type::BOOL => ValueRef::Integer((fixed(1)?[0] != 0) as i64),
            Type::INT2 => ValueRef::Integer(i16::from_be_bytes(fixed(2)?.try_into()?) as i64),
            Type::INT4 => ValueRef::Integer(i32::from_be_bytes(fixed(4)?.try_into()?) as i64),
            Type::OID => ValueRef::Integer(u32::from_be_bytes(fixed(4)?.try_into()?) as i64),
            Type::INT8 => ValueRef::Integer(i64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::FLOAT4 => ValueRef::Real(f32::from_be_bytes(fixed(4)?.try_into()?) as f64),
            Type::FLOAT8 => ValueRef::Real(f64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            Type::CHAR => ValueRef::Text(raw),
            _ if is_text(ty) => ValueRef::Text(raw),
            _ => return Err(Box::new(Conversion(format!("a column of type {ty} is not read")))),
        };
        Ok(Raw(v))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Raw(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A `numeric` (sums and averages): a whole number where it is one.
fn numeric(raw: &[u8]) -> Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> Result<i16, BoxError> {
        let b = raw.get(i * 2..i * 2 + 2).ok_or_else(|| Conversion("a numeric cut short".into()))?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    };
    let (digits, weight, sign) = (word(0)?.max(0) as usize, word(1)? as i32, word(2)? as u16);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let mut whole: Option<i128> = Some(0);
    let mut value = 0f64;
    for d in 0..digits {
        let digit = word(4 + d)? as i64;
        let power = weight - d as i32;
        value += digit as f64 * 10_000f64.powi(power);
        whole = match (whole, power) {
            (Some(w), p) if p >= 0 => 10_000i128
                .checked_pow(p as u32)
                .and_then(|m| m.checked_mul(digit as i128))
                .and_then(|x| w.checked_add(x)),
            (w, _) if digit == 0 => w,
            _ => None,
        };
    }
    let negative = sign == 0x4000;
    match whole.and_then(|w| i64::try_from(if negative { -w } else { w }).ok()) {
        Some(n) => Ok(ValueRef::Integer(n)),
        None => Ok(ValueRef::Real(if negative { -value } else { value })),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric_of(words: &[i16]) -> ValueRef<'static> {
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
        numeric(&bytes).unwrap()
    }

    #[test]
    fn sums_read_back_as_whole_numbers_and_averages_as_fractions() {
        // 12345678 = 1234 * 10000 + 5678
        assert_eq!(numeric_of(&[2, 1, 0, 0, 1234, 5678]), ValueRef::Integer(12_345_678));
        assert_eq!(numeric_of(&[1, 0, 0x4000, 0, 7]), ValueRef::Integer(-7));
        // 2.5 = 2 + 5000 / 10000
        assert_eq!(numeric_of(&[2, 0, 0, 1, 2, 5000]), ValueRef::Real(2.5));
        assert_eq!(numeric_of(&[0, 0, 0, 0]), ValueRef::Integer(0));
        assert!(numeric(&[0, 1]).is_err());
    }
}
