//! AVG/GDPR: everything held about one reporter, erasing it while keeping
//! the statistics, and the retention period; each action logged.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, named_params};
use serde::Serialize;

use super::{Result, Store};
use crate::domain::TicketId;
use crate::domain::access::Permission;

/// What replaces a reporter's name.
pub const ERASED: &str = "(erased)";

/// One ticket of a reporter, with what it holds about them.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HeldTicket {
    pub id: TicketId,
    pub title: String,
    pub description: String,
    pub reporter_name: String,
    pub reporter_email: Option<String>,
    pub reporter_phone: Option<String>,
    pub department: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Messages to them and notes, as written.
    pub entries: Vec<(DateTime<Utc>, String, Option<String>, String)>,
}

/// A logged privacy action.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PrivacyAction {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub records: u64,
}

fn log(conn: &Connection, actor: &str, now: DateTime<Utc>, action: &str, subject: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO privacy_log (at, actor, action, subject, running) VALUES (?1, ?2, ?3, ?4, 1)",
        rusqlite::params![now.timestamp(), actor, action, subject],
    )?;
    Ok(conn.last_insert_rowid())
}

fn finish(conn: &Connection, id: i64, records: u64) -> Result<()> {
    conn.execute(
        "UPDATE privacy_log SET running = 0, records = ?2 WHERE id = ?1",
        rusqlite::params![id, records as i64],
    )?;
    Ok(())
}

/// Anonymises the reporter of these tickets: their name, e-mail and phone,
/// where they appear in the ticket, its entries and its history. The
/// department, categories, times and figures stay: the statistics hold.
fn anonymise(conn: &Connection, ids: &[TicketId]) -> Result<u64> {
    let mut records = 0u64;
    for id in ids {
        let (name, email, phone): (String, Option<String>, Option<String>) = conn.query_row(
            "SELECT reporter_name, reporter_email, reporter_phone FROM tickets WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        // Where the name or address was written into the text, it goes too.
        let scrub = "replace(replace(replace(coalesce(VALUE, ''), :name, :erased), coalesce(:email, char(0)), :erased),
                     coalesce(:phone, char(0)), :erased)";
        let text = |column: &str| scrub.replace("VALUE", column);
        let params = named_params! { ":id": id, ":name": name, ":email": email, ":phone": phone, ":erased": ERASED };
        let sql = format!(
            "UPDATE tickets SET reporter_name = :erased, reporter_email = NULL, reporter_phone = NULL,
                    title = {}, description = {} WHERE id = :id",
            text("title"),
            text("description")
        );
        records += conn.prepare_cached(&sql)?.execute(params)? as u64;
        let sql = format!(
            "UPDATE entries SET recipient = CASE WHEN recipient IS NULL THEN NULL ELSE :erased END,
                    subject = {}, body = {} WHERE ticket_id = :id",
            text("subject"),
            text("body")
        );
        records += conn.prepare_cached(&sql)?.execute(params)? as u64;
        let sql = format!(
            "UPDATE events SET old_value = {}, new_value = {}, note = {} WHERE ticket_id = :id",
            text("old_value"),
            text("new_value"),
            text("note")
        );
        records += conn.prepare_cached(&sql)?.execute(params)? as u64;
    }
    Ok(records)
}

impl Store {
    fn reporter_tickets(conn: &Connection, email: &str) -> Result<Vec<TicketId>> {
        let mut stmt =
            conn.prepare_cached("SELECT id FROM tickets WHERE lower(reporter_email) = lower(?1) ORDER BY id")?;
        let ids = stmt.query_map([email.trim()], |r| r.get(0))?.collect::<rusqlite::Result<Vec<TicketId>>>()?;
        Ok(ids)
    }

    /// Everything held about the reporter with this address (an admin's).
    pub fn privacy_export(&self, actor: &str, now: DateTime<Utc>, email: &str) -> Result<Vec<HeldTicket>> {
        self.write(Permission::Privacy, |conn| {
            // The log says that it happened, not about whom: that would keep the address.
            let entry = log(conn, actor, now, "export", "a reporter")?;
            let mut held = Vec::new();
            for id in Store::reporter_tickets(conn, email)? {
                let mut ticket = conn.query_row(
                    "SELECT id, title, description, reporter_name, reporter_email, reporter_phone, department, created_at
                     FROM tickets WHERE id = ?1",
                    [id],
                    |r| {
                        Ok(HeldTicket {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            description: r.get(2)?,
                            reporter_name: r.get(3)?,
                            reporter_email: r.get(4)?,
                            reporter_phone: r.get(5)?,
                            department: r.get(6)?,
                            created_at: super::tickets::to_time(r.get(7)?),
                            entries: Vec::new(),
                        })
                    },
                )?;
                let mut stmt =
                    conn.prepare_cached("SELECT at, kind, recipient, body FROM entries WHERE ticket_id = ?1 ORDER BY id")?;
                ticket.entries = stmt
                    .query_map([id], |r| Ok((super::tickets::to_time(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                held.push(ticket);
            }
            finish(conn, entry, held.len() as u64)?;
            Ok(held)
        })
    }

    /// Anonymises the reporter with this address in all their tickets;
    /// returns how many records changed (an admin's).
    pub fn privacy_erase(&self, actor: &str, now: DateTime<Utc>, email: &str) -> Result<u64> {
        self.write(Permission::Privacy, |conn| {
            let entry = log(conn, actor, now, "erase", "a reporter")?;
            let ids = Store::reporter_tickets(conn, email)?;
            let records = anonymise(conn, &ids)?;
            finish(conn, entry, records)?;
            Ok(records)
        })
    }

    /// Tickets closed before `before` whose reporter is not yet anonymised.
    pub fn retention_due(&self, before: DateTime<Utc>) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM tickets WHERE closed_at < ?1 AND reporter_name <> ?2",
            rusqlite::params![before.timestamp(), ERASED],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Anonymises the reporters of tickets closed before `before`; returns
    /// the tickets and records changed (an admin's).
    pub fn apply_retention(&self, actor: &str, now: DateTime<Utc>, before: DateTime<Utc>) -> Result<(u64, u64)> {
        self.write(Permission::Privacy, |conn| {
            let subject = format!("closed before {}", before.format("%Y-%m-%d"));
            let entry = log(conn, actor, now, "retention", &subject)?;
            let mut stmt =
                conn.prepare_cached("SELECT id FROM tickets WHERE closed_at < ?1 AND reporter_name <> ?2")?;
            let ids: Vec<TicketId> = stmt
                .query_map(rusqlite::params![before.timestamp(), ERASED], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let records = anonymise(conn, &ids)?;
            finish(conn, entry, records)?;
            Ok((ids.len() as u64, records))
        })
    }

    /// The privacy actions taken, newest first.
    pub fn privacy_log(&self) -> Result<Vec<PrivacyAction>> {
        let mut stmt =
            self.conn.prepare("SELECT at, actor, action, subject, records FROM privacy_log ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(PrivacyAction {
                at: super::tickets::to_time(r.get(0)?),
                actor: r.get(1)?,
                action: r.get(2)?,
                subject: r.get(3)?,
                records: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
