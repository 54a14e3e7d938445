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
