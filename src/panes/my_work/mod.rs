//! "My work": the open tickets assigned to me, and the open tickets of my
//! teams that nobody has taken yet, each section with its counts, the
//! priority and the most pressing SLA clock of every row. Opened from the
//! queue; Enter opens an incident, Esc goes back.
//!
//! Its data comes as every pane's does: `update` asks for it with
//! [`Effect::LoadMyWork`](crate::app::effect::Effect::LoadMyWork), the
//! executor pages the queue with each section's filter, and
//! `Action::MyWorkLoaded` brings the sections back.

mod render;
pub mod update;

use super::{Hint, Pane};
use crate::app::state::AppState;
use crate::domain::TicketId;
use crate::domain::queue::{QueueFilter, QueueRow, Sort, SortColumn};
use crate::keymap::{Command, Layer};

pub const PANE: Pane = Pane {
    layer: Layer::MyWork,
    update: update::command,
    render: render::render,
    hints: Some(hints),
    typing: super::never,
    input: None,
    paste: None,
    back: Some(|_| vec![update::load()]),
    field_key: None,
};

/// The rows shown per section; the counts say how many there are in all.
pub const SECTION_ROWS: usize = 50;

/// One section as loaded: its first rows, most pressing first, and counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    pub rows: Vec<QueueRow>,
    /// How many match, up to the queue's counting cap.
    pub matching: u64,
    /// More match than `matching`.
    pub more: bool,
    /// How many of them are P1.
    pub p1: u64,
}

/// The pane's state: the two sections and the selected row, counted over
/// both (mine first).
#[derive(Default)]
pub struct MyWorkState {
    pub mine: Section,
    pub team: Section,
    pub row: usize,
    pub loaded: bool,
}

impl MyWorkState {
    /// The rows of both sections in screen order.
    pub fn rows(&self) -> impl Iterator<Item = &QueueRow> {
        self.mine.rows.iter().chain(&self.team.rows)
    }

    pub fn selected(&self) -> Option<TicketId> {
        self.rows().nth(self.row).map(|r| r.id)
    }
}

/// The sections' filters, in order: open and mine; open, of my teams and
/// assigned to nobody.
pub fn filters() -> Vec<QueueFilter> {
    vec![
        QueueFilter { mine: true, ..Default::default() },
        QueueFilter { my_team: true, unassigned: true, ..Default::default() },
    ]
}

/// The most pressing SLA deadline first.
pub fn sort() -> Sort {
    Sort { column: SortColumn::Due, ascending: true }
}

/// Opening needs a row to open.
fn hints(state: &AppState) -> Vec<Hint> {
    let mut hints = vec![Hint::when(Command::Open, state.panes.my_work.selected().is_some())];
    hints.extend(super::all_on(&[Command::Refresh, Command::Back, Command::Help, Command::Quit]));
    hints
}
