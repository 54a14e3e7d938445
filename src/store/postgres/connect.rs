//! Naming a server as psql users do: a `postgres://` URL or a key=value
//! conninfo, completed from the `PG*` variables, a service file and
//! `~/.pgpass`; and what went wrong connecting, told apart.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::libpq::{Env, conninfo_pairs, pgpass, quoted, service_settings, url_without_tls};
use crate::domain::storage::ServerProblem;
use crate::store::{Result, StoreError};

/// What the server's triggers tell the connection that wrote: each move of
/// the change stamp (notice `MPCHG`), and each GRANT or REVOKE the schema's
/// owner could not make, for a DBA to run (notice `MPDBA`).
#[derive(Default)]
pub struct Heard {
    pub stamps: AtomicU64,
    pub grants: std::sync::Mutex<Vec<String>>,
}

/// A server and database to connect to, with everything needed to connect
/// again (a second connection, after a lost one).
#[derive(Clone)]
pub struct Server {
    config: postgres::Config,
    /// TLS as `sslmode` and `sslrootcert` ask (read here: the postgres
    /// crate knows only some of libpq's modes).
    tls: super::tls::Mode,
    rootcert: Option<String>,
    home: Option<PathBuf>,
    /// The name as the user gave it, without a password.
    shown: String,
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// The operating system's name for the user, as libpq takes it for the login.
fn os_login() -> Option<String> {
    #[cfg(unix)]
    {
        nix::unistd::User::from_uid(nix::unistd::Uid::current()).ok().flatten().map(|u| u.name)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Where the server listens when no host is named: the Unix sockets of
/// Debian's packages and of a server built from source.
const SOCKET_FOLDERS: &[&str] = &["/var/run/postgresql", "/tmp"];

impl Server {
    /// Reads a server's name. `from_config`: a password written in it is
    /// refused, since config files are read by more people than should
    /// know it.
    pub fn parse(text: &str, from_config: bool, env: &Env) -> std::result::Result<Server, ServerProblem> {
        let text = text.trim();
        let url = text.contains("://");
        let mut pairs = if url { Vec::new() } else { conninfo_pairs(text).map_err(ServerProblem::BadAddress)? };
        let mut passfile = None;
        if let Some(at) = pairs.iter().position(|(k, _)| k == "service") {
            let (_, name) = pairs.remove(at);
            let mut from_service = service_settings(&name, env)?;
            from_service.retain(|(k, _)| !pairs.iter().any(|(p, _)| p == k));
            pairs.extend(from_service);
        } else if !url && let Some(name) = env.var("PGSERVICE") {
            let mut from_service = service_settings(name, env)?;
            from_service.retain(|(k, _)| !pairs.iter().any(|(p, _)| p == k));
            pairs.extend(from_service);
        }
        if let Some(at) = pairs.iter().position(|(k, _)| k == "passfile") {
            passfile = Some(pairs.remove(at).1);
        }
        // libpq's TLS settings, taken out for our own TLS client.
        let (text, mut ssl) = if url { url_without_tls(text) } else { (text.to_string(), Vec::new()) };
        let text = text.as_str();
        ssl.extend(pairs.iter().filter(|(k, _)| k == "sslmode" || k == "sslrootcert").cloned());
        pairs.retain(|(k, _)| k != "sslmode" && k != "sslrootcert");
        let asked = |key: &str, var: &str| {
            ssl.iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .or_else(|| env.var(var).map(str::to_string))
        };
        let tls = match asked("sslmode", "PGSSLMODE") {
            Some(mode) => super::tls::Mode::parse(&mode)
                .ok_or_else(|| ServerProblem::BadAddress(format!("sslmode={mode} is not an sslmode")))?,
            None => super::tls::Mode::Prefer,
        };
        let rootcert = asked("sslrootcert", "PGSSLROOTCERT");
        let mut config = if url {
            postgres::Config::from_str(text).map_err(|e| ServerProblem::BadAddress(e.to_string()))?
        } else {
            let conninfo: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", quoted(v))).collect();
            postgres::Config::from_str(&conninfo.join(" ")).map_err(|e| ServerProblem::BadAddress(e.to_string()))?
        };
        if from_config && (config.get_password().is_some() || crate::domain::storage::holds_password(text)) {
            return Err(ServerProblem::PasswordInConfig);
        }
        // What the name leaves open, from the environment as libpq reads it.
        if config.get_hosts().is_empty() {
            match env.var("PGHOST") {
                Some(hosts) => {
                    for host in hosts.split(',') {
                        config.host(host);
                    }
                }
                None => {
                    let socket = SOCKET_FOLDERS.iter().find(|d| Path::new(d).is_dir()).unwrap_or(&SOCKET_FOLDERS[0]);
                    config.host_path(socket);
                }
            }
        }
        if config.get_ports().is_empty()
            && let Some(port) = env.var("PGPORT")
        {
            let port = port.parse().map_err(|_| ServerProblem::BadAddress(format!("PGPORT={port} is not a port")))?;
            config.port(port);
        }
        if let Some(user) = env.var("PGUSER").filter(|_| config.get_user().is_none()) {
            config.user(user);
        }
        if config.get_user().is_none() {
            config.user(&os_login().unwrap_or_else(|| "postgres".into()));
        }
        if let Some(db) = env.var("PGDATABASE").filter(|_| config.get_dbname().is_none()) {
            config.dbname(db);
        }
        if config.get_dbname().is_none() {
            let user = config.get_user().unwrap_or_default().to_string();
            config.dbname(&user);
        }
        config.ssl_mode(tls.client_mode());
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("meldpunt");
        }
        let shown = shown(&config);
        if config.get_password().is_none() {
            let password = env.var("PGPASSWORD").map(str::to_string).or_else(|| {
                let host = match config.get_hosts().first() {
                    Some(postgres::config::Host::Tcp(h)) => h.clone(),
                    _ => "localhost".into(),
                };
                let port = config.get_ports().first().copied().unwrap_or(5432);
                pgpass(
                    &host,
                    port,
                    config.get_dbname().unwrap_or_default(),
                    config.get_user().unwrap_or_default(),
                    env,
                    passfile.as_deref(),
                )
            });
            if let Some(p) = password {
                config.password(p);
            }
        }
        Ok(Server { config, shown, tls, rootcert, home: env.home.clone() })
    }

    /// The server's programs (`pg_dump`) reach the same database as the
    /// same login through these variables; the password never on a command line.
    pub fn libpq_env(&self) -> Vec<(String, String)> {
        let mut env = Vec::new();
        let host = match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => Some(h.clone()),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(p)) => Some(p.display().to_string()),
            None => None,
        };
        env.extend(host.map(|h| ("PGHOST".to_string(), h)));
        env.extend(self.config.get_ports().first().map(|p| ("PGPORT".to_string(), p.to_string())));
        env.push(("PGUSER".into(), self.user().to_string()));
        env.push(("PGDATABASE".into(), self.dbname().to_string()));
        if let Some(p) = self.config.get_password() {
            env.push(("PGPASSWORD".into(), String::from_utf8_lossy(p).into_owned()));
        }
        env.push(("PGSSLMODE".into(), self.tls.name().into()));
        if let Some(root) = &self.rootcert {
            env.push(("PGSSLROOTCERT".into(), root.clone()));
        }
        env
    }

