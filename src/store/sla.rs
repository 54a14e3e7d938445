//! Keeping each ticket's SLA columns in step with its history: the inputs
//! are loaded and the result stored here, the rule is `domain::sla::recompute`.

use super::sql::{Db, OptionalExtension, Row, Value, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, Utc};

use super::tickets::{insert_event, to_time};
use super::{Policy, Result, Store};
use crate::domain::event::{EventKind, NewEvent, SYSTEM};
use crate::domain::sla::{History, StoredSla, Target, Targets, TicketSla, recompute};
use crate::domain::{Ticket, TicketId};

/// `urgent_due` when no clock runs: sorts after every real deadline.
pub const NEVER: i64 = 253_402_300_799;

fn urgent_due(urgent: Option<DateTime<Utc>>) -> i64 {
    urgent.map_or(NEVER, |d| d.timestamp())
}

/// The columns `stored_from_row` reads, from offset `at`.
macro_rules! sla_columns {
    () => {
        "sla_calendar, sla_response_secs, sla_resolution_secs, sla_update_secs, response_due, responded_at, \
         resolution_due, resolution_left, update_due, update_left, response_breached, resolution_breached"
    };
}
pub(super) use sla_columns;

pub(super) fn stored_from_row(row: &Row, at: usize) -> super::sql::Result<StoredSla> {
    let calendar: Option<String> = row.get(at)?;
    let targets = match calendar {
        Some(calendar) => Some(Targets {
            calendar,
            response_secs: row.get(at + 1)?,
            resolution_secs: row.get(at + 2)?,
            update_secs: row.get(at + 3)?,
        }),
        None => None,
    };
    Ok(StoredSla {
        targets,
        response_due: row.get(at + 4)?,
        responded_at: row.get(at + 5)?,
        resolution_due: row.get(at + 6)?,
        resolution_left: row.get(at + 7)?,
        update_due: row.get(at + 8)?,
        update_left: row.get(at + 9)?,
        response_breached: row.get(at + 10)?,
        resolution_breached: row.get(at + 11)?,
    })
}

fn load_stored(conn: &dyn Db, id: TicketId) -> Result<StoredSla> {
    const SQL: &str = concat!("SELECT ", sla_columns!(), " FROM tickets WHERE id = ?1");
    Ok(conn.prepare_cached(SQL)?.query_row([id], |r| stored_from_row(r, 0)).optional()?.unwrap_or_default())
}

