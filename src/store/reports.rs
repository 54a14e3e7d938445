//! The aggregates the reports are made of. Fixed SQL with named
//! parameters; the database groups and counts, and only the times report
//! reads one row per ticket of its period (a median needs every value).

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Row, Statement};

use super::sla::{sla_columns, stored_from_row};
use super::tickets::to_time;
use super::{Result, Store};
use crate::domain::report::{Dimension, Key, Moment, ReportQuery, SlaCounts, Slots, TimeSample};
use crate::domain::sla::TicketSla;

/// The filters every report takes, as one fixed fragment.
macro_rules! filters {
    () => {
        " AND (:team IS NULL OR t.team = :team) AND (:priority IS NULL OR t.priority = :priority)
          AND (:category IS NULL OR t.category = :category) AND (:service IS NULL OR t.service = :service)
          AND (:department IS NULL OR t.department = :department)"
    };
}

/// The group a row falls in, chosen by the `:by` parameter.
macro_rules! group_key {
    ($moment:literal) => {
        concat!(
            "CASE :by WHEN 'priority' THEN t.priority WHEN 'team' THEN nullif(t.team, '')
               WHEN 'assignee' THEN nullif(t.assignee, '') WHEN 'category' THEN t.category
               WHEN 'service' THEN t.service WHEN 'department' THEN t.department WHEN 'channel' THEN t.channel
               WHEN 'status' THEN t.status WHEN 'slot' THEN ",
            $moment,
            " / 900 END"
        )
    };
}

/// Tickets whose moment lies in the period.
macro_rules! in_period {
    ($moment:literal) => {
        concat!(" FROM tickets t WHERE ", $moment, " >= :from AND ", $moment, " < :to", filters!())
    };
}

const COUNT_BY: [&str; 3] = [
    concat!("SELECT ", group_key!("t.created_at"), ", count(*)", in_period!("t.created_at"), " GROUP BY 1"),
    concat!("SELECT ", group_key!("t.resolved_at"), ", count(*)", in_period!("t.resolved_at"), " GROUP BY 1"),
    concat!("SELECT ", group_key!("t.closed_at"), ", count(*)", in_period!("t.closed_at"), " GROUP BY 1"),
];

fn moment_index(m: Moment) -> usize {
    match m {
        Moment::Created => 0,
        Moment::Resolved => 1,
        Moment::Closed => 2,
    }
}

/// An SLA target decided either way, as SQL (NULL counts as neither).
macro_rules! response_breached {
    () => {
        "coalesce(t.response_breached = 1 OR (t.responded_at IS NULL AND t.response_due < :now)
            OR t.responded_at > t.response_due, 0)"
    };
}
macro_rules! resolution_breached {
    () => {
        "coalesce(t.resolution_breached = 1 OR (t.resolved_at IS NULL AND t.resolution_due < :now), 0)"
    };
}

const SLA_BY: &str = concat!(
    "SELECT ",
    group_key!("t.created_at"),
    ", sum(t.responded_at IS NOT NULL AND NOT ",
    response_breached!(),
    "), sum(",
    response_breached!(),
    "), sum(t.resolved_at IS NOT NULL AND NOT ",
    resolution_breached!(),
    "), sum(",
    resolution_breached!(),
    ")",
    in_period!("t.created_at"),
    " AND t.sla_calendar IS NOT NULL GROUP BY 1"
);

const TIMES: [&str; 3] = [
    concat!(
        "SELECT t.priority, nullif(t.team, ''), t.category, t.first_response_at - t.created_at, t.response_secs",
        in_period!("t.created_at"),
        " AND t.first_response_at IS NOT NULL"
    ),
    concat!(
        "SELECT t.priority, nullif(t.team, ''), t.category, t.resolved_at - t.created_at, t.resolution_secs",
        in_period!("t.resolved_at")
    ),
    concat!(
        "SELECT t.priority, nullif(t.team, ''), t.category, t.closed_at - t.created_at, t.close_secs",
        in_period!("t.closed_at")
    ),
];

const FCR_BY: &str = concat!(
    "SELECT ",
    group_key!("t.resolved_at"),
    ", count(*), sum(t.first_contact)",
    in_period!("t.resolved_at"),
    " AND t.duplicate_of IS NULL GROUP BY 1"
);

const REASSIGNMENTS_BY: &str = concat!(
    "SELECT ",
    group_key!("t.resolved_at"),
    ", min(t.reassignments, 3), count(*)",
    in_period!("t.resolved_at"),
    " AND t.duplicate_of IS NULL GROUP BY 1, 2"
);

