//! `meldpunt report NAME`: the reports of the pane, as a table, CSV, JSON
//! or Markdown.

use anyhow::{anyhow, bail};
use chrono::{NaiveDate, Utc};

use super::output::{data, say};
use super::{Localized, ReportArgs};
use crate::config::Config;
use crate::domain::Priority;
use crate::domain::report::{Period, PeriodName, ReportFilter, ReportName, ReportQuery};
use crate::report::output;
use crate::store::Store;

fn date(config: &Config, option: &str, text: &str) -> anyhow::Result<NaiveDate> {
    let t = config.language.catalogue();
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| anyhow!((t.cli.bad_date)(option, text)))
}

/// A value of an option, refused in the user's language naming those it takes.
fn choice<T: std::str::FromStr>(config: &Config, text: &str, what: &str, allowed: &[&str]) -> anyhow::Result<T> {
    let t = config.language.catalogue();
    text.parse().map_err(|_| anyhow!((t.cli.bad_value)(what, text, &allowed.join(", "))))
}

fn codes<T: Copy>(all: &[T], code: fn(&T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(code).collect()
}

pub fn run(args: ReportArgs, config: &Config, store: &Store) -> anyhow::Result<()> {
    let name: ReportName = choice(config, &args.name, "report", &codes(ReportName::ALL, |r| r.code()))?;
    let period = match (&args.period, &args.from, &args.to) {
        (Some(p), _, _) => Period::Named(choice(config, p, "period", &codes(PeriodName::ALL, |p| p.code()))?),
        (None, Some(from), Some(to)) => {
            Period::Dates { from: date(config, "from", from)?, to: date(config, "to", to)? }
        }
        _ => Period::default(),
    };
    let priority = match args.priority.as_deref() {
        None => None,
        Some(p) => Some(choice::<Priority>(config, p, "priority", &["P1", "P2", "P3", "P4"])?),
    };
    let filter = ReportFilter {
        team: args.team,
        priority,
        category: args.category,
        service: args.service,
        department: args.department,
    };
    let now = Utc::now();
    let (from, to) = period.range(&chrono::Local, now);
    let query = ReportQuery { name, from, to, filter, now };
    let t = config.language.catalogue();
    let report = crate::service::reports::report(store, t, &config.numbers, &query).localized(config)?;
    match args.format.as_str() {
        "table" => say(output::to_table(t, &report).trim_end_matches('\n')),
        "csv" => data(&output::to_csv(&report)?),
        "json" => data(&output::to_json(&report)?),
        "markdown" | "md" => say(output::to_markdown(t, &report).trim_end_matches('\n')),
        other => bail!((t.cli.bad_value)("format", other, "table, csv, json, markdown")),
    }
}
