//! AVG/GDPR: everything held about one reporter, erasing it while keeping
//! the statistics, and the retention period; each action logged.

use super::sql::Db;
use chrono::{DateTime, Utc};
use serde::Serialize;

use std::path::PathBuf;

use super::{Result, Store, scrub};
use crate::domain::access::Permission;
use crate::domain::entry::Entry;
use crate::domain::event::Event;
use crate::domain::knowledge::Review;
use crate::domain::privacy::{Finder, Person};
use crate::domain::{Ticket, TicketId};

pub use super::scrub::{ERASED, Mention};

/// One ticket of a reporter, with everything it holds about them: the
/// ticket with its closing fields, the feedback, the review, the messages
/// and notes, and the history.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HeldTicket {
    pub ticket: Ticket,
    pub satisfaction: Option<u8>,
    pub feedback_comment: Option<String>,
    pub review: Option<Review>,
    pub entries: Vec<Entry>,
    pub events: Vec<Event>,
}

/// Everything held about a person: their tickets, and where else they are
/// mentioned (other people's tickets, problems, knowledge articles).
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Held {
    pub tickets: Vec<HeldTicket>,
    pub mentions: Vec<Mention>,
}

/// What an erase did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erasure {
    /// Their tickets, anonymised.
    pub tickets: u64,
    /// Records changed, theirs and others' that mentioned them.
    pub records: u64,
    /// Whether the write-ahead log was emptied; when another process was
    /// reading, it keeps old pages until the next checkpoint.
    pub log_emptied: bool,
    /// Files next to the database (backups, copies) that still hold them.
    pub backups: Vec<PathBuf>,
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

fn log(conn: &dyn Db, actor: &str, now: DateTime<Utc>, action: &str, subject: &str) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO privacy_log (at, actor, action, subject, running) VALUES (?1, ?2, ?3, ?4, 1) RETURNING id",
        super::sql::params![now.timestamp(), actor, action, subject],
        |r| r.get(0),
    )?)
}

fn finish(conn: &dyn Db, id: i64, records: u64) -> Result<()> {
    conn.execute(
        "UPDATE privacy_log SET running = 0, records = ?2 WHERE id = ?1",
        super::sql::params![id, records as i64],
    )?;
    Ok(())
}

/// Anonymises the reporter of these tickets: their name, e-mail and phone,
/// where they appear in the ticket, its entries and its history. The
/// department, categories, times and figures stay: the statistics hold.
fn anonymise(conn: &dyn Db, ids: &[TicketId]) -> Result<u64> {
    let mut records = 0u64;
    for id in ids {
        let (name, email, phone): (String, Option<String>, Option<String>) = conn.query_row(
            "SELECT reporter_name, reporter_email, reporter_phone FROM tickets WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let person = Person {
            names: vec![name].into_iter().filter(|n| n != ERASED).collect(),
            emails: email.into_iter().collect(),
            phones: phone.into_iter().collect(),
        };
        records += scrub::forget_reporters(conn, &[*id])?;
        records += scrub::scrub(conn, &Finder::new(&person), Some(&[*id]))?;
    }
    Ok(records)
}

