//! Documents written from the records: the post-incident review as Markdown,
//! to share with people who do not use the helpdesk.

use crate::domain::entry::{Delivery, Entry, EntryKind};
use crate::domain::knowledge::{ActionItem, Review};
use crate::domain::policy::Policy;
use crate::domain::text::{inert_single_line, inert_text};
use crate::domain::{Event, Field, NumberFormat, Ticket};
use crate::i18n::Catalogue;

/// Everything the review document is written from.
pub struct ReviewSources<'a> {
    pub ticket: &'a Ticket,
    pub review: &'a Review,
    pub events: &'a [Event],
    pub entries: &'a [Entry],
}

/// Text in a table cell: one line, and a `|` does not end the cell.
fn cell(text: &str) -> String {
    inert_single_line(text).replace('|', "\\|")
}

/// A paragraph of the user's text, or a dash for nothing.
fn paragraph(text: &str) -> String {
    let text = inert_text(text.trim());
    if text.is_empty() { "—".to_string() } else { text }
}

fn action_row(t: &Catalogue, a: &ActionItem) -> String {
    let due = a.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let done = if a.done { t.yes } else { t.no };
    format!("| {} | {} | {due} | {done} |", cell(&a.description), cell(&a.owner))
}

pub fn review_markdown(t: &Catalogue, numbers: &NumberFormat, policy: &Policy, s: &ReviewSources) -> String {
    let closure = &policy.closure;
    let ticket = s.ticket;
    let r = s.review;
    let mut out = Vec::new();
    out.push(format!("# {}", (t.doc_review_heading)(&numbers.format(ticket.id), &inert_single_line(&ticket.title))));
    out.push(String::new());
    let (status, at) = match (&r.completed_at, &r.completed_by) {
        (Some(at), by) => {
            let by = by.as_deref().map(|b| format!(" · {}", inert_single_line(b))).unwrap_or_default();
            (t.review.done, format!(" · {}{by}", t.datetime(*at)))
        }
        (None, _) => (t.review.draft, String::new()),
    };
    out.push(format!("*{}*", (t.doc_status)(status, &at)));
    out.push(String::new());

    out.push(format!("## {}", t.doc_incident));
    out.push(String::new());
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|a| t.datetime(a)).unwrap_or_else(|| "—".into());
    let mut facts: Vec<(String, String)> = [
        Field::Priority,
        Field::Service,
        Field::Category,
        Field::ReporterName,
        Field::Department,
        Field::Team,
        Field::Assignee,
        Field::ClosureCode,
    ]
    .iter()
    .map(|f| (t.field(*f).to_string(), t.field_value(*f, ticket.field_value(*f).as_deref())))
    .collect();
    // The closure code's label rather than its name.
    if let Some(code) = ticket.closure_code.as_deref().and_then(|c| closure.code(c))
        && let Some(fact) = facts.last_mut()
    {
        fact.1 = code.label(t.code).to_string();
    }
    facts.push((t.label_created.to_string(), when(Some(ticket.created_at))));
    facts.push((t.label_resolved.to_string(), when(ticket.resolved_at)));
    facts.push((t.label_closed.to_string(), when(ticket.closed_at)));
    for (label, value) in facts {
        out.push(format!("- **{label}:** {}", inert_single_line(&value)));
    }
    out.push(String::new());

    for (heading, text) in t.review_sections(r) {
        out.push(format!("## {heading}"));
        out.push(String::new());
        out.push(paragraph(text));
        out.push(String::new());
    }
    for (field, text) in [(Field::Measures, &ticket.measures), (Field::Solution, &ticket.solution)] {
        if let Some(text) = text.as_deref().filter(|x| !x.trim().is_empty()) {
            out.push(format!("## {}", t.field(field)));
            out.push(String::new());
            out.push(paragraph(text));
            out.push(String::new());
        }
    }

    out.push(format!("## {}", t.doc_actions));
    out.push(String::new());
    if r.actions.is_empty() {
        out.push(t.doc_no_actions.to_string());
    } else {
        out.push(format!("| {} | {} | {} | {} |", t.col.title, t.col.owner, t.col.due, t.col.done));
        out.push("|---|---|---|---|".to_string());
        out.extend(r.actions.iter().map(|a| action_row(t, a)));
    }
    out.push(String::new());

    out.push(format!("## {}", t.timeline));
    out.push(String::new());
    for e in s.events {
        let what = t.describe_event(numbers, policy, e);
        out.push(format!("- {} · {} · {what}", t.datetime(e.at), inert_single_line(&e.actor)));
    }
    let messages: Vec<&Entry> = s.entries.iter().filter(|e| e.kind == EntryKind::Message).collect();
    if !messages.is_empty() {
        out.push(String::new());
        out.push(format!("## {}", t.doc_messages));
        out.push(String::new());
        for m in messages {
            let how = match m.delivery {
                Some(Delivery::Sent) => t.delivery_sent,
                Some(Delivery::Recorded) => t.delivery_recorded,
                Some(Delivery::Failed) => t.delivery_failed,
                None => "",
            };
            let subject = inert_single_line(m.subject.as_deref().unwrap_or_default());
            out.push(format!("- {} · {} · {how}: {subject}", t.datetime(m.at), inert_single_line(&m.actor)));
        }
    }
    out.push(String::new());
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn the_review_document_has_its_sections_and_keeps_tables_intact() {
        let mut ticket = Ticket::example();
        ticket.title = "Mail down".into();
        ticket.measures = Some("Restarted the gateway".into());
        let review = Review {
            what_happened: "No mail for an hour.\n\x1b[31mred\x1b[0m".into(),
            cause: "Certificate expired".into(),
            recommendations: "Monitor expiry".into(),
            actions: vec![ActionItem {
                description: "Alert on expiry | 30 days".into(),
                owner: "bram".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
                done: false,
            }],
            ..Default::default()
        };
        let t = Language::En.catalogue();
        let doc = review_markdown(
            t,
            &NumberFormat::default(),
            &Policy::default(),
            &ReviewSources { ticket: &ticket, review: &review, events: &[], entries: &[] },
        );
        assert!(
            doc.starts_with(&format!(
                "# Post-incident review: {} Mail down",
                NumberFormat::default().format(ticket.id)
            ))
        );
        assert!(doc.contains("*Review draft*"));
        assert!(doc.contains("## What happened\n\nNo mail for an hour.\n␛[31mred"), "lines kept, escapes inert: {doc}");
        assert!(!doc.contains('\x1b'), "escape sequences are made inert");
        assert!(doc.contains("| Alert on expiry \\| 30 days | bram | 2026-12-01 | no |"));
        assert!(doc.contains("## Measures taken\n\nRestarted the gateway"));
        assert!(!doc.contains("## Solution"), "no empty solution section");
        assert!(doc.contains("## What went well\n\n—"));
    }
}
