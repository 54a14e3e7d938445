//! Looking after the database: a copy to keep, a check of its soundness,
//! and the deadlines passed since anyone looked.

use chrono::{DateTime, Utc};

use crate::domain::TicketId;
use crate::store::{CheckReport, Result, Store};

/// A consistent copy of the whole database at `to`, taken while others work.
pub fn backup(store: &Store, to: &std::path::Path, force: bool) -> Result<()> {
    store.backup_to(to, force)
}

/// Whether the database is sound: its structure, links, history guards and values.
pub fn check(store: &Store) -> Result<CheckReport> {
    store.check()
}

/// Marks every response or resolution target passed by `now` as breached,
/// once each, with its event; the tickets that were.
pub fn record_breaches(store: &Store, now: DateTime<Utc>) -> Result<Vec<TicketId>> {
    store.record_breaches(now)
}
