//! The neutral SQL access of `store::sql` on a rusqlite connection: cached
//! statements, parameters bound without copying, rows read in place.

use rusqlite::types::ToSqlOutput;

use crate::store::backend::Dialect;
use crate::store::sql::{self, Binding, Db, ErrorKind, RawRow, RawRows, RawStatement, Statement, ValueRef};

/// A rusqlite error as the store's, its kind read from SQLite's code.
pub fn error(e: rusqlite::Error) -> sql::Error {
    use rusqlite::ErrorCode as C;
    let kind = match (&e, e.sqlite_error_code()) {
        (_, Some(C::DatabaseBusy | C::DatabaseLocked)) => ErrorKind::Busy,
        (_, Some(C::ConstraintViolation)) => ErrorKind::Constraint,
        (_, Some(C::NotADatabase)) => ErrorKind::NotADatabase,
        (_, Some(C::DatabaseCorrupt)) => ErrorKind::Corrupt,
        (_, Some(C::ReadOnly)) => ErrorKind::ReadOnly,
        (rusqlite::Error::QueryReturnedNoRows, _) => ErrorKind::NoRows,
        (
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..),
            _,
        ) => ErrorKind::Conversion,
        _ => ErrorKind::Other,
    };
    sql::Error::from_engine(kind, e)
}

fn from_rusqlite(v: rusqlite::types::ValueRef<'_>) -> ValueRef<'_> {
    use rusqlite::types::ValueRef as R;
    match v {
        R::Null => ValueRef::Null,
        R::Integer(n) => ValueRef::Integer(n),
        R::Real(f) => ValueRef::Real(f),
        R::Text(t) => ValueRef::Text(t),
        R::Blob(b) => ValueRef::Blob(b),
    }
}

fn to_rusqlite(v: ValueRef<'_>) -> rusqlite::types::ValueRef<'_> {
    use rusqlite::types::ValueRef as R;
    match v {
        ValueRef::Null => R::Null,
        ValueRef::Integer(n) => R::Integer(n),
        ValueRef::Real(f) => R::Real(f),
        ValueRef::Text(t) => R::Text(t),
        ValueRef::Blob(b) => R::Blob(b),
    }
}

/// A parameter handed to rusqlite as it is, borrowed.
struct Param<'a>(&'a dyn sql::ToSql);

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let v = self.0.to_sql().map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(ToSqlOutput::Borrowed(to_rusqlite(v)))
    }
}

impl RawRow for rusqlite::Row<'_> {
    fn value(&self, idx: usize) -> sql::Result<ValueRef<'_>> {
        self.get_ref(idx).map(from_rusqlite).map_err(error)
    }
}

impl RawRows for rusqlite::Rows<'_> {
    fn next_row(&mut self) -> sql::Result<Option<&dyn RawRow>> {
        Ok(self.next().map_err(error)?.map(|r| r as &dyn RawRow))
    }
}

/// A statement from the connection's cache (returned to it when dropped) or for once.
enum Stmt<'c> {
    Cached(rusqlite::CachedStatement<'c>),
    Once(rusqlite::Statement<'c>),
}

impl<'c> std::ops::Deref for Stmt<'c> {
    type Target = rusqlite::Statement<'c>;

    fn deref(&self) -> &Self::Target {
        match self {
            Stmt::Cached(s) => s,
            Stmt::Once(s) => s,
        }
    }
}

impl std::ops::DerefMut for Stmt<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Stmt::Cached(s) => s,
            Stmt::Once(s) => s,
        }
    }
}

impl Stmt<'_> {
    fn bind(&mut self, params: Binding<'_>) -> sql::Result<()> {
        match params {
            Binding::Positional(values) => {
                let expected = self.parameter_count();
                if values.len() != expected {
                    return Err(error(rusqlite::Error::InvalidParameterCount(values.len(), expected)));
                }
                for (i, v) in values.iter().enumerate() {
                    self.raw_bind_parameter(i + 1, Param(*v)).map_err(error)?;
                }
            }
            Binding::Named(values) => {
                for (name, v) in values {
                    let Some(i) = self.parameter_index(name).map_err(error)? else {
                        return Err(error(rusqlite::Error::InvalidParameterName(name.to_string())));
                    };
                    self.raw_bind_parameter(i, Param(*v)).map_err(error)?;
                }
            }
        }
        Ok(())
    }
}

impl RawStatement for Stmt<'_> {
    fn execute(&mut self, params: Binding<'_>) -> sql::Result<usize> {
        self.bind(params)?;
        self.raw_execute().map_err(error)
    }

    fn query(&mut self, params: Binding<'_>) -> sql::Result<Box<dyn RawRows + '_>> {
        self.bind(params)?;
        Ok(Box::new(self.raw_query()))
    }

    fn has_parameter(&self, name: &str) -> bool {
        matches!(self.parameter_index(name), Ok(Some(_)))
    }
}

impl Db for rusqlite::Connection {
    fn prepare_cached(&self, sql: &str) -> sql::Result<Statement<'_>> {
        let stmt = rusqlite::Connection::prepare_cached(self, sql).map_err(error)?;
        Ok(Statement::new(Box::new(Stmt::Cached(stmt))))
    }

    fn prepare(&self, sql: &str) -> sql::Result<Statement<'_>> {
        let stmt = rusqlite::Connection::prepare(self, sql).map_err(error)?;
        Ok(Statement::new(Box::new(Stmt::Once(stmt))))
    }

    fn execute_batch(&self, sql: &str) -> sql::Result<()> {
        rusqlite::Connection::execute_batch(self, sql).map_err(error)
    }

    fn dialect(&self) -> &'static dyn Dialect {
        &super::dialect::SQLITE
    }
}

impl From<rusqlite::Error> for crate::store::StoreError {
    fn from(e: rusqlite::Error) -> Self {
        crate::store::StoreError::Database(error(e))
    }
}
