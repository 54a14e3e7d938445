//! Any CSV file with a row per ticket, read through a mapping: which column
//! feeds which field, value maps (`"1 - High"` → impact 1), the date format
//! and the time zone.
//!
//! ```toml
//! date_format = "%d-%m-%Y %H:%M"
//! timezone = "Europe/Amsterdam"
//! [columns]
//! number = "Ticket"
//! title = "Subject"
//! reporter = "Caller"
//! created_at = "Opened"
//! [values.impact]
//! "1 - High" = "1"
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::validate::Problem;
use serde::Deserialize;

use super::{FileContents, ImportError};
use crate::config::{ConfigError, ConfigProblem};
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::servicenow::{RowError, RowProblem};
use crate::domain::{Channel, HistoricTicket, Level, NewTicket, Priority, Status};

/// The fields a column can feed.
pub const FIELDS: [&str; 20] = [
    "number",
    "title",
    "description",
    "reporter",
    "email",
    "phone",
    "department",
    "channel",
    "service",
    "category",
    "subcategory",
    "impact",
    "urgency",
    "priority",
    "status",
    "team",
    "assignee",
    "created_at",
    "resolved_at",
    "closed_at",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// How dates are written (chrono's strftime); a date alone also works.
    #[serde(default = "default_date_format")]
    pub date_format: String,
    /// The zone of the dates (IANA name); default UTC.
    pub timezone: Option<String>,
    /// Field → column name.
    pub columns: HashMap<String, String>,
    /// Field → (value in the file → meldpunt's value).
    #[serde(default)]
    pub values: HashMap<String, HashMap<String, String>>,
}

fn default_date_format() -> String {
    "%Y-%m-%d %H:%M:%S".into()
}

impl Mapping {
    /// Reads a mapping file; a wrong one names the file, line and key.
    pub fn read(path: &Path) -> Result<Mapping, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::io(path, &e))?;
        let mapping: Mapping = crate::config::error::deserialize(&text, path)?;
        let bad = |key: String, problem| ConfigError::at_key(path, &text, &key, None, problem);
        for field in mapping.columns.keys().chain(mapping.values.keys()) {
            if !FIELDS.contains(&field.as_str()) {
                let fields = FIELDS.iter().map(|f| f.to_string()).collect();
                return Err(bad(field.clone(), ConfigProblem::NotAField(fields)));
            }
        }
        for needed in ["title", "reporter", "created_at"] {
            if !mapping.columns.contains_key(needed) {
                return Err(bad(format!("columns.{needed}"), ConfigProblem::ColumnNeeded));
            }
        }
        if let Some(tz) = &mapping.timezone
            && tz.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(bad("timezone".into(), ConfigProblem::NotATimeZone(tz.clone())));
        }
        Ok(mapping)
    }
}

/// Reads a CSV file through a mapping: a ticket per row.
pub fn read(
    input: impl Read,
    path: &Path,
    mapping: &Mapping,
    mut progress: impl FnMut(u64),
) -> Result<FileContents, ImportError> {
    let shown = path.display().to_string();
    let tz: chrono_tz::Tz = mapping.timezone.as_deref().and_then(|t| t.parse().ok()).unwrap_or(chrono_tz::UTC);
    let (mut rows, header) = super::Rows::new(input, path)?;
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    for field in FIELDS {
        if let Some(column) = mapping.columns.get(field) {
            let i =
                header.iter().position(|h| h.trim() == column.trim()).ok_or_else(|| ImportError::MissingColumn {
                    path: shown.clone(),
                    column: FIELDS.iter().find(|f| **f == field).copied().unwrap_or("?"),
                })?;
            at.insert(field, i);
        }
    }
    let mut out = FileContents::default();
    // Numbers already read, with their line: one may not come twice.
    let mut numbers: HashMap<String, u64> = HashMap::new();
    while let Some((line, record)) = rows.next()? {
        out.rows += 1;
        if out.rows % 4096 == 0 {
            progress(out.rows);
        }
        match ticket(record, line, &at, mapping, &tz) {
            Ok(t) => match t.source_ref.as_ref().and_then(|n| numbers.get(n).map(|first| (n.clone(), *first))) {
                Some((number, first)) => {
                    let problem = RowProblem::Twice { number, first };
                    super::note(&mut out, RowError { line, column: "number", problem });
                }
                None => {
                    if let Some(n) = &t.source_ref {
                        numbers.insert(n.clone(), line);
                    }
                    out.tickets.push(t);
                    out.lines.push(line);
                }
            },
            Err(e) => super::note(&mut out, e),
        }
    }
    progress(out.rows);
    Ok(out)
}

