//! `meldpunt team …` and `meldpunt agent …`.

use super::output::{note, print_json, print_table, say};
use super::{AgentCommand, Localized, TeamCommand};
use crate::config::Config;
use crate::domain::escalation::Role;
use crate::domain::people::{AgentRecord, Workload};
use crate::domain::text::inert_single_line;
use crate::service::people;
use crate::store::Store;

fn load(w: &Workload) -> String {
    (1..=4).map(|p| format!("P{p} {}", w[p])).collect::<Vec<_>>().join(" · ")
}

pub fn team(command: TeamCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    match command {
        TeamCommand::Add { name, line } => {
            if !(1..=3).contains(&line) {
                anyhow::bail!((t.cli.bad_value)("line", &line.to_string(), "1, 2, 3"));
            }
            people::add_team(store, &name, line).localized(config)?;
            say(&(t.cli.team_added)(&inert_single_line(&name)))?;
        }
        TeamCommand::Remove { name } => {
            people::remove_team(store, &name).localized(config)?;
            say(&(t.cli.team_removed)(&inert_single_line(&name)))?;
        }
        TeamCommand::List { json } => {
            let teams = store.teams().localized(config)?;
            if json {
                let out: Vec<_> = teams
                    .iter()
                    .map(|x| serde_json::json!({"name": x.name, "line": x.line, "active": x.active, "members": x.members, "open": x.open}))
                    .collect();
                return print_json(&out);
            }
            let rows: Vec<Vec<String>> = teams
                .iter()
                .filter(|x| x.active)
                .map(|x| vec![x.name.clone(), x.line.to_string(), x.members.join(", "), load(&x.open)])
                .collect();
            print_table(&[t.col.team, t.col.line, t.col.members, t.col.open_work], &rows)?;
        }
    }
    Ok(())
}

pub fn agent(command: AgentCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    match command {
        AgentCommand::Add { login, name, email, line, role, teams } => {
            let role = role_named(t, &role)?;
            let record = AgentRecord { login: login.clone(), name, email, line, role: role.code().to_string(), teams };
            let for_dba = people::add_agent(store, &record).localized(config)?;
            say(&(t.cli.agent_added)(&inert_single_line(&login)))?;
            for grant in for_dba {
                note(&(t.cli.grant_for_dba)(&inert_single_line(&grant)));
            }
        }
        AgentCommand::Remove { login } => {
            people::remove_agent(store, &login).localized(config)?;
            say(&(t.cli.agent_removed)(&inert_single_line(&login)))?;
        }
        AgentCommand::List { json } => {
            let agents = store.agents().localized(config)?;
            if json {
                let out: Vec<_> = agents
                    .iter()
                    .map(|a| {
                        serde_json::json!({"login": a.login, "name": a.name, "email": a.email, "line": a.line,
                            "role": a.role, "active": a.active, "teams": a.teams, "open": a.open})
                    })
                    .collect();
                return print_json(&out);
            }
            let rows: Vec<Vec<String>> = agents
                .iter()
                .filter(|a| a.active)
                .map(|a| {
                    let role = Role::from_code(&a.role).map_or_else(|| a.role.clone(), |r| t.role(r).to_string());
                    vec![a.login.clone(), a.name.clone(), role, a.teams.join(", "), load(&a.open)]
                })
                .collect();
            print_table(&[t.col.login, t.col.name, t.col.role, t.col.teams, t.col.open_work], &rows)?;
        }
    }
    Ok(())
}

/// A role by its code (`technician`) or its name in the user's language
/// (`technicus`); refused naming both.
fn role_named(t: &crate::i18n::Catalogue, text: &str) -> anyhow::Result<Role> {
    let wanted = text.trim().to_lowercase();
    let by_name = || Role::ALL.iter().copied().find(|r| t.role(*r).to_lowercase() == wanted);
    Role::from_code(&wanted).or_else(by_name).ok_or_else(|| {
        let allowed: Vec<String> =
            Role::ALL
                .iter()
                .map(|r| {
                    if t.role(*r) == r.code() { r.code().to_string() } else { format!("{} ({})", r.code(), t.role(*r)) }
                })
                .collect();
        anyhow::anyhow!((t.cli.bad_value)("role", text, &allowed.join(", ")))
    })
}
