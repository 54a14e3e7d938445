//! A throwaway PostgreSQL server for the tests: made with `initdb` and run
//! by `postgres` from what is installed (Debian's `postgresql` package), on
//! a Unix socket in a temporary folder, no TCP port. One server per test
//! process, one fresh database per test; a watchdog stops the server and
//! removes its folder when the test process ends. Where PostgreSQL is not
//! installed the tests that need it say so loudly and do not run, unless
//! under CI, where they fail.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use meldpunt::store::postgres::{Env, Server};

/// The login that owns the test databases (the server's superuser).
pub const OWNER: &str = "meldpunt_owner";

/// A running server: where its socket is.
pub struct Cluster {
    pub socket: PathBuf,
    pub bin: PathBuf,
    /// The user and group ids the server runs as, where the tests run as root.
    pub run_as: Option<(u32, u32)>,
    /// The port (also the name of the socket).
    pub port: u16,
}

/// The folder of `initdb`, `postgres` and `pg_ctl`: `pg_config --bindir`,
/// else the newest of Debian's versioned folders.
fn bin_dir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").is_file() && dir.join("postgres").is_file() {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("initdb").is_file() && bin.join("postgres").is_file())
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// A command run as the server's user.
fn as_server_user(run_as: Option<(u32, u32)>, program: &Path) -> Command {
    match run_as {
        Some((uid, gid)) => {
            let mut c = Command::new("setpriv");
            c.args([&format!("--reuid={uid}"), &format!("--regid={gid}"), "--clear-groups"]).arg(program);
            c
        }
        None => Command::new(program),
    }
}

fn start() -> Result<Cluster, String> {
    start_with(5432, |_, _| String::new())
}

