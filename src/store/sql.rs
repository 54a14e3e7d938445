//! The SQL access the store's modules use, whatever engine runs beneath:
//! statements (cached by the engine), parameters, rows and values, and one
//! error type with the kinds the store reacts to. An engine implements
//! [`Db`], [`RawStatement`], [`RawRows`] and [`RawRow`]; everything else
//! here is written once on top of them.
//!
//! Statements mark their parameters in one of two ways, the same for every
//! engine: numbered (`?1`, `?2`, bound with `params!` or a slice) or named
//! (`:name`, bound with `named_params!`); never a bare `?`. An engine whose
//! client marks them otherwise (PostgreSQL's `$1`) rewrites them as it
//! prepares a statement, so nothing above the engine changes.

use std::fmt;

/// A value as the store stores it: numbers, text, bytes or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A value borrowed from a row or a parameter, without copying it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl ValueRef<'_> {
    pub fn to_owned(self) -> Value {
        match self {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Integer(n),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            ValueRef::Null => "null",
            ValueRef::Integer(_) => "integer",
            ValueRef::Real(_) => "real",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "blob",
        }
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Integer(b as i64)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// What went wrong, as far as the store tells the cases apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Another connection holds the lock.
    Busy,
    /// A constraint or a trigger refused the change.
    Constraint,
    /// The file or server is not a database of this engine.
    NotADatabase,
    /// The database is malformed.
    Corrupt,
    /// A query for one row found none.
    NoRows,
    /// A value of a column could not be read as the type asked for.
    Conversion,
    /// The database refuses writes.
    ReadOnly,
    /// The connection to a database server was lost; it is made again at
    /// the next use, and what was not committed was not kept.
    ConnectionLost,
    Other,
}

/// An error of the database engine, named by kind, worded by the engine.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), source: None }
    }

    /// An engine's error kept as the source, worded as it words it.
    pub fn from_engine(kind: ErrorKind, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error { kind, message: source.to_string(), source: Some(Box::new(source)) }
    }

    /// A column `idx` holding something that is not what it should be.
    pub fn conversion(idx: usize, problem: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Conversion, format!("column {idx}: {problem}"))
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn is_busy(&self) -> bool {
        self.kind == ErrorKind::Busy
    }

    /// The database is malformed or not one at all.
    pub fn is_damage(&self) -> bool {
        matches!(self.kind, ErrorKind::Corrupt | ErrorKind::NotADatabase)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value that can be bound as a parameter.
pub trait ToSql {
    fn to_sql(&self) -> Result<ValueRef<'_>>;
}

/// A type a column's value can be read as.
pub trait FromSql: Sized {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String>;
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> Result<ValueRef<'_>> {
                i64::try_from(*self)
                    .map(ValueRef::Integer)
                    .map_err(|_| Error::new(ErrorKind::Other, format!("{} is too large to store", self)))
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
                match value {
                    ValueRef::Integer(n) => <$t>::try_from(n).map_err(|_| format!("{n} is out of range")),
                    other => Err(format!("{} where a number belongs", other.kind())),
                }
            }
        }
    )*};
}

integer!(i64, i32, u32, u16, u8, u64, usize);

impl ToSql for bool {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Integer(*self as i64))
    }
}

impl FromSql for bool {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        i64::column_result(value).map(|n| n != 0)
    }
}

impl ToSql for f64 {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Real(*self))
    }
}

impl FromSql for f64 {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Integer(n) => Ok(n as f64),
            ValueRef::Real(f) => Ok(f),
            other => Err(format!("{} where a number belongs", other.kind())),
        }
    }
}

impl ToSql for str {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Text(self.as_bytes()))
    }
}

impl ToSql for String {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Text(self.as_bytes()))
    }
}

impl FromSql for String {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Text(t) => std::str::from_utf8(t).map(str::to_string).map_err(|e| e.to_string()),
            other => Err(format!("{} where text belongs", other.kind())),
        }
    }
}