/// One line of the file, read through the mapping.
struct Line<'a, Tz: TimeZone> {
    record: &'a csv::ByteRecord,
    line: u64,
    at: &'a HashMap<&'static str, usize>,
    mapping: &'a Mapping,
    tz: &'a Tz,
}

impl<Tz: TimeZone> Line<'_, Tz> {
    fn err(&self, column: &'static str, problem: RowProblem) -> RowError {
        RowError { line: self.line, column, problem }
    }

    /// A field's value: read, mapped, empty or "?" as none.
    fn get(&self, field: &'static str) -> Result<Option<String>, RowError> {
        let Some(i) = self.at.get(field) else { return Ok(None) };
        let raw = std::str::from_utf8(self.record.get(*i).unwrap_or_default())
            .map_err(|_| self.err(field, RowProblem::NotUtf8))?
            .trim();
        let mapped = self.mapping.values.get(field).and_then(|m| m.get(raw)).map_or(raw, String::as_str);
        Ok((!mapped.is_empty() && mapped != "?").then(|| mapped.to_string()))
    }

    fn required(&self, field: &'static str) -> Result<String, RowError> {
        self.get(field)?.ok_or_else(|| self.err(field, RowProblem::Empty))
    }

    fn date(&self, field: &'static str) -> Result<Option<DateTime<Utc>>, RowError> {
        let Some(text) = self.get(field)? else { return Ok(None) };
        let format = &self.mapping.date_format;
        let naive = NaiveDateTime::parse_from_str(&text, format)
            .or_else(|_| NaiveDate::parse_from_str(&text, format).map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default()))
            .map_err(|_| self.err(field, RowProblem::NotADateAs { text: text.clone(), format: format.clone() }))?;
        let at = self
            .tz
            .from_local_datetime(&naive)
            .earliest()
            .ok_or_else(|| self.err(field, RowProblem::NotThere(text.clone())))?;
        if at.timestamp() < 0 {
            return Err(self.err(field, RowProblem::BeforeEpoch(text)));
        }
        Ok(Some(at.with_timezone(&Utc)))
    }

    fn level(&self, field: &'static str) -> Result<Option<Level>, RowError> {
        let Some(text) = self.get(field)? else { return Ok(None) };
        crate::domain::servicenow::leading_number(&text)
            .and_then(Level::new)
            .map(Some)
            .ok_or_else(|| self.err(field, RowProblem::NotALevel(text.clone())))
    }

    /// The ticket as registered: who, what, how it is classified and routed.
    fn new_ticket(&self) -> Result<NewTicket, RowError> {
        let title = self.required("title")?;
        let reporter = self.required("reporter")?;
        let channel = match self.get("channel")? {
            None => Channel::Phone,
            Some(c) => Channel::from_code(&c).ok_or_else(|| self.err("channel", RowProblem::NotAChannel(c.clone())))?,
        };
        let mut t = NewTicket::new(&title, &reporter, channel);
        t.description = self.get("description")?.unwrap_or_default();
        t.reporter.email = self.get("email")?;
        t.reporter.phone = self.get("phone")?;
        t.reporter.department = self.get("department")?;
        t.service = self.get("service")?;
        t.category = self.get("category")?;
        t.subcategory = self.get("subcategory")?;
        t.impact = self.level("impact")?;
        t.urgency = self.level("urgency")?;
        t.priority = match self.get("priority")? {
            None => None,
            Some(p) => {
                Some(p.parse::<Priority>().map_err(|_| self.err("priority", RowProblem::NotAPriority(p.clone())))?)
            }
        };
        t.team = self.get("team")?;
        t.assignee = self.get("assignee")?;
        Ok(t)
    }

    /// The file's number is kept as it stands: within its limit, one line.
    fn number(&self) -> Result<Option<String>, RowError> {
        let source_ref = self.get("number")?;
        if let Some(number) = &source_ref
            && let Err(p) = crate::domain::limits::check(crate::domain::limits::Input::Reference, number)
        {
            let problem = match p {
                crate::domain::limits::TextProblem::TooLong { max, .. } => Problem::TooLong { max },
                crate::domain::limits::TextProblem::ControlCharacter => Problem::ControlCharacter,
            };
            return Err(self.err("number", RowProblem::Value(problem)));
        }
        Ok(source_ref)
    }
}

