//! Keeping the database safe while people work: an online backup and an
//! integrity check, done by the engine beneath.

use std::path::Path;

use super::{Result, Store};
use crate::domain::storage::CheckReport;

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
