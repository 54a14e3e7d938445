//! Keeping the database safe while people work: an online backup and an
//! integrity check, done by the engine beneath.

use std::path::Path;

use super::{Result, Store};
use crate::domain::storage::Expected;

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

impl Store {
    /// Copies the database to `to` from one snapshot, while other processes
    /// keep reading and writing. An existing file is overwritten only with
    /// `force`; a link, the database itself or its journal files never. The
    /// copy is made under a temporary name beside `to`, checked, and only
    /// then renamed to `to`.
    pub fn backup_to(&self, to: &Path, force: bool) -> Result<()> {
        self.backend.backup_to(to, force)
    }

    /// The engine's full integrity check and the foreign-key check, with
    /// what meldpunt's schema needs and what the database holds.
    pub fn check(&self) -> Result<CheckReport> {
        self.backend.check()
    }
}
