//! ServiceNow's incident audit log: each row a snapshot of one incident at
//! one moment, the rows of an incident consecutive and in order, the last
//! one its final state. From them an incident is rebuilt with its history
//! (status changes, reassignments, priority changes, resolution, closure),
//! so that the reports work on it.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::event::{EventKind, NewEvent};
use super::priority::{Level, Priority};
use super::status::Status;
use super::ticket::{Channel, Field, HistoricTicket, NewTicket};

/// One row, as text; `?` is a missing value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Its line in the file, for errors.
    pub line: u64,
    pub number: String,
    pub state: String,
    pub caller: String,
    pub opened_at: String,
    pub updated_at: String,
    pub updated_by: String,
    pub contact_type: String,
    pub location: String,
    pub category: String,
    pub subcategory: String,
    pub symptom: String,
    pub configuration_item: String,
    pub impact: String,
    pub urgency: String,
    pub priority: String,
    pub group: String,
    pub assigned_to: String,
    pub closed_code: String,
    /// The problem it is linked to (`Problem ID 2`), or `?`.
    pub problem_id: String,
    pub resolved_by: String,
    pub resolved_at: String,
    pub closed_at: String,
}

/// Why a row cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {column}: {problem}")]
pub struct RowError {
    pub line: u64,
    pub column: &'static str,
    pub problem: RowProblem,
}

/// What is wrong with a value of an imported row; the catalogue words it
/// for people, this English is for the trail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("'{0}' lies before 1970")]
    BeforeEpoch(String),
    #[error("'{0}' is not a date")]
    NotADate(String),
    #[error("'{text}' is not a date as {format}")]
    NotADateAs { text: String, format: String },
    /// A local time the zone skips.
    #[error("'{0}' does not exist there")]
    NotThere(String),
    #[error("'{0}' is not a level")]
    NotALevel(String),
    #[error("'{0}' is not a priority (P1-P4)")]
    NotAPriority(String),
    #[error("'{0}' is not a channel (phone, email, chat, portal, walk_in, monitoring; or map it)")]
    NotAChannel(String),
    #[error(
        "'{0}' is not a status (new, assigned, in_progress, waiting_customer, waiting_supplier, resolved, closed; or map it)"
    )]
    NotAStatus(String),
    #[error("is empty")]
    Empty,
    #[error("not valid UTF-8")]
    NotUtf8,
    #[error("{0}")]
    Value(super::validate::Problem),
    #[error("{} {problem}", .field.code())]
    FieldValue { field: super::Field, problem: super::validate::Problem },
    /// A number on two lines: the number, the first line.
    #[error("{number} is also on line {first}")]
    Twice { number: String, first: u64 },
    /// An incident whose rows are not together: its number.
    #[error("{0} comes back after other incidents; its rows must be together")]
    NotTogether(String),
    /// Already said in the user's language (a check of the store).
    #[error("{0}")]
    Said(String),
}

fn value(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty() && t != "?").then_some(t)
}

/// "5/3/2016 12:00": day first, in the given zone.
pub fn parse_time<Tz: TimeZone>(text: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%d/%m/%Y %H:%M").ok()?;
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
}

fn time<Tz: TimeZone>(s: &Snapshot, column: &'static str, text: &str, tz: &Tz) -> Result<DateTime<Utc>, RowError> {
    match parse_time(text, tz) {
        Some(at) if at.timestamp() >= 0 => Ok(at),
        Some(_) => Err(RowError { line: s.line, column, problem: RowProblem::BeforeEpoch(text.to_string()) }),
        None => Err(RowError { line: s.line, column, problem: RowProblem::NotADate(text.to_string()) }),
    }
}

/// A text stored as it stands (who changed it, the incident's number):
/// within its limit, on one line.
fn stored(line: u64, column: &'static str, input: super::limits::Input, text: &str) -> Result<(), RowError> {
    super::limits::check(input, text).map_err(|p| {
        let problem = match p {
            super::limits::TextProblem::TooLong { max, .. } => super::validate::Problem::TooLong { max },
            super::limits::TextProblem::ControlCharacter => super::validate::Problem::ControlCharacter,
        };
        RowError { line, column, problem: RowProblem::Value(problem) }
    })
}

