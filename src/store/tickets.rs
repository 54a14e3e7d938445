//! Creating, reading and changing tickets, each change with its events.

use super::sql::{Db, OptionalExtension, Row, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, TimeZone, Utc};

use super::{Result, Store, StoreError};
use crate::domain::classification::{Classification, chosen_priority};
use crate::domain::event::{Event, EventKind, NewEvent};
use crate::domain::ticket::{FieldChange, apply_edits};
use crate::domain::{Field, NewTicket, Priority, Reporter, Status, Ticket, TicketId};

/// The columns `ticket_from_row` reads, in its order.
macro_rules! ticket_columns {
    () => {
        "id, kind, title, description, reporter_name, reporter_email, reporter_phone, department, channel, \
         service, category, subcategory, impact, urgency, priority, status, team, assignee, created_at, \
         updated_at, resolved_at, closed_at, version, cause, measures, solution, closure_code"
    };
}

pub(super) fn to_time(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

fn parse_code<T: std::str::FromStr<Err = String>>(row: &Row, idx: usize) -> super::sql::Result<T> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|e: String| super::sql::Error::conversion(idx, e))
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn ticket_from_row(row: &Row) -> super::sql::Result<Ticket> {
    let level = |idx| -> super::sql::Result<_> {
        let n: Option<u8> = row.get(idx)?;
        Ok(n.and_then(crate::domain::Level::new))
    };
    Ok(Ticket {
        id: row.get(0)?,
        kind: parse_code(row, 1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        reporter: Reporter { name: row.get(4)?, email: row.get(5)?, phone: row.get(6)?, department: row.get(7)? },
        channel: parse_code(row, 8)?,
        service: row.get(9)?,
        category: row.get(10)?,
        subcategory: row.get(11)?,
        impact: level(12)?,
        urgency: level(13)?,
        priority: Priority::new(row.get(14)?),
        status: parse_code(row, 15)?,
        team: non_empty(row.get(16)?),
        assignee: non_empty(row.get(17)?),
        created_at: to_time(row.get(18)?),
        updated_at: to_time(row.get(19)?),
        resolved_at: row.get::<_, Option<i64>>(20)?.map(to_time),
        closed_at: row.get::<_, Option<i64>>(21)?.map(to_time),
        version: row.get(22)?,
        cause: row.get(23)?,
        measures: row.get(24)?,
        solution: row.get(25)?,
        closure_code: row.get(26)?,
    })
}

fn event_from_row(row: &Row) -> super::sql::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        ticket_id: row.get(1)?,
        at: to_time(row.get(2)?),
        actor: row.get(3)?,
        kind: parse_code::<EventKind>(row, 4)?,
        field: row.get(5)?,
        old: row.get(6)?,
        new: row.get(7)?,
        note: row.get(8)?,
    })
}

pub(super) fn insert_event(conn: &dyn Db, ticket_id: TicketId, e: &NewEvent) -> Result<()> {
    insert_events(&mut conn.prepare_cached(&EVENTS_SQL[0])?, 1, ticket_id, std::slice::from_ref(e))
}

/// The columns an event is stored with, in the order `insert_events` binds them.
const EVENT_COLUMNS: &str = "ticket_id, at, actor, kind, field, old_value, new_value, note";

/// At most this many events go in one statement.
pub(super) const EVENTS_AT_ONCE: usize = 16;

/// `INSERT INTO events` for 1 to `EVENTS_AT_ONCE` rows: `EVENTS_SQL[n - 1]` inserts `n`.
pub(super) static EVENTS_SQL: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    // Numbered marks, one per value, as everywhere in the store.
    let columns = EVENT_COLUMNS.split(',').count();
    let row = |r: usize| {
        format!("({})", (1..=columns).map(|c| format!("?{}", r * columns + c)).collect::<Vec<_>>().join(", "))
    };
    (1..=EVENTS_AT_ONCE)
        .map(|n| {
            format!("INSERT INTO events ({EVENT_COLUMNS}) VALUES {}", (0..n).map(row).collect::<Vec<_>>().join(", "))
        })
        .collect()
});