const SATISFACTION_BY: &str = concat!(
    "SELECT ",
    group_key!("t.closed_at"),
    ", t.satisfaction, count(*)",
    in_period!("t.closed_at"),
    " AND t.duplicate_of IS NULL GROUP BY 1, 2"
);

const RECURRING: &str = concat!(
    "SELECT t.service, t.category, count(*), count(t.problem_id)",
    in_period!("t.created_at"),
    " AND t.kind = 'incident' AND t.parent_id IS NULL AND t.duplicate_of IS NULL
      AND t.service IS NOT NULL AND t.category IS NOT NULL
     GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT :limit"
);

const OPEN_AT: &str = concat!(
    "SELECT count(*) FROM tickets t WHERE t.created_at < :at AND (t.resolved_at IS NULL OR t.resolved_at >= :at)",
    filters!()
);

const OPEN_BY: &str = concat!(
    "SELECT ",
    group_key!("t.created_at"),
    ", t.priority, count(*) FROM tickets t WHERE t.is_open = 1",
    filters!(),
    " GROUP BY 1, 2"
);

const OPEN_CLOCKS: &str =
    concat!("SELECT ", sla_columns!(), " FROM tickets t WHERE t.is_open = 1 AND t.urgent_due < :soon", filters!());

const OVERDUE_UPDATES: &str =
    concat!("SELECT count(*) FROM tickets t WHERE t.is_open = 1 AND t.update_due < :now", filters!());

const OPEN_ESCALATED: &str = concat!(
    "SELECT t.escalation, t.lead_attention, count(*) FROM tickets t
     WHERE t.is_open = 1 AND (t.escalation <> '' OR t.lead_attention = 1)",
    filters!(),
    " GROUP BY 1, 2"
);

const OLDEST_OPEN: &str = concat!(
    "SELECT t.id, t.title, t.priority, t.status, nullif(t.team, ''), t.created_at FROM tickets t WHERE t.is_open = 1",
    filters!(),
    " ORDER BY t.created_at, t.id LIMIT :limit"
);

/// An open ticket in the list of the oldest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenTicket {
    pub id: crate::domain::TicketId,
    pub title: String,
    pub priority: Option<crate::domain::Priority>,
    pub status: Option<crate::domain::Status>,
    pub team: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn key(r: &Row, i: usize) -> rusqlite::Result<Key> {
    Ok(match r.get_ref(i)? {
        ValueRef::Integer(n) => Key::Int(n),
        ValueRef::Text(t) => Key::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Real(f) => Key::Int(f as i64),
        _ => Key::None,
    })
}

fn text(value: &Option<String>) -> Value {
    value.clone().map_or(Value::Null, Value::Text)
}