/// "2 - Medium" → 2: the number a level or priority is written with.
pub fn leading_number(text: &str) -> Option<u8> {
    value(text)?.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// ServiceNow states as meldpunt's; `None` for the odd `-100` rows, which
/// keep the state before.
pub fn status_of(state: &str) -> Option<Status> {
    Some(match state.trim() {
        "New" => Status::New,
        "Active" => Status::InProgress,
        "Awaiting User Info" | "Awaiting Evidence" => Status::WaitingCustomer,
        "Awaiting Vendor" | "Awaiting Problem" => Status::WaitingSupplier,
        "Resolved" => Status::Resolved,
        "Closed" => Status::Closed,
        _ => return None,
    })
}

fn channel_of(contact: &str) -> Channel {
    match contact.trim() {
        "Email" => Channel::Email,
        "Self service" => Channel::Portal,
        "Direct opening" => Channel::WalkIn,
        _ => Channel::Phone,
    }
}

/// What a snapshot says about the fields that have a history.
#[derive(Clone, PartialEq, Eq)]
struct State {
    status: Option<Status>,
    team: Option<String>,
    assignee: Option<String>,
    priority: Option<String>,
}

fn state_of(s: &Snapshot) -> State {
    State {
        status: status_of(&s.state),
        team: value(&s.group).map(str::to_string),
        assignee: value(&s.assigned_to).map(str::to_string),
        priority: leading_number(&s.priority).and_then(Priority::new).map(|p| p.to_string()),
    }
}

/// Rebuilds one incident from its rows (in file order, at least one).
/// The ticket's `source_ref` is its ServiceNow number.
pub fn incident<Tz: TimeZone>(rows: &[Snapshot], tz: &Tz) -> Result<HistoricTicket, RowError> {
    let first = rows.first().expect("an incident has rows");
    let last = rows.last().expect("an incident has rows");
    let opened = value(&first.opened_at).unwrap_or(&first.updated_at);
    let created_at = time(first, "opened_at", opened, tz)?;
    let level = |text: &str, column: &'static str| -> Result<Option<Level>, RowError> {
        match value(text) {
            None => Ok(None),
            Some(v) => leading_number(v).and_then(Level::new).map(Some).ok_or_else(|| RowError {
                line: last.line,
                column,
                problem: RowProblem::NotALevel(v.to_string()),
            }),
        }
    };
    let what = [value(&last.category), value(&last.subcategory)].into_iter().flatten().collect::<Vec<_>>().join(" / ");
    let title = match value(&last.symptom) {
        Some(symptom) if !what.is_empty() => format!("{what}: {symptom}"),
        Some(symptom) => symptom.to_string(),
        None if !what.is_empty() => what.clone(),
        None => last.number.clone(),
    };
    let mut ticket = NewTicket::new(&title, value(&last.caller).unwrap_or("?"), channel_of(&last.contact_type));
    ticket.reporter.department = value(&last.location).map(str::to_string);
    ticket.service = value(&last.configuration_item).map(str::to_string);
    ticket.category = value(&last.category).map(str::to_string);
    ticket.subcategory = value(&last.subcategory).map(str::to_string);
    ticket.impact = level(&last.impact, "impact")?;
    ticket.urgency = level(&last.urgency, "urgency")?;
    ticket.priority = leading_number(&last.priority).and_then(Priority::new);
    ticket.team = value(&last.group).map(str::to_string);
    ticket.assignee = value(&last.assigned_to).map(str::to_string);

    // The history: what changed from one snapshot to the next, by whom, when.
    stored(last.line, "closed_code", super::limits::Input::Reference, &last.closed_code)?;
    stored(last.line, "problem_id", super::limits::Input::ProblemTitle, &last.problem_id)?;
    for s in rows {
        stored(s.line, "number", super::limits::Input::Reference, &s.number)?;
        stored(s.line, "sys_updated_by", super::limits::Input::Actor, &s.updated_by)?;
    }
    let opener = value(&first.updated_by).unwrap_or("servicenow").to_string();
    let mut events = vec![NewEvent::created(created_at, &opener)];
    let mut before = State { status: Some(Status::New), team: None, assignee: None, priority: None };
    let mut status = Status::New;
    let mut updated_at = created_at;
    for s in rows {
        let at = time(s, "sys_updated_at", &s.updated_at, tz)?.max(created_at);
        updated_at = updated_at.max(at);
        let who = value(&s.updated_by).unwrap_or("servicenow");
        let mut now = state_of(s);
        if now.status.is_none() {
            now.status = before.status; // a -100 row
        }
        let changes = [
            (Field::Status, before.status.map(|x| x.code().to_string()), now.status.map(|x| x.code().to_string())),
            (Field::Team, before.team.clone(), now.team.clone()),
            (Field::Assignee, before.assignee.clone(), now.assignee.clone()),
            (Field::Priority, before.priority.clone(), now.priority.clone()),
        ];
        for (field, old, new) in changes {
            if old != new {
                events.push(NewEvent::of(EventKind::Changed, at, who, Some(field.code()), old, new));
            }
        }
        status = now.status.unwrap_or(status);
        before = now;
    }
    // Resolution and closure as ServiceNow recorded them (its own fields
    // are exact; the snapshots only show when someone next saved).
    let resolved_at = match value(&last.resolved_at) {
        Some(t) if !status.is_open() => Some(time(last, "resolved_at", t, tz)?.max(created_at)),
        _ if !status.is_open() => Some(updated_at),
        _ => None,
    };
    let closed_at = match value(&last.closed_at) {
        Some(t) if status == Status::Closed => {
            Some(time(last, "closed_at", t, tz)?.max(resolved_at.unwrap_or(created_at)))
        }
        _ if status == Status::Closed => Some(updated_at),
        _ => None,
    };
    move_to(&mut events, Status::Resolved, resolved_at);
    move_to(&mut events, Status::Closed, closed_at);
    let updated_at = [Some(updated_at), resolved_at, closed_at].into_iter().flatten().max().unwrap_or(created_at);
    // The same checks as a ticket registered by hand: lengths, one-line fields.
    if let Some(p) = super::validate::check_new_ticket(&ticket).first() {
        return Err(RowError {
            line: last.line,
            column: "number",
            problem: RowProblem::FieldValue { field: p.field, problem: p.problem },
        });
    }
    Ok(HistoricTicket {
        ticket,
        status,
        created_at,
        updated_at,
        resolved_at,
        closed_at,
        events,
        feedback: None,
        source_ref: Some(last.number.clone()),
        // How it was closed and its problem, as ServiceNow kept them.
        closure_code: value(&last.closed_code).filter(|_| !status.is_open()).map(str::to_string),
        problem_ref: value(&last.problem_id).map(str::to_string),
    })
}

