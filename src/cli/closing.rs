//! `meldpunt ticket close|check|duplicate|feedback` and `meldpunt review …`:
//! closing and its review, with the same rules as the TUI.

use anyhow::{anyhow, bail};
use chrono::Utc;

use super::output::{print_json, print_table, say};
use super::ticket::parse_number;
use super::{CloseArgs, Localized, ReviewArgs, ReviewCommand, TicketCommand};
use crate::config::Config;
use crate::domain::knowledge::{ActionItem, Review};
use crate::domain::text::inert_text;
use crate::domain::{Ticket, TicketId};
use crate::export::{ReviewSources, review_markdown};
use crate::service::Actor;
use crate::service::closing::CloseRequest;
use crate::service::work;
use crate::store::Store;

fn load(config: &Config, store: &Store, id: TicketId) -> anyhow::Result<Ticket> {
    let t = config.language.catalogue();
    store.ticket(id).localized(config)?.ok_or_else(|| anyhow!((t.not_found)(&config.numbers.format(id))))
}

pub fn ticket(command: TicketCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    let report = match command {
        TicketCommand::Close(args) => close(config, store, *args)?,
        TicketCommand::Check { number, items, undo } => {
            let id = parse_number(config, &number)?;
            if items.is_empty() {
                return print_checklist(config, store, id);
            }
            let mut done = Vec::new();
            for item in &items {
                let Some(known) = config.policy.closure.item(item) else {
                    let names: Vec<&str> = config.policy.closure.items.iter().map(|i| i.name.as_str()).collect();
                    bail!("{} ({})", (t.err.unknown_name)(item), names.join(", "));
                };
                work::tick(store, Actor::new(who, now), id, item, !undo).localized(config)?;
                let label = known.label(t.code);
                done.push(if undo { (t.cli.unticked)(label) } else { (t.cli.ticked)(label) });
            }
            done.join("\n")
        }
        TicketCommand::Duplicate { number, of } => {
            let (id, original) = (parse_number(config, &number)?, parse_number(config, &of)?);
            work::mark_duplicate(store, Actor::new(who, now), id, original).localized(config)?;
            (t.cli.duplicate)(&config.numbers.format(original))
        }
        _ => unreachable!("handled in ticket.rs"),
    };
    say(&report)
}

pub fn feedback(config: &Config, store: &Store, number: &str, score: u8, comment: &str) -> anyhow::Result<()> {
    let id = parse_number(config, number)?;
    crate::service::closing::feedback(store, Actor::new(&config.user, Utc::now()), id, score, comment)
        .localized(config)?;
    say(config.language.catalogue().cli.feedback)?;
    Ok(())
}

fn close(config: &Config, store: &Store, args: CloseArgs) -> anyhow::Result<String> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    let id = parse_number(config, &args.number)?;
    let request = CloseRequest {
        id,
        expected: None,
        code: args.code,
        cause: args.cause,
        measures: args.measures,
        solution: args.solution,
        feedback: None,
    };
    // One transaction: a refused code or field leaves the ticket as it was.
    crate::service::closing::close(store, Actor::new(who, now), &request).localized(config)?;
    Ok(t.closed_message.to_string())
}

fn print_checklist(config: &Config, store: &Store, id: TicketId) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    load(config, store, id)?;
    let ticks = store.checklist(id).localized(config)?;
    let rows: Vec<Vec<String>> = config
        .policy
        .closure
        .items
        .iter()
        .map(|item| {
            let tick = ticks.iter().find(|x| x.item == item.name);
            vec![
                if tick.is_some() { "[x]" } else { "[ ]" }.to_string(),
                item.name.clone(),
                item.label(t.code).to_string(),
                if item.required { t.yes } else { t.no }.to_string(),
                tick.map(|x| format!("{} · {}", x.actor, t.datetime(x.at))).unwrap_or_default(),
            ]
        })
        .collect();
    print_table(&["", t.col.name, t.col.item, t.col.required, t.col.ticked], &rows)?;
    Ok(())
}

pub fn review(command: ReviewCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    match command {
        ReviewCommand::Show { number, json } => {
            let id = parse_number(config, &number)?;
            load(config, store, id)?;
            let Some(review) = store.review(id).localized(config)? else {
                bail!((t.cli.no_review)(&config.numbers.format(id)));
            };
            if json {
                return print_json(&review);
            }
            let status = if review.completed_at.is_some() { t.review.done } else { t.review.draft };
            say(&format!("{}: {status}", t.review.label))?;
            for (label, text) in t.review_sections(&review) {
                say(&format!("\n{label}:\n{}", inert_text(text)))?;
            }
            if !review.actions.is_empty() {
                say(&format!("\n{}:", t.doc_actions))?;
                let rows: Vec<Vec<String>> = review
                    .actions
                    .iter()
                    .map(|a| {
                        vec![
                            if a.done { "[x]" } else { "[ ]" }.to_string(),
                            a.description.clone(),
                            a.owner.clone(),
                            a.due.map(|d| d.to_string()).unwrap_or_default(),
                        ]
                    })
                    .collect();
                print_table(&["", t.col.title, t.col.owner, t.col.due], &rows)?;
            }
            Ok(())
        }
        ReviewCommand::Set(args) => set_review(config, store, *args),
        ReviewCommand::Export { number, output, force } => {
            let id = parse_number(config, &number)?;
            let ticket = load(config, store, id)?;
            let Some(review) = store.review(id).localized(config)? else {
                bail!((t.cli.no_review)(&config.numbers.format(id)));
            };
            let events = store.events(id).localized(config)?;
            let entries = store.entries(id).localized(config)?;
            let sources = ReviewSources { ticket: &ticket, review: &review, events: &events, entries: &entries };
            let doc = review_markdown(t, &config.numbers, &config.policy, &sources);
            match output {
                Some(path) => {
                    let own = store.own_files();
                    let protected: Vec<&std::path::Path> = own.iter().map(|p| p.as_path()).collect();
                    let rules = crate::output_file::Rules { force, protected: &protected };
                    crate::output_file::write(&path, rules, doc.as_bytes()).map_err(|e| anyhow!(t.write_error(&e)))?;
                    say(&(t.cli.written)(&path.display().to_string()))?;
                }
                None => say(doc.trim_end_matches('\n'))?,
            }
            Ok(())
        }
    }
}

fn set_review(config: &Config, store: &Store, args: ReviewArgs) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let id = parse_number(config, &args.number)?;
    load(config, store, id)?;
    let mut review: Review = store.review(id).localized(config)?.unwrap_or_default();
    for (given, slot) in [
        (args.what_happened, &mut review.what_happened),
        (args.cause, &mut review.cause),
        (args.went_well, &mut review.went_well),
        (args.went_badly, &mut review.went_badly),
        (args.recommendations, &mut review.recommendations),
    ] {
        if let Some(text) = given {
            *slot = text;
        }
    }
    if !args.actions.is_empty() {
        review.actions = ActionItem::parse_lines(&args.actions.join("\n"));
    }
    // Once complete, a review stays complete when it is edited here.
    let complete = args.complete || review.completed_at.is_some();
    let actor = Actor::new(&config.user, Utc::now());
    crate::service::knowledge::save_review(store, actor, id, &review, complete).localized(config)?;
    say(if args.complete { t.ev.review_completed } else { t.review.saved })?;
    Ok(())
}
