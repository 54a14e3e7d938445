//! The aggregates the reports are made of. SQL with named parameters, made
//! for the dimensions and filters a report asks (a row decodes only the
//! columns it uses); the rows are read once and summed per group as they
//! stream past (`store::fold`); the times report's medians are selected in
//! bounded memory (`domain::median`, `store::spill`).

use super::sql::{Db, Row, Statement};
use super::sql::{Value, ValueRef};

use super::fold::{Groups, Sums, add, key_columns, measures};
use super::sla::{sla_columns, stored_from_row};
use super::spill::{Spill, TimesRecord};
use super::tickets::to_time;
use super::{Result, Store};
use crate::domain::median::Medians;
use crate::domain::report::{
    Dimension, Key, Moment, OpenTicket, ReportQuery, SlaCounts, SlaFacts, Slots, TimeGroups, Times,
};
use crate::domain::sla::TicketSla;

/// The filters every report takes, as one fixed fragment (a parameter
/// tested for null is cast, so that an engine that types parameters knows its type).
macro_rules! filters {
    () => {
        " AND (CAST(:team AS TEXT) IS NULL OR t.team = :team)
          AND (CAST(:priority AS INTEGER) IS NULL OR t.priority = :priority)
          AND (CAST(:category AS TEXT) IS NULL OR t.category = :category)
          AND (CAST(:service AS TEXT) IS NULL OR t.service = :service)
          AND (CAST(:department AS TEXT) IS NULL OR t.department = :department)"
    };
}

/// Tickets whose moment lies in the period, found by reading the whole
/// table in order (`+` keeps the planner off the moment's index).
macro_rules! in_period_scan {
    ($moment:literal) => {
        concat!(" FROM tickets t WHERE +", $moment, " >= :from AND +", $moment, " < :to", filters!())
    };
}

/// Tickets whose moment lies in the period.
macro_rules! in_period {
    ($moment:literal) => {
        concat!(" FROM tickets t WHERE ", $moment, " >= :from AND ", $moment, " < :to", filters!())
    };
}

/// Only the filters a query sets, so that no row tests the others.
fn set_filters(q: &ReportQuery) -> String {
    let f = &q.filter;
    let mut out = String::new();
    for (set, test) in [
        (f.team.is_some(), " AND t.team = :team"),
        (f.priority.is_some(), " AND t.priority = :priority"),
        (f.category.is_some(), " AND t.category = :category"),
        (f.service.is_some(), " AND t.service = :service"),
        (f.department.is_some(), " AND t.department = :department"),
    ] {
        if set {
            out.push_str(test);
        }
    }
    out
}

/// A fold query (see `store::fold`): the keys of the dimensions asked,
/// then the measures, of the tickets whose moment lies in the period and
/// that meet `cond`. Its text is made for the dimensions and filters asked,
/// so that a row decodes only the columns the report uses.
struct FoldQuery {
    moment: Moment,
    /// The moment's column.
    column: &'static str,
    measures: &'static str,
    cond: &'static str,
}

impl FoldQuery {
    /// Through the index on its moment, quickest for a short period; or,
    /// over a long one, a scan of the table in order, as jumping from the
    /// index to each ticket costs more than reading the whole table once.
    fn sql(&self, dims: &[Dimension], q: &ReportQuery, scan: bool) -> String {
        let p = if scan { "+" } else { "" };
        format!(
            "SELECT {keys}{measures} FROM tickets t WHERE {p}{m} >= :from AND {p}{m} < :to{filters}{cond}",
            keys = key_columns(dims, self.column),
            measures = self.measures,
            m = self.column,
            filters = set_filters(q),
            cond = self.cond,
        )
    }
}

macro_rules! fold_query {
    ($which:ident, $moment:literal, $measures:expr, $cond:literal) => {
        FoldQuery { moment: Moment::$which, column: $moment, measures: $measures, cond: $cond }
    };
}

/// Per dimension folded: each group with its sums.
type Folded<const N: usize> = Vec<Vec<(Key, [u64; N])>>;

/// How many tickets each moment's index finds in the period, counted up to
/// `:cap` (beyond it the answer is the same: a scan).
const IN_PERIOD: [&str; 3] = [
    "SELECT count(*) FROM (SELECT 1 FROM tickets WHERE created_at >= :from AND created_at < :to LIMIT :cap) AS capped",
    "SELECT count(*) FROM (SELECT 1 FROM tickets WHERE resolved_at >= :from AND resolved_at < :to LIMIT :cap) AS capped",
    "SELECT count(*) FROM (SELECT 1 FROM tickets WHERE closed_at >= :from AND closed_at < :to LIMIT :cap) AS capped",
];

