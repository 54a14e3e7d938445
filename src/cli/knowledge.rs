//! `meldpunt problem …` and `meldpunt kb …`: problems behind recurring
//! incidents, and the knowledge base.

use crate::service::{Actor, knowledge};
use anyhow::{anyhow, bail};
use chrono::Utc;
use std::io::Read;

use super::output::{print_json, print_table, say};
use super::ticket::parse_number;
use super::{ArticleArgs, KbCommand, Localized, ProblemArgs, ProblemCommand};
use crate::config::Config;
use crate::domain::NumberFormat;
use crate::domain::knowledge::ProblemEdit;
use crate::domain::knowledge::{NewArticle, ProblemStatus, article_numbers, problem_numbers};
use crate::domain::text::{inert_single_line, inert_text};
use crate::store::Store;

/// A problem or article number, `PRB-000001` or `1`.
fn parse_id(config: &Config, format: &NumberFormat, text: &str) -> anyhow::Result<i64> {
    let t = config.language.catalogue();
    format.parse(text).ok_or_else(|| anyhow!((t.cli.not_an_id)(text, &format.format(123))))
}

pub fn problem(command: ProblemCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    let numbers = problem_numbers();
    match command {
        ProblemCommand::List { json } => {
            let problems = store.problems().localized(config)?;
            if json {
                let rows: Vec<serde_json::Value> = problems
                    .iter()
                    .map(|(p, n)| serde_json::json!({ "number": numbers.format(p.id), "problem": p, "incidents": n }))
                    .collect();
                return print_json(&rows);
            }
            let rows: Vec<Vec<String>> = problems
                .iter()
                .map(|(p, n)| {
                    vec![numbers.format(p.id), p.title.clone(), t.problem_status(p.status).to_string(), n.to_string()]
                })
                .collect();
            print_table(&[t.col.number, t.col.title, t.col.status, t.col.incidents], &rows)?;
        }
        ProblemCommand::New { title, incidents } => {
            let ids = incidents.iter().map(|n| parse_number(config, n)).collect::<anyhow::Result<Vec<_>>>()?;
            let problem = knowledge::new_problem(store, Actor::new(who, now), &title, &ids).localized(config)?;
            say(&(t.problem_saved)(&numbers.format(problem.id)))?;
        }
        ProblemCommand::Show { problem, json } => {
            let id = parse_id(config, &numbers, &problem)?;
            let Some(problem) = store.problem(id).localized(config)? else {
                bail!((t.cli.no_such)(&numbers.format(id)));
            };
            let incidents = store.problem_incidents(id).localized(config)?;
            if json {
                let linked: Vec<String> = incidents.iter().map(|i| config.numbers.format(i.id)).collect();
                return print_json(&serde_json::json!({
                    "number": numbers.format(id), "problem": problem, "incidents": linked
                }));
            }
            say(&format!(
                "{}  {}  ({})",
                numbers.format(id),
                inert_single_line(&problem.title),
                t.problem_status(problem.status)
            ))?;
            for (label, text) in [
                (t.problem_root_cause, &problem.root_cause),
                (t.problem_workaround, &problem.workaround),
                (t.problem_fix, &problem.permanent_fix),
            ] {
                say(&format!("\n{label}:\n{}", if text.trim().is_empty() { "—".into() } else { inert_text(text) }))?;
            }
            say(&format!("\n{}:", t.col.incidents))?;
            let rows: Vec<Vec<String>> = incidents
                .iter()
                .map(|i| vec![config.numbers.format(i.id), t.status(i.status).to_string(), i.title.clone()])
                .collect();
            print_table(&[t.col.number, t.col.status, t.col.title], &rows)?;
        }
        ProblemCommand::Update(args) => update_problem(config, store, *args)?,
        ProblemCommand::Link { problem, incidents } => {
            let id = parse_id(config, &numbers, &problem)?;
            let ids = incidents.iter().map(|n| parse_number(config, n)).collect::<anyhow::Result<Vec<_>>>()?;
            knowledge::link_problems(store, Actor::new(who, now), &ids, Some(id)).localized(config)?;
            for incident in ids {
                say(&(t.cli.problem_linked)(&config.numbers.format(incident), &numbers.format(id)))?;
            }
        }
        ProblemCommand::Unlink { incidents } => {
            let ids = incidents.iter().map(|n| parse_number(config, n)).collect::<anyhow::Result<Vec<_>>>()?;
            knowledge::link_problems(store, Actor::new(who, now), &ids, None).localized(config)?;
            for incident in ids {
                say(&(t.cli.problem_unlinked)(&config.numbers.format(incident)))?;
            }
        }
        ProblemCommand::Recurring { days, min, json } => {
            let clusters = store.clusters(now - chrono::Duration::days(days.max(1)), now, min).localized(config)?;
            if json {
                return print_json(&clusters);
            }
            let rows: Vec<Vec<String>> =
                clusters.iter().map(|c| vec![c.service.clone(), c.category.clone(), c.count.to_string()]).collect();
            let (service, category) = (t.field(crate::domain::Field::Service), t.field(crate::domain::Field::Category));
            print_table(&[service, category, t.col.incidents], &rows)?;
        }
    }
    Ok(())
}

