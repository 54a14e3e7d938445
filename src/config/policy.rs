//! The `[[impact]]`, `[[urgency]]`, `[matrix]`, `[sla]` and `[calendars]`
//! sections: checked here, with errors that point at the key.

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

use super::{ConfigError, ConfigProblem};
use crate::domain::calendar::{Calendar, CalendarSpec};
use crate::domain::duration::{format_duration, parse_duration};
use crate::domain::figures::FirstContactRule;
use crate::domain::priority::LevelInfo;
use crate::domain::routing::{Routing, RoutingRule};
use crate::domain::sla::{Calendars, MAX_TARGET_SECS, Pauses, SlaPolicy, Targets};
use crate::domain::{Policy, Priority, PriorityMatrix, Status};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LevelFile {
    name: Spanned<String>,
    en: Spanned<String>,
    nl: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetsFile {
    response: Option<Spanned<String>>,
    resolution: Option<Spanned<String>>,
    update: Option<Spanned<String>>,
    calendar: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PausesFile {
    response: Option<Vec<Status>>,
    resolution: Option<Vec<Status>>,
    update: Option<Vec<Status>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SlaFile {
    at_risk: Option<Spanned<f64>>,
    #[serde(default)]
    pauses: PausesFile,
    #[serde(rename = "P1")]
    p1: Option<TargetsFile>,
    #[serde(rename = "P2")]
    p2: Option<TargetsFile>,
    #[serde(rename = "P3")]
    p3: Option<TargetsFile>,
    #[serde(rename = "P4")]
    p4: Option<TargetsFile>,
}

/// The sections of the config file this module checks.
#[derive(Debug, Default)]
pub(super) struct PolicyFile {
    pub impact: Option<Vec<LevelFile>>,
    pub urgency: Option<Vec<LevelFile>>,
    pub matrix: Option<Spanned<IndexMap<String, Spanned<Vec<Priority>>>>>,
    pub sla: Option<SlaFile>,
    pub calendars: IndexMap<String, Spanned<CalendarSpec>>,
    pub routing: Option<Vec<RoutingRule>>,
    pub reopen_days: Option<Spanned<i64>>,
    pub first_contact_minutes: Option<Spanned<i64>>,
}

struct Errors<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Errors<'_> {
    fn at(&self, key: &str, span: Option<std::ops::Range<usize>>, problem: ConfigProblem) -> ConfigError {
        ConfigError::at_key(self.file, self.text, key, span, problem)
    }
}

fn levels(files: Vec<LevelFile>) -> Vec<LevelInfo> {
    files
        .into_iter()
        .map(|l| {
            let en = l.en.into_inner();
            LevelInfo { name: l.name.into_inner(), nl: l.nl.map_or_else(|| en.clone(), Spanned::into_inner), en }
        })
        .collect()
}

fn matrix(file: &mut PolicyFile, e: &Errors) -> Result<PriorityMatrix, ConfigError> {
    let default = PriorityMatrix::default();
    for (axis, given) in [("impact", &file.impact), ("urgency", &file.urgency)] {
        let Some(given) = given else { continue };
        for (i, level) in given.iter().enumerate() {
            let name = level.name.get_ref();
            if name.trim().is_empty() || name.chars().any(crate::domain::text::is_unsafe) {
                let problem = ConfigProblem::LevelName(name.clone());
                return Err(e.at(&format!("{axis}.name"), Some(level.name.span()), problem));
            }
            super::plain_label(&level.en, &format!("{axis}.en"), e.file, e.text)?;
            if let Some(nl) = &level.nl {
                super::plain_label(nl, &format!("{axis}.nl"), e.file, e.text)?;
            }
            if given[..i].iter().any(|l| l.name.get_ref() == level.name.get_ref()) {
                let problem = ConfigProblem::LevelTwice(level.name.get_ref().clone());
                return Err(e.at(&format!("{axis}.name"), Some(level.name.span()), problem));
            }
        }
    }
    let impact = file.impact.take().map(levels).unwrap_or_else(|| default.impact_levels().to_vec());
    let urgency = file.urgency.take().map(levels).unwrap_or_else(|| default.urgency_levels().to_vec());
    let Some(rows) = file.matrix.take() else {
        if impact == default.impact_levels() && urgency == default.urgency_levels() {
            return Ok(default);
        }
        return Err(e.at("matrix", None, ConfigProblem::MatrixNeeded));
    };
    let span = rows.span();
    let rows = rows.into_inner();
    for (name, row) in &rows {
        if !impact.iter().any(|l| &l.name == name) {
            let known = impact.iter().map(|l| l.name.clone()).collect();
            let problem = ConfigProblem::NotAnImpactLevel { name: name.clone(), known };
            return Err(e.at(&format!("matrix.{name}"), Some(row.span()), problem));
        }
        if row.get_ref().len() != urgency.len() {
            let problem = ConfigProblem::RowLength { given: row.get_ref().len(), needed: urgency.len() };
            return Err(e.at(&format!("matrix.{name}"), Some(row.span()), problem));
        }
    }
    let mut cells = Vec::with_capacity(impact.len());
    for level in &impact {
        match rows.get(&level.name) {
            Some(row) => cells.push(row.get_ref().clone()),
            None => {
                let problem = ConfigProblem::NoRow(level.name.clone());
                return Err(e.at(&format!("matrix.{}", level.name), Some(span.clone()), problem));
            }
        }
    }
    PriorityMatrix::new(impact, urgency, cells).map_err(|m| e.at("matrix", Some(span), ConfigProblem::Other(m)))
}

/// Where `key = …` is written inside a table's text, to point at its line.
fn key_within(text: &str, table: std::ops::Range<usize>, key: &str) -> Option<std::ops::Range<usize>> {
    // The table runs from its header to the next header.
    let body = text.get(table.start..)?;
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = table.start + offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

fn calendars(file: &PolicyFile, e: &Errors) -> Result<Calendars, ConfigError> {
    let defaults = Calendars::default();
    let mut map = BTreeMap::new();
    for name in defaults.names() {
        map.insert(name.to_string(), defaults.get(name).clone());
    }
    for (name, spec) in &file.calendars {
        let calendar = Calendar::from_spec(spec.get_ref()).map_err(|err| {
            // Point at the line of the field, not at the table's header.
            let span = key_within(e.text, spec.span(), &err.field).unwrap_or(spec.span());
            e.at(&format!("calendars.{name}.{}", err.field), Some(span), ConfigProblem::Calendar(err.problem.clone()))
        })?;
        if !calendar.has_working_time() {
            return Err(e.at(&format!("calendars.{name}"), Some(spec.span()), ConfigProblem::NoWorkingTime));
        }
        map.insert(name.clone(), calendar);
    }
    Ok(Calendars::new(map))
}

fn sla(file: PolicyFile, calendars: &Calendars, e: &Errors) -> Result<SlaPolicy, ConfigError> {
    let mut policy = SlaPolicy::default();
    let Some(sla) = file.sla else {
        return Ok(policy);
    };
    if let Some(at_risk) = &sla.at_risk {
        let value = *at_risk.get_ref();
        if !(value > 0.0 && value <= 1.0) {
            return Err(e.at("sla.at_risk", Some(at_risk.span()), ConfigProblem::AtRisk(value.to_string())));
        }
        policy.at_risk = value;
    }
    let pauses = sla.pauses;
    policy.pauses = Pauses {
        response: pauses.response.unwrap_or(policy.pauses.response),
        resolution: pauses.resolution.unwrap_or(policy.pauses.resolution),
        update: pauses.update.unwrap_or(policy.pauses.update),
    };
    for (i, given) in [sla.p1, sla.p2, sla.p3, sla.p4].into_iter().enumerate() {
        let Some(given) = given else { continue };
        let targets: &mut Targets = &mut policy.targets[i];
        let key = |field: &str| format!("sla.P{}.{field}", i + 1);
        for (field, value, slot) in [
            ("response", &given.response, &mut targets.response_secs),
            ("resolution", &given.resolution, &mut targets.resolution_secs),
            ("update", &given.update, &mut targets.update_secs),
        ] {
            if let Some(text) = value {
                let secs = parse_duration(text.get_ref())
                    .map_err(|err| e.at(&key(field), Some(text.span()), ConfigProblem::Duration(err)))?;
                if secs <= 0 {
                    return Err(e.at(&key(field), Some(text.span()), ConfigProblem::TargetZero));
                }
                if secs > MAX_TARGET_SECS {
                    let most = format_duration(MAX_TARGET_SECS);
                    return Err(e.at(&key(field), Some(text.span()), ConfigProblem::TargetTooLong(most)));
                }
                *slot = secs;
            }
        }
        if let Some(name) = &given.calendar {
            if !calendars.contains(name.get_ref()) {
                let known = calendars.names().map(str::to_string).collect();
                let problem = ConfigProblem::UnknownCalendar { name: name.get_ref().clone(), known };
                return Err(e.at(&key("calendar"), Some(name.span()), problem));
            }
            targets.calendar = name.get_ref().clone();
        }
    }
    Ok(policy)
}

/// Checks the sections and builds the policy, defaults filling the gaps.
pub(super) fn build(mut file: PolicyFile, path: &Path, text: &str) -> Result<Policy, ConfigError> {
    let e = Errors { file: path, text };
    let matrix = matrix(&mut file, &e)?;
    let calendars = calendars(&file, &e)?;
    let defaults = Policy::default();
    let routing = file.routing.take().map(|rules| Routing { rules }).unwrap_or(defaults.routing);
    let reopen_window = match file.reopen_days.take() {
        Some(days) if *days.get_ref() < 0 || *days.get_ref() > 3650 => {
            return Err(e.at("reopen_days", Some(days.span()), ConfigProblem::ReopenDays(*days.get_ref())));
        }
        Some(days) => chrono::Duration::days(*days.get_ref()),
        None => defaults.reopen_window,
    };
    let first_contact = match file.first_contact_minutes.take() {
        Some(m) if *m.get_ref() < 1 || *m.get_ref() > 1440 => {
            let problem = ConfigProblem::FirstContactMinutes(*m.get_ref());
            return Err(e.at("first_contact_minutes", Some(m.span()), problem));
        }
        Some(m) => FirstContactRule { window: chrono::Duration::minutes(*m.get_ref()) },
        None => defaults.first_contact,
    };
    let sla = sla(file, &calendars, &e)?;
    Ok(Policy { matrix, sla, calendars, routing, reopen_window, closure: defaults.closure, first_contact })
}

#[cfg(test)]
mod tests {
    use super::key_within;

    #[test]
    fn finds_a_key_inside_its_table() {
        let text = "[calendars.office]\ntimezone = \"Europe/Amsterdam\"\nmonday = [\"08:30-25:00\"]\n";
        let found = key_within(text, 0..18, "monday").unwrap();
        assert_eq!(&text[found], "monday");
        assert_eq!(key_within(text, 0..18, "friday"), None);
    }
}