/// The ticket's clock-relevant history, from its events.
fn load_history(conn: &dyn Db, ticket: &Ticket) -> Result<History> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, old_value, new_value FROM events WHERE ticket_id = ?1 AND kind = 'changed' AND field = 'status'
         ORDER BY id",
    )?;
    let rows: Vec<(i64, Option<String>, Option<String>)> =
        stmt.query_map([ticket.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<super::sql::Result<_>>()?;
    let changes = rows.iter().map(|(at, old, new)| (to_time(*at), old.as_deref(), new.as_deref()));
    let communications = super::entries::communications(conn, ticket.id)?;
    Ok(History::from_status_changes(ticket.created_at, ticket.status, changes, communications))
}

/// Works out the ticket's clocks again after a change and stores them. With
/// `reclassified`, the targets of the (new) priority replace the kept ones.
pub(super) fn refresh(
    conn: &dyn Db,
    settings: &Policy,
    ticket: &Ticket,
    reclassified: bool,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let stored = load_stored(conn, ticket.id)?;
    if ticket.priority.is_none() && stored.targets.is_none() {
        return Ok(());
    }
    let history = load_history(conn, ticket)?;
    let next = recompute(&stored, ticket, &history, settings, reclassified, actor, now);
    write(conn, ticket.id, &next.sla, urgent_due(next.urgent))?;
    for e in &next.events {
        insert_event(conn, ticket.id, e)?;
    }
    Ok(())
}

/// The SLA columns of a ticket loaded in bulk, worked out before it is
/// stored, with the breaches its history already holds.
pub(super) struct Prepared {
    pub stored: StoredSla,
    pub urgent: i64,
    pub breaches: Vec<NewEvent>,
}

/// Works out the clocks of a ticket from the history it comes with (pure:
/// can run on another thread than the one writing).
pub(super) fn prepare_new(settings: &Policy, ticket: &Ticket, history: &History) -> Option<Prepared> {
    ticket.priority?;
    let next = recompute(&StoredSla::default(), ticket, history, settings, true, SYSTEM, ticket.updated_at);
    let breaches = next.events.into_iter().filter(|e| e.kind == EventKind::SlaBreached).collect();
    Some(Prepared { stored: next.sla, urgent: urgent_due(next.urgent), breaches })
}

/// The values of the clock columns (`sla_columns!` and `urgent_due`), each
/// named as the column it goes in: inserting a ticket and writing its
/// clocks bind the same list.
pub(super) fn sla_values(s: &StoredSla, urgent: i64) -> [(&'static str, Value); 13] {
    let t = s.targets.as_ref();
    let number = |n: Option<i64>| n.map_or(Value::Null, Value::Integer);
    let flag = |b: bool| Value::Integer(b as i64);
    [
        (":sla_calendar", t.map_or(Value::Null, |t| Value::Text(t.calendar.clone()))),
        (":sla_response_secs", number(t.map(|t| t.response_secs))),
        (":sla_resolution_secs", number(t.map(|t| t.resolution_secs))),
        (":sla_update_secs", number(t.map(|t| t.update_secs))),
        (":response_due", number(s.response_due)),
        (":responded_at", number(s.responded_at)),
        (":resolution_due", number(s.resolution_due)),
        (":resolution_left", number(s.resolution_left)),
        (":update_due", number(s.update_due)),
        (":update_left", number(s.update_left)),
        (":response_breached", flag(s.response_breached)),
        (":resolution_breached", flag(s.resolution_breached)),
        (":urgent_due", Value::Integer(urgent)),
    ]
}

fn write(conn: &dyn Db, id: TicketId, s: &StoredSla, urgent: i64) -> Result<()> {
    let mut values = sla_values(s, urgent).to_vec();
    values.push((":id", Value::Integer(id)));
    conn.prepare_cached(
        "UPDATE tickets SET sla_calendar = :sla_calendar, sla_response_secs = :sla_response_secs,
            sla_resolution_secs = :sla_resolution_secs, sla_update_secs = :sla_update_secs,
            response_due = :response_due, responded_at = :responded_at, resolution_due = :resolution_due,
            resolution_left = :resolution_left, update_due = :update_due, update_left = :update_left,
            response_breached = :response_breached, resolution_breached = :resolution_breached,
            urgent_due = :urgent_due
         WHERE id = :id",
    )?
    .execute(values.as_slice())?;
    Ok(())
}

impl Store {
    /// Records a breach event, once, for every open ticket whose response or
    /// resolution deadline has passed, and one per customer update missed
    /// (see `store::updates`). Returns the tickets concerned.
    pub fn record_breaches(&self, now: DateTime<Utc>) -> Result<Vec<TicketId>> {
        const RESPONSE: &str = "SELECT id, response_due FROM tickets
            WHERE is_open = 1 AND response_breached = 0 AND responded_at IS NULL AND response_due <= :now";
        const RESOLUTION: &str = "SELECT id, resolution_due FROM tickets
            WHERE is_open = 1 AND resolution_breached = 0 AND resolution_due <= :now";
        let due = |sql: &str| -> Result<Vec<(TicketId, i64)>> {
            let mut stmt = self.db().prepare_cached(sql)?;
            let rows = stmt.query_map(named_params! { ":now": now.timestamp() }, |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<super::sql::Result<_>>()?)
        };
        // Look first without the write lock: usually there is nothing to do.
        if due(RESPONSE)?.is_empty() && due(RESOLUTION)?.is_empty() && !super::updates::any_missed(self.db(), now)? {
            return Ok(Vec::new());
        }
        self.write(Permission::Bookkeeping, |conn| {
            let mut touched = Vec::new();
            for (target, sql, flag) in [
                (Target::Response, RESPONSE, "UPDATE tickets SET response_breached = 1 WHERE id = ?1"),
                (Target::Resolution, RESOLUTION, "UPDATE tickets SET resolution_breached = 1 WHERE id = ?1"),
            ] {
                for (id, at) in due(sql)? {
                    conn.prepare_cached(flag)?.execute([id])?;
                    let event =
                        NewEvent::of(EventKind::SlaBreached, to_time(at), SYSTEM, Some(target.code()), None, None);
                    insert_event(conn, id, &event)?;
                    touched.push(id);
                }
            }
            // A customer update missed is kept too, once per deadline.
            touched.extend(super::updates::record_missed(conn, now)?);
            touched.sort_unstable();
            touched.dedup();
            Ok(touched)
        })
    }

    /// The clocks of one ticket, as kept.
    pub fn ticket_sla(&self, id: TicketId) -> Result<Option<TicketSla>> {
        const SQL: &str = concat!("SELECT ", sla_columns!(), ", resolved_at, is_open FROM tickets WHERE id = ?1");
        let found = self
            .db()
            .prepare_cached(SQL)?
            .query_row([id], |r| {
                let stored = stored_from_row(r, 0)?;
                let resolved: Option<i64> = r.get(12)?;
                let open: bool = r.get(13)?;
                Ok(stored.ticket_sla(if open { None } else { resolved }))
            })
            .optional()?;
        Ok(found.flatten())
    }

    /// The clock-relevant history of a ticket, for the timeline that explains it.
    pub fn sla_history(&self, ticket: &Ticket) -> Result<History> {
        load_history(self.db(), ticket)
    }
}