/// Inserts `events` (as many as `stmt`, one of `EVENTS_SQL`, takes: `rows`)
/// for one ticket, in their order, with one statement.
pub(super) fn insert_events(
    stmt: &mut super::sql::Statement<'_>,
    rows: usize,
    ticket_id: TicketId,
    events: &[NewEvent],
) -> Result<()> {
    debug_assert_eq!(rows, events.len());
    let values: Vec<(i64, &str, &str)> =
        events.iter().map(|e| (e.at.timestamp(), e.actor.as_str(), e.kind.code())).collect();
    let mut params: Vec<&dyn super::sql::ToSql> = Vec::with_capacity(8 * rows);
    for (e, (at, actor, kind)) in events.iter().zip(&values) {
        params.extend([&ticket_id as &dyn super::sql::ToSql, at, actor, kind, &e.field, &e.old, &e.new, &e.note]);
    }
    stmt.execute(params.as_slice())?;
    Ok(())
}

/// Inserts the ticket row itself, with its state and times as given.
/// Where a ticket stands when its row is written.
pub(super) struct RowState {
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Functional escalation ('' when none).
    pub escalation: &'static str,
    /// The reporter's score and when it was given.
    pub feedback: Option<(u8, DateTime<Utc>)>,
}

pub(super) fn insert_ticket_row(
    conn: &dyn Db,
    t: &NewTicket,
    row: &RowState,
    sla: Option<&super::sla::Prepared>,
    figures: Option<&crate::domain::figures::Figures>,
) -> Result<TicketId> {
    insert_ticket_with(&mut conn.prepare_cached(&TICKET_SQL)?, t, row, sla, figures)
}

/// The columns a new ticket is stored with, in the order `insert_ticket_with`
/// binds them: its own values, then its clocks' (`sla::sla_values`).
const TICKET_COLUMNS: &str = "kind, title, description, reporter_name, reporter_email, reporter_phone, \
    department, channel, service, category, subcategory, impact, urgency, priority, status, team, \
    assignee, created_at, updated_at, resolved_at, closed_at, first_response_at, response_secs, \
    resolution_secs, close_secs, reassignments, escalated, first_contact, resolved_by, escalation, \
    satisfaction, feedback_at, sla_calendar, sla_response_secs, sla_resolution_secs, sla_update_secs, \
    response_due, responded_at, resolution_due, resolution_left, update_due, update_left, \
    response_breached, resolution_breached, urgent_due";

/// `INSERT INTO tickets` of one row, answering its number.
pub(super) static TICKET_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let marks = (1..=TICKET_COLUMNS.split(',').count()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    format!("INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({marks}) RETURNING id")
});

/// Inserts the ticket row with `stmt`, a prepared `TICKET_SQL`.
pub(super) fn insert_ticket_with(
    stmt: &mut super::sql::Statement<'_>,
    t: &NewTicket,
    row: &RowState,
    sla: Option<&super::sla::Prepared>,
    figures: Option<&crate::domain::figures::Figures>,
) -> Result<TicketId> {
    use super::sql::ToSql;
    let no_figures = crate::domain::figures::Figures::default();
    let f = figures.unwrap_or(&no_figures);
    let RowState { status, created_at, updated_at, resolved_at, closed_at, escalation, feedback } = *row;
    let none = crate::domain::sla::StoredSla::default();
    let (s, urgent) = sla.map_or((&none, super::sla::NEVER), |p| (&p.stored, p.urgent));
    let clocks = super::sla::sla_values(s, urgent);
    let own: [&dyn ToSql; 32] = [
        &t.kind.code(),
        &t.title,
        &t.description,
        &t.reporter.name,
        &t.reporter.email,
        &t.reporter.phone,
        &t.reporter.department,
        &t.channel.code(),
        &t.service,
        &t.category,
        &t.subcategory,
        &t.impact.map(|l| l.get()),
        &t.urgency.map(|l| l.get()),
        &t.priority.map_or(0, |p| p.get()),
        &status.code(),
        &t.team.as_deref().unwrap_or(""),
        &t.assignee.as_deref().unwrap_or(""),
        &created_at.timestamp(),
        &updated_at.timestamp(),
        &resolved_at.map(|t| t.timestamp()),
        &closed_at.map(|t| t.timestamp()),
        &f.first_response_at.map(|t| t.timestamp()),
        &f.response_secs,
        &f.resolution_secs,
        &f.close_secs,
        &f.reassignments,
        &f.escalated,
        &f.first_contact,
        &f.resolved_by,
        &escalation,
        &feedback.map(|(s, _)| s),
        &feedback.map(|(_, at)| at.timestamp()),
    ];
    let values: Vec<&dyn ToSql> = own.into_iter().chain(clocks.iter().map(|(_, v)| v as &dyn ToSql)).collect();
    Ok(stmt.query_row(values.as_slice(), |r| r.get(0))?)
}

