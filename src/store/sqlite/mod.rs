//! The SQLite engine beneath the store: one file (with its -wal and -shm
//! files), opened, created and migrated here; rusqlite is used nowhere else.

mod copies;
pub mod damage;
mod db;
mod dialect;
pub mod files;
mod housekeeping;
mod maintenance;
pub mod schema;
mod soundness;
mod twin;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use super::backend::{Backend, Connect, Twin, Tx};
use super::sql::{self, Db};
use super::{Opened, Result, StoreError};
use crate::domain::storage::OpenWarning;

pub use dialect::SQLITE;

/// An open SQLite database file.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
    options: files::OpenOptions,
    opened: Opened,
    read_only: bool,
    warnings: Vec<OpenWarning>,
    /// A -wal or -shm file (and its owner) that made the database read-only.
    read_only_file: Option<(PathBuf, String)>,
    /// The page cache's size before a bulk load.
    cache: std::cell::Cell<i64>,
}

struct SqliteTx<'c>(Transaction<'c>);

impl Tx for SqliteTx<'_> {
    fn db(&self) -> &dyn Db {
        &*self.0
    }

    fn commit(self: Box<Self>) -> sql::Result<()> {
        self.0.commit().map_err(db::error)
    }
}

/// Opens the same file again, in the mode it was opened in.
struct Reopen {
    path: PathBuf,
    options: files::OpenOptions,
    read_only: bool,
}

impl Connect for Reopen {
    fn open(&self) -> Result<Box<dyn Backend>> {
        Ok(Box::new(Sqlite::beside(&self.path, self.options, self.read_only)?))
    }
}

impl Sqlite {
    /// Opens the database at `path`, creating it (and its folder) if it does
    /// not exist and migrating it if it is older than this program. A file
    /// that is not a meldpunt database, or is newer, is refused untouched.
    /// A file this user cannot write opens read-only.
    pub fn open(path: &Path, options: files::OpenOptions) -> Result<Sqlite> {
        let existed = path.exists();
        let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
        let folder_existed = folder.is_none_or(Path::exists);
        if options.read_only && !existed {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
        let may_write = !existed || files::writable(path);
        let read_only_file = files::before_open(path, existed, may_write, options.read_only)?;
        let read_only = options.read_only || !may_write || read_only_file.is_some();
        let opened = schema::prepare(path, read_only)?;
        if read_only && !matches!(opened, schema::Prepared::Ready) {
            // It would need migrating, which cannot be done without writing.
            return Err(StoreError::ReadOnly);
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(path, flags)?;
        let io = |source| StoreError::Io { path: path.to_path_buf(), source };
        if !existed {
            // Before the first write: SQLite gives its -wal and -shm files
            // the permissions of the database file.
            files::set_mode(path, options.mode).map_err(io)?;
        }
        housekeeping::configure(&conn, read_only)?;
        if may_write {
            files::share_companions(path);
        }
        if let (false, Some(folder)) = (folder_existed, folder) {
            files::set_mode(folder, files::folder_mode(options.mode)).map_err(io)?;
        }
        let mut warnings = Vec::new();
        if let Some((path, owner)) = &read_only_file {
            warnings.push(OpenWarning::CompanionReadOnly { path: path.clone(), owner: owner.clone() });
        } else if read_only && !options.read_only {
            warnings.push(OpenWarning::ReadOnly);
        }
        if let Some(kind) = files::network_filesystem(path) {
            warnings.push(OpenWarning::NetworkFilesystem(kind));
        }
        let opened = match opened {
            schema::Prepared::Ready => Opened::Current,
            schema::Prepared::Empty => {
                schema::migrate(&conn, path, 0)?;
                Opened::Created
            }
            schema::Prepared::Outdated { from, backup } => {
                schema::migrate(&conn, path, from)?;
                Opened::Migrated { from, backup }
            }
        };
        Ok(Sqlite {
            conn,
            path: path.to_path_buf(),
            options,
            opened,
            read_only,
            warnings,
            read_only_file,
            cache: Default::default(),
        })
    }

    /// A second connection to a file this process holds open already,
    /// through SQLite alone: the checks `open` makes read the file with plain
    /// file calls, and closing such a handle drops the locks SQLite holds for
    /// the other connections of the process. The file was checked, migrated
    /// and warned about when it was first opened.
    fn beside(path: &Path, options: files::OpenOptions, read_only: bool) -> Result<Sqlite> {
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(path, flags)?;
        housekeeping::configure(&conn, read_only)?;
        Ok(Sqlite {
            conn,
            path: path.to_path_buf(),
            options,
            opened: Opened::Current,
            read_only,
            warnings: Vec::new(),
            read_only_file: None,
            cache: Default::default(),
        })
    }

    fn begin(&self, behavior: TransactionBehavior) -> sql::Result<Box<dyn Tx + '_>> {
        let tx = Transaction::new_unchecked(&self.conn, behavior).map_err(db::error)?;
        Ok(Box::new(SqliteTx(tx)))
    }
}

impl Backend for Sqlite {
    fn db(&self) -> &dyn Db {
        &self.conn
    }