impl ToSql for [u8] {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Blob(self))
    }
}

impl ToSql for Vec<u8> {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(ValueRef::Blob(self))
    }
}

impl FromSql for Vec<u8> {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            other => Err(format!("{} where bytes belong", other.kind())),
        }
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(*n),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        })
    }
}

impl FromSql for Value {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        Ok(value.to_owned())
    }
}

impl ToSql for ValueRef<'_> {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        Ok(*self)
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        match self {
            Some(v) => v.to_sql(),
            None => Ok(ValueRef::Null),
        }
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn column_result(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::column_result(other).map(Some),
        }
    }
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> Result<ValueRef<'_>> {
        (**self).to_sql()
    }
}

/// Parameters as the engine receives them: by position (1, 2, ...) or by name (`:name`).
#[derive(Clone, Copy)]
pub enum Binding<'p> {
    Positional(&'p [&'p dyn ToSql]),
    Named(&'p [(&'p str, &'p dyn ToSql)]),
}

/// What can be passed as a statement's parameters.
pub trait Params {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R;
}

impl Params for [&dyn ToSql; 0] {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
        f(Binding::Positional(&[]))
    }
}

impl Params for &[&dyn ToSql] {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
        f(Binding::Positional(self))
    }
}

impl Params for &[(&str, &dyn ToSql)] {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
        f(Binding::Named(self))
    }
}

impl Params for &[(&str, Value)] {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
        let named: Vec<(&str, &dyn ToSql)> = self.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect();
        f(Binding::Named(&named))
    }
}

impl Params for &[Value] {
    fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
        let refs: Vec<&dyn ToSql> = self.iter().map(|v| v as &dyn ToSql).collect();
        f(Binding::Positional(&refs))
    }
}

macro_rules! arrays {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn bind<R>(self, f: impl FnOnce(Binding<'_>) -> R) -> R {
                let refs: [&dyn ToSql; $n] = self.each_ref().map(|v| v as &dyn ToSql);
                f(Binding::Positional(&refs))
            }
        }
    )*};
}

arrays!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// Positional parameters of different types: `params![id, name]`.
#[macro_export]
#[doc(hidden)]
macro_rules! __store_params {
    () => { &[] as &[&dyn $crate::store::sql::ToSql] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::sql::ToSql),+] as &[&dyn $crate::store::sql::ToSql] };
}

/// Named parameters: `named_params! { ":id": id }`.
#[macro_export]
#[doc(hidden)]
macro_rules! __store_named_params {
    () => { &[] as &[(&str, &dyn $crate::store::sql::ToSql)] };
    ($($name:literal: $p:expr),+ $(,)?) => {
        &[$(($name, &$p as &dyn $crate::store::sql::ToSql)),+] as &[(&str, &dyn $crate::store::sql::ToSql)]
    };
}

pub use crate::__store_named_params as named_params;
pub use crate::__store_params as params;

/// One row of a result, as an engine hands it out.
pub trait RawRow {
    fn value(&self, idx: usize) -> Result<ValueRef<'_>>;
}

/// The rows of a running query, one at a time.
pub trait RawRows {
    fn next_row(&mut self) -> Result<Option<&dyn RawRow>>;
}