    /// The login the connection asks to be.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// The database on the server.
    pub fn dbname(&self) -> &str {
        self.config.get_dbname().unwrap_or_default()
    }

    /// Connects, telling apart a server that cannot be reached, a login it
    /// refused and TLS it requires or lacks.
    /// What the server tells the connection as it works lands in `heard`.
    pub fn connect(&self, heard: Arc<Heard>) -> Result<postgres::Client> {
        let mut config = self.config.clone();
        config.notice_callback(move |notice| match notice.code().code() {
            "MPCHG" => {
                heard.stamps.fetch_add(1, Ordering::Relaxed);
            }
            "MPDBA" => heard.grants.lock().unwrap_or_else(|e| e.into_inner()).push(notice.message().to_string()),
            _ => {}
        });
        let refused = |e: postgres::Error| StoreError::Server {
            location: self.shown.clone(),
            problem: problem_of(&e, self.user()),
        };
        // As libpq: TLS is for the network; over a Unix socket sslmode plays no part.
        #[cfg(unix)]
        let local = config.get_hosts().iter().all(|h| matches!(h, postgres::config::Host::Unix(_)));
        #[cfg(not(unix))]
        let local = false;
        if self.tls == super::tls::Mode::Disable || local {
            config.ssl_mode(postgres::config::SslMode::Disable);
            return config.connect(postgres::NoTls).map_err(refused);
        }
        let client = super::tls::config(self.tls, self.rootcert.as_deref(), self.home.as_deref())
            .map_err(|why| StoreError::Server { location: self.shown.clone(), problem: ServerProblem::Tls(why) })?;
        config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(client)).map_err(refused)
    }
}

