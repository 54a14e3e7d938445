//! Resolved with knowledge: the tickets resolved in the period to which an
//! article of the knowledge base was applied (`A` on the screen, `kb apply`).

use std::collections::BTreeMap;

use chrono::TimeZone;

use super::service::grouped;
use super::{Cell, Context, Row, Section};
use crate::domain::report::{Dimension, Key, Moment, ReportQuery, Subset, share};
use crate::store::{Result, Store};

/// Per team: resolved, resolved with knowledge, and its share.
pub fn resolved_with_knowledge<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> Result<Section> {
    let t = cx.t;
    let groups: BTreeMap<Key, [u64; 2]> = store.report_knowledge(q, Dimension::Team)?.into_iter().collect();
    let total = groups.values().fold([0, 0], |[a, b], [r, k]| [a + r, b + k]);
    let row = |label: String, [resolved, with]: &[u64; 2], drill| Row {
        cells: vec![
            Cell::Text(label),
            Cell::Count(*resolved),
            Cell::Count(*with),
            Cell::Share(share(*with, *resolved)),
        ],
        // The with-knowledge cell leads to exactly those tickets.
        by_cell: vec![None, None, super::service::only(&drill, Subset::WithKnowledge), None],
        drill,
    };
    let columns = [cx.dim_label(Dimension::Team), t.report.resolved, t.report.with_knowledge, t.report.knowledge_share]
        .map(str::to_string)
        .to_vec();
    Ok(Section {
        title: t.report.knowledge_title.to_string(),
        columns,
        rows: grouped(cx, q, (Moment::Resolved, Subset::NotDuplicates), Dimension::Team, &groups, row, &total),
        chart: None,
    })
}
