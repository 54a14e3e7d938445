//! What comes in and what stays: volume, recurring incidents, backlog.

use chrono::TimeZone;

use super::{Cell, Chart, Context, Row, Section, drill};
use crate::domain::report::{Bucket, Dimension, Moment, ReportQuery, buckets, into_buckets, share};
use crate::store::{Result, Store};

/// Tickets registered in the period per category, service, department,
/// channel and team, and per day or week.
pub fn volume<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let mut sections = Vec::new();
    let (starts, labels) = cx.buckets(q);
    let dims = [Dimension::Category, Dimension::Service, Dimension::Department, Dimension::Channel, Dimension::Team];
    let mut folded = store.report_counts(q, Moment::Created, &[&dims[..], &[Dimension::Slot]].concat())?;
    let slots = folded.pop().unwrap_or_default().into_iter().filter_map(|(k, n)| k.int().map(|s| (s, n))).collect();
    let per = into_buckets(&starts, &slots);
    let total: u64 = per.iter().sum();
    for (dim, mut groups) in dims.into_iter().zip(folded) {
        groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let rows = groups
            .into_iter()
            .map(|(k, n)| Row {
                cells: vec![Cell::Text(cx.key_label(dim, &k)), Cell::Count(n), Cell::Share(share(n, total))],
                drill: drill(q, Some(Moment::Created), Some((dim, k))),
                by_cell: Vec::new(),
            })
            .collect();
        sections.push(Section {
            title: (t.report.by)(cx.dim_label(dim)),
            columns: [cx.dim_label(dim), t.report.tickets, t.report.share].map(str::to_string).to_vec(),
            rows,
            chart: None,
        });
    }
    let rows = labels
        .iter()
        .zip(&per)
        .enumerate()
        .map(|(i, (label, n))| {
            // A day's or week's row leads to the tickets registered in it.
            let (from, to) = (starts[i].1, starts.get(i + 1).map_or(q.to, |s| s.1));
            let drill = drill(q, Some(Moment::Created), None).map(|d| super::Drill { from, to, ..d });
            Row { cells: vec![Cell::Text(label.clone()), Cell::Count(*n)], drill, by_cell: Vec::new() }
        })
        .collect();
    sections.insert(
        0,
        Section {
            title: t.report.trend.to_string(),
            columns: [t.report.period, t.report.tickets].map(str::to_string).to_vec(),
            rows,
            chart: Some(Chart { title: t.report.registered.to_string(), bars: labels.into_iter().zip(per).collect() }),
        },
    );
    Ok(sections)
}

/// The service and category combinations that come back most.
pub fn recurring<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    use crate::domain::Field;
    let rows = store
        .report_recurring(q, 20)?
        .into_iter()
        .map(|(service, category, n, linked)| {
            let mut filter = q.filter.clone();
            filter.service = Some(service.clone());
            filter.category = Some(category.clone());
            Row {
                cells: vec![
                    Cell::Text(cx.key_label(Dimension::Service, &crate::domain::report::Key::Text(service))),
                    Cell::Text(cx.key_label(Dimension::Category, &crate::domain::report::Key::Text(category))),
                    Cell::Count(n),
                    Cell::Count(linked),
                    Cell::Share(share(linked, n)),
                ],
                drill: Some(super::Drill {
                    moment: Some(Moment::Created),
                    from: q.from,
                    to: q.to,
                    filter,
                    group: None,
                    subset: crate::domain::report::Subset::Recurring,
                    tickets: None,
                }),
                by_cell: Vec::new(),
            }
        })
        .collect();
    Ok(vec![Section {
        title: t.report.top_combinations.to_string(),
        columns: [
            t.field(Field::Service),
            t.field(Field::Category),
            t.report.incidents,
            t.report.with_problem,
            t.report.linked_share,
        ]
        .map(str::to_string)
        .to_vec(),
        rows,
        chart: None,
    }])
}

/// Open tickets at the end of each day of the period, with what came in
/// and what was resolved that day.
pub fn backlog<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Vec<Section>> {
    let t = cx.t;
    let starts = buckets(cx.tz, q.from, q.to, Bucket::Day);
    let created = into_buckets(&starts, &store.report_slots(q, Moment::Created)?);
    let resolved = into_buckets(&starts, &store.report_slots(q, Moment::Resolved)?);
    let mut open = store.report_open_at(q, q.from)? as i64;
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for (i, (day, _)) in starts.iter().enumerate() {
        open += created[i] as i64 - resolved[i] as i64;
        let label = day.format(t.date_format).to_string();
        rows.push(Row {
            cells: vec![
                Cell::Text(label.clone()),
                Cell::Count(open.max(0) as u64),
                Cell::Count(created[i]),
                Cell::Count(resolved[i]),
            ],
            drill: None,
            by_cell: Vec::new(),
        });
        bars.push((label, open.max(0) as u64));
    }
    Ok(vec![Section {
        title: t.report.open_per_day.to_string(),
        columns: [t.report.day, t.report.open_at_end, t.report.registered, t.report.resolved]
            .map(str::to_string)
            .to_vec(),
        rows,
        chart: Some(Chart { title: t.report.open_at_end.to_string(), bars }),
    }])
}
