//! The team lead's daily overview: today, and what is open now.

use std::collections::BTreeMap;

use chrono::TimeZone;

use super::{Cell, Context, Drill, Row, Section};
use crate::domain::report::{Dimension, Key, Moment, Period, PeriodName, ReportQuery, Subset};
use crate::domain::sla::{Standing, Target, standing};
use crate::domain::{Priority, Status};
use crate::store::{Result, Store};

fn count_row(label: &str, n: u64, drill: Option<Drill>) -> Row {
    Row { cells: vec![Cell::Text(label.to_string()), Cell::Count(n)], drill, by_cell: Vec::new() }
}

/// Rows per group with a column per priority (unclassified last) and a total.
fn workload<Tz: TimeZone>(
    cx: &Context<Tz>,
    today: &ReportQuery,
    dim: Dimension,
    rows: Vec<(Key, i64, u64)>,
) -> Vec<Row> {
    let mut groups: BTreeMap<Key, [u64; 5]> = BTreeMap::new();
    for (k, priority, n) in rows {
        let i = if (1..=4).contains(&priority) { priority as usize - 1 } else { 4 };
        groups.entry(k).or_default()[i] += n;
    }
    let mut ordered: Vec<(Key, [u64; 5])> = groups.into_iter().collect();
    ordered.sort_by(|a, b| b.1.iter().sum::<u64>().cmp(&a.1.iter().sum::<u64>()).then_with(|| a.0.cmp(&b.0)));
    ordered
        .into_iter()
        .map(|(k, counts)| {
            let mut cells = vec![Cell::Text(cx.key_label(dim, &k))];
            cells.extend(counts.iter().map(|n| Cell::Count(*n)));
            cells.push(Cell::Count(counts.iter().sum()));
            Row {
                cells,
                drill: Some(Drill {
                    moment: None,
                    from: today.from,
                    to: today.to,
                    filter: today.filter.clone(),
                    group: Some((dim, k)),
                    subset: Default::default(),
                    tickets: None,
                }),
                by_cell: Vec::new(),
            }
        })
        .collect()
}

pub fn build<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let (from, to) = Period::Named(PeriodName::Today).range(cx.tz, q.now);
    let today = ReportQuery { from, to, ..q.clone() };
    let open_drill =
        Drill { moment: None, from, to, filter: q.filter.clone(), group: None, subset: Subset::All, tickets: None };
    let open_by_status = store.report_open(&today, Dimension::Status)?;
    let escalated = store.report_open_escalated(&today)?;
    Ok(vec![
        summary(store, cx, &today, &open_drill, &open_by_status, &escalated)?,
        open_matrix(cx, &open_drill, &open_by_status),
        escalations(cx, &escalated),
        oldest(store, cx, &today, &open_drill)?,
        workload_section(store, cx, &today, Dimension::Team)?,
        workload_section(store, cx, &today, Dimension::Assignee)?,
    ])
}

/// Today's counts: registered, resolved, open, and what needs attention.
fn summary<Tz: TimeZone>(
    store: &Store,
    cx: &Context<Tz>,
    today: &ReportQuery,
    open_drill: &Drill,
    open_by_status: &[(Key, i64, u64)],
    escalated: &[(String, bool, u64)],
) -> Result<Section> {
    let t = cx.t;
    let total = |moment| -> Result<u64> {
        Ok(store.report_counts(today, moment, &[Dimension::Priority])?.concat().iter().map(|(_, n)| n).sum())
    };
    let registered = total(Moment::Created)?;
    let resolved = total(Moment::Resolved)?;
    let open_now: u64 = open_by_status.iter().map(|(_, _, n)| n).sum();

    // Breached and at-risk targets of open tickets, as the queue shows them.
    let (mut breached, mut at_risk) = (Vec::new(), Vec::new());
    for (id, sla) in store.report_open_clocks(today, today.now + chrono::Duration::days(7))? {
        let calendar = cx.policy.calendars.get(&sla.calendar);
        let standings: Vec<Standing> = [Target::Response, Target::Resolution]
            .iter()
            .map(|target| standing(sla.clocks.get(*target), calendar, cx.policy.sla.at_risk, today.now).0)
            .collect();
        if standings.contains(&Standing::Breached) {
            breached.push(id);
        } else if standings.contains(&Standing::AtRisk) {
            at_risk.push(id);
        }
    }
    let overdue_updates = store.report_overdue_updates(today)?;
    let listed = |label: &str, ids: Vec<crate::domain::TicketId>| {
        count_row(label, ids.len() as u64, Some(open_drill.clone().tickets(ids)))
    };
    let moment = |m| Some(Drill { moment: Some(m), ..open_drill.clone() });
    let rows = vec![
        count_row(t.report.registered_today, registered, moment(Moment::Created)),
        count_row(t.report.resolved_today, resolved, moment(Moment::Resolved)),
        count_row(t.report.open_now, open_now, Some(open_drill.clone())),
        listed(t.report.breached_open, breached),
        listed(t.report.at_risk_open, at_risk),
        listed(t.report.overdue_updates, overdue_updates),
        count_row(
            t.report.escalated_open,
            escalated.iter().map(|(_, _, n)| n).sum(),
            Some(open_drill.clone().only(Subset::Escalated)),
        ),
    ];
    Ok(Section {
        title: t.report.today.to_string(),
        columns: vec![t.report.what.into(), t.report.tickets.into()],
        rows,
        chart: None,
    })
}

