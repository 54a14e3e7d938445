//! The problem list (or the recurring incidents without a problem) and the
//! knowledge base: one pane on two screens.

mod render;
pub mod update;

use super::{Hint, Pane};
use crate::app::state::{AppState, Screen};
use crate::domain::access::Permission;
use crate::keymap::{Command, Layer};

pub const PANE: Pane = Pane {
    layer: Layer::Library,
    update: update::command,
    render: render::render,
    hints: Some(hints),
    typing: |s| s.screen == Screen::Knowledge && s.panes.library.search_active,
    input: None,
    paste: None,
    back: None,
    field_key: Some(update::search_key),
};

/// The problem and knowledge lists.
#[derive(Default)]
pub struct LibraryState {
    pub problems: Vec<(crate::domain::knowledge::Problem, u64)>,
    /// Recurring incidents without a problem, instead of the problems.
    pub recurring: bool,
    pub clusters: Vec<crate::domain::knowledge::Cluster>,
    pub articles: Vec<crate::domain::knowledge::Article>,
    pub row: usize,
    pub search_active: bool,
    pub search: String,
}

/// Open needs a row; adding is for who may record problems and knowledge.
fn hints(state: &AppState) -> Vec<Hint> {
    let open = Hint::when(Command::Open, update::len(state) > 0);
    let add = Hint::when(Command::AddItem, state.may(Permission::Learn));
    let mut hints = match state.screen {
        Screen::Problems if state.panes.library.recurring => vec![open, Hint::on(Command::Recurring)],
        Screen::Problems => vec![open, add, Hint::on(Command::Recurring)],
        _ => vec![open, add, Hint::on(Command::Search)],
    };
    hints.extend(super::all_on(&[Command::Back, Command::Help, Command::Quit]));
    hints
}
