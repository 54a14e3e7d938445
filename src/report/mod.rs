//! Reports: one engine for the pane and the command line. Each report is
//! built from store aggregates into sections of rows and cells, in the
//! user's language; `output` writes them as a table, CSV, JSON or Markdown
//! and the pane draws the same sections.

mod daily;
mod flow;
mod knowledge;
pub mod output;
mod service;

use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use crate::domain::Policy;
pub use crate::domain::report::Drill;
use crate::domain::report::{Bucket, Dimension, Key, Moment, ReportName, ReportQuery, buckets};
use crate::i18n::Catalogue;
use crate::store::Store;

/// One value in a report.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A fraction from 0 to 1; none when there was nothing to count.
    Share(Option<f64>),
    /// Seconds (a mean or median may have a fraction).
    Secs(Option<f64>),
    /// A mean satisfaction score, 1 to 5.
    Score(Option<f64>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The tickets the row counts.
    pub drill: Option<Drill>,
    /// Per cell, the tickets that cell counts when they are fewer than the
    /// row's (the "missed" of an SLA row); a cell without one leads to the row's.
    pub by_cell: Vec<Option<Drill>>,
}

impl Row {
    /// The tickets behind cell `col`: its own, else the row's.
    pub fn drill_at(&self, col: usize) -> Option<&Drill> {
        self.by_cell.get(col).and_then(Option::as_ref).or(self.drill.as_ref())
    }
}

/// A trend or a distribution, drawn as bars next to its table.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<(String, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub chart: Option<Chart>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub name: ReportName,
    pub title: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub sections: Vec<Section>,
}

/// What building a report needs besides the store.
pub struct Context<'a, Tz: TimeZone> {
    pub t: &'a Catalogue,
    pub policy: &'a Policy,
    pub numbers: &'a crate::domain::NumberFormat,
    /// Local days and weeks are this zone's.
    pub tz: &'a Tz,
}

impl<Tz: TimeZone> Context<'_, Tz> {
    /// A group's name as shown: a priority as P1, nothing as a dash.
    fn key_label(&self, dim: Dimension, key: &Key) -> String {
        let t = self.t;
        match (dim, key) {
            (_, Key::None) => t.empty_value.to_string(),
            (Dimension::Priority, Key::Int(0)) => t.unclassified.to_string(),
            (Dimension::Priority, Key::Int(p)) => format!("P{p}"),
            (Dimension::Channel, Key::Text(c)) => {
                crate::domain::Channel::from_code(c).map_or(c.clone(), |c| t.channel(c).to_string())
            }
            (Dimension::Status, Key::Text(s)) => {
                crate::domain::Status::from_code(s).map_or(s.clone(), |s| t.status(s).to_string())
            }
            // A seed value in the language of the report.
            (Dimension::Category | Dimension::Service | Dimension::Department, Key::Text(s)) => {
                crate::domain::text::inert_single_line(crate::domain::reference::shown_name(s, t.code))
            }
            (_, Key::Text(s)) => crate::domain::text::inert_single_line(s),
            (_, Key::Int(n)) => n.to_string(),
        }
    }

    fn dim_label(&self, dim: Dimension) -> &'static str {
        use crate::domain::Field;
        let t = self.t;
        match dim {
            Dimension::Priority => t.field(Field::Priority),
            Dimension::Team => t.field(Field::Team),
            Dimension::Assignee => t.field(Field::Assignee),
            Dimension::Category => t.field(Field::Category),
            Dimension::Service => t.field(Field::Service),
            Dimension::Department => t.field(Field::Department),
            Dimension::Channel => t.field(Field::Channel),
            Dimension::Status => t.field(Field::Status),
            Dimension::Slot => t.report.period,
        }
    }

    /// The local days or weeks of the period, with their labels.
    fn buckets(&self, q: &ReportQuery) -> (Vec<(chrono::NaiveDate, DateTime<Utc>)>, Vec<String>) {
        let bucket = Bucket::for_period(q.from, q.to);
        let starts = buckets(self.tz, q.from, q.to, bucket);
        let labels = starts
            .iter()
            .map(|(d, _)| match bucket {
                Bucket::Day => d.format(self.t.date_format).to_string(),
                Bucket::Week => (self.t.report.week_of)(&d.format(self.t.date_format).to_string()),
            })
            .collect();
        (starts, labels)
    }
}

fn drill(q: &ReportQuery, moment: Option<Moment>, group: Option<(Dimension, Key)>) -> Option<Drill> {
    Some(Drill {
        moment,
        from: q.from,
        to: q.to,
        filter: q.filter.clone(),
        group,
        subset: Default::default(),
        tickets: None,
    })
}

/// Builds a report.
pub fn build<Tz: TimeZone>(store: &Store, cx: &Context<Tz>, q: &ReportQuery) -> crate::store::Result<Report> {
    let t = cx.t;
    // The daily overview is about today, whatever the period.
    let today;
    let q = if q.name == ReportName::Daily {
        let (from, to) =
            crate::domain::report::Period::Named(crate::domain::report::PeriodName::Today).range(cx.tz, q.now);
        today = ReportQuery { from, to, ..q.clone() };
        &today
    } else {
        q
    };
    // One snapshot: every section counts the same tickets, whatever others
    // commit meanwhile.
    let sections = store.snapshot(|store| {
        Ok(match q.name {
            ReportName::Daily => daily::build(store, cx, q)?,
            ReportName::Sla => service::sla(store, cx, q)?,
            ReportName::Times => service::times(store, cx, q)?,
            ReportName::Fcr => {
                let mut sections = service::fcr(store, cx, q)?;
                sections.push(knowledge::resolved_with_knowledge(store, cx, q)?);
                sections
            }
            ReportName::Reassignments => service::reassignments(store, cx, q)?,
            ReportName::Satisfaction => service::satisfaction(store, cx, q)?,
            ReportName::Volume => flow::volume(store, cx, q)?,
            ReportName::Recurring => flow::recurring(store, cx, q)?,
            ReportName::Backlog => flow::backlog(store, cx, q)?,
        })
    })?;
    Ok(Report { name: q.name, title: t.report_title(q.name).to_string(), from: q.from, to: q.to, sections })
}

/// The report as JSON: raw numbers (seconds, fractions), for other tools.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    pub report: &'a str,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
pub struct SectionJson<'a> {
    pub title: &'a str,
    pub columns: &'a [String],
    pub rows: Vec<Vec<serde_json::Value>>,
}
