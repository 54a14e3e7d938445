//! `meldpunt ticket show`: one ticket with its fields, service level and
//! the timelines of its three SLA clocks, its history, notes and messages.

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Localized;
use super::output::{print_json, print_table, say};
use super::ticket::{TicketJson, parse_number, sla_json};
use crate::config::Config;
use crate::domain::entry::{Delivery, Entry, EntryKind};
use crate::domain::sla::{Target, TicketSla, history_of, shown_standing, timelines};
use crate::domain::text::{inert, inert_lines, inert_single_line};
use crate::domain::{Event, Field, Ticket};
use crate::i18n::Catalogue;
use crate::store::Store;

/// At most this many stretches of each clock in the text; JSON has all.
const STRETCHES_SHOWN: usize = 12;

/// `ticket show --json`: the ticket, its SLA, events, notes, messages and
/// the clocks' timelines.
#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    ticket: TicketJson<'a>,
    /// Its number in the system it was imported from.
    source_ref: Option<String>,
    /// The marks the queue shows, and who handles it how.
    escalated: bool,
    escalation: Option<&'static str>,
    supplier: Option<String>,
    lead_attention: bool,
    major: bool,
    coordinator: Option<String>,
    communication_lead: Option<String>,
    linked_to_major: Option<String>,
    restricted_to: Vec<String>,
    notes: Vec<&'a Entry>,
    messages: Vec<&'a Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sla_timeline: Option<serde_json::Value>,
}

pub fn show(config: &Config, store: &Store, number: &str, json: bool) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let id = parse_number(config, number)?;
    // What the incident pane shows, from the same one snapshot.
    let shown = crate::service::detail::detail(store, id).localized(config)?;
    let crate::service::detail::TicketDetail { ticket, events, entries, sla, handling, .. } =
        shown.ok_or_else(|| anyhow!((t.not_found)(&config.numbers.format(id))))?;
    let source_ref = handling.as_ref().and_then(|h| h.source_ref.clone());
    let number = config.numbers.format(id);
    let now = Utc::now();
    if json {
        return print_json(&ShowJson {
            ticket: TicketJson {
                number,
                ticket: &ticket,
                sla: sla.as_ref().map(|s| sla_json(config, s, now)),
                events: Some(&events),
            },
            source_ref,
            escalated: handling.as_ref().is_some_and(|h| h.escalation.is_some() || h.lead_attention),
            escalation: handling.as_ref().and_then(|h| h.escalation).map(|e| e.code()),
            supplier: handling.as_ref().and_then(|h| h.supplier.clone()),
            lead_attention: handling.as_ref().is_some_and(|h| h.lead_attention),
            major: handling.as_ref().is_some_and(|h| h.major),
            coordinator: handling.as_ref().and_then(|h| h.coordinator.clone()),
            communication_lead: handling.as_ref().and_then(|h| h.communication_lead.clone()),
            linked_to_major: handling.as_ref().and_then(|h| h.parent_id).map(|p| config.numbers.format(p)),
            restricted_to: handling.as_ref().map(|h| h.restricted_to.clone()).unwrap_or_default(),
            notes: entries.iter().filter(|e| e.kind == EntryKind::Note).collect(),
            messages: entries.iter().filter(|e| e.kind == EntryKind::Message).collect(),
            sla_timeline: sla.as_ref().map(|s| timeline_json(config, s, &ticket, &events, &entries, now)),
        });
    }
    let mut rows: Vec<Vec<String>> = vec![vec![t.label_number.into(), number]];
    if let Some(source) = &source_ref {
        rows.push(vec![t.work.label_source.into(), source.clone()]);
    }
    for field in Field::ALL {
        let value = ticket.field_value(*field);
        rows.push(vec![t.field(*field).into(), t.field_value(*field, value.as_deref())]);
    }
    let when = |at: Option<DateTime<Utc>>| at.map(|a| t.datetime(a)).unwrap_or_default();
    rows.push(vec![t.label_created.into(), when(Some(ticket.created_at))]);
    rows.push(vec![t.label_updated.into(), when(Some(ticket.updated_at))]);
    rows.push(vec![t.label_resolved.into(), when(ticket.resolved_at)]);
    rows.push(vec![t.label_closed.into(), when(ticket.closed_at)]);
    print_table(&["", ""], &rows)?;
    if let Some(sla) = &sla {
        say("")?;
        service_level(config, sla, &ticket, &events, &entries, now)?;
    }
    say("")?;
    say(t.timeline)?;
    let events: Vec<Vec<String>> = events
        .iter()
        .map(|e| vec![t.datetime(e.at), e.actor.clone(), t.describe_event(&config.numbers, &config.policy, e)])
        .collect();
    print_table(&["", "", ""], &events)?;
    for entry in &entries {
        say("")?;
        entry_text(t, entry)?;
    }
    Ok(())
}

