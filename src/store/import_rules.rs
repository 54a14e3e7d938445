//! What each column of an export may hold, checked as the command line
//! checks what it stores: times, numbers in their range, known codes,
//! levels of the matrix, texts within their limits, names that exist here.

use super::sql::Db;
use serde_json::{Map, Value as Json};

use super::{Policy, Result, StoreError};
use crate::domain::limits::{Input, ValueKind};
use crate::domain::sla::MAX_TARGET_SECS;
use crate::domain::{Channel, EventKind, Priority, Status, TicketKind};

/// What a column may hold.
#[derive(Clone, Copy)]
pub(super) enum Rule {
    /// A moment that has happened: from 1970 up to a day from now.
    Moment,
    /// A moment, also one far ahead (a due time).
    Time,
    Day,
    Number(i64, i64),
    Text(Input),
    /// Text that must not be empty.
    Required(Input),
    OneOf(&'static [&'static str]),
    Coded(Coded),
    Level(Input),
    /// A name among the teams, people or pick lists here ('' is none).
    Known(Input),
    /// A closure code of the policy here.
    ClosureCode,
    /// An address as the command line takes it ('' is none).
    Email,
}

pub(super) const FAR: i64 = 253_402_300_799;
pub(super) const BIG: i64 = 1_000_000_000_000;
/// A measured time (to respond, resolve, close): at most a hundred years.
const SPAN: i64 = 100 * 366 * 86_400;

/// A coded value: whether a code is one, and all of them.
type Coded = (fn(&str) -> bool, fn() -> Vec<String>);

macro_rules! coded {
    ($t:ty) => {
        (|c: &str| <$t>::from_code(c).is_some(), || <$t>::ALL.iter().map(|v| v.code().to_string()).collect())
    };
}

