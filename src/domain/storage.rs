//! The plain values of keeping data in a file that the config and the
//! catalogue know without the store: the file's permissions, warnings and
//! damage, why an export cannot be imported, what a column should hold.

/// Permissions of a database file meldpunt creates: the owner and the group
/// read and write (`0660`), so that a servicedesk's group shares it.
pub const DEFAULT_MODE: u32 = 0o660;

/// Something about the file the user should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenWarning {
    /// The file cannot be written by this user: it opened read-only.
    ReadOnly,
    /// The file lies on a network filesystem of this type (nfs4, cifs, …).
    NetworkFilesystem(String),
    /// A -wal or -shm file this user may not write: it opened read-only.
    CompanionReadOnly { path: std::path::PathBuf, owner: String },
}

/// Whether a server's URL or conninfo holds a password: in a URL's
/// `user:password@` or `?password=`, or a conninfo's `password=`.
pub fn holds_password(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if let Some((_, rest)) = lower.split_once("://") {
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let in_userinfo = authority.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':'));
        let in_query = rest.split_once('?').is_some_and(|(_, q)| q.split('&').any(|kv| kv.starts_with("password=")));
        return in_userinfo || in_query;
    }
    // A conninfo: a keyword at the start or after a space, outside quotes.
    let mut quoted = false;
    let mut previous = ' ';
    for (i, c) in lower.char_indices() {
        if c == '\\' {
            previous = c;
            continue;
        }
        if c == '\'' && previous != '\\' {
            quoted = !quoted;
        }
        if !quoted && previous.is_whitespace() && lower[i..].starts_with("password") {
            let after = lower[i + "password".len()..].trim_start();
            if after.starts_with('=') {
                return true;
            }
        }
        previous = c;
    }
    false
}

/// Why a database server could not be used. Its texts are the server's or
/// the client library's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerProblem {
    /// The URL or conninfo cannot be read.
    BadAddress(String),
    /// A password written in the config, where it should not be.
    PasswordInConfig,
    /// No server answers there.
    Unreachable(String),
    /// The server refused this login.
    LoginRefused { login: String, why: String },
    /// TLS was required and not given, or failed.
    Tls(String),
    /// The server has no such database.
    NoDatabase(String),
    /// The server refused something else.
    Refused(String),
    /// The schema of that name holds another program's tables.
    ForeignSchema(String),
    /// The schema is newer than this meldpunt.
    TooNew { found: u32, supported: u32 },
    /// The group roles do not exist and this login may not create them:
    /// what a DBA runs first.
    RolesNeeded(String),
    /// The schema does not exist and this login may not create it.
    CannotCreate(String),
}

/// What is wrong with a damaged meldpunt file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Shorter than its header says: `size` bytes of `expected`.
    CutShort { size: u64, expected: u64 },
    /// What the database engine said when it read the file.
    Malformed(String),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::CutShort { size, expected } => write!(f, "{size} bytes where its header says {expected}"),
            Damage::Malformed(what) => f.write_str(what),
        }
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A time: whole seconds since 1970 (UTC).
    Time,
    /// A whole number.
    Number,
    /// One of the codes meldpunt knows.
    Code,
}

/// Why a meldpunt export cannot be imported, or an export not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    #[error("{0}: a row is not an object")]
    NotAnObject(String),
    #[error("{table} has no column {column}")]
    NoColumn { table: String, column: String },
    #[error("line {line}, column {column}: {why}")]
    NotJson { line: usize, column: usize, why: String },
    #[error("not a meldpunt export (no \"format\": \"meldpunt-export\")")]
    NotAnExport,
    /// The reference data stands after the tickets: an export writes it
    /// first, and each ticket is checked against it as it is read.
    #[error("the reference data must come before the tickets (as an export writes it)")]
    ReferenceLate,
    #[error("written by a newer meldpunt (schema {found}); this one knows {known}")]
    Newer { found: u64, known: u32 },
    /// The n-th ticket of the file has no `ticket`, or no `ticket.id`.
    #[error("ticket {0}: no ticket")]
    NoTicket(usize),
    #[error("ticket {0}: no ticket.id")]
    NoTicketId(usize),
    #[error("ticket {ticket}: {table} is not a list")]
    NotAList { ticket: i64, table: String },
    /// Said by the JSON or CSV writer, in English only.
    #[error("{0}")]
    Other(String),
}

/// A value that is not what its column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongValue {
    pub table: String,
    pub row: i64,
    pub column: String,
    pub value: String,
    pub expected: Expected,
}

/// What a check of the database found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Problems the engine's integrity check found (none when the file is sound).
    pub integrity: Vec<String>,
    /// Rows that point at a row that does not exist: table, row, target table.
    pub foreign_keys: Vec<(String, i64, String)>,
    /// Triggers of the schema that are missing: dropped, the history or
    /// search index no longer guarded.
    pub missing_triggers: Vec<String>,
    /// Rows with a value of the wrong kind, and how many more than named.
    pub wrong_values: Vec<WrongValue>,
    pub more_wrong_values: u64,
    pub tickets: u64,
    pub events: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems() == 0
    }

    /// How many problems were found.
    pub fn problems(&self) -> usize {
        self.integrity.len()
            + self.foreign_keys.len()
            + self.missing_triggers.len()
            + self.wrong_values.len()
            + self.more_wrong_values as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_found_wherever_a_server_name_can_hold_one() {
        assert!(holds_password("postgres://anna:secret@db/meldpunt"));
        assert!(holds_password("postgresql://db/meldpunt?sslmode=require&password=x"));
        assert!(holds_password("host=db password=secret"));
        assert!(holds_password("password = secret host=db"));
        assert!(!holds_password("postgres://anna@db/meldpunt"));
        assert!(!holds_password("postgres://db/pass:word"));
        assert!(!holds_password("host=db dbname='password=x'"));
        assert!(!holds_password("/srv/meldpunt/password.db"));
    }
}
