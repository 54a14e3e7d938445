//! The detail pane of one incident.

use super::{queue, register};
use crate::app::effect::Effect;
use crate::app::state::{AppState, DetailState, Screen};
use crate::keymap::Command;

/// While the detail pane is open, moving through the queue (J/K) shows the
/// newly selected ticket.
pub fn follows_queue(state: &AppState) -> bool {
    let selected = state.queue.selected_row().map(|r| r.id);
    state.detail.as_ref().is_some_and(|d| Some(d.id) != selected && selected.is_some())
}

pub fn open_selected(state: &mut AppState) -> Vec<Effect> {
    let Some(row) = state.queue.selected_row() else {
        return Vec::new();
    };
    let id = row.id;
    state.detail = Some(DetailState::loading(id));
    vec![Effect::LoadTicket(id)]
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let page = state.height.saturating_sub(6).max(1);
    let Some(detail) = state.detail.as_mut() else {
        state.screen = Screen::Queue;
        return Vec::new();
    };
    match command {
        Command::Back | Command::NextPane => {
            state.screen = Screen::Queue;
            Vec::new()
        }
        Command::Down => scroll(detail, 1),
        Command::Up => scroll(detail, -1),
        Command::PageDown => scroll(detail, page as i32),
        Command::PageUp => scroll(detail, -(page as i32)),
        Command::Top => {
            detail.scroll = 0;
            Vec::new()
        }
        Command::Bottom => {
            detail.scroll = content_lines(detail);
            Vec::new()
        }
        Command::NextTicket | Command::PrevTicket => {
            let step = if command == Command::NextTicket { Command::Down } else { Command::Up };
            let effects = queue::move_selection(state, step);
            if effects.is_empty() {
                return if follows_queue(state) { open_selected(state) } else { Vec::new() };
            }
            state.queue.follow_in_detail = true;
            effects
        }
        Command::Refresh => vec![Effect::LoadTicket(detail.id)],
        Command::Classify => vec![Effect::OpenWizard(detail.id)],
        Command::Assign
        | Command::Escalate
        | Command::AskLead
        | Command::StartWork
        | Command::WaitCustomer
        | Command::WaitSupplier
        | Command::Resolve
        | Command::Close
        | Command::Reopen
        | Command::AddNote
        | Command::Message
        | Command::MakeMajor
        | Command::LinkToMajor
        | Command::Review
        | Command::LinkProblem
        | Command::ApplyKnowledge
        | Command::Duplicate => match detail.ticket.as_ref() {
            Some(ticket) => {
                let (id, version) = (ticket.id, ticket.version);
                super::work::command(state, command, id, version)
            }
            None => Vec::new(),
        },
        Command::NewTicket => register::open(state),
        _ => Vec::new(),
    }
}

/// An upper bound of the pane's lines; the renderer clamps the offset to
/// what really fits.
fn content_lines(detail: &DetailState) -> u16 {
    let description = detail.ticket.as_ref().map_or(0, |t| t.description.lines().count());
    (30 + description + detail.events.len()).min(u16::MAX as usize) as u16
}

fn scroll(detail: &mut DetailState, delta: i32) -> Vec<Effect> {
    let max = content_lines(detail) as i32;
    detail.scroll = (detail.scroll as i32 + delta).clamp(0, max) as u16;
    Vec::new()
}
