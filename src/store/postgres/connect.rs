//! Naming a server as psql users do: a `postgres://` URL or a key=value
//! conninfo, completed from the `PG*` variables, a service file and
//! `~/.pgpass`; and what went wrong connecting, told apart.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::domain::storage::ServerProblem;
use crate::store::{Result, StoreError};

/// The conninfo keywords that make a text a server's name, not a file's.
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "service",
    "sslmode",
    "sslrootcert",
    "connect_timeout",
    "application_name",
    "options",
    "keepalives",
    "target_session_attrs",
];

/// Whether the text names a server (a URL or a conninfo) rather than a file.
pub fn is_server(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://")
        || lower.starts_with("postgresql://")
        || KEYWORDS.iter().any(|k| lower.starts_with(&format!("{k}=")) || lower.starts_with(&format!("{k} =")))
}

/// A server's name as it may be shown: any password in it replaced.
pub fn redacted(text: &str) -> String {
    if let Some((scheme, rest)) = text.split_once("://") {
        // The authority ends at the first `/` or `?`; userinfo ends at its last `@`.
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path) = match rest.rfind('@').filter(|at| *at > end) {
            // A `/` or `?` inside the userinfo (an unencoded password): up to the `@`.
            Some(at) => {
                let end = rest[at..].find(['/', '?']).map_or(rest.len(), |e| at + e);
                (&rest[..end], Some(&rest[end..]))
            }
            None => (&rest[..end], Some(&rest[end..])),
        };
        let path = path.filter(|p| !p.is_empty()).map(|p| p.strip_prefix('/').unwrap_or(p));
        let authority = match authority.rsplit_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:***@{host}"),
                None => format!("{userinfo}@{host}"),
            },
            None => authority.to_string(),
        };
        let path = path.map(|p| {
            let (db, query) = p.split_once('?').map_or((p, None), |(d, q)| (d, Some(q)));
            let query = query.map(|q| {
                q.split('&')
                    .map(|kv| if kv.to_ascii_lowercase().starts_with("password=") { "password=***" } else { kv })
                    .collect::<Vec<_>>()
                    .join("&")
            });
            match query {
                Some(q) => format!("/{db}?{q}"),
                None => format!("/{db}"),
            }
        });
        return format!("{scheme}://{authority}{}", path.unwrap_or_default());
    }
    match conninfo_pairs(text) {
        Ok(pairs) => pairs
            .iter()
            .map(|(k, v)| if k == "password" { format!("{k}=***") } else { format!("{k}={}", quoted(v)) })
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => "(a conninfo that cannot be read)".into(),
    }
}

/// The places a program's settings come from, as the process sees them.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub vars: Vec<(String, String)>,
    pub home: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            vars: std::env::vars().filter(|(k, _)| k.starts_with("PG")).collect(),
            home: std::env::var_os("HOME").map(PathBuf::from),
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}

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

/// Splits a conninfo into its keywords and values (quoted with '...',
/// backslash escaping a quote or a backslash).
fn conninfo_pairs(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            // Not repeated: it may be half of a password.
            return Err("a setting has no value (key=value)".into());
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    Some('\\') => value.extend(chars.next()),
                    Some('\'') => break,
                    Some(c) => value.push(c),
                    None => return Err(format!("the value of \"{key}\" has no closing quote")),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((key.to_ascii_lowercase(), value));
    }
}

fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The settings of a `[service]` in a service file.
fn service_settings(name: &str, env: &Env) -> std::result::Result<Vec<(String, String)>, ServerProblem> {
    let mut files: Vec<PathBuf> = Vec::new();
    if let Some(f) = env.var("PGSERVICEFILE") {
        files.push(f.into());
    } else if let Some(home) = &env.home {
        files.push(home.join(".pg_service.conf"));
    }
    let sysconf = env.var("PGSYSCONFDIR").map_or_else(|| PathBuf::from("/etc/postgresql-common"), PathBuf::from);
    files.push(sysconf.join("pg_service.conf"));
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let mut inside = false;
        let mut found = Vec::new();
        let mut seen = false;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                inside = section.trim() == name;
                seen |= inside;
                continue;
            }
            if inside {
                let Some((k, v)) = line.split_once('=') else {
                    return Err(ServerProblem::BadAddress(format!(
                        "{}, line {}: \"{line}\" is not key=value",
                        file.display(),
                        number + 1
                    )));
                };
                found.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        if seen {
            return Ok(found);
        }
    }
    Err(ServerProblem::BadAddress(format!("the service \"{name}\" is in no service file")))
}

