//! The admin pane: teams and people, with how much open work each has.

mod render;
pub mod update;

use super::{Hint, Pane};
use crate::app::state::AppState;
use crate::domain::access::Permission;
use crate::keymap::{Command, Layer};

pub const PANE: Pane = Pane {
    layer: Layer::Admin,
    update: update::command,
    render: render::render,
    hints: Some(hints),
    typing: super::never,
    input: None,
    paste: None,
    back: None,
    field_key: None,
};

/// The admin pane's state.
#[derive(Default)]
pub struct AdminState {
    pub teams: Vec<crate::domain::people::TeamInfo>,
    pub agents: Vec<crate::domain::people::AgentInfo>,
    /// Which list has the cursor: false teams, true people.
    pub on_people: bool,
    pub team_row: usize,
    pub agent_row: usize,
}

/// Adding and removing is for who may manage people, removing only on a row.
fn hints(state: &AppState) -> Vec<Hint> {
    let a = &state.panes.admin;
    let manage = state.may(Permission::ManagePeople);
    let row = if a.on_people { !a.agents.is_empty() } else { !a.teams.is_empty() };
    vec![
        Hint::when(Command::AddItem, manage),
        Hint::when(Command::RemoveItem, manage && row),
        Hint::on(Command::NextPane),
        Hint::on(Command::Back),
        Hint::on(Command::Help),
        Hint::on(Command::Quit),
    ]
}
