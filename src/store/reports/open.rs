//! What is open at a moment: the backlog's counts, the open tickets' clocks,
//! updates overdue, escalations and the oldest open tickets.

use super::*;

/// Tickets registered before an instant, and resolved before it: both
/// counted in their index alone.
const REGISTERED_BEFORE: &str = "SELECT count(*) FROM tickets WHERE created_at < :at";
const RESOLVED_BEFORE: &str = "SELECT count(*) FROM tickets WHERE resolved_at < :at";

/// Tickets registered from an instant on, counted up to `:cap`.
const REGISTERED_FROM: &str =
    "SELECT count(*) FROM (SELECT 1 FROM tickets WHERE created_at >= :at LIMIT :cap) AS capped";

/// Tickets resolved before an instant but registered after it (imported
/// history can have them), found through whichever index finds fewer.
const RESOLVED_BEFORE_REGISTERED: [&str; 2] = [
    "SELECT count(*) FROM tickets t WHERE t.resolved_at < :at AND +t.created_at >= :at",
    "SELECT count(*) FROM tickets t WHERE +t.resolved_at < :at AND t.created_at >= :at",
];

/// Tickets open at an instant, as the filters narrow them.
const OPEN_AT: &str = concat!(
    "SELECT count(*) FROM tickets t WHERE t.created_at < :at AND (t.resolved_at IS NULL OR t.resolved_at >= :at)",
    filters!()
);

/// Open tickets per group of `dim` and priority.
fn open_by(dim: Dimension) -> String {
    format!(
        "SELECT {}t.priority, count(*) FROM tickets t WHERE t.is_open = 1{} GROUP BY 1, 2",
        crate::store::fold::key_columns(&[dim], "t.created_at"),
        filters!()
    )
}

const OPEN_CLOCKS: &str = concat!(
    "SELECT t.id, ",
    sla_columns!(),
    " FROM tickets t WHERE t.is_open = 1 AND t.urgent_due < :soon",
    filters!()
);

const OVERDUE_UPDATES: &str =
    concat!("SELECT t.id FROM tickets t WHERE t.is_open = 1 AND t.update_due < :now", filters!());

const OPEN_ESCALATED: &str = concat!(
    "SELECT t.escalation, t.lead_attention, count(*) FROM tickets t WHERE t.is_open = 1",
    escalated!(),
    filters!(),
    " GROUP BY 1, 2"
);

const OLDEST_OPEN: &str = concat!(
    "SELECT t.id, t.title, t.priority, t.status, nullif(t.team, ''), t.created_at FROM tickets t WHERE t.is_open = 1",
    filters!(),
    " ORDER BY t.created_at, t.id LIMIT :limit"
);

impl Store {
    /// Tickets open at an instant: registered before it, not resolved before it.
    /// Without filters, from counts in the indexes alone: those registered
    /// before it, less those resolved before it, plus those resolved before
    /// it but registered after (through whichever index holds fewer).
    pub fn report_open_at(&self, q: &ReportQuery, at: chrono::DateTime<chrono::Utc>) -> Result<u64> {
        let at = [(":at", Value::Integer(at.timestamp()))];
        if !q.filter.is_empty() {
            return self.count(OPEN_AT, q, &at);
        }
        let registered = self.count(REGISTERED_BEFORE, q, &at)?;
        let resolved = self.count(RESOLVED_BEFORE, q, &at)?;
        let cap = [at[0].clone(), (":cap", Value::Integer(resolved as i64 + 1))];
        let later = self.count(REGISTERED_FROM, q, &cap)?;
        let odd = self.count(RESOLVED_BEFORE_REGISTERED[(later <= resolved) as usize], q, &at)?;
        Ok((registered + odd).saturating_sub(resolved))
    }

    /// The SLA clocks of open tickets with a deadline before `soon`, with their numbers.
    pub fn report_open_clocks(
        &self,
        q: &ReportQuery,
        soon: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(crate::domain::TicketId, TicketSla)>> {
        let rows = self.rows(OPEN_CLOCKS, q, &[(":soon", Value::Integer(soon.timestamp()))], |r| {
            Ok((r.get(0)?, stored_from_row(r, 1)?))
        })?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, stored) in rows {
            // Numbers the user may not see are not listed (nor counted).
            if let Some(sla) = stored.ticket_sla(None)
                && (self.limited_viewer().is_none() || self.can_see(id)?)
            {
                out.push((id, sla));
            }
        }
        Ok(out)
    }

    /// Open tickets whose customer update is overdue (those the user may see).
    pub fn report_overdue_updates(&self, q: &ReportQuery) -> Result<Vec<crate::domain::TicketId>> {
        let ids: Vec<crate::domain::TicketId> = self.rows(OVERDUE_UPDATES, q, &[], |r| r.get(0))?;
        if self.limited_viewer().is_none() {
            return Ok(ids);
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if self.can_see(id)? {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Open escalated tickets: per line or supplier ('' when only a lead's
    /// attention is asked), whether a lead's attention is asked, how many.
    pub fn report_open_escalated(&self, q: &ReportQuery) -> Result<Vec<(String, bool, u64)>> {
        self.rows(OPEN_ESCALATED, q, &[], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }

    /// The oldest open tickets.
    pub fn report_oldest_open(&self, q: &ReportQuery, limit: usize) -> Result<Vec<OpenTicket>> {
        // Restricted ones the user may not see are left out of the list.
        let wanted = if self.limited_viewer().is_some() { limit * 5 } else { limit };
        let mut found = self.rows(OLDEST_OPEN, q, &[(":limit", Value::Integer(wanted as i64))], |r| {
            Ok(OpenTicket {
                id: r.get(0)?,
                title: r.get(1)?,
                priority: crate::domain::Priority::new(r.get(2)?),
                status: crate::domain::Status::from_code(&r.get::<_, String>(3)?),
                team: r.get(4)?,
                created_at: to_time(r.get(5)?),
            })
        })?;
        if self.limited_viewer().is_some() {
            let mut visible = Vec::with_capacity(limit);
            for o in found {
                if visible.len() < limit && self.can_see(o.id)? {
                    visible.push(o);
                }
            }
            found = visible;
        }
        Ok(found)
    }

    /// Open tickets now, per group and priority.
    pub fn report_open(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, i64, u64)>> {
        self.rows(&open_by(dim), q, &[], |r| Ok((key(r, 0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
    }
}