/// The history the file allows: registered, then where it ended.
fn history(
    status: Status,
    created_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
) -> Vec<NewEvent> {
    let changed = |when, from: Status, to: Status| {
        NewEvent::of(
            EventKind::Changed,
            when,
            "import",
            Some("status"),
            Some(from.code().into()),
            Some(to.code().into()),
        )
    };
    let mut events = vec![NewEvent::created(created_at, "import")];
    let mut last = Status::New;
    for (to, when) in [(Status::Resolved, resolved_at), (Status::Closed, closed_at)] {
        if let Some(when) = when {
            events.push(changed(when, last, to));
            last = to;
        }
    }
    if status.is_open() && status != Status::New {
        events.push(changed(created_at, Status::New, status));
    }
    events
}

fn ticket<Tz: TimeZone>(
    record: &csv::ByteRecord,
    line: u64,
    at: &HashMap<&'static str, usize>,
    mapping: &Mapping,
    tz: &Tz,
) -> Result<HistoricTicket, RowError> {
    let row = Line { record, line, at, mapping, tz };
    let t = row.new_ticket()?;
    let status = match row.get("status")? {
        None => Status::New,
        Some(s) => Status::from_code(&s).ok_or_else(|| row.err("status", RowProblem::NotAStatus(s.clone())))?,
    };
    let created_at = row.date("created_at")?.ok_or_else(|| row.err("created_at", RowProblem::Empty))?;
    let resolved_at =
        row.date("resolved_at")?.or((!status.is_open()).then_some(created_at)).filter(|_| !status.is_open());
    let closed_at = row
        .date("closed_at")?
        .or((status == Status::Closed).then_some(resolved_at.unwrap_or(created_at)))
        .filter(|_| status == Status::Closed);
    let events = history(status, created_at, resolved_at, closed_at);
    let updated_at = [Some(created_at), resolved_at, closed_at].into_iter().flatten().max().unwrap_or(created_at);
    let source_ref = row.number()?;
    // The same checks as a ticket registered by hand: lengths, one-line fields.
    if let Some(p) = crate::domain::validate::check_new_ticket(&t).first() {
        let column = match p.field {
            crate::domain::Field::ReporterName => "reporter",
            crate::domain::Field::ReporterEmail => "email",
            crate::domain::Field::ReporterPhone => "phone",
            f => FIELDS.iter().copied().find(|c| *c == f.code()).unwrap_or("title"),
        };
        return Err(row.err(column, RowProblem::Value(p.problem)));
    }
    Ok(HistoricTicket {
        ticket: t,
        status,
        created_at,
        updated_at,
        resolved_at,
        closed_at,
        events,
        feedback: None,
        source_ref,
        closure_code: None,
        problem_ref: None,
    })
}
