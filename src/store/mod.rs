//! The only place that speaks SQL. Every write is one transaction that also
//! appends to the event log.

mod access;
pub mod audit;
mod bulk;
mod checks;
mod closure;
mod damage;
mod entries;
mod error;
mod export;
mod figures;
pub mod files;
mod fold;
mod import_json;
mod import_rules;
mod knowledge;
mod maintenance;
mod people;
mod presence;
pub mod privacy;
mod queue;
mod reference;
mod reports;
mod schema;
mod scrub;
mod settings;
mod sla;
mod snapshot;
pub mod soundness;
mod tickets;
mod updates;
mod work;

pub use bulk::{Existing, Loaded};
pub use damage::{Inspection, inspect, is_damage};
pub use error::StoreError;
pub use import_json::{JsonImport, JsonLoaded};
pub use maintenance::CheckReport;
pub use presence::PRESENCE_SECS;
pub use queue::COUNT_CAP;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::domain::access::{Identity, Permission};
use crate::domain::escalation::Role;
use crate::domain::storage::{Damage, OpenWarning};

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
    read_only: bool,
    warnings: Vec<OpenWarning>,
    identity: Identity,
    /// Who `as_user` was asked for, to look again when people change.
    asked: Option<(String, bool, Option<Role>)>,
    /// The login name of the operating system, whatever the config names.
    os_login: Option<String>,
    /// A -wal or -shm file (and its owner) that made the database read-only.
    read_only_file: Option<(PathBuf, String)>,
    /// What SQLite reported as malformed: nothing more is written.
    damaged: std::cell::RefCell<Option<Damage>>,
    /// Changes are worked out and checked in full, then rolled back.
    rehearsal: std::cell::Cell<bool>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if it does
    /// not exist and migrating it if it is older than this program. A file
    /// that is not a meldpunt database, or is newer, is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, files::OpenOptions::default())
    }

    /// Opens as [`Store::open`] does. A file this user cannot write opens
    /// read-only; a file and folder it creates get `options.mode`.
    /// A file SQLite reports as malformed is refused as damaged.
    pub fn open_with(path: &Path, options: files::OpenOptions) -> Result<Store> {
        Store::opening(path, options).map_err(|e| e.of_file(path))
    }

    fn opening(path: &Path, options: files::OpenOptions) -> Result<Store> {
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
        configure(&conn, read_only)?;
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
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            opened,
            policy: Policy::default(),
            read_only,
            warnings,
            identity: Identity::Program,
            asked: None,
            os_login: None,
            read_only_file,
            damaged: Default::default(),
            rehearsal: Default::default(),
        })
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

    /// Works for this person from now on: what they may change follows
    /// their role. Someone who is not among the people gets `unknown_role`,
    /// or may only look when that is none.
    pub fn as_user(mut self, login: &str, from_config: bool, unknown_role: Option<Role>) -> Result<Store> {
        self.identity = self.identity_of(login, from_config, unknown_role)?;
        self.asked = Some((login.to_string(), from_config, unknown_role));
        Ok(self)
    }

    /// The login name of the operating system of whoever works: once an
    /// admin works under it, config names are no longer believed for the set-up.
    pub fn with_os_login(mut self, login: Option<&str>) -> Store {
        self.os_login = login.map(str::to_string);
        self
    }

    /// Looks again at who the user is: someone may have changed their role,
    /// or set up people, since. Returns whether anything changed.
    pub fn refresh_identity(&mut self) -> Result<bool> {
        let Some((login, from_config, unknown_role)) = self.asked.clone() else { return Ok(false) };
        let now = self.identity_of(&login, from_config, unknown_role)?;
        let changed = now != self.identity;
        self.identity = now;
        Ok(changed)
    }

    fn identity_of(&self, login: &str, from_config: bool, unknown_role: Option<Role>) -> Result<Identity> {
        let people: i64 = self.conn.query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| r.get(0))?;
        let role: Option<String> = self
            .conn
            .query_row("SELECT role FROM agents WHERE login = ?1 AND active = 1", [login], |r| r.get(0))
            .optional()?;
        let role = role.and_then(|r| Role::from_code(&r));
        Ok(Identity::of(login, from_config, role, people.max(0) as u64, unknown_role))
    }

    /// How many people are set up (active).
    pub fn people_count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Works for the same person as another store (a report's own connection).
    pub fn with_identity(mut self, identity: Identity) -> Store {
        self.identity = identity;
        self
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Whether the user may do this (a read-only file allows no change).
    pub fn may(&self, p: Permission) -> bool {
        self.permit(p).is_ok()
    }

    /// Refuses what the user's role does not allow, saying why.
    pub fn permit(&self, p: Permission) -> Result<()> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        match &self.identity {
            Identity::Program => Ok(()),
            // Someone else may have set up people since this process began.
            Identity::FirstUser { login, .. } => {
                let role: Option<String> = self
                    .conn
                    .query_row("SELECT role FROM agents WHERE login = ?1 AND active = 1", [login], |r| r.get(0))
                    .optional()?;
                match role.and_then(|r| Role::from_code(&r)) {
                    _ if self.people_count()? == 0 => Ok(()),
                    Some(role) if crate::domain::access::allows(role, p) => Ok(()),
                    Some(role) => Err(StoreError::NotAllowed { login: login.clone(), role, permission: p }),
                    None => Err(StoreError::UnknownUser(login.clone())),
                }
            }
            Identity::Agent { role, .. } if crate::domain::access::allows(*role, p) => Ok(()),
            Identity::Agent { login, role } => {
                Err(StoreError::NotAllowed { login: login.clone(), role: *role, permission: p })
            }
            Identity::Unknown(login) => Err(StoreError::UnknownUser(login.clone())),
        }
    }

    /// Why nothing can be changed: the file, or a file next to it.
    fn read_only_error(&self) -> StoreError {
        match &self.read_only_file {
            Some((path, owner)) => StoreError::CompanionReadOnly { path: path.clone(), owner: owner.clone() },
            None => StoreError::ReadOnly,
        }
    }

    /// The file could not be written by this user and opened read-only, or
    /// the user is not among the people and may only look.
    pub fn is_read_only(&self) -> bool {
        self.read_only || matches!(self.identity, Identity::Unknown(_))
    }

    /// What the user should know about the file.
    pub fn warnings(&self) -> &[OpenWarning] {
        &self.warnings
    }

    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    /// Runs `work` as it would run, every check included, and then rolls
    /// back all it changed: what a dry run reports is what the real run would do.
    pub fn rehearse<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let before = self.rehearsal.replace(true);
        let result = work(self);
        self.rehearsal.set(before);
        result
    }

    /// Runs `work` in one write transaction, taken immediately so that two
    /// processes never deadlock upgrading a read lock.
    fn write<T>(&self, permission: Permission, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.permit(permission)?;
        damage::refuse_if(&self.path, &self.damaged)?;
        self.write_unchecked(permission, work).map_err(|e| match e.of_file(&self.path) {
            StoreError::Damaged { path, damage } => {
                // Whatever it was, it was rolled back; nothing more is tried.
                *self.damaged.borrow_mut() = Some(damage.clone());
                StoreError::Damaged { path, damage }
            }
            other => other,
        })
    }

    fn write_unchecked<T>(&self, permission: Permission, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // Bookkeeping waits for nobody: it tries once more next time.
        let retries = if permission == Permission::Bookkeeping { 0 } else { BUSY_RETRIES };
        // Rolls back when dropped without a commit: on an error, a failed
        // commit or a panic, the connection is never left inside a transaction.
        let tx = self.begin_write(retries)?;
        let logged = audit::last(&tx)?;
        let value = work(&tx)?;
        if self.rehearsal.get() {
            // Dropped without a commit: rolled back, every check having run.
            return Ok(value);
        }
        if let Identity::FirstUser { login, from_config } = &self.identity {
            bootstrap_admin(&tx, login, *from_config)?;
        }
        if let Some(os_login) = &self.os_login {
            settings::end_set_up_trust(&tx, os_login)?;
        }
        audit::stamp(&tx, logged, self.actor())?;
        tx.commit()?;
        Ok(value)
    }

    /// Takes the write lock. Other processes hold it only for one short
    /// transaction each; the busy timeout waits for them, and when many
    /// queue up this tries again rather than tell the user "database is locked".
    fn begin_write(&self, retries: u32) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(self.read_only_error());
        }
        let mut attempt = 0;
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Err(e) if is_busy(&e) && attempt < retries => {
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

    /// A stamp of what screens show: every change to a ticket appends an
    /// event, every note or message an entry. Presence and bookkeeping leave
    /// it, so their writes need not make every screen load again.
    pub fn content_stamp(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM entries)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Refreshes the planner's statistics; worth it after a bulk load.
    pub fn analyze(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE")?;
        Ok(())
    }
}

/// Makes the first user an admin when `domain::access::first_admin` says so.
fn bootstrap_admin(conn: &Connection, login: &str, from_config: bool) -> Result<()> {
    let people: i64 = conn.query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| r.get(0))?;
    let admins: i64 =
        conn.query_row("SELECT count(*) FROM agents WHERE active = 1 AND role = 'admin'", [], |r| r.get(0))?;
    let Some(admin) =
        crate::domain::access::first_admin(login, from_config, people.max(0) as u64, admins.max(0) as u64)
    else {
        return Ok(());
    };
    let login = admin.login.as_str();
    conn.execute(
        "INSERT INTO agents (login, name, role) VALUES (?1, ?1, 'admin')
         ON CONFLICT (login) DO UPDATE SET role = 'admin', active = 1",
        [login],
    )?;
    if admin.believe_config_names {
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, 'yes')",
            [crate::domain::access::Setting::TrustConfigUser.code()],
        )?;
        settings::mark_set_up_trust(conn, login)?;
    }
    Ok(())
}

/// How often a write tries again after the busy timeout ran out.
const BUSY_RETRIES: u32 = 20;

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn configure(conn: &Connection, read_only: bool) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(64);
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
