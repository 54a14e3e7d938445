//! Customer updates that are due: how many (for the status bar) and the
//! ones that were missed, each recorded once on its ticket's timeline.
//!
//! Who records a missed update when nobody has the ticket open: every
//! running screen watches the deadlines (each second, `record_breaches`)
//! for all open tickets, not only the one it shows; the event carries the
//! deadline it missed as its moment, so however many screens see it, and
//! however late, it is written once. A ticket whose update clock moves on
//! (a message reached the reporter) gets a new deadline, and missing that
//! one is a new event. Without any screen running, the next one started
//! records what was missed meanwhile, at the moment it was missed.

use super::sql::{Db, named_params};
use chrono::{DateTime, Utc};

use super::tickets::{insert_event, to_time};
use super::{Result, Store};
use crate::domain::TicketId;
use crate::domain::event::{EventKind, NewEvent, SYSTEM};
use crate::domain::sla::Target;
use crate::domain::work::UpdatesDue;

/// The most ticket numbers an answer names (the count is always whole).
const NAMED: i64 = 200;

/// Open tickets whose customer update is due before `:soon`. `urgent_due`
/// is never later than a running update deadline, so its partial index
/// (`open_by_urgent`) finds them without reading every ticket.
const DUE: &str = "FROM tickets WHERE is_open = 1 AND urgent_due < :soon AND update_due < :soon";

/// Open tickets whose update deadline passed without its event yet.
const MISSED: &str = "SELECT id, update_due FROM tickets t
    WHERE is_open = 1 AND urgent_due < :now AND update_due < :now
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = 'sla_breached'
                      AND e.field = 'update' AND e.at = t.update_due)";

fn missed(conn: &dyn Db, now: DateTime<Utc>) -> Result<Vec<(TicketId, i64)>> {
    let mut stmt = conn.prepare_cached(MISSED)?;
    let rows = stmt.query_map(named_params! { ":now": now.timestamp() }, |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

/// Whether an update was missed that is not recorded yet (a read, no lock).
pub(super) fn any_missed(conn: &dyn Db, now: DateTime<Utc>) -> Result<bool> {
    Ok(!missed(conn, now)?.is_empty())
}

/// Records each missed update once, at its deadline. Returns the tickets.
pub(super) fn record_missed(conn: &dyn Db, now: DateTime<Utc>) -> Result<Vec<TicketId>> {
    let mut touched = Vec::new();
    for (id, due) in missed(conn, now)? {
        let event = NewEvent::of(EventKind::SlaBreached, to_time(due), SYSTEM, Some(Target::Update.code()), None, None);
        insert_event(conn, id, &event)?;
        touched.push(id);
    }
    Ok(touched)
}

impl Store {
    /// The open tickets whose customer update is due before `soon`
    /// (overdue ones included): counted, and the first of them named.
    pub fn updates_due(&self, soon: DateTime<Utc>) -> Result<UpdatesDue> {
        let at = named_params! { ":soon": soon.timestamp() };
        let count: i64 = self.db().prepare_cached(&format!("SELECT count(*) {DUE}"))?.query_row(at, |r| r.get(0))?;
        let sql = format!("SELECT id {DUE} ORDER BY update_due LIMIT {NAMED}");
        let mut stmt = self.db().prepare_cached(&sql)?;
        let tickets = stmt.query_map(at, |r| r.get(0))?.collect::<super::sql::Result<_>>()?;
        Ok(UpdatesDue { count: count.max(0) as u64, tickets })
    }
}
