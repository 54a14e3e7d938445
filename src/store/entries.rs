//! Work notes and messages: appended, never changed.

use super::sql::{Db, Row, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, Utc};

use super::tickets::{load_ticket, to_time};
use super::{Result, Store, StoreError};
use crate::domain::TicketId;
use crate::domain::entry::{Entry, NewEntry};

fn parse<T: std::str::FromStr>(row: &Row, idx: usize) -> super::sql::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

fn entry_from_row(row: &Row) -> super::sql::Result<Entry> {
    Ok(Entry {
        id: row.get(0)?,
        ticket_id: row.get(1)?,
        at: to_time(row.get(2)?),
        actor: row.get(3)?,
        kind: parse(row, 4)?.unwrap_or(crate::domain::entry::EntryKind::Note),
        recipient: row.get(5)?,
        subject: row.get(6)?,
        body: row.get(7)?,
        delivery: parse(row, 8)?,
        error: row.get(9)?,
    })
}

pub(super) fn insert_entry(
    conn: &dyn Db,
    id: TicketId,
    actor: &str,
    now: DateTime<Utc>,
    e: &NewEntry,
) -> Result<Entry> {
    let entry: i64 = conn
        .prepare_cached(
            "INSERT INTO entries (ticket_id, at, actor, kind, recipient, subject, body, delivery, error)
         VALUES (:ticket, :at, :actor, :kind, :recipient, :subject, :body, :delivery, :error) RETURNING id",
        )?
        .query_row(
            named_params! {
                ":ticket": id,
                ":at": now.timestamp(),
                ":actor": actor,
                ":kind": e.kind.code(),
                ":recipient": e.recipient,
                ":subject": e.subject,
                ":body": e.body,
                ":delivery": e.delivery.map(|d| d.code()),
                ":error": e.error,
            },
            |r| r.get(0),
        )?;
    Ok(Entry {
        id: entry,
        ticket_id: id,
        at: now,
        actor: actor.to_string(),
        kind: e.kind,
        recipient: e.recipient.clone(),
        subject: e.subject.clone(),
        body: e.body.clone(),
        delivery: e.delivery,
        error: e.error.clone(),
    })
}

/// When the reporter heard from us, oldest first (for the SLA clocks).
pub(super) fn communications(conn: &dyn Db, id: TicketId) -> Result<Vec<DateTime<Utc>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at FROM entries WHERE ticket_id = ?1 AND kind = 'message' AND delivery IN ('sent', 'recorded')
         ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| r.get::<_, i64>(0))?;
    Ok(rows.map(|r| r.map(to_time)).collect::<super::sql::Result<_>>()?)
}

impl Store {
    /// Adds a note or a message to a ticket. A message that reached the
    /// reporter counts as a response and restarts the update clock.
    pub fn add_entry(&self, actor: &str, now: DateTime<Utc>, id: TicketId, entry: &NewEntry) -> Result<Entry> {
        Store::check_entry(entry)?;
        super::checks::text(crate::domain::limits::Input::Actor, actor)?;
        let visible = self.can_see(id)?;
        self.write(Permission::Work, |conn| {
            let ticket = load_ticket(conn, id)?.filter(|_| visible).ok_or(StoreError::NotFound(id))?;
            let stored = insert_entry(conn, id, actor, now, entry)?;
            if stored.reached_the_reporter() {
                super::sla::refresh(conn, &self.policy, &ticket, false, actor, now)?;
                super::figures::refresh(conn, &self.policy, id)?;
            }
            Ok(stored)
        })
    }

    /// Whether the store would take this entry's texts: asked before a
    /// message leaves, so that nothing is sent that cannot be recorded.
    pub fn check_entry(entry: &NewEntry) -> Result<()> {
        use crate::domain::limits::Input;
        let body = if entry.kind == crate::domain::entry::EntryKind::Message { Input::Message } else { Input::Note };
        super::checks::text(body, &entry.body)?;
        super::checks::opt_text(Input::Subject, entry.subject.as_deref())?;
        super::checks::opt_text(Input::Recipient, entry.recipient.as_deref())?;
        super::checks::opt_text(Input::Value, entry.error.as_deref())
    }

    /// A ticket's notes and messages, oldest first.
    pub fn entries(&self, id: TicketId) -> Result<Vec<Entry>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT id, ticket_id, at, actor, kind, recipient, subject, body, delivery, error
             FROM entries WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], entry_from_row)?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }
}
