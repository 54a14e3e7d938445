//! How well the servicedesk serves: SLA compliance, times, first-contact
//! resolution, reassignments and satisfaction.

use std::collections::BTreeMap;

use chrono::TimeZone;

use super::{Cell, Chart, Context, Row, Section, drill};
use crate::domain::report::{Dimension, Key, Moment, ReportQuery, SlaCounts, Subset, Times, bucket_of, share};
use crate::store::{Result, Store};

/// An SLA row judged at `now` (unix seconds), as the counts were.
fn sla_row(now: i64, label: String, c: &SlaCounts, drill: Option<super::Drill>) -> Row {
    // The met and missed cells lead to exactly the tickets they count.
    let only = |resolution, missed| only(&drill, Subset::Sla { resolution, missed, now });
    let by_cell = vec![None, only(false, false), only(false, true), None, only(true, false), only(true, true), None];
    Row {
        cells: vec![
            Cell::Text(label),
            Cell::Count(c.response_met),
            Cell::Count(c.response_breached),
            Cell::Share(c.response_share()),
            Cell::Count(c.resolution_met),
            Cell::Count(c.resolution_breached),
            Cell::Share(c.resolution_share()),
        ],
        drill,
        by_cell,
    }
}

/// Rows per group, in the order of their keys, and a total row.
pub(super) fn grouped<T, Tz: TimeZone>(
    cx: &Context<Tz>,
    q: &ReportQuery,
    (moment, subset): (Moment, Subset),
    dim: Dimension,
    groups: &BTreeMap<Key, T>,
    row: impl Fn(String, &T, Option<super::Drill>) -> Row,
    total: &T,
) -> Vec<Row> {
    let mut rows: Vec<Row> = groups
        .iter()
        .map(|(k, v)| {
            let d = drill(q, Some(moment), Some((dim, k.clone()))).map(|d| d.only(subset));
            row(cx.key_label(dim, k), v, d)
        })
        .collect();
    rows.push(row(cx.t.report.total.to_string(), total, drill(q, Some(moment), None).map(|d| d.only(subset))));
    rows
}