/// Binds the parameters a statement has, from the query and `extra`.
fn bind(stmt: &mut Statement, q: &ReportQuery, extra: &[(&str, Value)]) -> Result<()> {
    let f = &q.filter;
    let common = [
        (":from", Value::Integer(q.from.timestamp())),
        (":to", Value::Integer(q.to.timestamp())),
        (":now", Value::Integer(q.now.timestamp())),
        (":team", text(&f.team)),
        (":priority", f.priority.map_or(Value::Null, |p| Value::Integer(p.get() as i64))),
        (":category", text(&f.category)),
        (":service", text(&f.service)),
        (":department", text(&f.department)),
    ];
    for (name, value) in common.iter().chain(extra.iter()) {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(())
}

fn by(d: Dimension) -> (&'static str, Value) {
    (":by", Value::Text(d.code().to_string()))
}

impl Store {
    fn rows<T>(
        &self,
        sql: &str,
        q: &ReportQuery,
        extra: &[(&str, Value)],
        mut each: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        bind(&mut stmt, q, extra)?;
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(each(r)?);
        }
        Ok(out)
    }

    /// How many tickets per group had their `moment` in the period.
    pub fn report_counts(&self, q: &ReportQuery, moment: Moment, dim: Dimension) -> Result<Vec<(Key, u64)>> {
        self.rows(COUNT_BY[moment_index(moment)], q, &[by(dim)], |r| Ok((key(r, 0)?, r.get::<_, i64>(1)? as u64)))
    }

    /// Tickets per quarter hour of their `moment`, in the period.
    pub fn report_slots(&self, q: &ReportQuery, moment: Moment) -> Result<Slots> {
        let rows = self.report_counts(q, moment, Dimension::Slot)?;
        Ok(rows.into_iter().filter_map(|(k, n)| k.int().map(|s| (s, n))).collect())
    }

    /// SLA targets of the tickets registered in the period, per group.
    pub fn report_sla(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, SlaCounts)>> {
        self.rows(SLA_BY, q, &[by(dim)], |r| {
            let n = |i| r.get::<_, Option<i64>>(i).map(|v| v.unwrap_or(0) as u64);
            Ok((
                key(r, 0)?,
                SlaCounts {
                    response_met: n(1)?,
                    response_breached: n(2)?,
                    resolution_met: n(3)?,
                    resolution_breached: n(4)?,
                },
            ))
        })
    }

    /// Each ticket's time to its first response (registered in the period),
    /// to resolution (resolved in it) or to closing (closed in it).
    pub fn report_times(&self, q: &ReportQuery, moment: Moment) -> Result<Vec<TimeSample>> {
        self.rows(TIMES[moment_index(moment)], q, &[], |r| {
            Ok(TimeSample {
                priority: key(r, 0)?,
                team: key(r, 1)?,
                category: key(r, 2)?,
                wall_secs: r.get(3)?,
                business_secs: r.get(4)?,
            })
        })
    }

    /// Per group: tickets resolved in the period, and of those, resolved at first contact.
    pub fn report_fcr(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, u64, u64)>> {
        self.rows(FCR_BY, q, &[by(dim)], |r| {
            Ok((key(r, 0)?, r.get::<_, i64>(1)? as u64, r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64))
        })
    }

    /// Per group and number of reassignments (3 meaning three or more):
    /// tickets resolved in the period.
    pub fn report_reassignments(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, u8, u64)>> {
        self.rows(REASSIGNMENTS_BY, q, &[by(dim)], |r| Ok((key(r, 0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }

    /// Per group and score (none: not rated): tickets closed in the period.
    pub fn report_satisfaction(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, Option<u8>, u64)>> {
        self.rows(SATISFACTION_BY, q, &[by(dim)], |r| Ok((key(r, 0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }

    /// The most frequent service + category combinations of incidents
    /// registered in the period, with how many of them have a problem.
    pub fn report_recurring(&self, q: &ReportQuery, limit: usize) -> Result<Vec<(String, String, u64, u64)>> {
        self.rows(RECURRING, q, &[(":limit", Value::Integer(limit as i64))], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64, r.get::<_, i64>(3)? as u64))
        })
    }

    /// Tickets open at an instant: registered before it, not resolved before it.
    pub fn report_open_at(&self, q: &ReportQuery, at: chrono::DateTime<chrono::Utc>) -> Result<u64> {
        let rows = self.rows(OPEN_AT, q, &[(":at", Value::Integer(at.timestamp()))], |r| r.get::<_, i64>(0))?;
        Ok(rows.first().copied().unwrap_or(0) as u64)
    }

    /// The SLA clocks of open tickets with a deadline before `soon`.
    pub fn report_open_clocks(&self, q: &ReportQuery, soon: chrono::DateTime<chrono::Utc>) -> Result<Vec<TicketSla>> {
        let rows =
            self.rows(OPEN_CLOCKS, q, &[(":soon", Value::Integer(soon.timestamp()))], |r| stored_from_row(r, 0))?;
        Ok(rows.iter().filter_map(|s| s.ticket_sla(None)).collect())
    }

    /// Open tickets whose customer update is overdue.
    pub fn report_overdue_updates(&self, q: &ReportQuery) -> Result<u64> {
        let rows = self.rows(OVERDUE_UPDATES, q, &[], |r| r.get::<_, i64>(0))?;
        Ok(rows.first().copied().unwrap_or(0) as u64)
    }

    /// Open escalated tickets: per line or supplier ('' when only a lead's
    /// attention is asked), whether a lead's attention is asked, how many.
    pub fn report_open_escalated(&self, q: &ReportQuery) -> Result<Vec<(String, bool, u64)>> {
        self.rows(OPEN_ESCALATED, q, &[], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }

    /// The oldest open tickets.
    pub fn report_oldest_open(&self, q: &ReportQuery, limit: usize) -> Result<Vec<OpenTicket>> {
        self.rows(OLDEST_OPEN, q, &[(":limit", Value::Integer(limit as i64))], |r| {
            Ok(OpenTicket {
                id: r.get(0)?,
                title: r.get(1)?,
                priority: crate::domain::Priority::new(r.get(2)?),
                status: crate::domain::Status::from_code(&r.get::<_, String>(3)?),
                team: r.get(4)?,
                created_at: to_time(r.get(5)?),
            })
        })
    }

    /// Open tickets now, per group and priority.
    pub fn report_open(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, i64, u64)>> {
        self.rows(OPEN_BY, q, &[by(dim)], |r| Ok((key(r, 0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }
}
