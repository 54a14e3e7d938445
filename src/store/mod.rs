//! The only place that speaks SQL. Every write is one transaction that also
//! appends to the event log.

mod access;
pub mod audit;
pub mod backend;
mod bulk;
mod checks;
mod closure;
mod copy;
mod entries;
mod error;
mod export;
mod figures;
mod fold;
mod import_json;
mod import_rules;
mod knowledge;
mod maintenance;
mod people;
pub mod postgres;
mod presence;
pub mod privacy;
mod queue;
mod reference;
mod reports;
mod scrub;
mod settings;
mod sla;
mod spill;
pub mod sql;
pub mod sqlite;
mod tickets;
mod updates;
mod work;

pub use crate::domain::storage::{CheckReport, WrongValue};
pub use bulk::{Existing, Loaded};
pub use copy::Copied;
pub use error::StoreError;
pub use import_json::{JsonImport, JsonLoaded};
pub use presence::PRESENCE_SECS;
pub use queue::COUNT_CAP;
pub use sqlite::damage::{Inspection, inspect};
pub use sqlite::files;
pub use sqlite::schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use tickets::levels_known;

use backend::{Backend, Connect};
use sql::{Db, OptionalExtension};

use crate::domain::access::{Identity, Permission};
use crate::domain::escalation::Role;
use crate::domain::storage::{Damage, OpenWarning};

pub use crate::domain::Policy;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Result<T> = std::result::Result<T, StoreError>;

/// Where a database is: a file, or a schema on a database server.
#[derive(Clone, Debug)]
pub enum Location {
    File(PathBuf),
    Server(Box<postgres::Server>),
}

impl Location {
    /// Reads what `--db`, `MELDPUNT_DB` or the config's `database` name: a
    /// `postgres://` URL or a conninfo names a server, anything else a file.
    /// `from_config`: a password written there is refused.
    pub fn parse(
        text: &std::ffi::OsStr,
        from_config: bool,
        env: &postgres::Env,
    ) -> std::result::Result<Location, StoreError> {
        match text.to_str() {
            Some(t) if postgres::is_server(t) => postgres::Server::parse(t, from_config, env)
                .map(|s| Location::Server(Box::new(s)))
                .map_err(|problem| StoreError::Server { location: postgres::redacted(t), problem }),
            _ => Ok(Location::File(PathBuf::from(text))),
        }
    }
}

impl Location {
    /// As [`Location::parse`], with the settings of this process's
    /// environment (`PGHOST`, `PGUSER`, a service file, `~/.pgpass`).
    pub fn named(text: &std::ffi::OsStr, from_config: bool) -> std::result::Result<Location, StoreError> {
        Location::parse(text, from_config, &postgres::Env::from_process())
    }
}

/// What opening a database did, so the caller can tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Created,
    Current,
    Migrated { from: u32, backup: PathBuf },
}

