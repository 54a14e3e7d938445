//! Refusals whose English used to be built where they were found: a
//! duration, a setting's value, a cell the priority matrix lacks.

use crate::domain::Level;
use crate::domain::access::Setting;
use crate::domain::duration::DurationError;

pub struct Refusals {
    pub bad_duration: fn(&DurationError) -> String,
    /// A value a setting does not take: the setting, the value given.
    pub bad_setting: fn(Setting, &str) -> String,
    pub no_cell: fn(Level, Level) -> String,
    /// A row of an imported file: its line, column and problem.
    pub import_row: fn(u64, &str, &str) -> String,
    /// What is wrong with a value of an imported row.
    pub row: fn(&crate::domain::servicenow::RowProblem) -> String,
    /// An imported file that cannot be read: the file, why.
    pub import_unreadable: fn(&str, &str) -> String,
    /// An imported file without a column it needs: the file, the column.
    pub import_no_column: fn(&str, &str) -> String,
    /// An imported file that is not CSV or JSON at a line: the file, the line (and column), why.
    pub import_bad_file: fn(&str, &str, &str) -> String,
    pub word_line: &'static str,
    pub word_column: &'static str,
    /// A report whose worker failed.
    pub report_stopped: &'static str,
    /// What is wrong with a value of the config or a mapping file.
    pub config: fn(&crate::config::ConfigProblem) -> String,
    /// Why a meldpunt export cannot be imported.
    pub import: fn(&crate::domain::storage::ImportProblem) -> String,
}
