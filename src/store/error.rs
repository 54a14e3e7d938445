use std::path::PathBuf;

use crate::domain::TicketId;
use crate::domain::classification::ClassificationError;
use crate::domain::closure::ClosureBlock;
use crate::domain::storage::{Damage, ImportProblem};
use crate::domain::ticket::EditError;
use crate::domain::validate::FieldProblem;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Not a database of the engine (`engine`) it was opened with.
    #[error("{path} is not a {engine} database; it was left untouched")]
    NotADatabase { path: PathBuf, engine: &'static str },
    #[error("{path} is damaged ({damage}); nothing was written to it")]
    Damaged { path: PathBuf, damage: Damage },
    #[error("{path} is a SQLite database of another program, not of meldpunt; it was left untouched")]
    Foreign { path: PathBuf },
    #[error(
        "{path} has schema version {found}, newer than this meldpunt understands ({supported}); \
         it was left untouched. Use a newer meldpunt."
    )]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    /// A copy's target holds rows already (of this table).
    #[error("{location} is not empty ({table}); a copy goes into an empty database only")]
    TargetNotEmpty { location: String, table: String },
    /// A copy's counts of a table differ between its source and target.
    #[error("{table}: {here} rows in the source, {there} in the copy")]
    CopyDiffers { table: String, here: u64, there: u64 },
    #[error("{location}: {problem:?}")]
    Server { location: String, problem: crate::domain::storage::ServerProblem },
    /// Something only a database file has (a backup copy by meldpunt itself).
    #[error("{0} is done by the database server's own tools")]
    NotOnServer(&'static str),
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("ticket {0} does not exist")]
    NotFound(TicketId),
    #[error("ticket {0} is already closed")]
    AlreadyClosed(TicketId),
    #[error("problem {0} does not exist")]
    ProblemNotFound(i64),
    #[error("knowledge article {0} does not exist")]
    ArticleNotFound(i64),
    #[error("{0}")]
    Refused(#[from] EditError),
    #[error("{0}")]
    Classification(#[from] ClassificationError),
    #[error("the ticket is not complete: {0:?}")]
    Incomplete(Vec<FieldProblem>),
    #[error("'{0}' exists already")]
    Exists(String),
    #[error("'{0}' is not known")]
    UnknownName(String),
    #[error("not ready to close: {0:?}")]
    NotReadyToClose(Vec<ClosureBlock>),
    #[error("a review is complete only when what happened, the cause and the recommendations are filled in")]
    ReviewIncomplete,
    #[error("a score is 1 to 5, not {0}")]
    BadScore(u8),
    #[error("a reason is required")]
    ReasonRequired,
    /// The person named is not a lead (nor an admin).
    #[error("{0} is not a lead")]
    NotALead(String),
    /// Marking handled what no lead was asked.
    #[error("no lead's attention is asked")]
    NoLeadAsked,
    #[error("an incident cannot be linked to itself")]
    LinkToItself,
    #[error("ticket {0} is not a major incident")]
    NotMajor(TicketId),
    #[error(
        "someone else changed this ticket meanwhile (your edit was based on version {expected}, it is now at {current})"
    )]
    Conflict { expected: i64, current: i64 },
    #[error("{login} ({role}) may not do this ({permission:?})")]
    NotAllowed { login: String, role: crate::domain::escalation::Role, permission: crate::domain::access::Permission },
    #[error("{}", .setting.normalise(.value).err().unwrap_or_default())]
    BadSetting { setting: crate::domain::access::Setting, value: String },
    #[error("cannot import: {0}")]
    BadImport(ImportProblem),
    #[error("{0} is the last admin and stays")]
    LastAdmin(String),
    #[error("{0} is not among the people of this servicedesk and may only look")]
    UnknownUser(String),
    #[error("the database is read-only for this user; nothing was changed")]
    ReadOnly,
    /// A -wal or -shm file next to the database that this user may not write.
    #[error("{path} (of {owner}) is read-only for this user; nothing was changed")]
    CompanionReadOnly { path: PathBuf, owner: String },
    /// Someone who may only read the database, and its -wal and -shm files
    /// are missing: reading would create them as this user's.
    #[error("{path} (of {owner}) cannot be read by this user")]
    CompanionUnreadable { path: PathBuf, owner: String },
    #[error("{path} has no -wal and -shm files yet and may only be read by this user")]
    WriterFirst { path: PathBuf },
    /// `file` would have to be created in `folder`, which this user may not write.
    #[error("cannot create {file}: the folder {folder} is read-only for this user")]
    FolderReadOnly { folder: PathBuf, file: PathBuf },
    #[error("the copy did not pass its check and was removed: {0}")]
    BackupDamaged(String),
    /// A file to be written (a backup) was refused or could not be written.
    #[error("{0}")]
    Write(#[from] crate::output_file::WriteError),
    #[error("{} is longer than {max} characters", .input.code())]
    TooLong { input: crate::domain::limits::Input, max: usize },
    #[error("{} must be one line, without control characters", .0.code())]
    ControlCharacter(crate::domain::limits::Input),
    #[error("{}: '{value}' is not one of: {}", .input.code(), .known.join(", "))]
    NotKnown { input: crate::domain::limits::Input, value: String, known: Vec<String> },
    /// An escalation to a line names a team of another line.
    #[error("team '{team}' works on line {found}, not on line {line} (those are: {})", .known.join(", "))]
    WrongLine { team: String, found: u8, line: u8, known: Vec<String> },
    #[error("'{value}' is not {kind:?}")]
    NotA { value: String, kind: crate::domain::limits::ValueKind },
    #[error("{0} is missing")]
    Missing(String),
    /// `--existing update` would erase history this ticket has here.
    #[error("ticket {ticket} ({source_ref}) has history here that the file does not hold")]
    HistoryHere { ticket: TicketId, source_ref: String },
    #[error("ticket {ticket:?}, {field}, line {line}: {problem}")]
    ImportValue { ticket: Option<TicketId>, field: String, line: u64, problem: Box<StoreError> },
    #[error("database error: {0}")]
    Database(#[from] super::sql::Error),
}

impl StoreError {
    /// The error as the user should read it, of the database at `path`: what
    /// the engine reports as malformed is called damaged, and named.
    pub fn of_file(self, path: &std::path::Path) -> StoreError {
        match self {
            StoreError::Database(e) if e.is_damage() => {
                StoreError::Damaged { path: path.to_path_buf(), damage: Damage::Malformed(e.to_string()) }
            }
            other => other,
        }
    }
}
