//! The admin pane: teams and people, with their open work.

use crate::app::effect::Effect;
use crate::app::state::{AppState, Screen};
use crate::domain::people::{AgentInfo, TeamInfo};
use crate::keymap::Command;
use crate::panes::dialog::state::DialogKind;
use crate::panes::dialog::update as dialog;

pub fn loaded(state: &mut AppState, teams: Vec<TeamInfo>, agents: Vec<AgentInfo>) -> Vec<Effect> {
    let a = &mut state.panes.admin;
    // Only active ones are listed: removed teams and people keep their history.
    a.teams = teams.into_iter().filter(|t| t.active).collect();
    a.agents = agents.into_iter().filter(|x| x.active).collect();
    a.team_row = a.team_row.min(a.teams.len().saturating_sub(1));
    a.agent_row = a.agent_row.min(a.agents.len().saturating_sub(1));
    Vec::new()
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let a = &mut state.panes.admin;
    let (row, len) = if a.on_people { (&mut a.agent_row, a.agents.len()) } else { (&mut a.team_row, a.teams.len()) };
    match command {
        Command::Back => state.screen = Screen::Queue,
        Command::NextPane => a.on_people = !a.on_people,
        Command::Down => *row = (*row + 1).min(len.saturating_sub(1)),
        Command::Up => *row = row.saturating_sub(1),
        Command::AddItem => {
            let kind = if a.on_people { DialogKind::AddAgent } else { DialogKind::AddTeam };
            let teams = a.teams.clone();
            return dialog::open_admin(state, kind, teams);
        }
        Command::RemoveItem if a.on_people => {
            if let Some(agent) = a.agents.get(a.agent_row) {
                return vec![Effect::RemoveAgent(agent.login.clone())];
            }
        }
        Command::RemoveItem => {
            if let Some(team) = a.teams.get(a.team_row) {
                return vec![Effect::RemoveTeam(team.name.clone())];
            }
        }
        _ => {}
    }
    Vec::new()
}