/// SLA compliance of the tickets registered in the period.
pub fn sla<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let columns = |first: &str| {
        [
            first,
            t.report.response_met,
            t.report.response_missed,
            t.report.response_share,
            t.report.resolution_met,
            t.report.resolution_missed,
            t.report.resolution_share,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let now = q.now.timestamp();
    let sla_row = |label, c: &SlaCounts, drill| sla_row(now, label, c, drill);
    let mut sections = Vec::new();
    let mut total = SlaCounts::default();
    let dims = [Dimension::Priority, Dimension::Team, Dimension::Slot];
    let mut folded = store.report_sla(q, &dims)?.into_iter();
    for dim in [Dimension::Priority, Dimension::Team] {
        let groups: BTreeMap<Key, SlaCounts> = folded.next().unwrap_or_default().into_iter().collect();
        if dim == Dimension::Priority {
            groups.values().for_each(|c| total.add(c));
        }
        sections.push(Section {
            title: (t.report.by)(cx.dim_label(dim)),
            columns: columns(cx.dim_label(dim)),
            rows: grouped(cx, q, (Moment::Created, Subset::WithSla), dim, &groups, sla_row, &total),
            chart: None,
        });
    }
    let (starts, labels) = cx.buckets(q);
    let mut per = vec![SlaCounts::default(); starts.len()];
    for (slot, counts) in folded.next().unwrap_or_default() {
        let at = slot.int().and_then(|s| chrono::DateTime::from_timestamp(s * crate::domain::report::SLOT_SECS, 0));
        if let Some(i) = at.and_then(|at| bucket_of(&starts, at)) {
            per[i].add(&counts);
        }
    }
    let rows = labels.iter().zip(&per).map(|(label, c)| sla_row(label.clone(), c, None)).collect();
    let bars = labels
        .iter()
        .zip(&per)
        .map(|(label, c)| (label.clone(), c.resolution_share().map_or(0, |s| (s * 100.0).round() as u64)))
        .collect();
    sections.push(Section {
        title: t.report.trend.to_string(),
        columns: columns(t.report.period),
        rows,
        chart: Some(Chart { title: t.report.resolution_share.to_string(), bars }),
    });
    Ok(sections)
}

/// Count, mean and median in business and wall-clock time of some tickets.
fn time_row(label: String, group: String, times: Times, drill: Option<super::Drill>) -> Row {
    let Times { wall, business } = times;
    Row {
        cells: vec![
            Cell::Text(label),
            Cell::Text(group),
            Cell::Count(wall.count),
            Cell::Secs(business.mean),
            Cell::Secs(business.median),
            Cell::Secs(wall.mean),
            Cell::Secs(wall.median),
        ],
        drill,
        by_cell: Vec::new(),
    }
}

/// Times to first response, to resolve and to close, overall and per
/// priority, team and category.
pub fn times<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let columns = [
        t.report.dimension,
        t.report.group,
        t.report.tickets,
        t.report.mean_business,
        t.report.median_business,
        t.report.mean_wall,
        t.report.median_wall,
    ]
    .map(str::to_string)
    .to_vec();
    let mut sections = Vec::new();
    let dims = [Dimension::Priority, Dimension::Team, Dimension::Category];
    let moments = [
        (Moment::Created, t.report.time_response),
        (Moment::Resolved, t.report.time_resolve),
        (Moment::Closed, t.report.time_close),
    ];
    for ((moment, title), times) in moments.into_iter().zip(store.report_times(q, &dims)?) {
        let subset = if moment == Moment::Created { Subset::Responded } else { Subset::All };
        let drill = |group| drill(q, Some(moment), group).map(|d| d.only(subset));
        let mut rows = vec![time_row(t.report.total.to_string(), String::new(), times.all, drill(None))];
        for (dim, groups) in dims.into_iter().zip(times.groups) {
            let groups: BTreeMap<Key, Times> = groups.into_iter().collect();
            for (k, times) in groups {
                let d = drill(Some((dim, k.clone())));
                rows.push(time_row(cx.dim_label(dim).to_string(), cx.key_label(dim, &k), times, d));
            }
        }
        sections.push(Section { title: title.to_string(), columns: columns.clone(), rows, chart: None });
    }
    Ok(sections)
}

/// A row's tickets narrowed to those one of its cells counts.
pub(super) fn only(drill: &Option<super::Drill>, subset: Subset) -> Option<super::Drill> {
    drill.clone().map(|d| d.only(subset))
}

/// First-contact resolution of the tickets resolved in the period.
pub fn fcr<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let row = |label: String, (resolved, first): &(u64, u64), drill| Row {
        cells: vec![
            Cell::Text(label),
            Cell::Count(*resolved),
            Cell::Count(*first),
            Cell::Share(share(*first, *resolved)),
        ],
        // The first-contact cell leads to exactly those tickets.
        by_cell: vec![None, None, only(&drill, Subset::FirstContact), None],
        drill,
    };
    let mut sections = Vec::new();
    let dims = [Dimension::Team, Dimension::Channel, Dimension::Category];
    for (dim, folded) in dims.into_iter().zip(store.report_fcr(q, &dims)?) {
        let groups: BTreeMap<Key, (u64, u64)> =
            folded.into_iter().map(|(k, resolved, first)| (k, (resolved, first))).collect();
        let total = groups.values().fold((0, 0), |(a, b), (r, f)| (a + r, b + f));
        let columns = [cx.dim_label(dim), t.report.resolved, t.report.first_contact, t.report.fcr_share]
            .map(str::to_string)
            .to_vec();
        sections.push(Section {
            title: (t.report.by)(cx.dim_label(dim)),
            columns,
            rows: grouped(cx, q, (Moment::Resolved, Subset::NotDuplicates), dim, &groups, row, &total),
            chart: None,
        });
    }
    Ok(sections)
}