/// The password `~/.pgpass` (or `PGPASSFILE`) holds for this connection;
/// a file others may read is passed over, as psql does.
fn pgpass(host: &str, port: u16, dbname: &str, user: &str, env: &Env, file: Option<&str>) -> Option<String> {
    let path = match file.or_else(|| env.var("PGPASSFILE")) {
        Some(f) => PathBuf::from(f),
        None => env.home.as_ref()?.join(".pgpass"),
    };
    if !private(&path) {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let port = port.to_string();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = pgpass_fields(line);
        if fields.len() < 5 {
            continue;
        }
        let matches = |field: &str, value: &str| field == "*" || field == value;
        if matches(&fields[0], host)
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user)
        {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

/// A .pgpass line's fields: `:` separates, `\` escapes.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut().expect("one field").extend(chars.next()),
            ':' => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
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

#[cfg(unix)]
fn private(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(path: &Path) -> bool {
    path.is_file()
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

    /// The same server and database, as another login (with its own
    /// password, if it needs one).
    pub fn as_login(&self, user: &str, password: Option<&str>) -> Server {
        let mut config = self.config.clone();
        config.user(user);
        if let Some(p) = password {
            config.password(p);
        }
        Server { shown: shown(&config), config, ..self.clone() }
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

/// A URL without its `sslmode` and `sslrootcert`, and those apart.
fn url_without_tls(text: &str) -> (String, Vec<(String, String)>) {
    let Some((base, query)) = text.split_once('?') else { return (text.to_string(), Vec::new()) };
    let mut kept = Vec::new();
    let mut tls = Vec::new();
    for kv in query.split('&') {
        match kv.split_once('=') {
            Some((k, v)) if k == "sslmode" || k == "sslrootcert" => tls.push((k.to_string(), v.to_string())),
            _ => kept.push(kv),
        }
    }
    if kept.is_empty() { (base.to_string(), tls) } else { (format!("{base}?{}", kept.join("&")), tls) }
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
    fn urls_and_conninfo_name_servers_and_paths_do_not() {
        assert!(is_server("postgres://db.example.org/meldpunt"));
        assert!(is_server("postgresql://u@h/d"));
        assert!(is_server("host=/tmp dbname=x"));
        assert!(is_server("service=helpdesk"));
        assert!(!is_server("/srv/meldpunt/meldpunt.db"));
        assert!(!is_server("hosts=1.db"));
        assert!(!is_server("meldpunt.db"));
    }

    #[test]
    fn a_conninfo_reads_quotes_and_escapes() {
        let pairs = conninfo_pairs(r"host=/tmp dbname = 'my db' user=o\'brien").unwrap();
        assert_eq!(
            pairs,
            vec![("host".into(), "/tmp".into()), ("dbname".into(), "my db".into()), ("user".into(), "o'brien".into())]
        );
        assert!(conninfo_pairs("host").is_err());
        assert!(conninfo_pairs("dbname='open").is_err());
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
    fn passwords_are_never_shown_back() {
        assert_eq!(
            redacted("postgres://anna:s3cret@h:5432/db?sslmode=require"),
            "postgres://anna:***@h:5432/db?sslmode=require"
        );
        assert_eq!(redacted("postgres://h/db?password=x&user=a"), "postgres://h/db?password=***&user=a");
        assert_eq!(redacted("host=h password='a b'"), "host='h' password=***");
        assert!(!redacted("postgres://db.example.org?password=secret").contains("secret"));
        assert!(
            !redacted("postgres://anna:pa/ss?x@h/db").contains("pa/ss"),
            "{}",
            redacted("postgres://anna:pa/ss?x@h/db")
        );
        assert!(!conninfo_pairs("host=h password=my secret").unwrap_err().contains("secret"));
        assert!(
            !redacted("host=h password='a").contains('a') || !redacted("host=h password='a").contains("password='a")
        );
    }

    #[test]
    fn pgpass_matches_fields_with_wildcards_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "# comment\nother:*:*:*:no\ndb.example.org:5432:*:anna:p\\:w\\\\d\n").unwrap();
        let e = Env { vars: vec![("PGPASSFILE".into(), file.display().to_string())], home: None };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert_eq!(pgpass("db.example.org", 5432, "x", "anna", &e, None), None, "readable by others");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert_eq!(pgpass("db.example.org", 5432, "x", "anna", &e, None).as_deref(), Some("p:w\\d"));
        assert_eq!(pgpass("db.example.org", 5433, "x", "anna", &e, None), None);
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