impl Store {
    fn held_ticket(&self, id: TicketId) -> Result<Option<HeldTicket>> {
        let Some(ticket) = self.ticket(id)? else { return Ok(None) };
        let (satisfaction, feedback_comment) =
            self.db().query_row("SELECT satisfaction, feedback_comment FROM tickets WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(Some(HeldTicket {
            ticket,
            satisfaction,
            feedback_comment,
            review: self.review(id)?,
            entries: self.entries(id)?,
            events: self.events(id)?,
        }))
    }

    /// Everything held about the reporter with this address, name or phone
    /// number: their tickets, and every other record that mentions them,
    /// which is what an erase would change (an admin's).
    pub fn privacy_export(&self, actor: &str, now: DateTime<Utc>, reporter: &str) -> Result<Held> {
        self.write(Permission::Privacy, |conn| {
            // The log says that it happened, not about whom: that would keep the address.
            let entry = log(conn, actor, now, "export", "a reporter")?;
            let (ids, person) = scrub::find_person(conn, reporter)?;
            let mut held = Held::default();
            for id in &ids {
                held.tickets.extend(self.held_ticket(*id)?);
            }
            let finder = Finder::new(&person);
            held.mentions = scrub::mentions(conn, &finder)?
                .into_iter()
                .filter(|m| !(m.table == "tickets" && ids.contains(&m.row) && m.column.starts_with("reporter_")))
                .collect();
            finish(conn, entry, held.tickets.len() as u64)?;
            Ok(held)
        })
    }

    /// Erases the reporter with this address, name or phone number: their
    /// tickets are anonymised and every mention of them anywhere in the file
    /// (other tickets, texts, history, problems, knowledge) goes, also from
    /// the search index, freed pages and the write-ahead log. Backups next
    /// to the file that still hold them are named (an admin's).
    pub fn privacy_erase(&self, actor: &str, now: DateTime<Utc>, reporter: &str) -> Result<Erasure> {
        self.permit(Permission::Privacy)?;
        // Deleted and overwritten content is zeroed on disk, not just freed.
        self.backend.overwrite_deleted(true)?;
        let erased = self.write(Permission::Privacy, |conn| {
            let entry = log(conn, actor, now, "erase", "a reporter")?;
            let (ids, person) = scrub::find_person(conn, reporter)?;
            let finder = Finder::new(&person);
            let mut records = scrub::forget_reporters(conn, &ids)?;
            records += scrub::scrub(conn, &finder, None)?;
            scrub::rebuild_search(conn)?;
            finish(conn, entry, records)?;
            Ok((ids.len() as u64, records, finder))
        });
        let done = erased.and_then(|(tickets, records, finder)| {
            let log_emptied = self.backend.compact()?;
            let backups = self.backend.copies_holding(&|text| finder.mentions(text));
            Ok(Erasure { tickets, records, log_emptied, backups })
        });
        self.backend.overwrite_deleted(false)?;
        done
    }

    /// Tickets closed before `before` whose reporter is not yet anonymised.
    pub fn retention_due(&self, before: DateTime<Utc>) -> Result<u64> {
        Ok(self.db().query_row(
            "SELECT count(*) FROM tickets WHERE closed_at < ?1 AND reporter_name <> ?2",
            super::sql::params![before.timestamp(), ERASED],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Anonymises the reporters of tickets closed before `before`; returns
    /// the tickets and records changed (an admin's).
    pub fn apply_retention(&self, actor: &str, now: DateTime<Utc>, before: DateTime<Utc>) -> Result<(u64, u64)> {
        self.permit(Permission::Privacy)?;
        self.backend.overwrite_deleted(true)?;
        let done = self.write(Permission::Privacy, |conn| {
            let subject = format!("closed before {}", before.format("%Y-%m-%d"));
            let entry = log(conn, actor, now, "retention", &subject)?;
            let mut stmt =
                conn.prepare_cached("SELECT id FROM tickets WHERE closed_at < ?1 AND reporter_name <> ?2")?;
            let ids: Vec<TicketId> = stmt
                .query_map(super::sql::params![before.timestamp(), ERASED], |r| r.get(0))?
                .collect::<super::sql::Result<_>>()?;
            let records = anonymise(conn, &ids)?;
            if !ids.is_empty() {
                scrub::rebuild_search(conn)?;
            }
            finish(conn, entry, records)?;
            Ok((ids.len() as u64, records))
        });
        let done = done.and_then(|counts| {
            if counts.0 > 0 {
                self.backend.compact()?;
            }
            Ok(counts)
        });
        self.backend.overwrite_deleted(false)?;
        done
    }

    /// The privacy actions taken, newest first.
    pub fn privacy_log(&self) -> Result<Vec<PrivacyAction>> {
        let mut stmt =
            self.db().prepare("SELECT at, actor, action, subject, records FROM privacy_log ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(PrivacyAction {
                at: super::tickets::to_time(r.get(0)?),
                actor: r.get(1)?,
                action: r.get(2)?,
                subject: r.get(3)?,
                records: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }
}