pub(super) fn rule(table: &str, column: &str, declared: &str) -> Rule {
    use Input::*;
    match (table, column) {
        (_, "id" | "ticket_id" | "parent_id" | "duplicate_of" | "problem_id" | "knowledge_id") => Rule::Number(1, BIG),
        (_, "category_id" | "agent_id" | "team_id") => Rule::Number(1, BIG),
        ("tickets", "kind") => Rule::Coded(coded!(TicketKind)),
        ("tickets", "channel") => Rule::Coded(coded!(Channel)),
        ("tickets", "status") => Rule::Coded(coded!(Status)),
        ("tickets", "escalation") => Rule::OneOf(&["", "line2", "line3", "supplier"]),
        ("tickets", "title") => Rule::Required(Title),
        ("tickets", "description") => Rule::Text(Description),
        ("tickets", "reporter_name") => Rule::Required(ReporterName),
        ("tickets", "reporter_email") => Rule::Email,
        ("tickets", "reporter_phone") => Rule::Text(ReporterPhone),
        ("tickets", "department") => Rule::Known(Department),
        ("tickets", "service") => Rule::Known(Service),
        ("tickets", "category") => Rule::Known(Category),
        ("tickets", "subcategory") => Rule::Known(Subcategory),
        ("tickets", "team") | ("ticket_access", "team") => Rule::Known(Team),
        ("tickets", "assignee" | "coordinator" | "communication_lead") => Rule::Known(Person),
        ("tickets", "impact") => Rule::Level(Impact),
        ("tickets", "urgency") => Rule::Level(Urgency),
        ("tickets", "priority") => Rule::Number(0, 4),
        ("tickets", "satisfaction") => Rule::Number(1, 5),
        ("tickets", "version") => Rule::Number(1, BIG),
        ("tickets", "cause") => Rule::Text(Cause),
        ("tickets", "measures") => Rule::Text(Measures),
        ("tickets", "solution") => Rule::Text(Solution),
        ("tickets", "closure_code") => Rule::ClosureCode,
        ("tickets", "supplier") => Rule::Text(Supplier),
        ("tickets", "feedback_comment") => Rule::Text(Comment),
        ("tickets", "reassignments") => Rule::Number(0, BIG),
        (
            "tickets",
            "response_breached"
            | "resolution_breached"
            | "lead_attention"
            | "major"
            | "escalated"
            | "first_contact"
            | "restricted",
        ) => Rule::Number(0, 1),
        ("events", "kind") => Rule::Coded(coded!(EventKind)),
        ("entries", "kind") => Rule::OneOf(&["note", "message"]),
        ("entries", "delivery") => Rule::OneOf(&["sent", "recorded", "failed"]),
        ("entries", "body") => Rule::Text(Note),
        ("entries", "subject") => Rule::Text(Subject),
        ("entries", "recipient") => Rule::Text(Recipient),
        ("checklist", "item") => Rule::Required(Item),
        ("review_actions", "description") => Rule::Text(Action),
        ("review_actions", "owner") => Rule::Text(Owner),
        ("review_actions", "due") => Rule::Day,
        ("review_actions", "done") | (_, "active") => Rule::Number(0, 1),
        ("reviews", _) if declared.eq_ignore_ascii_case("TEXT") && !column.ends_with("_by") => Rule::Text(Review),
        (_, "actor" | "updated_by" | "completed_by" | "created_by" | "author" | "resolved_by") => Rule::Text(Actor),
        ("problems", "title") => Rule::Required(ProblemTitle),
        ("problems", "status") => Rule::OneOf(&["open", "known_error", "resolved"]),
        ("knowledge", "title") => Rule::Required(ArticleTitle),
        ("knowledge", "tags") => Rule::Text(Tags),
        ("knowledge", "service") => Rule::Text(Service),
        ("knowledge", "category") => Rule::Text(Category),
        ("problems" | "knowledge", _) if declared.eq_ignore_ascii_case("TEXT") => Rule::Text(Body),
        ("categories", "name") => Rule::Required(Category),
        ("subcategories", "name") => Rule::Required(Subcategory),
        ("services", "name") => Rule::Required(Service),
        ("departments", "name") => Rule::Required(Department),
        ("teams", "name") => Rule::Required(Team),
        ("teams" | "agents", "line") => Rule::Number(1, 3),
        ("agents", "login") => Rule::Required(Login),
        ("agents", "name") => Rule::Required(PersonName),
        ("agents", "email") => Rule::Text(Email),
        ("agents", "role") => Rule::OneOf(&["operator", "technician", "lead", "admin"]),
        (_, c) if c == "at" || c.ends_with("_at") => Rule::Moment,
        (_, c) if c.ends_with("_due") => Rule::Time,
        // Targets and what was left of them: within what a policy may set,
        // so that no clock is ever worked out over centuries.
        (_, c) if c.starts_with("sla_") && c.ends_with("_secs") => Rule::Number(0, MAX_TARGET_SECS),
        (_, c) if c.ends_with("_left") => Rule::Number(-MAX_TARGET_SECS, MAX_TARGET_SECS),
        (_, c) if c.ends_with("_secs") => Rule::Number(0, SPAN),
        _ if declared.eq_ignore_ascii_case("INTEGER") => Rule::Number(-BIG, FAR),
        (_, "field" | "sla_calendar" | "source_ref") => Rule::Text(Reference),
        _ => Rule::Text(Value),
    }
}