/// Each target's deadline and standing, then every clock's timeline.
fn service_level(
    config: &Config,
    sla: &TicketSla,
    ticket: &Ticket,
    events: &[Event],
    entries: &[Entry],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let calendar = config.policy.calendars.get(&sla.calendar);
    say(t.sla.title)?;
    let rows: Vec<Vec<String>> = Target::ALL
        .iter()
        .map(|target| {
            let clock = sla.clocks.get(*target);
            let (standing, left) = shown_standing(clock, calendar, config.policy.sla.at_risk, now);
            let due = clock.due.map(|d| (t.sla.due)(&t.datetime(d))).unwrap_or_default();
            vec![format!("  {}", t.target(*target)), due, t.clock_standing(standing, left, clock.target_secs)]
        })
        .collect();
    print_table(&["", "", ""], &rows)?;
    say("")?;
    say(&(t.work.clocks_title)(&sla.calendar))?;
    let history = history_of(ticket, events, entries);
    for line in timelines(&history, calendar, &config.policy.sla.pauses, now) {
        say(&format!("  {}", t.target(line.target)))?;
        let skipped = line.stretches.len().saturating_sub(STRETCHES_SHOWN);
        if skipped > 0 {
            say(&format!("    {}", (t.work.stretches_earlier)(skipped)))?;
        }
        let rows: Vec<Vec<String>> = line
            .stretches
            .iter()
            .skip(skipped)
            .map(|s| {
                vec![
                    format!("    {}", t.stretch_span(s)),
                    t.stretch(&line, s),
                    t.duration((s.end - s.start).num_seconds()),
                ]
            })
            .collect();
        print_table(&["", "", ""], &rows)?;
    }
    Ok(())
}

/// The clocks' timelines as JSON: each stretch with its kind, times and length.
fn timeline_json(
    config: &Config,
    sla: &TicketSla,
    ticket: &Ticket,
    events: &[Event],
    entries: &[Entry],
    now: DateTime<Utc>,
) -> serde_json::Value {
    use crate::domain::sla::StretchKind;
    let calendar = config.policy.calendars.get(&sla.calendar);
    let history = history_of(ticket, events, entries);
    let clocks: Vec<serde_json::Value> = timelines(&history, calendar, &config.policy.sla.pauses, now)
        .iter()
        .map(|line| {
            let stretches: Vec<serde_json::Value> = line
                .stretches
                .iter()
                .map(|s| {
                    let (kind, status) = match &s.kind {
                        StretchKind::Running => ("running", None),
                        StretchKind::OutOfHours => ("out_of_hours", None),
                        StretchKind::Paused(status) => ("paused", Some(status.code())),
                        StretchKind::Stopped => ("stopped", None),
                        StretchKind::Responded => ("responded", None),
                    };
                    serde_json::json!({
                        "start": s.start.to_rfc3339(),
                        "end": s.end.to_rfc3339(),
                        "kind": kind,
                        "status": status,
                        "restarted": line.restarted(s),
                        "seconds": (s.end - s.start).num_seconds(),
                    })
                })
                .collect();
            serde_json::json!({ "target": line.target.code(), "stretches": stretches })
        })
        .collect();
    serde_json::json!({ "calendar": sla.calendar, "clocks": clocks })
}

/// A note or message: a heading, then its text indented.
fn entry_text(t: &Catalogue, entry: &Entry) -> anyhow::Result<()> {
    let heading = match entry.kind {
        EntryKind::Note => t.entry_note.to_string(),
        EntryKind::Message => {
            let how = match entry.delivery {
                Some(Delivery::Sent) => t.delivery_sent.to_string(),
                Some(Delivery::Recorded) => t.delivery_recorded.to_string(),
                Some(Delivery::Failed) => format!("{}: {}", t.delivery_failed, entry.error.clone().unwrap_or_default()),
                None => String::new(),
            };
            let to = entry.recipient.clone().unwrap_or_else(|| t.entry_reporter.to_string());
            (t.entry_message)(&to, &how, entry.subject.as_deref().unwrap_or_default())
        }
    };
    let heading = inert_single_line(&heading);
    say(&format!("{}  {}  {heading}", t.datetime(entry.at), inert(&entry.actor)))?;
    for line in inert_lines(&entry.body) {
        say(&format!("    {line}"))?;
    }
    Ok(())
}