/// How a server is named back to the user: never with a password.
fn shown(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => String::new(),
    };
    let port = config.get_ports().first().map(|p| format!(":{p}")).unwrap_or_default();
    format!(
        "postgres://{}@{}{port}/{}",
        config.get_user().unwrap_or_default(),
        host.replace('/', "%2F"),
        config.get_dbname().unwrap_or_default()
    )
}

fn problem_of(e: &postgres::Error, user: &str) -> ServerProblem {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD || code.code().starts_with("28") {
            ServerProblem::LoginRefused { login: user.to_string(), why: db.message().to_string() }
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            ServerProblem::NoDatabase(db.message().to_string())
        } else {
            ServerProblem::Refused(db.message().to_string())
        };
    }
    // The client's words and their causes: "error connecting to server:
    // Connection refused (os error 111)".
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("tls") || lower.contains("ssl") {
        ServerProblem::Tls(text)
    } else if lower.contains("password missing") {
        ServerProblem::LoginRefused {
            login: user.to_string(),
            why: "the server asks for a password; none was found in PGPASSWORD, ~/.pgpass or a service file".into(),
        }
    } else {
        ServerProblem::Unreachable(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Env {
        Env { vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), home: None }
    }

    #[test]
    fn the_environment_fills_in_what_the_name_leaves_open() {
        let s =
            Server::parse("dbname=helpdesk", false, &env(&[("PGHOST", "db.example.org"), ("PGUSER", "anna")])).unwrap();
        assert_eq!(s.user(), "anna");
        assert_eq!(s.dbname(), "helpdesk");
        assert_eq!(s.to_string(), "postgres://anna@db.example.org/helpdesk");
        let s = Server::parse("postgres://piet@h:5433/", false, &env(&[("PGDATABASE", "md")])).unwrap();
        assert_eq!((s.user(), s.dbname()), ("piet", "md"));
    }

    #[test]
    fn a_password_in_the_config_is_refused_and_never_shown() {
        let e = env(&[]);
        assert_eq!(Server::parse("postgres://anna:secret@h/db", true, &e).err(), Some(ServerProblem::PasswordInConfig));
        assert_eq!(Server::parse("host=h password=secret", true, &e).err(), Some(ServerProblem::PasswordInConfig));
        let s = Server::parse("postgres://anna:secret@h/db", false, &e).unwrap();
        assert!(!s.to_string().contains("secret"));
    }

    #[test]
    fn a_service_file_names_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("services");
        std::fs::write(&file, "[other]\nhost=x\n[helpdesk]\nhost=db.example.org\nport=5433\ndbname=meldpunt\n")
            .unwrap();
        let e = Env { vars: vec![("PGSERVICEFILE".into(), file.display().to_string())], home: None };
        let s = Server::parse("service=helpdesk user=anna", false, &e).unwrap();
        assert_eq!(s.to_string(), "postgres://anna@db.example.org:5433/meldpunt");
        assert!(matches!(Server::parse("service=nope", false, &e), Err(ServerProblem::BadAddress(_))));
    }
}