/// How often tickets resolved in the period changed team.
pub fn reassignments<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let teams: BTreeMap<Key, [u64; 4]> = store.report_reassignments(q, Dimension::Team)?.into_iter().collect();
    let mut distribution = [0u64; 4];
    teams.values().for_each(|c| (0..4).for_each(|i| distribution[i] += c[i]));
    let resolved: u64 = distribution.iter().sum();
    let labels = ["0", "1", "2", t.report.three_or_more];
    let dist_rows = labels
        .iter()
        .zip(distribution)
        .map(|(label, n)| Row {
            cells: vec![Cell::Text(label.to_string()), Cell::Count(n), Cell::Share(share(n, resolved))],
            drill: None,
            by_cell: Vec::new(),
        })
        .collect();
    let team_row = |label: String, counts: &[u64; 4], drill| {
        let all: u64 = counts.iter().sum();
        let moved = all - counts[0];
        Row {
            cells: vec![Cell::Text(label), Cell::Count(all), Cell::Count(moved), Cell::Share(share(moved, all))],
            by_cell: vec![None, None, only(&drill, Subset::Reassigned), None],
            drill,
        }
    };
    Ok(vec![
        Section {
            title: t.report.distribution.to_string(),
            columns: [t.report.reassignments, t.report.tickets, t.report.share].map(str::to_string).to_vec(),
            rows: dist_rows,
            chart: Some(Chart {
                title: t.report.distribution.to_string(),
                bars: labels.iter().zip(distribution).map(|(l, n)| (l.to_string(), n)).collect(),
            }),
        },
        Section {
            title: (t.report.by)(cx.dim_label(Dimension::Team)),
            columns: [cx.dim_label(Dimension::Team), t.report.resolved, t.report.reassigned, t.report.reassigned_share]
                .map(str::to_string)
                .to_vec(),
            rows: grouped(
                cx,
                q,
                (Moment::Resolved, Subset::NotDuplicates),
                Dimension::Team,
                &teams,
                team_row,
                &distribution,
            ),
            chart: None,
        },
    ])
}

/// Satisfaction of the reporters of tickets closed in the period.
pub fn satisfaction<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    // Per team: tickets closed without a score (index 0) and with each score.
    let teams: BTreeMap<Key, [u64; 6]> = store.report_satisfaction(q, Dimension::Team)?.into_iter().collect();
    let mut all = [0u64; 6];
    teams.values().for_each(|c| (0..6).for_each(|i| all[i] += c[i]));
    let row = |label: String, c: &[u64; 6], drill| {
        let closed: u64 = c.iter().sum();
        let rated = closed - c[0];
        let points: u64 = (1..6).map(|s| s as u64 * c[s]).sum();
        let average = (rated > 0).then(|| points as f64 / rated as f64);
        Row {
            cells: vec![
                Cell::Text(label),
                Cell::Count(closed),
                Cell::Count(rated),
                Cell::Share(share(rated, closed)),
                Cell::Score(average),
            ],
            by_cell: vec![None, None, only(&drill, Subset::Rated), None, only(&drill, Subset::Rated)],
            drill,
        }
    };
    let rated: u64 = all[1..].iter().sum();
    let distribution = (1..6)
        .map(|s| Row {
            cells: vec![
                Cell::Text(format!("{s} {}", t.scores[s - 1])),
                Cell::Count(all[s]),
                Cell::Share(share(all[s], rated)),
            ],
            drill: None,
            by_cell: Vec::new(),
        })
        .collect();
    Ok(vec![
        Section {
            title: (t.report.by)(cx.dim_label(Dimension::Team)),
            columns: [
                cx.dim_label(Dimension::Team),
                t.report.closed,
                t.report.rated,
                t.report.response_rate,
                t.report.average,
            ]
            .map(str::to_string)
            .to_vec(),
            rows: grouped(cx, q, (Moment::Closed, Subset::NotDuplicates), Dimension::Team, &teams, row, &all),
            chart: None,
        },
        Section {
            title: t.report.distribution.to_string(),
            columns: [t.feedback_score, t.report.tickets, t.report.share].map(str::to_string).to_vec(),
            rows: distribution,
            chart: Some(Chart {
                title: t.report.distribution.to_string(),
                bars: (1..6).map(|s| (s.to_string(), all[s])).collect(),
            }),
        },
    ])
}
