//! The reports pane: choosing a report, its period and filters, running it
//! off the UI thread and drilling down into the queue.

mod render;
pub mod state;
mod table;
pub mod update;

use super::{Hint, Pane};
use crate::app::state::AppState;
use crate::keymap::{Command, Layer};

pub use state::{Focus, ReportsState};

pub const PANE: Pane = Pane {
    layer: Layer::Reports,
    update: update::command,
    render: render::render,
    hints: Some(hints),
    typing: super::never,
    input: None,
    paste: None,
    back: None,
    field_key: None,
};

/// Opening a row's tickets needs a report on screen.
fn hints(state: &AppState) -> Vec<Hint> {
    let mut hints = vec![Hint::when(Command::Open, state.panes.reports.report.is_some())];
    hints.extend(super::all_on(&[
        Command::NextPane,
        Command::NextPeriod,
        Command::CustomDates,
        Command::ReportFilter,
        Command::ClearFilters,
        Command::Back,
        Command::Help,
        Command::Quit,
    ]));
    hints
}
