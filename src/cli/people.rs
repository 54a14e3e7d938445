//! `meldpunt team …` and `meldpunt agent …`.

use super::output::{print_json, print_table, say};
use super::{AgentCommand, Localized, TeamCommand};
use crate::config::Config;
use crate::domain::escalation::Role;
use crate::store::{AgentRecord, Store, Workload};

fn load(w: &Workload) -> String {
    (1..=4).map(|p| format!("P{p} {}", w[p])).collect::<Vec<_>>().join(" · ")
}

pub fn team(command: TeamCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    match command {
        TeamCommand::Add { name, line } => {
            if !(1..=3).contains(&line) {
                anyhow::bail!((t.cli_bad_value)("line", &line.to_string(), "1, 2, 3"));
            }
            store.add_team(&name, line).localized(config)?;
            say(&(t.cli_team_added)(&name))?;
        }
        TeamCommand::Remove { name } => {
            store.remove_team(&name).localized(config)?;
            say(&(t.cli_team_removed)(&name))?;
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
            print_table(&[t.col_team, t.col_line, t.col_members, t.col_open_work], &rows)?;
        }
    }
    Ok(())
}

pub fn agent(command: AgentCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    match command {
        AgentCommand::Add { login, name, email, line, role, teams } => {
            let role: Role = super::ticket::parse(config, Some(&role), "role")?.expect("given");
            let record = AgentRecord { login: login.clone(), name, email, line, role: role.code().to_string(), teams };
            store.add_agent(&record).localized(config)?;
            say(&(t.cli_agent_added)(&login))?;
        }
        AgentCommand::Remove { login } => {
            store.remove_agent(&login).localized(config)?;
            say(&(t.cli_agent_removed)(&login))?;
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
                .map(|a| vec![a.login.clone(), a.name.clone(), a.role.clone(), a.teams.join(", "), load(&a.open)])
                .collect();
            print_table(&[t.col_login, t.col_name, t.col_role, t.col_teams, t.col_open_work], &rows)?;
        }
    }
    Ok(())
}

impl super::ticket::Allowed for Role {
    fn allowed() -> String {
        Role::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
    }
}
