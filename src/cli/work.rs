//! `meldpunt ticket assign|escalate|status|note|notify|major|link`: the same
//! rules and errors as the TUI.

use anyhow::{anyhow, bail};
use chrono::Utc;

use super::Localized;
use super::TicketCommand;
use super::output::say;
use super::ticket::{parse, parse_number};
use crate::config::Config;
use crate::domain::escalation::Escalation;
use crate::domain::template::TemplateName;
use crate::domain::{Status, Ticket, TicketId};
use crate::service::Actor;
use crate::service::message::Outgoing;
use crate::service::message::send_message;
use crate::service::message::{next_update_after, template_values};
use crate::service::work::{self, EscalateRequest};
use crate::store::Store;

fn ticket(config: &Config, store: &Store, id: TicketId) -> anyhow::Result<Ticket> {
    let t = config.language.catalogue();
    store.ticket(id).localized(config)?.ok_or_else(|| anyhow!((t.not_found)(&config.numbers.format(id))))
}

/// The team to send a ticket to: as named, else the one the screen offers
/// first (`service::routing::default_team`).
fn route(
    config: &Config,
    store: &Store,
    ticket: &Ticket,
    named: Option<String>,
    line: Option<u8>,
) -> anyhow::Result<String> {
    if let Some(team) = named {
        return Ok(team);
    }
    let teams = store.teams().localized(config)?;
    let team = crate::service::routing::default_team(&config.policy.routing, &teams, ticket, line);
    team.ok_or_else(|| anyhow!(config.language.catalogue().cli.no_team))
}

pub fn run(command: TicketCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    let actor = Actor::new(who, now);
    let report = match command {
        TicketCommand::Assign { number, team, person } => {
            let id = parse_number(config, &number)?;
            let current = ticket(config, store, id)?;
            let team = route(config, store, &current, team, None)?;
            work::assign(store, actor, id, None, &team, person.as_deref()).localized(config)?;
            let to = person.map(|p| format!("{team} · {p}")).unwrap_or(team);
            (t.assigned_to)(&to)
        }
        TicketCommand::Escalate { number, to, reason, team, supplier, lead } => {
            let id = parse_number(config, &number)?;
            if to == "lead" {
                let asked = work::ask_lead(store, actor, id, &reason, lead.as_deref()).localized(config)?;
                asked.map_or_else(|| t.lead_asked.to_string(), |lead| (t.work.lead_asked_of)(&lead))
            } else {
                let level: Escalation = parse(config, Some(&to), "to")?.expect("given");
                let current = ticket(config, store, id)?;
                let team = match level.line() {
                    Some(line) => Some(route(config, store, &current, team, Some(line))?),
                    None => team,
                };
                let (team, supplier) = (team.as_deref(), supplier.as_deref());
                let request = EscalateRequest { id, expected: None, to: level, team, supplier, reason: &reason };
                work::escalate(store, actor, &request).localized(config)?;
                (t.escalated_to)(t.escalation(level))
            }
        }
        TicketCommand::Status { number, status, with_linked } => {
            let id = parse_number(config, &number)?;
            let status: Status = parse(config, Some(&status), "status")?.expect("given");
            if status == Status::Resolved {
                return resolve(config, store, id, with_linked);
            }
            if with_linked {
                bail!(t.work.err_with_linked_resolves);
            }
            work::set_status(store, actor, id, None, status, &[]).localized(config)?;
            (t.status_now)(t.status(status))
        }
        TicketCommand::Note { number, text } => {
            let id = parse_number(config, &number)?;
            if text.trim().is_empty() {
                bail!(t.empty_text);
            }
            work::add_note(store, actor, id, &text).localized(config)?;
            t.note_added.to_string()
        }
        TicketCommand::Notify { number, template, subject, body, record_only, to_linked } => {
            let id = parse_number(config, &number)?;
            let name: TemplateName = parse(config, Some(&template), "template")?.expect("given");
            let current = ticket(config, store, id)?;
            let operator = store.agent_name(who).localized(config)?.unwrap_or_else(|| who.to_string());
            let next = next_update_after(&config.policy, store.ticket_sla(id).localized(config)?.as_ref(), now);
            let values = template_values(t, &config.numbers, &current, next, &operator);
            let filled = config.templates.get(config.language.code(), name).fill(&values);
            let out = Outgoing {
                ticket_id: id,
                subject: subject.unwrap_or(filled.subject),
                body: body.unwrap_or(filled.body),
                record_only,
                to_linked,
                template: Some(name),
            };
            let delivered = send_message(store, config.mail.as_ref(), t, actor, &out).localized(config)?;
            if !delivered.failures.is_empty() {
                bail!(delivered.report(t, &config.numbers));
            }
            delivered.report(t, &config.numbers)
        }
        TicketCommand::Handled { number, note } => {
            let id = parse_number(config, &number)?;
            work::lead_handled(store, actor, id, &note).localized(config)?;
            t.work.lead_handled.to_string()
        }
        TicketCommand::Major { number, coordinator, communication } => {
            let id = parse_number(config, &number)?;
            work::make_major(store, actor, id, &coordinator, &communication).localized(config)?;
            t.made_major.to_string()
        }
        TicketCommand::Link { number, major } => {
            let (child, major) = (parse_number(config, &number)?, parse_number(config, &major)?);
            work::link_to_major(store, actor, child, major).localized(config)?;
            (t.linked_to)(&config.numbers.format(major))
        }
        _ => unreachable!("handled in ticket.rs"),
    };
    say(&report)
}

/// Resolves a ticket (with its linked incidents when asked) and names the
/// linked incidents that stay open.
fn resolve(config: &Config, store: &Store, id: TicketId, with_linked: bool) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let actor = Actor::new(&config.user, Utc::now());
    let done = crate::service::resolve::resolve(store, actor, id, None, with_linked).localized(config)?;
    say(&(t.status_now)(t.status(done.ticket.status)))?;
    if !done.resolved_linked.is_empty() {
        let numbers: Vec<String> = done.resolved_linked.iter().map(|c| config.numbers.format(c.id)).collect();
        say(&(t.work.resolved_linked)(&numbers.join(", ")))?;
    }
    if !done.still_open.is_empty() {
        say(t.work.linked_still_open)?;
        let rows: Vec<Vec<String>> = done
            .still_open
            .iter()
            .map(|c| vec![config.numbers.format(c.id), t.status(c.status).to_string(), c.title.clone()])
            .collect();
        super::output::print_table(&[t.col.number, t.col.status, t.col.title], &rows)?;
    }
    Ok(())
}

impl super::ticket::Allowed for Escalation {
    fn allowed() -> String {
        "line2, line3, supplier, lead".into()
    }
}

impl super::ticket::Allowed for TemplateName {
    fn allowed() -> String {
        TemplateName::ALL.iter().map(|n| n.code()).collect::<Vec<_>>().join(", ")
    }
}