    fn begin_read(&self) -> sql::Result<Box<dyn Tx + '_>> {
        // Deferred: the snapshot is taken at the first read, and in WAL mode
        // holds until the end whatever others commit meanwhile.
        self.begin(TransactionBehavior::Deferred)
    }

    fn begin_write(&self) -> sql::Result<Box<dyn Tx + '_>> {
        self.begin(TransactionBehavior::Immediate)
    }

    fn change_stamp(&self) -> sql::Result<i64> {
        self.conn
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(db::error)
    }

    fn own_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    fn connector(&self) -> Box<dyn Connect> {
        Box::new(Reopen {
            path: self.path.clone(),
            options: files::OpenOptions { read_only: self.read_only, ..self.options },
            read_only: self.read_only,
        })
    }

    fn twin(&self) -> Result<Option<Box<dyn Twin>>> {
        twin::twin(&self.conn, &self.path)
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn locate(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn own_files(&self) -> Vec<PathBuf> {
        let [wal, shm] = files::companions(&self.path);
        vec![self.path.clone(), wal, shm]
    }

    fn opened(&self) -> &Opened {
        &self.opened
    }

    fn warnings(&self) -> &[OpenWarning] {
        &self.warnings
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn read_only_error(&self) -> StoreError {
        match &self.read_only_file {
            Some((path, owner)) => StoreError::CompanionReadOnly { path: path.clone(), owner: owner.clone() },
            None => StoreError::ReadOnly,
        }
    }

    fn backup_to(&self, to: &Path, force: bool) -> Result<()> {
        maintenance::backup_to(&self.conn, &self.path, to, force)
    }

    fn check(&self) -> Result<super::CheckReport> {
        maintenance::check(&self.conn)
    }

    fn analyze(&self) -> Result<()> {
        Ok(self.conn.execute_batch("ANALYZE")?)
    }

    fn overwrite_deleted(&self, on: bool) -> Result<()> {
        housekeeping::secure_delete(&self.conn, on)
    }

    fn copies_holding(&self, mentions: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
        copies::holding(&self.path, mentions)
    }

    fn compact(&self) -> Result<bool> {
        housekeeping::compact(&self.conn)
    }

    fn begin_bulk(&self, db: &dyn Db, empty: bool) -> Result<Vec<String>> {
        housekeeping::begin_bulk(&self.conn, &self.cache, db, empty)
    }

    fn begin_alone(&self) -> Result<bool> {
        housekeeping::begin_alone(&self.conn)
    }

    fn end_alone(&self) -> Result<()> {
        housekeeping::end_alone(&self.conn)
    }

    fn end_bulk(&self) -> Result<()> {
        housekeeping::end_bulk(&self.conn, &self.cache)
    }

    fn begin_long_write(&self, mib: i64) -> Result<()> {
        housekeeping::begin_long_write(&self.conn, &self.cache, mib)
    }
}

/// How long one attempt waits for another writer before it is busy.
const BUSY_WAIT: Duration = Duration::from_secs(5);
