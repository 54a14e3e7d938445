//! Closing incidents: checklist ticks, the post-incident review, feedback
//! and duplicates.

use super::sql::{Db, OptionalExtension, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, NaiveDate, Utc};

use super::tickets::{insert_event, load_ticket, to_time};
use super::{Result, Store, StoreError};
use crate::domain::closure::{Closing, ClosingState, ClosureBlock, DUPLICATE, Tick};
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::knowledge::{ActionItem, Review};
use crate::domain::{Field, Ticket, TicketId};

pub(super) fn ticks(conn: &dyn Db, id: TicketId) -> Result<Vec<Tick>> {
    let mut stmt =
        conn.prepare_cached("SELECT item, at, actor FROM checklist WHERE ticket_id = ?1 ORDER BY at, item")?;
    let rows = stmt.query_map([id], |r| Ok(Tick { item: r.get(0)?, at: to_time(r.get(1)?), actor: r.get(2)? }))?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

/// Ticks or unticks a checklist item, with an event when that changes anything.
fn tick_in(conn: &dyn Db, actor: &str, now: DateTime<Utc>, id: TicketId, item: &str, on: bool) -> Result<()> {
    let changed = if on {
        conn.prepare_cached(
            "INSERT INTO checklist (ticket_id, item, at, actor) VALUES (:id, :item, :at, :actor) ON CONFLICT DO NOTHING",
        )?
        .execute(named_params! { ":id": id, ":item": item, ":at": now.timestamp(), ":actor": actor })?
    } else {
        conn.prepare_cached("DELETE FROM checklist WHERE ticket_id = ?1 AND item = ?2")?
            .execute(super::sql::params![id, item])?
    };
    if changed > 0 {
        let value = if on { "1" } else { "0" };
        insert_event(conn, id, &NewEvent::of(EventKind::Checked, now, actor, Some(item), None, Some(value.into())))?;
    }
    Ok(())
}

pub(super) fn load_review(conn: &dyn Db, id: TicketId) -> Result<Option<Review>> {
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
        .collect::<super::sql::Result<_>>()?;
    Ok(Some(review))
}

/// Refuses to close a ticket that is not done: called in every write that
/// moves a ticket to closed.
pub(super) fn check_closing(store: &Store, conn: &dyn Db, next: &Ticket) -> Result<()> {
    let policy = &store.policy.closure;
    let (major, duplicate_of): (bool, Option<i64>) = conn
        .prepare_cached("SELECT major, duplicate_of FROM tickets WHERE id = ?1")?
        .query_row([next.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let state = ClosingState {
        ticked: ticks(conn, next.id)?.into_iter().map(|t| t.item).collect(),
        review_required: policy.review_required(next.priority, major),
        review_complete: load_review(conn, next.id)?.is_some_and(|r| r.completed_at.is_some()),
        duplicate: duplicate_of.is_some(),
    };
    let blocks = policy.blocks(&state, next.closure_code.as_deref());
    if blocks.is_empty() { Ok(()) } else { Err(StoreError::NotReadyToClose(blocks)) }
}

/// A closed incident keeps a known closure code: it may be changed, not removed.
pub(super) fn check_code_of_closed(store: &Store, next: &Ticket) -> Result<()> {
    match next.closure_code.as_deref() {
        None => Err(StoreError::NotReadyToClose(vec![ClosureBlock::NoCode])),
        Some(code) if store.policy.closure.code(code).is_none() => {
            Err(StoreError::NotReadyToClose(vec![ClosureBlock::UnknownCode(code.to_string())]))
        }
        Some(_) => Ok(()),
    }
}

/// The incident a ticket is a duplicate of, if it is one.
fn duplicate_of(conn: &dyn Db, id: TicketId) -> Result<Option<TicketId>> {
    Ok(conn
        .prepare_cached("SELECT duplicate_of FROM tickets WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Records the reporter's score and comment inside an open transaction.
fn feedback_in(conn: &dyn Db, actor: &str, now: DateTime<Utc>, id: TicketId, score: u8, comment: &str) -> Result<()> {
    if !(1..=5).contains(&score) {
        return Err(StoreError::BadScore(score));
    }
    super::checks::text(crate::domain::limits::Input::Comment, comment.trim())?;
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
}

impl Store {
    /// Ticks (or unticks) a checklist item; each is an event.
    pub fn tick(&self, actor: &str, now: DateTime<Utc>, id: TicketId, item: &str, on: bool) -> Result<()> {
        self.visible(id)?;
        if self.policy.closure.item(item).is_none() {
            return Err(StoreError::UnknownName(item.to_string()));
        }
        self.write(Permission::Close, |conn| {
            load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            tick_in(conn, actor, now, id, item, on)
        })
    }

    pub fn checklist(&self, id: TicketId) -> Result<Vec<Tick>> {
        ticks(self.db(), id)
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

    /// Closes an incident in one transaction with what closing records: the
    /// closing fields (cause, measures, solution), the reporter's feedback
    /// when given, and the closure code. When anything is refused (a field,
    /// the score, the checklist), nothing is changed.
    pub fn close_with(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected: Option<i64>,
        closing: &Closing,
    ) -> Result<Ticket> {
        self.visible(id)?;
        self.write(Permission::Close, |conn| {
            if let Some((score, comment)) = closing.feedback {
                feedback_in(conn, actor, now, id, score, comment)?;
            }
            // A cause, measures or solution written down is recorded: its
            // checklist item is ticked, in the same transaction.
            for (field, value) in closing.fields {
                if let Some(item) = crate::domain::closure::recorded_by(*field)
                    && value.as_deref().is_some_and(|v| !v.trim().is_empty())
                    && self.policy.closure.item(item).is_some()
                {
                    tick_in(conn, actor, now, id, item, true)?;
                }
            }
            let mut edits = closing.fields.to_vec();
            edits.push((Field::ClosureCode, Some(closing.code.to_string())));
            edits.push((Field::Status, Some("closed".to_string())));
            Ok(self.update_in(conn, actor, now, id, expected, &edits)?.0)
        })
    }

    /// What stands in the way of closing, without trying.
    pub fn closing_blocks(&self, id: TicketId, code: Option<&str>) -> Result<Vec<ClosureBlock>> {
        let mut ticket = self.ticket(id)?.ok_or(StoreError::NotFound(id))?;
        ticket.closure_code = code.map(str::to_string).or(ticket.closure_code);
        match check_closing(self, self.db(), &ticket) {
            Ok(()) => Ok(Vec::new()),
            Err(StoreError::NotReadyToClose(blocks)) => Ok(blocks),
            Err(e) => Err(e),
        }
    }

    /// Marks an incident as a duplicate of another: linked, and closed with the duplicate code.
    pub fn mark_duplicate(&self, actor: &str, now: DateTime<Utc>, id: TicketId, original: TicketId) -> Result<Ticket> {
        self.visible(id)?;
        self.visible(original)?;
        if id == original {
            return Err(StoreError::LinkToItself);
        }
        self.write(Permission::Close, |conn| {
            // A duplicate of a duplicate points at the first incident.
            let mut original = original;
            for _ in 0..64 {
                let ticket = load_ticket(conn, original)?.ok_or(StoreError::NotFound(original))?;
                match duplicate_of(conn, ticket.id)? {
                    Some(earlier) => original = earlier,
                    None => break,
                }
            }
            if original == id {
                return Err(StoreError::LinkToItself);
            }
            let current = load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            if current.status == crate::domain::Status::Closed && current.closure_code.as_deref() != Some(DUPLICATE) {
                return Err(StoreError::AlreadyClosed(id));
            }
            conn.prepare_cached("UPDATE tickets SET duplicate_of = ?2 WHERE id = ?1")?.execute([id, original])?;
            let event =
                NewEvent::of(EventKind::Duplicate, now, actor, Some("duplicate_of"), None, Some(original.to_string()));
            insert_event(conn, id, &event)?;
            let mut edits = vec![(Field::ClosureCode, Some(DUPLICATE.to_string()))];
            if current.status != crate::domain::Status::Closed {
                edits.push((Field::Status, Some("closed".to_string())));
            }
            Ok(self.update_in(conn, actor, now, id, None, &edits)?.0)
        })
    }

    /// The duplicate of which ticket this one is, if any.
    pub fn duplicate_of(&self, id: TicketId) -> Result<Option<TicketId>> {
        // The original is not named to someone who may not see it.
        match duplicate_of(self.db(), id)? {
            Some(original) if !self.can_see(original)? => Ok(None),
            other => Ok(other),
        }
    }

    /// Records the reporter's satisfaction (1 to 5) and comment.
    pub fn feedback(&self, actor: &str, now: DateTime<Utc>, id: TicketId, score: u8, comment: &str) -> Result<()> {
        self.visible(id)?;
        self.write(Permission::Close, |conn| feedback_in(conn, actor, now, id, score, comment))
    }

    /// The reporter's score and comment, when given.
    pub fn feedback_of(&self, id: TicketId) -> Result<Option<(u8, Option<String>)>> {
        let row: Option<(Option<u8>, Option<String>)> = self
            .db()
            .prepare_cached("SELECT satisfaction, feedback_comment FROM tickets WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(score, comment)| score.map(|s| (s, comment))))
    }

    pub fn review(&self, id: TicketId) -> Result<Option<Review>> {
        load_review(self.db(), id)
    }

    /// Saves the review (its text and action items); `complete` is whether
    /// it is done, which only a filled-in review can be. Completing keeps
    /// the first completion's time and person; `false` makes it a draft again.
    pub fn save_review(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        review: &Review,
        complete: bool,
    ) -> Result<()> {
        self.visible(id)?;
        if complete && !review.is_filled_in() {
            return Err(StoreError::ReviewIncomplete);
        }
        {
            use crate::domain::limits::Input;
            let texts = [&review.what_happened, &review.cause, &review.went_well, &review.went_badly];
            for text in texts.into_iter().chain([&review.recommendations]) {
                super::checks::text(Input::Review, text)?;
            }
            for a in &review.actions {
                super::checks::text(Input::Action, &a.description)?;
                super::checks::text(Input::Owner, &a.owner)?;
            }
        }
        // Completing a review is a lead's; anyone may write a draft.
        // So is making a completed review a draft again.
        let was_complete = self.review(id)?.is_some_and(|r| r.completed_at.is_some());
        let permission = if complete || was_complete { Permission::CompleteReview } else { Permission::Learn };
        self.write(permission, |conn| {
            load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            let was_complete = load_review(conn, id)?.is_some_and(|r| r.completed_at.is_some());
            conn.prepare_cached(
                "INSERT INTO reviews (ticket_id, what_happened, cause, went_well, went_badly, recommendations,
                    updated_at, updated_by, completed_at, completed_by)
                 VALUES (:id, :what, :cause, :well, :badly, :recs, :at, :by, :done_at, :done_by)
                 ON CONFLICT (ticket_id) DO UPDATE SET what_happened = :what, cause = :cause, went_well = :well,
                    went_badly = :badly, recommendations = :recs, updated_at = :at, updated_by = :by,
                    completed_at = CASE WHEN :complete THEN coalesce(reviews.completed_at, :done_at) END,
                    completed_by = CASE WHEN :complete THEN coalesce(reviews.completed_by, :done_by) END",
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
                ":complete": complete,
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
            let what = match (was_complete, complete) {
                (false, true) => "completed",
                (true, false) => "reopened",
                _ => "updated",
            };
            insert_event(
                conn,
                id,
                &NewEvent::of(EventKind::Review, now, actor, Some("review"), None, Some(what.into())),
            )
        })
    }
}
