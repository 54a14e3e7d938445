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
    let t = cx.t;
    let (from, to) = Period::Named(PeriodName::Today).range(cx.tz, q.now);
    let today = ReportQuery { from, to, ..q.clone() };
    let registered: u64 =
        store.report_counts(&today, Moment::Created, &[Dimension::Priority])?.concat().iter().map(|(_, n)| n).sum();
    let resolved: u64 =
        store.report_counts(&today, Moment::Resolved, &[Dimension::Priority])?.concat().iter().map(|(_, n)| n).sum();
    let open_by_status = store.report_open(&today, Dimension::Status)?;
    let open_now: u64 = open_by_status.iter().map(|(_, _, n)| n).sum();

    // Breached and at-risk targets of open tickets, as the queue shows them.
    let (mut breached, mut at_risk) = (Vec::new(), Vec::new());
    for (id, sla) in store.report_open_clocks(&today, q.now + chrono::Duration::days(7))? {
        let calendar = cx.policy.calendars.get(&sla.calendar);
        let standings: Vec<Standing> = [Target::Response, Target::Resolution]
            .iter()
            .map(|target| standing(sla.clocks.get(*target), calendar, cx.policy.sla.at_risk, q.now).0)
            .collect();
        if standings.contains(&Standing::Breached) {
            breached.push(id);
        } else if standings.contains(&Standing::AtRisk) {
            at_risk.push(id);
        }
    }
    let overdue_updates = store.report_overdue_updates(&today)?;
    let escalated = store.report_open_escalated(&today)?;
    let open_drill =
        Drill { moment: None, from, to, filter: q.filter.clone(), group: None, subset: Subset::All, tickets: None };
    let listed = |ids: Vec<crate::domain::TicketId>| {
        let n = ids.len() as u64;
        (n, Some(open_drill.clone().tickets(ids)))
    };
    let (breached, breached_drill) = listed(breached);
    let (at_risk, at_risk_drill) = listed(at_risk);
    let (overdue_updates, overdue_drill) = listed(overdue_updates);
    let summary = vec![
        count_row(
            t.rep_registered_today,
            registered,
            Some(Drill { moment: Some(Moment::Created), ..open_drill.clone() }),
        ),
        count_row(t.rep_resolved_today, resolved, Some(Drill { moment: Some(Moment::Resolved), ..open_drill.clone() })),
        count_row(t.rep_open_now, open_now, Some(open_drill.clone())),
        count_row(t.rep_breached_open, breached, breached_drill),
        count_row(t.rep_at_risk_open, at_risk, at_risk_drill),
        count_row(t.rep_overdue_updates, overdue_updates, overdue_drill),
        count_row(
            t.rep_escalated_open,
            escalated.iter().map(|(_, _, n)| n).sum(),
            Some(open_drill.clone().only(Subset::Escalated)),
        ),
    ];

    // Open tickets by priority and status.
    let open_statuses: Vec<Status> = Status::ALL.iter().copied().filter(|s| s.is_open()).collect();
    let mut matrix: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
    for (status, priority, n) in &open_by_status {
        let Some(i) =
            status.text().and_then(Status::from_code).and_then(|s| open_statuses.iter().position(|x| *x == s))
        else {
            continue;
        };
        matrix.entry(*priority).or_insert_with(|| vec![0; open_statuses.len()])[i] += n;
    }
    let matrix_rows = matrix
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
    let mut matrix_columns = vec![t.field(crate::domain::Field::Priority).to_string()];
    matrix_columns.extend(open_statuses.iter().map(|s| t.status(*s).to_string()));
    matrix_columns.push(t.rep_total.to_string());

    let escalation_rows = escalated
        .iter()
        .map(|(line, lead, n)| {
            let label = match (crate::domain::escalation::Escalation::from_code(line), lead) {
                (Some(e), false) => t.escalation(e).to_string(),
                (Some(e), true) => format!("{} + {}", t.escalation(e), t.rep_lead),
                (None, _) => t.rep_lead.to_string(),
            };
            count_row(&label, *n, None)
        })
        .collect();

    let oldest = store
        .report_oldest_open(&today, 10)?
        .into_iter()
        .map(|o| Row {
            cells: vec![
                Cell::Text(cx.numbers.format(o.id)),
                Cell::Text(o.priority.map_or(t.unclassified.to_string(), |p| p.to_string())),
                Cell::Text(o.status.map_or(String::new(), |s| t.status(s).to_string())),
                Cell::Text(o.team.map(|x| crate::domain::text::inert_single_line(&x)).unwrap_or_default()),
                Cell::Text(t.age((q.now - o.created_at).num_seconds())),
                Cell::Text(crate::domain::text::inert_single_line(&o.title)),
            ],
            drill: Some(open_drill.clone().tickets(vec![o.id])),
            by_cell: Vec::new(),
        })
        .collect();

    let load_columns = |first: Dimension| {
        let mut c = vec![cx.dim_label(first).to_string()];
        c.extend(["P1", "P2", "P3", "P4"].map(str::to_string));
        c.push(t.unclassified.to_string());
        c.push(t.rep_total.to_string());
        c
    };
    Ok(vec![
        Section {
            title: t.rep_today.to_string(),
            columns: vec![t.rep_what.into(), t.rep_tickets.into()],
            rows: summary,
            chart: None,
        },
        Section { title: t.rep_open_matrix.to_string(), columns: matrix_columns, rows: matrix_rows, chart: None },
        Section {
            title: t.rep_escalations.to_string(),
            columns: vec![t.rep_what.into(), t.rep_tickets.into()],
            rows: escalation_rows,
            chart: None,
        },
        Section {
            title: t.rep_oldest.to_string(),
            columns: [t.col_number, t.col_priority, t.col_status, t.col_team, t.col_age, t.col_title]
                .map(str::to_string)
                .to_vec(),
            rows: oldest,
            chart: None,
        },
        Section {
            title: (t.rep_workload)(cx.dim_label(Dimension::Team)),
            columns: load_columns(Dimension::Team),
            rows: workload(cx, &today, Dimension::Team, store.report_open(&today, Dimension::Team)?),
            chart: None,
        },
        Section {
            title: (t.rep_workload)(cx.dim_label(Dimension::Assignee)),
            columns: load_columns(Dimension::Assignee),
            rows: workload(cx, &today, Dimension::Assignee, store.report_open(&today, Dimension::Assignee)?),
            chart: None,
        },
    ])
}