/// Open tickets by priority (rows) and open status (columns).
fn open_matrix<Tz: TimeZone>(cx: &Context<Tz>, open_drill: &Drill, open_by_status: &[(Key, i64, u64)]) -> Section {
    let t = cx.t;
    let open_statuses: Vec<Status> = Status::ALL.iter().copied().filter(|s| s.is_open()).collect();
    let mut matrix: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
    for (status, priority, n) in open_by_status {
        let Some(i) =
            status.text().and_then(Status::from_code).and_then(|s| open_statuses.iter().position(|x| *x == s))
        else {
            continue;
        };
        matrix.entry(*priority).or_insert_with(|| vec![0; open_statuses.len()])[i] += n;
    }
    let rows = matrix
        .iter()
        .map(|(priority, counts)| {
            let label = Priority::new(*priority as u8).map_or(t.unclassified.to_string(), |p| p.to_string());
            let mut cells = vec![Cell::Text(label)];
            cells.extend(counts.iter().map(|n| Cell::Count(*n)));
            cells.push(Cell::Count(counts.iter().sum()));
            let group = Some((Dimension::Priority, Key::Int(*priority)));
            Row { cells, drill: Some(Drill { group, ..open_drill.clone() }), by_cell: Vec::new() }
        })
        .collect();
    let mut columns = vec![t.field(crate::domain::Field::Priority).to_string()];
    columns.extend(open_statuses.iter().map(|s| t.status(*s).to_string()));
    columns.push(t.report.total.to_string());
    Section { title: t.report.open_matrix.to_string(), columns, rows, chart: None }
}

/// Open escalations by line, with a lead's involvement marked.
fn escalations<Tz: TimeZone>(cx: &Context<Tz>, escalated: &[(String, bool, u64)]) -> Section {
    let t = cx.t;
    let rows = escalated
        .iter()
        .map(|(line, lead, n)| {
            let label = match (crate::domain::escalation::Escalation::from_code(line), lead) {
                (Some(e), false) => t.escalation(e).to_string(),
                (Some(e), true) => format!("{} + {}", t.escalation(e), t.report.lead),
                (None, _) => t.report.lead.to_string(),
            };
            count_row(&label, *n, None)
        })
        .collect();
    Section {
        title: t.report.escalations.to_string(),
        columns: vec![t.report.what.into(), t.report.tickets.into()],
        rows,
        chart: None,
    }
}

/// The ten oldest open tickets.
fn oldest<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, today: &ReportQuery, open_drill: &Drill) -> Result<Section> {
    let t = cx.t;
    let rows = store
        .report_oldest_open(today, 10)?
        .into_iter()
        .map(|o| Row {
            cells: vec![
                Cell::Text(cx.numbers.format(o.id)),
                Cell::Text(o.priority.map_or(t.unclassified.to_string(), |p| p.to_string())),
                Cell::Text(o.status.map_or(String::new(), |s| t.status(s).to_string())),
                Cell::Text(o.team.map(|x| crate::domain::text::inert_single_line(&x)).unwrap_or_default()),
                Cell::Text(t.age((today.now - o.created_at).num_seconds())),
                Cell::Text(crate::domain::text::inert_single_line(&o.title)),
            ],
            drill: Some(open_drill.clone().tickets(vec![o.id])),
            by_cell: Vec::new(),
        })
        .collect();
    let columns =
        [t.col.number, t.col.priority, t.col.status, t.col.team, t.col.age, t.col.title].map(str::to_string).to_vec();
    Ok(Section { title: t.report.oldest.to_string(), columns, rows, chart: None })
}

/// Open tickets per team or per person, with a column per priority.
fn workload_section<Tz: TimeZone>(
    store: &Store,
    cx: &Context<Tz>,
    today: &ReportQuery,
    dim: Dimension,
) -> Result<Section> {
    let t = cx.t;
    let mut columns = vec![cx.dim_label(dim).to_string()];
    columns.extend(["P1", "P2", "P3", "P4"].map(str::to_string));
    columns.push(t.unclassified.to_string());
    columns.push(t.report.total.to_string());
    Ok(Section {
        title: (t.report.workload)(cx.dim_label(dim)),
        columns,
        rows: workload(cx, today, dim, store.report_open(today, dim)?),
        chart: None,
    })
}
