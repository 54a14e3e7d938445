//! What is wrong with a value of the config (or an import mapping), as
//! values: the catalogue words it in the user's language.

use crate::domain::duration::DurationError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// `database_mode` that the owner cannot read and write.
    FileMode(String),
    /// A password in the database's URL or conninfo.
    DatabasePassword,
    /// `retention_months` outside 1..=1200.
    RetentionMonths(u32),
    /// A label shown to people with control, direction or invisible characters.
    NotPlain(String),
    /// `number_prefix` too long or not plain.
    NumberPrefix(String),
    /// A level name that is empty or not plain.
    LevelName(String),
    LevelTwice(String),
    /// Levels changed without a `[matrix]`.
    MatrixNeeded,
    NotAnImpactLevel {
        name: String,
        known: Vec<String>,
    },
    RowLength {
        given: usize,
        needed: usize,
    },
    NoRow(String),
    NoWorkingTime,
    /// `sla.at_risk` not a share between 0 and 1.
    AtRisk(String),
    Duration(DurationError),
    TargetZero,
    /// A target longer than the most, which is given.
    TargetTooLong(String),
    UnknownCalendar {
        name: String,
        known: Vec<String>,
    },
    ReopenDays(i64),
    FirstContactMinutes(i64),
    /// A closure item's or code's name that is not lower case, digits and _.
    NotAName(String),
    NameTwice(String),
    NoClosureCode,
    /// A mapping names a field that does not exist: it, and the fields.
    NotAField(Vec<String>),
    /// A mapping lacks the column of a field it needs.
    ColumnNeeded,
    NotATimeZone(String),
    /// A calendar's value.
    Calendar(crate::domain::calendar::CalendarProblem),
    /// Said by another part (the matrix), in English only.
    Other(String),
}