/// Above this share of all tickets, a period is read by a scan.
const SCAN_FROM_SHARE: f64 = 0.2;

const COUNTS: [FoldQuery; 3] = [
    fold_query!(Created, "t.created_at", "1", ""),
    fold_query!(Resolved, "t.resolved_at", "1", ""),
    fold_query!(Closed, "t.closed_at", "1", ""),
];

fn moment_index(m: Moment) -> usize {
    match m {
        Moment::Created => 0,
        Moment::Resolved => 1,
        Moment::Closed => 2,
    }
}

/// The facts of the SLA targets (see `SlaCounts::of`).
const SLA: FoldQuery = fold_query!(
    Created,
    "t.created_at",
    "t.responded_at, t.response_due, t.response_breached, t.resolved_at, t.resolution_due, t.resolution_breached",
    " AND t.sla_calendar IS NOT NULL"
);

/// Tickets registered, resolved or closed in the period, with their times
/// to each moment, read once for all three: the keys of `dims`, then the
/// seven columns of `TIMES_MEASURES`.
fn times_sql(dims: &[Dimension], q: &ReportQuery, scan: bool) -> String {
    let p = if scan { "+" } else { "" };
    format!(
        "SELECT {keys}t.created_at, t.first_response_at, t.response_secs, t.resolved_at, t.resolution_secs,
                t.closed_at, t.close_secs FROM tickets t
          WHERE (({p}t.created_at >= :from AND {p}t.created_at < :to)
              OR ({p}t.resolved_at >= :from AND {p}t.resolved_at < :to)
              OR ({p}t.closed_at >= :from AND {p}t.closed_at < :to)){filters}",
        keys = key_columns(dims, "t.created_at"),
        filters = set_filters(q),
    )
}

const FCR: FoldQuery = fold_query!(Resolved, "t.resolved_at", "1, t.first_contact", " AND t.duplicate_of IS NULL");

/// Resolved tickets and those an article of the knowledge base was applied to.
const KNOWLEDGE: FoldQuery =
    fold_query!(Resolved, "t.resolved_at", "1, t.knowledge_id IS NOT NULL", " AND t.duplicate_of IS NULL");

const REASSIGNMENTS: FoldQuery = fold_query!(
    Resolved,
    "t.resolved_at",
    "t.reassignments = 0, t.reassignments = 1, t.reassignments = 2, t.reassignments >= 3",
    " AND t.duplicate_of IS NULL"
);

const SATISFACTION: FoldQuery = fold_query!(
    Closed,
    "t.closed_at",
    "t.satisfaction IS NULL, t.satisfaction = 1, t.satisfaction = 2, t.satisfaction = 3, t.satisfaction = 4,
     t.satisfaction = 5",
    " AND t.duplicate_of IS NULL"
);

/// Incidents on their own, as the recurring report counts them (the queue's
/// drill-down uses the same).
macro_rules! incidents_on_their_own {
    () => {
        " AND t.kind = 'incident' AND t.parent_id IS NULL AND t.duplicate_of IS NULL"
    };
}
pub(super) use incidents_on_their_own;

/// Escalated to a line or supplier, or a lead's attention asked.
macro_rules! escalated {
    () => {
        " AND (t.escalation <> '' OR t.lead_attention = 1)"
    };
}
pub(super) use escalated;

macro_rules! recurring {
    ($period:ident) => {
        concat!(
            "SELECT t.service, t.category, t.problem_id IS NOT NULL",
            $period!("t.created_at"),
            incidents_on_their_own!(),
            " AND t.service IS NOT NULL AND t.category IS NOT NULL"
        )
    };
}
/// Through the index, by a scan.
const RECURRING: [&str; 2] = [recurring!(in_period), recurring!(in_period_scan)];