fn update_problem(config: &Config, store: &Store, args: ProblemArgs) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let numbers = problem_numbers();
    let id = parse_id(config, &numbers, &args.problem)?;
    let status = match args.status.as_deref() {
        None => None,
        Some(code) => Some(ProblemStatus::from_code(code).ok_or_else(|| {
            let allowed: Vec<&str> = ProblemStatus::ALL.iter().map(|s| s.code()).collect();
            anyhow!((t.cli.bad_value)(code, "status", &allowed.join(", ")))
        })?),
    };
    let edit = ProblemEdit {
        title: args.title,
        root_cause: args.root_cause,
        workaround: args.workaround,
        permanent_fix: args.fix,
        status,
    };
    if edit == ProblemEdit::default() {
        bail!(t.cli.nothing_to_change);
    }
    if store.problem(id).localized(config)?.is_none() {
        bail!((t.cli.no_such)(&numbers.format(id)));
    }
    let saved =
        knowledge::save_problem(store, Actor::new(&config.user, Utc::now()), Some(id), &[], &edit).localized(config)?;
    say(&(t.problem_saved)(&numbers.format(saved.id)))?;
    Ok(())
}

pub fn kb(command: KbCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let numbers = article_numbers();
    match command {
        KbCommand::Search { words, limit, json } => {
            let articles = store.search_articles(&words.join(" "), limit).localized(config)?;
            if json {
                return print_json(&articles);
            }
            let rows: Vec<Vec<String>> = articles
                .iter()
                .map(|a| {
                    vec![
                        numbers.format(a.id),
                        a.title.clone(),
                        a.service.clone().unwrap_or_default(),
                        a.tags.join(", "),
                    ]
                })
                .collect();
            print_table(&[t.col.number, t.col.title, t.field(crate::domain::Field::Service), t.kb_tags], &rows)?;
        }
        KbCommand::Add(args) => add_article(config, store, *args)?,
        KbCommand::Show { article, json } => {
            let id = parse_id(config, &numbers, &article)?;
            let Some(a) = store.article(id).localized(config)? else {
                bail!((t.cli.no_such)(&numbers.format(id)));
            };
            if json {
                return print_json(&a);
            }
            say(&format!("{}  {}", numbers.format(id), inert_single_line(&a.title)))?;
            if !a.tags.is_empty() {
                say(&format!("{}: {}", t.kb_tags, inert_single_line(&a.tags.join(", "))))?;
            }
            say(&format!("\n{}", inert_text(&a.body)))?;
        }
        KbCommand::Apply { article, number } => {
            let id = parse_id(config, &numbers, &article)?;
            let incident = parse_number(config, &number)?;
            knowledge::apply_article(store, Actor::new(&config.user, Utc::now()), incident, id).localized(config)?;
            say(&(t.cli.applied)(&numbers.format(id), &config.numbers.format(incident)))?;
        }
    }
    Ok(())
}

fn add_article(config: &Config, store: &Store, args: ArticleArgs) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let body = if args.body == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| anyhow!((t.err.io)("stdin", &e.to_string())))?;
        text
    } else {
        args.body
    };
    if args.title.trim().is_empty() {
        bail!((t.err.required)(t.field(crate::domain::Field::Title)));
    }
    let article =
        NewArticle { title: args.title, body, tags: args.tags, service: args.service, category: args.category };
    let saved =
        knowledge::save_article(store, Actor::new(&config.user, Utc::now()), None, &article).localized(config)?;
    say(&(t.article_saved)(&article_numbers().format(saved.id)))?;
    Ok(())
}