/// A prepared statement of an engine.
pub trait RawStatement {
    fn execute(&mut self, params: Binding<'_>) -> Result<usize>;
    fn query(&mut self, params: Binding<'_>) -> Result<Box<dyn RawRows + '_>>;
    /// A query expected to give one row or a few (`query_row`, `exists`):
    /// an engine that streams long results may read these whole.
    fn query_few(&mut self, params: Binding<'_>) -> Result<Box<dyn RawRows + '_>> {
        self.query(params)
    }
    /// Whether the statement takes a parameter of this name.
    fn has_parameter(&self, name: &str) -> bool;
}

/// A connection, or a transaction on one: everything the store's modules
/// need to run their SQL.
pub trait Db {
    /// A statement the engine keeps prepared for the next use of the same text.
    fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>>;
    /// A statement for this once (a rare one that should not push the
    /// frequent ones out of the cache).
    fn prepare(&self, sql: &str) -> Result<Statement<'_>>;
    /// Runs statements without parameters or results, one after another.
    fn execute_batch(&self, sql: &str) -> Result<()>;
    /// What differs in this engine's SQL.
    fn dialect(&self) -> &'static dyn super::backend::Dialect;
}

/// A column's position in a row.
pub trait RowIndex {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// A row of a result: its values by position.
pub struct Row<'a>(&'a dyn RawRow);

impl Row<'_> {
    /// The value at `idx` (from 0) as `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        T::column_result(self.0.value(idx)?).map_err(|e| Error::conversion(idx, e))
    }

    /// The value at `idx` as it is, borrowed.
    pub fn get_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        self.0.value(idx)
    }
}

/// The rows of a query, read one by one.
pub struct Rows<'s>(Box<dyn RawRows + 's>);

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        Ok(self.0.next_row()?.map(Row))
    }
}

/// The rows of a query, each turned into a value by `f`.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// A prepared statement.
pub struct Statement<'c>(Box<dyn RawStatement + 'c>);

impl<'c> Statement<'c> {
    pub fn new(raw: Box<dyn RawStatement + 'c>) -> Statement<'c> {
        Statement(raw)
    }

    /// Runs it; how many rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        params.bind(|b| self.0.execute(b))
    }

    pub fn query(&mut self, params: impl Params) -> Result<Rows<'_>> {
        let raw = &mut self.0;
        params.bind(|b| raw.query(b)).map(Rows)
    }

    pub fn query_map<T, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: impl Params,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows { rows: self.query(params)?, f })
    }

    /// The first row turned into a value; an error of kind `NoRows` when there is none.
    pub fn query_row<T>(&mut self, params: impl Params, f: impl FnOnce(&Row<'_>) -> Result<T>) -> Result<T> {
        let raw = &mut self.0;
        let mut rows = params.bind(|b| raw.query_few(b)).map(Rows)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::new(ErrorKind::NoRows, "no row was found")),
        }
    }

    pub fn exists(&mut self, params: impl Params) -> Result<bool> {
        let raw = &mut self.0;
        let mut rows = params.bind(|b| raw.query_few(b)).map(Rows)?;
        Ok(rows.next()?.is_some())
    }

    pub fn has_parameter(&self, name: &str) -> bool {
        self.0.has_parameter(name)
    }
}

impl dyn Db + '_ {
    // Prepared once and not kept, as a connection's own `execute` and
    // `query_row` do: the cache stays for the statements run often.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    pub fn query_row<T>(&self, sql: &str, params: impl Params, f: impl FnOnce(&Row<'_>) -> Result<T>) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }
}

/// `None` instead of an error when a query for one row found none.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.kind == ErrorKind::NoRows => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_their_types_and_refuse_others() {
        assert_eq!(i64::column_result(ValueRef::Integer(7)), Ok(7));
        assert!(i64::column_result(ValueRef::Text(b"7")).is_err());
        assert_eq!(u8::column_result(ValueRef::Integer(300)).ok(), None);
        assert_eq!(Option::<String>::column_result(ValueRef::Null), Ok(None));
        assert_eq!(String::column_result(ValueRef::Text(b"caf\xc3\xa9")).as_deref(), Ok("café"));
        assert_eq!(f64::column_result(ValueRef::Integer(2)), Ok(2.0));
        assert!(u64::MAX.to_sql().is_err());
    }

    #[test]
    fn a_missing_row_is_none_only_when_asked() {
        let missing: Result<i64> = Err(Error::new(ErrorKind::NoRows, "none"));
        assert_eq!(missing.optional().unwrap(), None);
        let busy: Result<i64> = Err(Error::new(ErrorKind::Busy, "locked"));
        assert!(busy.optional().unwrap_err().is_busy());
    }
}