/// The last change to this status happens at the recorded moment.
fn move_to(events: &mut [NewEvent], status: Status, at: Option<DateTime<Utc>>) {
    let Some(at) = at else { return };
    let code = Some(status.code().to_string());
    if let Some(e) = events.iter_mut().rev().find(|e| e.field.as_deref() == Some("status") && e.new == code) {
        e.at = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, state: &str, updated: &str, group: &str, priority: &str) -> Snapshot {
        Snapshot {
            line,
            number: "INC0000045".into(),
            state: state.into(),
            caller: "Caller 2403".into(),
            opened_at: "29/2/2016 01:16".into(),
            updated_at: updated.into(),
            updated_by: format!("Updated by {line}"),
            contact_type: "Phone".into(),
            location: "Location 143".into(),
            category: "Category 55".into(),
            subcategory: "Subcategory 170".into(),
            symptom: "Symptom 72".into(),
            configuration_item: "?".into(),
            impact: "2 - Medium".into(),
            urgency: "2 - Medium".into(),
            priority: priority.into(),
            group: group.into(),
            assigned_to: "?".into(),
            closed_code: "code 5".into(),
            problem_id: "Problem ID 2".into(),
            resolved_by: "Resolved by 149".into(),
            resolved_at: "29/2/2016 11:29".into(),
            closed_at: "5/3/2016 12:00".into(),
        }
    }

    #[test]
    fn an_incident_is_rebuilt_with_its_history() {
        let rows = vec![
            row(2, "New", "29/2/2016 01:23", "Group 56", "3 - Moderate"),
            row(3, "Active", "29/2/2016 02:00", "Group 56", "3 - Moderate"),
            row(4, "-100", "29/2/2016 03:00", "Group 70", "2 - High"),
            row(5, "Resolved", "29/2/2016 11:40", "Group 70", "2 - High"),
            row(6, "Closed", "5/3/2016 12:00", "Group 70", "2 - High"),
        ];
        let t = incident(&rows, &Utc).unwrap();
        assert_eq!(t.source_ref.as_deref(), Some("INC0000045"));
        assert_eq!(t.closure_code.as_deref(), Some("code 5"), "kept as ServiceNow wrote it");
        assert_eq!(t.problem_ref.as_deref(), Some("Problem ID 2"));
        assert_eq!(t.ticket.title, "Category 55 / Subcategory 170: Symptom 72");
        assert_eq!(t.ticket.priority, Some(Priority::P2), "the final state");
        assert_eq!(t.ticket.impact, Level::new(2));
        assert_eq!(t.status, Status::Closed);
        assert_eq!(t.created_at, Utc.with_ymd_and_hms(2016, 2, 29, 1, 16, 0).unwrap());
        assert_eq!(t.resolved_at, Some(Utc.with_ymd_and_hms(2016, 2, 29, 11, 29, 0).unwrap()), "its own field");
        let fields: Vec<(Option<&str>, Option<&str>)> =
            t.events.iter().map(|e| (e.field.as_deref(), e.new.as_deref())).collect();
        assert_eq!(
            fields,
            vec![
                (None, None),
                (Some("team"), Some("Group 56")),
                (Some("priority"), Some("P3")),
                (Some("status"), Some("in_progress")),
                (Some("team"), Some("Group 70")),
                (Some("priority"), Some("P2")),
                (Some("status"), Some("resolved")),
                (Some("status"), Some("closed")),
            ],
            "the -100 row keeps the state; the group and priority change there"
        );
        let resolved = t.events.iter().find(|e| e.new.as_deref() == Some("resolved")).unwrap();
        assert_eq!(resolved.at, t.resolved_at.unwrap(), "moved to the recorded moment");
    }

    #[test]
    fn a_bad_date_names_its_line_and_column() {
        let mut bad = row(7, "New", "31/2/2016 01:23", "Group 56", "3 - Moderate");
        let err = incident(std::slice::from_ref(&bad), &Utc).unwrap_err();
        assert_eq!((err.line, err.column), (7, "sys_updated_at"));
        bad.updated_at = "29/2/2016 01:23".into();
        bad.impact = "High".into();
        assert_eq!(incident(&[bad], &Utc).unwrap_err().column, "impact");
    }
}
