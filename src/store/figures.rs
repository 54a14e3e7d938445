//! Keeping each ticket's report figures (domain::figures) in step with its
//! history: worked out again in the transaction of every change that moves
//! them.

use super::sql::{Db, OptionalExtension, named_params};
use chrono::{DateTime, Utc};

use super::tickets::to_time;
use super::{Policy, Result};
use crate::domain::event::EventKind;
use crate::domain::figures::{Figures, Happening, Sources, figures, is_first_line};
use crate::domain::sla::History;
use crate::domain::{Status, TicketId};

/// Works the figures out again and stores them.
pub(super) fn refresh(conn: &dyn Db, policy: &Policy, id: TicketId) -> Result<()> {
    type Head = (i64, String, Option<i64>, Option<String>, String);
    let Some((created_at, status, closed_at, sla_calendar, team)) = conn
        .prepare_cached("SELECT created_at, status, closed_at, sla_calendar, team FROM tickets WHERE id = ?1")?
        .query_row([id], |r| Ok::<Head, _>((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?
    else {
        return Ok(());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, kind, field, old_value, new_value FROM events
         WHERE ticket_id = ?1 AND (kind IN ('created', 'escalated') OR (kind = 'changed' AND field IN ('status', 'team')))
         ORDER BY id",
    )?;
    type Row = (i64, String, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<super::sql::Result<_>>()?;
    let happenings: Vec<Happening> = rows
        .iter()
        .filter_map(|(at, actor, kind, field, old, new)| {
            Some(Happening {
                at: to_time(*at),
                actor,
                kind: EventKind::from_code(kind)?,
                field: field.as_deref(),
                old: old.as_deref(),
                new: new.as_deref(),
            })
        })
        .collect();
    let status = Status::from_code(&status).unwrap_or(Status::New);
    let changes = happenings
        .iter()
        .filter(|h| h.kind == EventKind::Changed && h.field == Some("status"))
        .map(|h| (h.at, h.old, h.new));
    let communications = super::entries::communications(conn, id)?;
    let history = History::from_status_changes(to_time(created_at), status, changes, communications);
    let lines = team_lines(conn)?;
    let sources = Sources {
        history: &history,
        happenings: &happenings,
        closed_at: closed_at.map(to_time),
        team: Some(team.as_str()).filter(|t| !t.is_empty()),
        calendar: policy.figures_calendar(sla_calendar.as_deref()),
        pauses: &policy.sla.pauses,
        rule: policy.first_contact,
    };
    let f = figures(&sources, |team| is_first_line(&lines, team));
    write(conn, id, &f)
}

/// Each team with its support line.
pub(super) fn team_lines(conn: &dyn Db) -> Result<Vec<(String, u8)>> {
    let mut stmt = conn.prepare_cached("SELECT name, line FROM teams")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

fn ts(at: Option<DateTime<Utc>>) -> Option<i64> {
    at.map(|t| t.timestamp())
}

fn write(conn: &dyn Db, id: TicketId, f: &Figures) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tickets SET first_response_at = :first_response_at, response_secs = :response_secs,
            resolution_secs = :resolution_secs, close_secs = :close_secs, reassignments = :reassignments,
            escalated = :escalated, first_contact = :first_contact, resolved_by = :resolved_by
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":first_response_at": ts(f.first_response_at),
        ":response_secs": f.response_secs,
        ":resolution_secs": f.resolution_secs,
        ":close_secs": f.close_secs,
        ":reassignments": f.reassignments,
        ":escalated": f.escalated,
        ":first_contact": f.first_contact,
        ":resolved_by": f.resolved_by,
        ":id": id,
    })?;
    Ok(())
}
