//! Data-subject requests and the retention period: what is held of a
//! reporter, erasing it, and removing what is older than the period.

use chrono::{DateTime, Months, Utc};

use crate::store::{Result, Store};

use super::Actor;

pub use crate::store::privacy::{Erasure, Held};

/// Everything held of a reporter (the request is logged).
pub fn export(store: &Store, actor: Actor, reporter: &str) -> Result<Held> {
    store.privacy_export(actor.login, actor.now, reporter)
}

/// Erases a reporter's personal data everywhere it is kept.
pub fn erase(store: &Store, actor: Actor, reporter: &str) -> Result<Erasure> {
    store.privacy_erase(actor.login, actor.now, reporter)
}

/// The moment before which tickets fall outside a retention of `months`.
pub fn retention_limit(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// How many tickets a retention of `months` would remove now.
pub fn retention_due(store: &Store, now: DateTime<Utc>, months: u32) -> Result<u64> {
    store.retention_due(retention_limit(now, months))
}

/// Removes what is older than `months`: the tickets and records removed.
pub fn apply_retention(store: &Store, actor: Actor, months: u32) -> Result<(u64, u64)> {
    store.apply_retention(actor.login, actor.now, retention_limit(actor.now, months))
}