/// The problem with one value, if any; `row` gives what a subcategory needs.
pub(super) fn check_value(
    conn: &dyn Db,
    policy: &Policy,
    rule: Rule,
    value: &Json,
    row: &Map<String, Json>,
) -> Result<()> {
    let shown = || match value {
        Json::String(s) => s.chars().take(60).collect(),
        other => other.to_string(),
    };
    let not_a = |kind| Err(StoreError::NotA { value: shown(), kind });
    if value.is_null() {
        return match rule {
            Rule::Required(_) => not_a(ValueKind::Text),
            _ => Ok(()),
        };
    }
    match rule {
        Rule::Moment => match value.as_i64() {
            Some(n) if (0..=chrono::Utc::now().timestamp() + 86_400).contains(&n) => Ok(()),
            _ => not_a(ValueKind::Past),
        },
        Rule::Email => {
            let Some(text) = value.as_str() else { return not_a(ValueKind::Text) };
            super::checks::text(Input::ReporterEmail, text)?;
            if text.is_empty() || crate::domain::validate::is_email_address(text) {
                Ok(())
            } else {
                not_a(ValueKind::Email)
            }
        }
        Rule::Time => match value.as_i64() {
            Some(n) if (0..=FAR).contains(&n) => Ok(()),
            _ => not_a(ValueKind::Time),
        },
        Rule::Day => match value.as_str().map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
            Some(Ok(_)) => Ok(()),
            _ => not_a(ValueKind::Day),
        },
        Rule::Number(min, max) => match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(()),
            _ => not_a(ValueKind::Number { min, max }),
        },
        Rule::Level(input) => match value.as_i64() {
            Some(n) if (1..=9).contains(&n) => super::checks::level(policy, input, crate::domain::Level::new(n as u8)),
            _ => not_a(ValueKind::Number { min: 1, max: 9 }),
        },
        Rule::Text(input) | Rule::Required(input) => {
            let Some(text) = value.as_str() else { return not_a(ValueKind::Text) };
            if matches!(rule, Rule::Required(_)) && text.trim().is_empty() {
                return not_a(ValueKind::Text);
            }
            super::checks::text(input, text)
        }
        Rule::OneOf(codes) => match value.as_str() {
            Some(code) if codes.contains(&code) => Ok(()),
            _ => Err(StoreError::NotKnown {
                input: Input::Value,
                value: shown(),
                known: codes.iter().map(|c| c.to_string()).collect(),
            }),
        },
        Rule::Coded((is, all)) => match value.as_str() {
            Some(code) if is(code) => Ok(()),
            _ => Err(StoreError::NotKnown { input: Input::Value, value: shown(), known: all() }),
        },
        Rule::ClosureCode => {
            let known: Vec<String> = policy.closure.codes.iter().map(|c| c.name.clone()).collect();
            match value.as_str() {
                Some(code) if known.iter().any(|k| k == code) => Ok(()),
                _ => Err(StoreError::NotKnown { input: Input::ClosureCode, value: shown(), known }),
            }
        }
        Rule::Known(input) => {
            let Some(name) = value.as_str() else { return not_a(ValueKind::Text) };
            if name.is_empty() {
                return Ok(());
            }
            let within = row.get("category").and_then(Json::as_str).filter(|_| input == Input::Subcategory);
            super::checks::ever_known(conn, input, name, within)
        }
    }
}

/// What a whole row means: a ticket resolved or closed before it was
/// created, a status or priority in its history that does not exist, a
/// checklist item the policy does not have. The column it is about, and why.
pub(super) fn check_meaning(
    policy: &Policy,
    table: &str,
    row: &Map<String, Json>,
) -> std::result::Result<(), (&'static str, StoreError)> {
    let number = |c: &str| row.get(c).and_then(Json::as_i64);
    let text = |c: &str| row.get(c).and_then(Json::as_str);
    match table {
        "tickets" => {
            let Some(created) = number("created_at") else { return Ok(()) };
            for column in ["resolved_at", "closed_at"] {
                if let Some(at) = number(column).filter(|at| *at < created) {
                    return Err((
                        column,
                        StoreError::NotA { value: at.to_string(), kind: ValueKind::NotBeforeCreated },
                    ));
                }
            }
        }
        "events" if text("kind") == Some(EventKind::Changed.code()) => {
            let (known, all): Coded = match text("field") {
                Some("status") => coded!(Status),
                Some("priority") => {
                    (|v: &str| v.parse::<Priority>().is_ok(), || Priority::ALL.iter().map(|p| p.to_string()).collect())
                }
                _ => return Ok(()),
            };
            for value in ["old_value", "new_value"] {
                if let Some(v) = text(value).filter(|v| !v.is_empty() && !known(v)) {
                    let problem =
                        StoreError::NotKnown { input: Input::Value, value: v.chars().take(60).collect(), known: all() };
                    return Err((value, problem));
                }
            }
        }
        "checklist" => {
            if let Some(item) = text("item").filter(|i| policy.closure.item(i).is_none()) {
                let known = policy.closure.items.iter().map(|i| i.name.clone()).collect();
                return Err((
                    "item",
                    StoreError::NotKnown { input: Input::Value, value: item.chars().take(60).collect(), known },
                ));
            }
        }
        _ => {}
    }
    Ok(())
}
