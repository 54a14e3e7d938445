//! Every report on the generated database of 1,000,000 tickets (a year of
//! a large servicedesk): over last month, and over the whole year.
//! Targets: the daily overview within 300 ms, every other report within 2 s.

mod common;

use chrono::{Duration, Utc};
use criterion::Criterion;
use meldpunt::domain::report::{Period, PeriodName, ReportFilter, ReportName, ReportQuery};
use meldpunt::domain::{NumberFormat, Policy};
use meldpunt::i18n::Language;
use meldpunt::report::{Context, build};
use meldpunt::store::Store;

/// From, to.
type Range = (chrono::DateTime<Utc>, chrono::DateTime<Utc>);

fn main() {
    let path = common::bench_db();
    let store = Store::open(&path).unwrap();
    let policy = Policy::default();
    let numbers = NumberFormat::default();
    let cx = Context { t: Language::En.catalogue(), policy: &policy, numbers: &numbers, tz: &chrono::Local };
    let now = Utc::now();
    let month = Period::Named(PeriodName::LastMonth).range(&chrono::Local, now);
    let year = (now - Duration::days(365), now);
    let mut c =
        Criterion::default().configure_from_args().sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    for name in ReportName::ALL {
        let periods: &[(&str, Range)] =
            if *name == ReportName::Daily { &[("today", month)] } else { &[("last month", month), ("a year", year)] };
        for (label, (from, to)) in periods {
            let query = ReportQuery { name: *name, from: *from, to: *to, filter: ReportFilter::default(), now };
            c.bench_function(&format!("report: {}, {label}", name.code()), |b| {
                b.iter(|| build(&store, &cx, &query).unwrap());
            });
        }
    }
    // A filtered report: one team over the year.
    let query = ReportQuery {
        name: ReportName::Times,
        from: year.0,
        to: year.1,
        filter: ReportFilter { team: Some("Network".into()), ..Default::default() },
        now,
    };
    c.bench_function("report: times, a year, one team", |b| b.iter(|| build(&store, &cx, &query).unwrap()));
    c.final_summary();
}