pub(super) fn load_ticket(conn: &dyn Db, id: TicketId) -> Result<Option<Ticket>> {
    const SQL: &str = concat!("SELECT ", ticket_columns!(), " FROM tickets WHERE id = ?1");
    Ok(conn.prepare_cached(SQL)?.query_row([id], ticket_from_row).optional()?)
}

impl Store {
    /// Registers a new ticket and records who did it.
    pub fn create_ticket(&self, actor: &str, now: DateTime<Utc>, t: &NewTicket) -> Result<Ticket> {
        let mut t = t.normalised();
        // Impact and urgency without a priority: the matrix decides, whoever the caller.
        t.priority = self.policy.matrix.priority_or_cell(t.priority, t.impact, t.urgency);
        let t = &t;
        let problems = crate::domain::validate::check_new_ticket(t);
        if !problems.is_empty() {
            return Err(StoreError::Incomplete(problems));
        }
        self.write(Permission::Register, |conn| {
            super::checks::Picks::of_new(t).check(conn, &self.policy, None)?;
            let row = RowState {
                status: t.initial_status(),
                created_at: now,
                updated_at: now,
                resolved_at: None,
                closed_at: None,
                escalation: "",
                feedback: None,
            };
            let id = insert_ticket_row(conn, t, &row, None, None)?;
            insert_event(conn, id, &NewEvent::created(now, actor))?;
            let ticket = load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            super::sla::refresh(conn, &self.policy, &ticket, true, actor, now)?;
            super::figures::refresh(conn, &self.policy, id)?;
            Ok(ticket)
        })
    }

    /// Refuses a ticket whose team, person, pick-list values or levels do
    /// not exist here, as registering it would.
    pub fn check_names(&self, t: &NewTicket) -> Result<()> {
        super::checks::Picks::of_new(t).check(self.db(), &self.policy, None)
    }

    /// Whether impact and urgency are levels of the matrix here.
    pub fn check_levels(&self, t: &NewTicket) -> Result<()> {
        levels_known(&self.policy, t)
    }

    /// A ticket, if it exists and the user may see it.
    pub fn ticket(&self, id: TicketId) -> Result<Option<Ticket>> {
        if !self.can_see(id)? {
            return Ok(None);
        }
        load_ticket(self.db(), id)
    }

