//! Closing incidents: checklist ticks, the post-incident review, feedback
//! and duplicates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, named_params};

use super::tickets::{insert_event, load_ticket, to_time};
use super::{Result, Store, StoreError};
use crate::domain::closure::{ClosureBlock, DUPLICATE};
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::knowledge::{ActionItem, Review};
use crate::domain::{Field, Ticket, TicketId};

/// A tick on the checklist: which item, when, by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub item: String,
    pub at: DateTime<Utc>,
    pub actor: String,
}

pub(super) fn ticks(conn: &Connection, id: TicketId) -> Result<Vec<Tick>> {
    let mut stmt =
        conn.prepare_cached("SELECT item, at, actor FROM checklist WHERE ticket_id = ?1 ORDER BY at, item")?;
    let rows = stmt.query_map([id], |r| Ok(Tick { item: r.get(0)?, at: to_time(r.get(1)?), actor: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn load_review(conn: &Connection, id: TicketId) -> Result<Option<Review>> {
    let review = conn
        .prepare_cached(
            "SELECT what_happened, cause, went_well, went_badly, recommendations, completed_at, completed_by
             FROM reviews WHERE ticket_id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Review {
                what_happened: r.get(0)?,
                cause: r.get(1)?,
                went_well: r.get(2)?,
                went_badly: r.get(3)?,
                recommendations: r.get(4)?,
                actions: Vec::new(),
                completed_at: r.get::<_, Option<i64>>(5)?.map(to_time),
                completed_by: r.get(6)?,
            })
        })
        .optional()?;
    let Some(mut review) = review else { return Ok(None) };
    let mut stmt = conn
        .prepare_cached("SELECT description, owner, due, done FROM review_actions WHERE ticket_id = ?1 ORDER BY id")?;
    review.actions = stmt
        .query_map([id], |r| {
            let due: Option<String> = r.get(2)?;
            Ok(ActionItem {
                description: r.get(0)?,
                owner: r.get(1)?,
                due: due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                done: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(review))
}

/// Refuses to close a ticket that is not done: called in every write that
/// moves a ticket to closed.
pub(super) fn check_closing(store: &Store, conn: &Connection, next: &Ticket) -> Result<()> {
    let policy = &store.policy.closure;
    let ticked: Vec<String> = ticks(conn, next.id)?.into_iter().map(|t| t.item).collect();
    let major: bool =
        conn.prepare_cached("SELECT major FROM tickets WHERE id = ?1")?.query_row([next.id], |r| r.get(0))?;
    let required = policy.review_required(next.priority, major);
    let complete = load_review(conn, next.id)?.is_some_and(|r| r.completed_at.is_some());
    let blocks = policy.blocks(&ticked, next.closure_code.as_deref(), required, complete);
    if blocks.is_empty() { Ok(()) } else { Err(StoreError::NotReadyToClose(blocks)) }
}

impl Store {
    /// Ticks (or unticks) a checklist item; each is an event.
    pub fn tick(&self, actor: &str, now: DateTime<Utc>, id: TicketId, item: &str, on: bool) -> Result<()> {
        if self.policy.closure.item(item).is_none() {
            return Err(StoreError::UnknownName(item.to_string()));
        }
        self.write(|conn| {
            load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            let changed = if on {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO checklist (ticket_id, item, at, actor) VALUES (:id, :item, :at, :actor)",
                )?
                .execute(named_params! { ":id": id, ":item": item, ":at": now.timestamp(), ":actor": actor })?
            } else {
                conn.prepare_cached("DELETE FROM checklist WHERE ticket_id = ?1 AND item = ?2")?
                    .execute(rusqlite::params![id, item])?
            };
            if changed > 0 {
                let value = if on { "1" } else { "0" };
                insert_event(
                    conn,
                    id,
                    &NewEvent::of(EventKind::Checked, now, actor, Some(item), None, Some(value.into())),
                )?;
            }
            Ok(())
        })
    }

    pub fn checklist(&self, id: TicketId) -> Result<Vec<Tick>> {
        ticks(&self.conn, id)
    }

    /// Closes an incident with a closure code, if it is ready.
    pub fn close(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected: Option<i64>,
        code: &str,
    ) -> Result<Ticket> {
        let edits = [(Field::ClosureCode, Some(code.to_string())), (Field::Status, Some("closed".to_string()))];
        Ok(self.update_ticket(actor, now, id, expected, &edits)?.0)
    }

    /// What stands in the way of closing, without trying.
    pub fn closing_blocks(&self, id: TicketId, code: Option<&str>) -> Result<Vec<ClosureBlock>> {
        let mut ticket = self.ticket(id)?.ok_or(StoreError::NotFound(id))?;
        ticket.closure_code = code.map(str::to_string).or(ticket.closure_code);
        match check_closing(self, &self.conn, &ticket) {
            Ok(()) => Ok(Vec::new()),
            Err(StoreError::NotReadyToClose(blocks)) => Ok(blocks),
            Err(e) => Err(e),
        }
    }

    /// Marks an incident as a duplicate of another: linked, and closed with the duplicate code.
    pub fn mark_duplicate(&self, actor: &str, now: DateTime<Utc>, id: TicketId, original: TicketId) -> Result<Ticket> {
        if id == original {
            return Err(StoreError::LinkToItself);
        }
        self.write(|conn| {
            load_ticket(conn, original)?.ok_or(StoreError::NotFound(original))?;
            conn.prepare_cached("UPDATE tickets SET duplicate_of = ?2 WHERE id = ?1")?.execute([id, original])?;
            let event =
                NewEvent::of(EventKind::Duplicate, now, actor, Some("duplicate_of"), None, Some(original.to_string()));
            insert_event(conn, id, &event)?;
            let current = load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            let mut edits = vec![(Field::ClosureCode, Some(DUPLICATE.to_string()))];
            if current.status != crate::domain::Status::Closed {
                edits.push((Field::Status, Some("closed".to_string())));
            }
            Ok(self.update_in(conn, actor, now, id, None, &edits)?.0)
        })
    }

    /// The duplicate of which ticket this one is, if any.
    pub fn duplicate_of(&self, id: TicketId) -> Result<Option<TicketId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT duplicate_of FROM tickets WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Records the reporter's satisfaction (1 to 5) and comment.
    pub fn feedback(&self, actor: &str, now: DateTime<Utc>, id: TicketId, score: u8, comment: &str) -> Result<()> {
        if !(1..=5).contains(&score) {
            return Err(StoreError::BadScore(score));
        }
        self.write(|conn| {
            let changed = conn
                .prepare_cached(
                    "UPDATE tickets SET satisfaction = :score, feedback_comment = :comment, feedback_at = :at WHERE id = :id",
                )?
                .execute(named_params! {
                    ":score": score, ":comment": Some(comment.trim()).filter(|c| !c.is_empty()), ":at": now.timestamp(), ":id": id,
                })?;
            if changed == 0 {
                return Err(StoreError::NotFound(id));
            }
            let event = NewEvent::of(EventKind::Feedback, now, actor, Some("satisfaction"), None, Some(score.to_string()))
                .with_note(comment.trim());
            insert_event(conn, id, &event)
        })
    }

    /// The reporter's score and comment, when given.
    pub fn feedback_of(&self, id: TicketId) -> Result<Option<(u8, Option<String>)>> {
        let row: Option<(Option<u8>, Option<String>)> = self
            .conn
            .prepare_cached("SELECT satisfaction, feedback_comment FROM tickets WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(score, comment)| score.map(|s| (s, comment))))
    }

    pub fn review(&self, id: TicketId) -> Result<Option<Review>> {
        load_review(&self.conn, id)
    }

    /// Saves the review (its text and action items); `complete` marks it
    /// done, which only a filled-in review can be.
    pub fn save_review(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        review: &Review,
        complete: bool,
    ) -> Result<()> {
        if complete && !review.is_filled_in() {
            return Err(StoreError::ReviewIncomplete);
        }
        self.write(|conn| {
            load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            conn.prepare_cached(
                "INSERT INTO reviews (ticket_id, what_happened, cause, went_well, went_badly, recommendations,
                    updated_at, updated_by, completed_at, completed_by)
                 VALUES (:id, :what, :cause, :well, :badly, :recs, :at, :by, :done_at, :done_by)
                 ON CONFLICT (ticket_id) DO UPDATE SET what_happened = :what, cause = :cause, went_well = :well,
                    went_badly = :badly, recommendations = :recs, updated_at = :at, updated_by = :by,
                    completed_at = coalesce(:done_at, completed_at), completed_by = coalesce(:done_by, completed_by)",
            )?
            .execute(named_params! {
                ":id": id,
                ":what": review.what_happened,
                ":cause": review.cause,
                ":well": review.went_well,
                ":badly": review.went_badly,
                ":recs": review.recommendations,
                ":at": now.timestamp(),
                ":by": actor,
                ":done_at": complete.then(|| now.timestamp()),
                ":done_by": complete.then_some(actor),
            })?;
            conn.prepare_cached("DELETE FROM review_actions WHERE ticket_id = ?1")?.execute([id])?;
            for a in &review.actions {
                conn.prepare_cached(
                    "INSERT INTO review_actions (ticket_id, description, owner, due, done)
                     VALUES (:id, :description, :owner, :due, :done)",
                )?
                .execute(named_params! {
                    ":id": id, ":description": a.description, ":owner": a.owner,
                    ":due": a.due.map(|d| d.format("%Y-%m-%d").to_string()), ":done": a.done,
                })?;
            }
            let what = if complete { "completed" } else { "updated" };
            insert_event(
                conn,
                id,
                &NewEvent::of(EventKind::Review, now, actor, Some("review"), None, Some(what.into())),
            )
        })
    }
}
