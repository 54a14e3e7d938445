//! What psql users write to name a server, read as libpq reads it: URLs
//! and key=value conninfo, the environment, service files, `~/.pgpass`;
//! and a name shown back without its password.

use std::path::{Path, PathBuf};

use crate::domain::storage::ServerProblem;

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

    pub(super) fn var(&self, name: &str) -> Option<&str> {
        self.vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}

/// Splits a conninfo into its keywords and values (quoted with '...',
/// backslash escaping a quote or a backslash).
pub(super) fn conninfo_pairs(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
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

pub(super) fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The settings of a `[service]` in a service file.
pub(super) fn service_settings(name: &str, env: &Env) -> std::result::Result<Vec<(String, String)>, ServerProblem> {
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
pub(super) fn pgpass(host: &str, port: u16, dbname: &str, user: &str, env: &Env, file: Option<&str>) -> Option<String> {
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

#[cfg(unix)]
fn private(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(path: &Path) -> bool {
    path.is_file()
}

/// A URL without its `sslmode` and `sslrootcert`, and those apart.
pub(super) fn url_without_tls(text: &str) -> (String, Vec<(String, String)>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