/// Starts a server on `port` with the options `extra` gives (after it may
/// have put files in the folder, owned by the server's user).
fn start_with(port: u16, extra: impl FnOnce(&Path, Option<(u32, u32)>) -> String) -> Result<Cluster, String> {
    let bin = bin_dir().ok_or("PostgreSQL is not installed (no initdb; Debian: apt-get install postgresql)")?;
    let dir = tempfile::Builder::new().prefix("meldpunt-pg-").tempdir().map_err(|e| e.to_string())?.keep();
    // initdb refuses to run as root: the server then runs as nobody.
    let mut run_as = None;
    if is_root() {
        let Some(account) = nix::unistd::User::from_name("nobody").ok().flatten() else {
            return Err("no account nobody to run PostgreSQL as".into());
        };
        nix::unistd::chown(&dir, Some(account.uid), Some(account.gid)).map_err(|e| e.to_string())?;
        if Command::new("setpriv").arg("--version").output().is_err() {
            return Err("setpriv (util-linux) is needed to run PostgreSQL as nobody".into());
        }
        run_as = Some((account.uid.as_raw(), account.gid.as_raw()));
    }
    let data = dir.join("data");
    let out = as_server_user(run_as, &bin.join("initdb"))
        .args(["-D", data.to_str().unwrap(), "-U", OWNER, "-A", "trust", "-E", "UTF8", "--no-sync"])
        .args(["--locale=C.UTF-8"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let log = dir.join("server.log");
    let more = extra(&dir, run_as);
    let options = format!(
        "-k {} -p {port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200{more}",
        dir.display()
    );
    let out = as_server_user(run_as, &bin.join("pg_ctl"))
        .args(["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-w", "-o", &options, "start"])
        .stdout(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        return Err(format!("the server did not start: {}{logged}", String::from_utf8_lossy(&out.stderr)));
    }
    watch(std::process::id(), &bin, &data, &dir, run_as);
    Ok(Cluster { socket: dir, bin, run_as, port })
}

/// Stops the server and removes its folder once the test process is gone.
fn watch(pid: u32, bin: &Path, data: &Path, dir: &Path, run_as: Option<(u32, u32)>) {
    let pg_ctl = bin.join("pg_ctl");
    let stop = match run_as {
        Some((uid, gid)) => format!(
            "setpriv --reuid={uid} --regid={gid} --clear-groups {} -D {} -m immediate stop",
            pg_ctl.display(),
            data.display()
        ),
        None => format!("{} -D {} -m immediate stop", pg_ctl.display(), data.display()),
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf '{}'",
        dir.display()
    );
    let _ = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// A server of the test's own, for a test that restarts or stops it.
pub fn own_cluster(test: &str) -> Option<&'static Cluster> {
    own_cluster_with(test, 5432, |_, _| String::new())
}

/// A server of the test's own on `port`, with more options.
pub fn own_cluster_with(
    test: &str,
    port: u16,
    extra: impl FnOnce(&Path, Option<(u32, u32)>) -> String,
) -> Option<&'static Cluster> {
    match start_with(port, extra) {
        Ok(c) => Some(Box::leak(Box::new(c))),
        Err(why) => {
            crate::accounts::skipped(&format!("{test}: {why}"));
            None
        }
    }
}

impl Cluster {
    /// Restarts the server as a DBA would (`pg_ctl restart -m fast`: every
    /// session is ended), waiting until it takes connections again.
    pub fn restart(&self) {
        let out = as_server_user(self.run_as, &self.bin.join("pg_ctl"))
            .args(["-D", self.socket.join("data").to_str().unwrap(), "-w", "-m", "fast", "restart"])
            .arg("-l")
            .arg(self.socket.join("server.log"))
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The test process's server, started at the first call; `None` (loudly,
/// or a failure under CI) where PostgreSQL cannot run here.
pub fn cluster(test: &str) -> Option<&'static Cluster> {
    match CLUSTER.get_or_init(start) {
        Ok(c) => Some(c),
        Err(why) => {
            crate::accounts::skipped(&format!("{test}: {why}"));
            None
        }
    }
}

/// Notes the test that is running in the file `MELDPUNT_PG_RAN` names, so
/// that CI can count the tests that ran against PostgreSQL.
fn ran() {
    let Some(file) = std::env::var_os("MELDPUNT_PG_RAN") else { return };
    let test = std::thread::current().name().unwrap_or("unnamed").to_string();
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        let _ = std::io::Write::write_all(&mut f, format!("{test}\n").as_bytes());
    }
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty database on the test server.
pub struct Database {
    pub name: String,
    pub cluster: &'static Cluster,
}

impl Cluster {
    /// A conninfo for `dbname` as `user`.
    pub fn conninfo(&self, dbname: &str, user: &str) -> String {
        format!("host={} port={} dbname={dbname} user={user}", self.socket.display(), self.port)
    }

    /// A client of the server's own, as its owner, to the database `dbname`.
    pub fn client(&self, dbname: &str) -> postgres::Client {
        postgres::Client::connect(&self.conninfo(dbname, OWNER), postgres::NoTls).unwrap()
    }

    pub fn fresh(&'static self) -> Database {
        ran();
        let n = DATABASES.fetch_add(1, Ordering::Relaxed);
        let name = format!("t{}_{n}", std::process::id());
        self.client("postgres").batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Database { name, cluster: self }
    }
}

impl Database {
    /// The database as meldpunt names it, as `user`.
    pub fn server(&self, user: &str) -> Server {
        Server::parse(&self.cluster.conninfo(&self.name, user), false, &Env::default()).unwrap()
    }

    /// The text `--db` takes for it, as the owner.
    pub fn url(&self) -> String {
        self.cluster.conninfo(&self.name, OWNER)
    }

    /// A login of its own for this test (roles are the whole server's, and
    /// tests run side by side): `name` with the database's name after it.
    pub fn login(&self, name: &str) -> String {
        let login = format!("{name}_{}", self.name);
        self.cluster.client("postgres").batch_execute(&format!("CREATE ROLE {login} LOGIN")).unwrap();
        login
    }

    /// A client of the server's own, as its owner, in meldpunt's schema.
    pub fn client(&self) -> postgres::Client {
        let mut c = self.cluster.client(&self.name);
        c.batch_execute("SET search_path TO meldpunt, public").unwrap();
        c
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.cluster.conninfo("postgres", OWNER), postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
