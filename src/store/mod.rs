//! The only place that speaks SQL. Every write is one transaction that also
//! appends to the event log.

mod bulk;
mod closure;
mod entries;
mod error;
mod figures;
mod fold;
mod knowledge;
mod maintenance;
mod people;
mod queue;
mod reference;
mod reports;
mod schema;
mod sla;
mod tickets;
mod work;

pub use closure::Tick;
pub use error::StoreError;
pub use knowledge::ProblemEdit;
pub use maintenance::CheckReport;
pub use people::{AgentInfo, TeamInfo, Workload};
pub use queue::{COUNT_CAP, PageRequest};
pub use reference::AgentRecord;
pub use reports::OpenTicket;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use work::Handling;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use crate::domain::Policy;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Result<T> = std::result::Result<T, StoreError>;

/// What opening a database did, so the caller can tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Created,
    Current,
    Migrated { from: u32, backup: PathBuf },
}

/// An open meldpunt database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    opened: Opened,
    policy: Policy,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if it does
    /// not exist and migrating it if it is older than this program. A file
    /// that is not a meldpunt database, or is newer, is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let opened = schema::prepare(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
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
        Ok(Store { conn, path: path.to_path_buf(), opened, policy: Policy::default() })
    }

    /// Uses this priority matrix, SLA policy and calendars from now on.
    pub fn with_policy(mut self, policy: Policy) -> Store {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    /// Runs `work` in one write transaction, taken immediately so that two
    /// processes never deadlock upgrading a read lock.
    fn write<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // Rolls back when dropped without a commit: on an error, a failed
        // commit or a panic, the connection is never left inside a transaction.
        let tx = self.begin_write()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Takes the write lock. Other processes hold it only for one short
    /// transaction each; the busy timeout waits for them, and when many
    /// queue up this tries again rather than tell the user "database is locked".
    fn begin_write(&self) -> Result<Transaction<'_>> {
        let mut attempt = 0;
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Err(e) if is_busy(&e) && attempt < BUSY_RETRIES => {
                    attempt += 1;
                    // A little apart, so that waiting processes do not retry in step.
                    let pause = 5 + (std::process::id() as u64 + attempt as u64 * 7) % 20;
                    std::thread::sleep(Duration::from_millis(pause));
                }
                other => return Ok(other?),
            }
        }
    }

    /// A number that changes whenever another connection (another process)
    /// commits a change to the file; this connection's own writes leave it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Refreshes the planner's statistics; worth it after a bulk load.
    pub fn analyze(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE")?;
        Ok(())
    }
}

/// How often a write tries again after the busy timeout ran out.
const BUSY_RETRIES: u32 = 20;

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA mmap_size = 4294967296;",
    )?;
    Ok(())
}