/// An open meldpunt database.
pub struct Store {
    backend: Box<dyn Backend>,
    policy: Policy,
    identity: Identity,
    /// Who `as_user` was asked for, to look again when people change.
    asked: Option<(String, bool, Option<Role>)>,
    /// The login name of the operating system, whatever the config names.
    os_login: Option<String>,
    /// What SQLite reported as malformed: nothing more is written.
    damaged: std::cell::RefCell<Option<Damage>>,
    /// Changes are worked out and checked in full, then rolled back.
    rehearsal: std::cell::Cell<bool>,
    /// Reads run inside one read transaction (`snapshot`).
    in_snapshot: std::cell::Cell<bool>,
    /// Nobody else reads the file while a bulk load runs (`set_alone`).
    alone: std::cell::Cell<bool>,
    /// The restricted tickets this user may not see, as last read.
    hidden_seen: std::cell::RefCell<Option<access::HiddenSeen>>,
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
        Ok(Store::on(Box::new(sqlite::Sqlite::open(path, options)?)))
    }

    /// Opens the database where `location` names it: a file as
    /// [`Store::open_with`] does, or meldpunt's schema on a server (created
    /// or migrated as a file is, and refused untouched when newer or another
    /// program's).
    pub fn open_at(location: &Location, options: files::OpenOptions) -> Result<Store> {
        match location {
            Location::File(path) => Store::open_with(path, options),
            Location::Server(server) => Ok(Store::on(Box::new(postgres::Postgres::open(server, options.read_only)?))),
        }
    }

    /// The GRANTs and REVOKEs a DBA must run for people's roles to hold on
    /// the server (its owner could not make them itself); each told once.
    pub fn grants_left(&self) -> Vec<String> {
        self.backend.grants_left()
    }

    /// The login the database server authenticated, on a server.
    pub fn server_login(&self) -> Option<&str> {
        self.backend.server_login()
    }

    /// A store over an open database of any engine.
    pub fn on(backend: Box<dyn Backend>) -> Store {
        Store {
            backend,
            policy: Policy::default(),
            identity: Identity::Program,
            asked: None,
            os_login: None,
            damaged: Default::default(),
            rehearsal: Default::default(),
            alone: Default::default(),
            in_snapshot: Default::default(),
            hidden_seen: Default::default(),
        }
    }

    /// Another connection to the same database, opened as this one was
    /// (read-only stays read-only), working for the same person under the
    /// same policy.
    pub fn reopen(&self) -> Result<Store> {
        self.connector().open()
    }

    /// What opens another connection to this database on another thread.
    pub fn connector(&self) -> Connector {
        Connector {
            connect: self.backend.connector(),
            policy: self.policy.clone(),
            identity: self.identity.clone(),
            asked: self.asked.clone(),
            os_login: self.os_login.clone(),
        }
    }

    /// The connection for one statement outside a transaction.
    fn db(&self) -> &dyn Db {
        self.backend.db()
    }

    /// Runs `work` on one snapshot: every read in it sees the database as it
    /// was at the first, whatever others commit meanwhile. For reads only;
    /// a snapshot inside a snapshot is the same one.
    pub fn snapshot<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.in_snapshot.get() {
            return work(self);
        }
        let tx = self.backend.begin_read()?;
        // Reset however `work` ends, a panic included: a store kept in use
        // after one would otherwise take every later snapshot for nested.
        struct Inside<'a>(&'a std::cell::Cell<bool>);
        impl Drop for Inside<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        self.in_snapshot.set(true);
        let inside = Inside(&self.in_snapshot);
        let value = work(self);
        drop(inside);
        let value = value?;
        tx.commit()?;
        Ok(value)
    }

    /// Uses this priority matrix, SLA policy and calendars from now on.
    pub fn with_policy(mut self, policy: Policy) -> Store {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Where the database is, as the user names it (a file's path).
    pub fn location(&self) -> String {
        self.backend.location()
    }

    /// The database's file, where its engine keeps it in one.
    pub fn locate(&self) -> Option<&Path> {
        self.backend.locate()
    }

    /// Every file the database is kept in (none for a server): a file the
    /// user names to be written is never one of them.
    pub fn own_files(&self) -> Vec<PathBuf> {
        self.backend.own_files()
    }

    /// The location as a path, for errors that name where they happened.
    pub(crate) fn place(&self) -> PathBuf {
        self.locate().map_or_else(|| PathBuf::from(self.location()), Path::to_path_buf)
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
        let people: i64 = self.db().query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| r.get(0))?;
        let role: Option<String> = self
            .db()
            .query_row("SELECT role FROM agents WHERE login = ?1 AND active = 1", [login], |r| r.get(0))
            .optional()?;
        let role = role.and_then(|r| Role::from_code(&r));
        Ok(Identity::of(login, from_config, role, people.max(0) as u64, unknown_role))
    }

    /// How many people are set up (active).
    pub fn people_count(&self) -> Result<u64> {
        Ok(self.db().query_row("SELECT count(*) FROM agents WHERE active = 1", [], |r| r.get::<_, i64>(0))? as u64)
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
        if self.backend.is_read_only() {
            return Err(self.backend.read_only_error());
        }
        match &self.identity {
            Identity::Program => Ok(()),
            // Someone else may have set up people since this process began.
            Identity::FirstUser { login, .. } => {
                let role: Option<String> = self
                    .db()
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

    /// The file could not be written by this user and opened read-only, or
    /// the user is not among the people and may only look.
    pub fn is_read_only(&self) -> bool {
        self.backend.is_read_only() || matches!(self.identity, Identity::Unknown(_))
    }

    /// What the user should know about the file.
    pub fn warnings(&self) -> &[OpenWarning] {
        self.backend.warnings()
    }

    pub fn opened(&self) -> &Opened {
        self.backend.opened()
    }

    /// Says that nobody else reads the file while this store bulk loads
    /// (the command line's `demo`): a load into an empty database may then
    /// be written without the engine's log, faster and alike at any size.
    pub fn set_alone(&self, alone: bool) {
        self.alone.set(alone);
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
    fn write<T>(&self, permission: Permission, work: impl FnOnce(&dyn Db) -> Result<T>) -> Result<T> {
        self.permit(permission)?;
        if let Some(damage) = &*self.damaged.borrow() {
            return Err(StoreError::Damaged { path: self.place(), damage: damage.clone() });
        }
        self.write_unchecked(permission, work).map_err(|e| match e.of_file(&self.place()) {
            StoreError::Damaged { path, damage } => {
                // Whatever it was, it was rolled back; nothing more is tried.
                *self.damaged.borrow_mut() = Some(damage.clone());
                StoreError::Damaged { path, damage }
            }
            other => other,
        })
    }

    fn write_unchecked<T>(&self, permission: Permission, work: impl FnOnce(&dyn Db) -> Result<T>) -> Result<T> {
        // Bookkeeping waits for nobody: it tries once more next time.
        let retries = if permission == Permission::Bookkeeping { 0 } else { BUSY_RETRIES };
        // What is read meanwhile may be rolled back: forgotten at the end, however it ends.
        struct Forget<'a>(&'a Store);
        impl Drop for Forget<'_> {
            fn drop(&mut self) {
                self.0.forget_hidden();
            }
        }
        self.forget_hidden();
        let _forget = Forget(self);
        // Rolls back when dropped without a commit: on an error, a failed
        // commit or a panic, the connection is never left inside a transaction.
        let tx = self.begin_write(retries)?;
        let db = tx.db();
        let logged = audit::last(db)?;
        let value = work(db)?;
        if self.rehearsal.get() {
            // Dropped without a commit: rolled back, every check having run.
            return Ok(value);
        }
        if let Identity::FirstUser { login, from_config } = &self.identity {
            bootstrap_admin(db, login, *from_config)?;
        }
        if let Some(os_login) = &self.os_login {
            settings::end_set_up_trust(db, os_login)?;
        }
        audit::stamp(db, logged, self.actor())?;
        tx.commit()?;
        Ok(value)
    }

    /// Takes the write lock. Other processes hold it only for one short
    /// transaction each; the busy timeout waits for them, and when many
    /// queue up this tries again rather than tell the user "database is locked".
    fn begin_write(&self, retries: u32) -> Result<Box<dyn backend::Tx + '_>> {
        if self.backend.is_read_only() {
            return Err(self.backend.read_only_error());
        }
        let mut attempt = 0;
        loop {
            match self.backend.begin_write() {
                Err(e) if e.is_busy() && attempt < retries => {
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
    /// commits a change; this connection's own writes leave it.
    pub fn change_stamp(&self) -> Result<i64> {
        Ok(self.backend.change_stamp()?)
    }

    /// A stamp of what screens show: every change to a ticket appends an
    /// event, every note or message an entry. Presence and bookkeeping leave
    /// it, so their writes need not make every screen load again.
    pub fn content_stamp(&self) -> Result<(i64, i64)> {
        Ok(self.db().query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM entries)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Refreshes the planner's statistics; worth it after a bulk load.
    pub fn analyze(&self) -> Result<()> {
        self.backend.analyze()
    }
}

/// Makes the first user an admin when `domain::access::first_admin` says so.
fn bootstrap_admin(conn: &dyn Db, login: &str, from_config: bool) -> Result<()> {
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
            "INSERT INTO settings (key, value) VALUES (?1, 'yes')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [crate::domain::access::Setting::TrustConfigUser.code()],
        )?;
        settings::mark_set_up_trust(conn, login)?;
    }
    Ok(())
}

/// How often a write tries again after the busy timeout ran out.
const BUSY_RETRIES: u32 = 20;

/// Opens another connection to a store's database, on any thread.
pub struct Connector {
    connect: Box<dyn Connect>,
    policy: Policy,
    identity: Identity,
    /// Who was asked for, so the other connection follows a changed role too.
    asked: Option<(String, bool, Option<Role>)>,
    os_login: Option<String>,
}

impl Connector {
    pub fn open(&self) -> Result<Store> {
        let mut store = Store::on(self.connect.open()?).with_policy(self.policy.clone());
        store.identity = self.identity.clone();
        store.asked = self.asked.clone();
        store.os_login = self.os_login.clone();
        Ok(store)
    }
}