fn key(r: &Row, i: usize) -> super::sql::Result<Key> {
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

/// The parameters a statement has, from the query and `extra`.
fn bound<'a>(stmt: &Statement, q: &ReportQuery, extra: &[(&'a str, Value)]) -> Vec<(&'a str, Value)> {
    let f = &q.filter;
    let common: [(&'a str, Value); 8] = [
        (":from", Value::Integer(q.from.timestamp())),
        (":to", Value::Integer(q.to.timestamp())),
        (":now", Value::Integer(q.now.timestamp())),
        (":team", text(&f.team)),
        (":priority", f.priority.map_or(Value::Null, |p| Value::Integer(p.get() as i64))),
        (":category", text(&f.category)),
        (":service", text(&f.service)),
        (":department", text(&f.department)),
    ];
    common.into_iter().chain(extra.iter().cloned()).filter(|(name, _)| stmt.has_parameter(name)).collect()
}

/// What one pass of the times report found: each dimension's groups, the
/// values counted per series (see `report_times`), and the rows kept to be
/// read again.
struct TimesPart {
    keys: Vec<Groups<()>>,
    medians: Medians,
    spill: Spill,
}

impl TimesPart {
    fn new(dims: usize) -> TimesPart {
        TimesPart {
            keys: (0..dims).map(|_| Groups::default()).collect(),
            medians: Medians::new(3 * 2 * (dims + 1)),
            spill: Spill::new(dims),
        }
    }
}

/// The times report's rows of one part of the tickets (`sql`, of `dims`
/// dimensions), counted and kept.
fn times_part(db: &dyn Db, sql: &str, part: Part, q: &ReportQuery, dims: usize) -> Result<TimesPart> {
    let (from, to) = (q.from.timestamp(), q.to.timestamp());
    let places = dims + 1;
    let series = |m: usize, k: usize| (m * 2 + k) * places;
    let mut found = TimesPart::new(dims);
    let mut record = TimesRecord { groups: vec![0; dims], moments: [None; 3] };
    let mut stmt = db.prepare_cached(sql)?;
    let params = bound(&stmt, q, &part.params());
    let mut rows = stmt.query(params.as_slice())?;
    while let Some(ref r) = rows.next()? {
        let at = |i| r.get::<_, Option<i64>>(dims + i);
        let created: i64 = r.get(dims)?;
        let in_period = |t: Option<i64>| t.is_some_and(|t| t >= from && t < to);
        // Registered in the period and answered; resolved in it; closed in it.
        let moments = [
            (in_period(Some(created)), at(1)?, at(2)?),
            (in_period(at(3)?), at(3)?, at(4)?),
            (in_period(at(5)?), at(5)?, at(6)?),
        ];
        for (i, g) in found.keys.iter_mut().enumerate() {
            record.groups[i] = g.index(r.get_ref(i)?) as u32;
        }
        for (i, (counted, moment, business)) in moments.into_iter().enumerate() {
            record.moments[i] = moment.filter(|_| counted).map(|moment| (moment - created, business));
        }
        record.values(|m, k, v| found.medians.add_across(series(m, k), &record.groups, v));
        found.spill.push(&record)?;
    }
    Ok(found)
}

impl Store {
    fn rows<T>(
        &self,
        sql: &str,
        q: &ReportQuery,
        extra: &[(&str, Value)],
        mut each: impl FnMut(&Row) -> super::sql::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.db().prepare_cached(sql)?;
        let params = bound(&stmt, q, extra);
        let mut rows = stmt.query(params.as_slice())?;
        let mut out = Vec::new();
        while let Some(ref r) = rows.next()? {
            out.push(each(r)?);
        }
        Ok(out)
    }

    /// One integer a query answers.
    fn count(&self, sql: &str, q: &ReportQuery, extra: &[(&str, Value)]) -> Result<u64> {
        let rows = self.rows(sql, q, extra, |r| r.get::<_, i64>(0))?;
        Ok(rows.first().copied().unwrap_or(0).max(0) as u64)
    }

    /// Whether a period is read by a scan: when it holds a large share of
    /// all tickets. The index is counted only up to that share.
    fn scan(&self, moment: Moment, q: &ReportQuery) -> Result<bool> {
        let all: i64 = self.db().query_row("SELECT coalesce(max(id), 0) FROM tickets", [], |r| r.get(0))?;
        let cap = (SCAN_FROM_SHARE * all as f64) as i64 + 1;
        let in_period = self.count(IN_PERIOD[moment_index(moment)], q, &[(":cap", Value::Integer(cap))])?;
        Ok(in_period as f64 > SCAN_FROM_SHARE * all as f64)
    }

    fn fold<const N: usize>(&self, query: &FoldQuery, q: &ReportQuery, dims: &[Dimension]) -> Result<Folded<N>> {
        let at = dims.len();
        self.fold_with(query, q, dims, |r| measures::<N>(r, at))
    }

    /// One pass over the rows of a fold query, summed per group of each
    /// dimension; each row's measures are given by `measure` (they follow the
    /// keys, from column `dims.len()` on). A scan reads each half of the
    /// table on its own core.
    fn fold_with<const N: usize>(
        &self,
        query: &FoldQuery,
        q: &ReportQuery,
        dims: &[Dimension],
        measure: impl Fn(&Row) -> super::sql::Result<[u64; N]> + Sync,
    ) -> Result<Folded<N>> {
        // Counts per quarter hour alone are read from the moment's index,
        // which holds all they need, however long the period.
        let covered =
            query.measures == "1" && query.cond.is_empty() && q.filter.is_empty() && dims == [Dimension::Slot];
        let scan = !covered && self.scan(query.moment, q)?;
        let sql = query.sql(dims, q, scan);
        let parts = self.in_halves(scan, |db, part| {
            let mut groups: Vec<Groups<Sums<N>>> = dims.iter().map(|_| Groups::default()).collect();
            let mut stmt = db.prepare_cached(&format!("{sql}{}", part.condition()))?;
            let params = bound(&stmt, q, &part.params());
            let mut rows = stmt.query(params.as_slice())?;
            while let Some(ref r) = rows.next()? {
                add(&mut groups, r, &measure(r)?)?;
            }
            Ok(groups)
        })?;
        let mut parts = parts.into_iter();
        let mut groups = parts.next().unwrap_or_default();
        for other in parts {
            for (ours, theirs) in groups.iter_mut().zip(other) {
                ours.absorb(theirs, |a, b| a.0.iter_mut().zip(b.0).for_each(|(a, b)| *a += b));
            }
        }
        Ok(groups.into_iter().map(|g| g.into_vec().into_iter().map(|(k, s)| (k, s.0)).collect()).collect())
    }

    /// How many tickets per group of each dimension had their `moment` in the period.
    pub fn report_counts(&self, q: &ReportQuery, moment: Moment, dims: &[Dimension]) -> Result<Vec<Vec<(Key, u64)>>> {
        let folded = self.fold::<1>(&COUNTS[moment_index(moment)], q, dims)?;
        Ok(folded.into_iter().map(|g| g.into_iter().map(|(k, [n])| (k, n)).collect()).collect())
    }

    /// Tickets per quarter hour of their `moment`, in the period.
    pub fn report_slots(&self, q: &ReportQuery, moment: Moment) -> Result<Slots> {
        let rows = self.report_counts(q, moment, &[Dimension::Slot])?.pop().unwrap_or_default();
        Ok(rows.into_iter().filter_map(|(k, n)| k.int().map(|s| (s, n))).collect())
    }

    /// SLA targets of the tickets registered in the period, per group of each dimension.
    pub fn report_sla(&self, q: &ReportQuery, dims: &[Dimension]) -> Result<Vec<Vec<(Key, SlaCounts)>>> {
        let now = q.now.timestamp();
        let first = dims.len();
        let folded = self.fold_with(&SLA, q, dims, |r| {
            let at = |i| r.get::<_, Option<i64>>(first + i);
            let facts = SlaFacts {
                responded_at: at(0)?,
                response_due: at(1)?,
                response_breached: at(2)? == Some(1),
                resolved_at: at(3)?,
                resolution_due: at(4)?,
                resolution_breached: at(5)? == Some(1),
            };
            let c = SlaCounts::of(&facts, now);
            Ok([c.response_met, c.response_breached, c.resolution_met, c.resolution_breached])
        })?;
        let counts = |[a, b, c, d]: [u64; 4]| SlaCounts {
            response_met: a,
            response_breached: b,
            resolution_met: c,
            resolution_breached: d,
        };
        Ok(folded.into_iter().map(|g| g.into_iter().map(|(k, m)| (k, counts(m))).collect()).collect())
    }

    /// Each ticket's time to its first response (registered in the period),
    /// to resolution (resolved in it) and to closing (closed in it), summed
    /// up for all of them and per group of each dimension; in that order of
    /// moments. The medians are exact, found in memory that does not grow
    /// with the tickets (see `domain::median`): the rows are counted into
    /// histograms as they stream past and written compactly to a spill
    /// (`store::spill`), which is read again only to pick the middle values.
    pub fn report_times(&self, q: &ReportQuery, dims: &[Dimension]) -> Result<[TimeGroups; 3]> {
        let d = dims.len();
        // One series per moment, measure (wall clock, business) and place
        // (all tickets, then each dimension): `series(m, k, s)`.
        let places = d + 1;
        let series = |m: usize, k: usize, s: usize| (m * 2 + k) * places + s;
        let scan = self.scan(Moment::Created, q)?;
        let sql = times_sql(dims, q, scan);
        let mut parts = self
            .in_halves(scan, |db, part| times_part(db, &format!("{sql}{}", part.condition()), part, q, d))?
            .into_iter();
        let TimesPart { mut keys, mut medians, spill } = parts.next().unwrap_or_else(|| TimesPart::new(d));
        // The other half's groups renumbered as this one's, and its spill.
        let mut spills = vec![(spill, None)];
        for other in parts {
            let to: Vec<Vec<usize>> =
                keys.iter_mut().zip(other.keys).map(|(ours, theirs)| ours.absorb(theirs, |_, _| ())).collect();
            medians.absorb(other.medians, |s, g| match s % places {
                0 => g,
                place => to[place - 1][g],
            });
            spills.push((other.spill, Some(to)));
        }
        let mut groups = vec![0u32; d];
        let found = medians.finish(|pass| {
            for (spill, to) in spills.iter_mut() {
                spill.read(|record| {
                    let groups = match to {
                        None => &record.groups,
                        Some(to) => {
                            for (i, g) in record.groups.iter().enumerate() {
                                groups[i] = to[i][*g as usize] as u32;
                            }
                            &groups
                        }
                    };
                    record.values(|m, k, v| pass.visit_across(series(m, k, 0), groups, v))
                })?;
            }
            Ok::<_, super::StoreError>(())
        })?;
        let summary = |m: usize, s: usize, group: usize| {
            let of = |k| found.get(series(m, k, s)).and_then(|g| g.get(group)).copied().unwrap_or_default();
            Times { wall: of(0), business: of(1) }
        };
        let keys: Vec<Vec<Key>> =
            keys.into_iter().map(|g| g.into_vec().into_iter().map(|(k, _)| k).collect()).collect();
        Ok(std::array::from_fn(|m| TimeGroups {
            all: summary(m, 0, 0),
            groups: keys
                .iter()
                .enumerate()
                .map(|(i, keys)| {
                    // A group the moment never reached is left out, as before.
                    keys.iter()
                        .enumerate()
                        .map(|(g, k)| (k.clone(), summary(m, i + 1, g)))
                        .filter(|(_, t)| t.wall.count > 0)
                        .collect()
                })
                .collect(),
        }))
    }

    /// Per group of each dimension: tickets resolved in the period, and of
    /// those, resolved at first contact.
    pub fn report_fcr(&self, q: &ReportQuery, dims: &[Dimension]) -> Result<Vec<Vec<(Key, u64, u64)>>> {
        let folded = self.fold::<2>(&FCR, q, dims)?;
        Ok(folded.into_iter().map(|g| g.into_iter().map(|(k, [n, first])| (k, n, first)).collect()).collect())
    }

    /// Per group: tickets resolved in the period (not duplicates), and of
    /// those, the ones resolved with a knowledge article applied.
    pub fn report_knowledge(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, [u64; 2])>> {
        Ok(self.fold::<2>(&KNOWLEDGE, q, &[dim])?.pop().unwrap_or_default())
    }

    /// Per group: tickets resolved in the period that changed team 0, 1, 2,
    /// and 3 or more times.
    pub fn report_reassignments(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, [u64; 4])>> {
        Ok(self.fold::<4>(&REASSIGNMENTS, q, &[dim])?.pop().unwrap_or_default())
    }

    /// Per group: tickets closed in the period without a score (index 0)
    /// and with each score from 1 to 5.
    pub fn report_satisfaction(&self, q: &ReportQuery, dim: Dimension) -> Result<Vec<(Key, [u64; 6])>> {
        Ok(self.fold::<6>(&SATISFACTION, q, &[dim])?.pop().unwrap_or_default())
    }

    /// The most frequent service + category combinations of incidents
    /// registered in the period, with how many of them have a problem.
    pub fn report_recurring(&self, q: &ReportQuery, limit: usize) -> Result<Vec<(String, String, u64, u64)>> {
        // Per service, per category: incidents, and those with a problem.
        let mut services: Groups<Groups<Sums<2>>> = Groups::default();
        let sql = RECURRING[self.scan(Moment::Created, q)? as usize];
        let mut stmt = self.db().prepare_cached(sql)?;
        let params = bound(&stmt, q, &[]);
        let mut rows = stmt.query(params.as_slice())?;
        while let Some(ref r) = rows.next()? {
            let sums = services.entry(r.get_ref(0)?).entry(r.get_ref(1)?);
            sums.0[0] += 1;
            sums.0[1] += (r.get::<_, i64>(2)? == 1) as u64;
        }
        let mut found: Vec<(String, String, u64, u64)> = services
            .into_vec()
            .into_iter()
            .flat_map(|(service, categories)| {
                let service = service.text().unwrap_or_default().to_string();
                categories.into_vec().into_iter().map(move |(category, Sums([n, linked]))| {
                    (service.clone(), category.text().unwrap_or_default().to_string(), n, linked)
                })
            })
            .collect();
        found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
        found.truncate(limit);
        Ok(found)
    }
}

mod halves;
mod open;

use halves::Part;