    /// The ticket's timeline, oldest first.
    pub fn events(&self, id: TicketId) -> Result<Vec<Event>> {
        if !self.can_see(id)? {
            return Ok(Vec::new());
        }
        let mut stmt = self.db().prepare_cached(
            "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, note
             FROM events WHERE ticket_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([id], event_from_row)?.collect::<super::sql::Result<Vec<Event>>>()?;
        if self.limited_viewer().is_none() {
            return Ok(rows);
        }
        // A link to a ticket the user may not see is not shown.
        let mut shown = Vec::with_capacity(rows.len());
        for e in rows {
            if !self.names_hidden(e.field.as_deref(), [e.old.as_deref(), e.new.as_deref()])? {
                shown.push(e);
            }
        }
        Ok(shown)
    }

    /// Changes fields of a ticket. With `expected_version`, an edit based on
    /// an older version is refused as a conflict instead of overwriting.
    /// Returns the ticket as it is now and the changes that were made.
    pub fn update_ticket(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        edits: &[(Field, Option<String>)],
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        self.update_ticket_with_reason(actor, now, id, expected_version, edits, None)
    }

    /// `update_ticket` with the reason for a priority set by hand: one other
    /// than the matrix's is refused without it, and recorded with it as the
    /// classification wizard records an override, in the same transaction.
    pub fn update_ticket_with_reason(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        edits: &[(Field, Option<String>)],
        reason: Option<&str>,
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        self.write(Permission::Work, |conn| {
            let (ticket, changes) = self.update_in(conn, actor, now, id, expected_version, edits)?;
            let by_hand = edits.iter().any(|(f, _)| *f == Field::Priority);
            if let Some(chosen) =
                ticket.priority.filter(|_| by_hand && changes.iter().any(|c| c.field == Field::Priority))
            {
                let recorded = chosen_priority(&self.policy.matrix, ticket.impact, ticket.urgency, chosen, reason)?;
                if let Some((chosen, from_matrix, reason)) = recorded {
                    record_override(conn, actor, now, id, (chosen, from_matrix, reason))?;
                }
            }
            Ok((ticket, changes))
        })
    }

    /// `update_ticket` inside a transaction that is already open.
    pub(super) fn update_in(
        &self,
        conn: &dyn Db,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        edits: &[(Field, Option<String>)],
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        // A restricted ticket the user may not see does not exist for them.
        let visible = self.can_see(id)?;
        let current = load_ticket(conn, id)?.filter(|_| visible).ok_or(StoreError::NotFound(id))?;
        if let Some(expected) = expected_version
            && expected != current.version
        {
            return Err(StoreError::Conflict { expected, current: current.version });
        }
        let (next, changes) = apply_edits(&current, edits, now, &self.policy)?;
        // Each changed field needs the permission of its step; reopening a
        // closed ticket is a lead's.
        for change in &changes {
            self.permit(crate::domain::access::for_field(change.field))?;
        }
        if current.status == crate::domain::Status::Closed && next.status != crate::domain::Status::Closed {
            self.permit(Permission::Reopen)?;
        }
        if next.status == crate::domain::Status::Closed && current.status != crate::domain::Status::Closed {
            self.permit(Permission::Close)?;
        }
        if next.status == crate::domain::Status::Closed && current.status != crate::domain::Status::Closed {
            super::closure::check_closing(self, conn, &next)?;
        } else if next.status == crate::domain::Status::Closed && next.closure_code != current.closure_code {
            super::closure::check_code_of_closed(self, &next)?;
        }
        if changes.is_empty() {
            return Ok((current, changes));
        }
        super::checks::changed_texts(&changes)?;
        let changed: Vec<Field> = changes.iter().map(|c| c.field).collect();
        super::checks::Picks::of(&next).check(conn, &self.policy, Some(&changed))?;
        conn.prepare_cached(
            "UPDATE tickets SET kind = :kind, title = :title, description = :description,
                reporter_name = :reporter_name, reporter_email = :reporter_email,
                reporter_phone = :reporter_phone, department = :department, channel = :channel,
                service = :service, category = :category, subcategory = :subcategory, impact = :impact,
                urgency = :urgency, priority = :priority, status = :status, team = :team,
                assignee = :assignee, updated_at = :updated_at, resolved_at = :resolved_at,
                closed_at = :closed_at, version = :version, reassignments = reassignments + :reassigned,
                cause = :cause, measures = :measures, solution = :solution, closure_code = :closure_code
             WHERE id = :id AND version = :old_version",
        )?
        .execute(named_params! {
            ":kind": next.kind.code(),
            ":title": next.title,
            ":description": next.description,
            ":reporter_name": next.reporter.name,
            ":reporter_email": next.reporter.email,
            ":reporter_phone": next.reporter.phone,
            ":department": next.reporter.department,
            ":channel": next.channel.code(),
            ":service": next.service,
            ":category": next.category,
            ":subcategory": next.subcategory,
            ":impact": next.impact.map(|l| l.get()),
            ":urgency": next.urgency.map(|l| l.get()),
            ":priority": next.priority.map_or(0, |p| p.get()),
            ":status": next.status.code(),
            ":team": next.team.as_deref().unwrap_or(""),
            ":assignee": next.assignee.as_deref().unwrap_or(""),
            ":updated_at": next.updated_at.timestamp(),
            ":resolved_at": next.resolved_at.map(|t| t.timestamp()),
            ":closed_at": next.closed_at.map(|t| t.timestamp()),
            ":version": next.version,
            ":id": id,
            ":old_version": current.version,
            // Handing a ticket from one team to another is a reassignment.
            ":reassigned": changes.iter().any(|c| c.field == Field::Team && c.old.is_some() && c.new.is_some()) as i64,
            ":cause": next.cause,
            ":measures": next.measures,
            ":solution": next.solution,
            ":closure_code": next.closure_code,
        })?;
        for change in &changes {
            insert_event(conn, id, &NewEvent::changed(now, actor, change))?;
        }
        let reclassified = changes.iter().any(|c| c.field == Field::Priority);
        if reclassified || changes.iter().any(|c| c.field == Field::Status) {
            super::sla::refresh(conn, &self.policy, &next, reclassified, actor, now)?;
        }
        if changes.iter().any(|c| matches!(c.field, Field::Status | Field::Team | Field::Priority)) {
            super::figures::refresh(conn, &self.policy, id)?;
        }
        Ok((next, changes))
    }

    /// Stores a classification; a priority against the matrix is recorded
    /// with its reason. All in one transaction with the field changes.
    pub fn classify(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        classification: &Classification,
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        let matrix = &self.policy.matrix;
        let edits = classification.edits(matrix).map_err(StoreError::Classification)?;
        self.write(Permission::Classify, |conn| {
            let result = self.update_in(conn, actor, now, id, expected_version, &edits)?;
            if let Some(overridden) = classification.recorded_override(matrix) {
                record_override(conn, actor, now, id, overridden)?;
            }
            Ok(result)
        })
    }

    /// How many tickets exist at all (cheap: the largest number in use).
    pub fn has_tickets(&self) -> Result<bool> {
        Ok(self.db().query_row("SELECT EXISTS (SELECT 1 FROM tickets)", [], |r| r.get(0))?)
    }

    /// The version of a ticket, to notice that it changed.
    pub fn ticket_version(&self, id: TicketId) -> Result<Option<i64>> {
        Ok(self
            .db()
            .prepare_cached("SELECT version FROM tickets WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }
}

/// A priority other than the matrix's, kept with its reason as an event
/// (the wizard's and the command line's alike).
fn record_override<P: std::fmt::Display, R: Into<String>>(
    conn: &dyn Db,
    actor: &str,
    now: DateTime<Utc>,
    id: TicketId,
    (chosen, from_matrix, reason): (P, P, R),
) -> Result<()> {
    let event = NewEvent::of(
        EventKind::Override,
        now,
        actor,
        Some(Field::Priority.code()),
        Some(from_matrix.to_string()),
        Some(chosen.to_string()),
    )
    .with_note(reason);
    insert_event(conn, id, &event)?;
    Ok(())
}

/// Whether a ticket's impact and urgency are levels of this policy's
/// matrix (no database needed: a file's reader checks as it reads).
pub fn levels_known(policy: &crate::domain::policy::Policy, t: &NewTicket) -> Result<()> {
    use crate::domain::limits::Input;
    super::checks::level(policy, Input::Impact, t.impact)?;
    super::checks::level(policy, Input::Urgency, t.urgency)
}
