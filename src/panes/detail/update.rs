//! The detail pane of one incident.

use crate::app::effect::Effect;
use crate::app::state::{AppState, DetailState, Screen};
use crate::keymap::Command;
use crate::panes::queue::update as queue;
use crate::panes::register::update as register;

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
    // The next or previous ticket goes back where the first was opened from.
    let back_to = state.detail.as_ref().map_or(Screen::Queue, |d| d.back_to);
    show_from(state, id, back_to)
}

/// The detail pane on another ticket, opened from the queue.
pub fn show(state: &mut AppState, id: crate::domain::TicketId) -> Vec<Effect> {
    show_from(state, id, Screen::Queue)
}

/// The detail pane on another ticket, Esc going back to `back_to`: the
/// one shown before is left.
pub fn show_from(state: &mut AppState, id: crate::domain::TicketId, back_to: Screen) -> Vec<Effect> {
    let left = state.detail.as_ref().filter(|d| d.id != id && d.present_since.is_some()).map(|d| d.id);
    state.detail = Some(DetailState { back_to, ..DetailState::loading(id) });
    let mut effects: Vec<Effect> = left.map(Effect::Leave).into_iter().collect();
    effects.push(Effect::LoadTicket(id));
    effects
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let page = state.height.saturating_sub(6).max(1);
    let Some(detail) = state.detail.as_mut() else {
        state.screen = Screen::Queue;
        return Vec::new();
    };
    match command {
        Command::Back | Command::NextPane => {
            // Tab switches to the queue; Esc goes back where the incident was opened.
            let back = if command == Command::Back { detail.back_to } else { Screen::Queue };
            state.screen = back;
            let left = state.detail.as_mut().and_then(|d| d.present_since.take().map(|_| d.id));
            let mut effects: Vec<Effect> = left.map(Effect::Leave).into_iter().collect();
            effects.extend(crate::panes::came_back(state, back));
            effects
        }
        Command::Down => scroll(detail, 1),
        Command::Up => scroll(detail, -1),
        Command::PageDown => scroll(detail, page as i32),
        Command::PageUp => scroll(detail, -(page as i32)),
        Command::HalfPageDown => scroll(detail, (page / 2).max(1) as i32),
        Command::HalfPageUp => scroll(detail, -((page / 2).max(1) as i32)),
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
        c if c.works_on_ticket() => match detail.ticket.as_ref() {
            Some(ticket) => {
                let (id, version) = (ticket.id, ticket.version);
                crate::app::update::work::command(state, c, id, version)
            }
            None => Vec::new(),
        },
        Command::NewTicket => register::open(state),
        Command::Edit => register::edit(state),
        _ => Vec::new(),
    }
}

/// How far the pane can scroll: what the screen last measured (its lines
/// wrapped to the width), else an upper bound the renderer clamps.
fn content_lines(detail: &DetailState) -> u16 {
    if let Some(limit) = detail.scroll_limit.get() {
        return limit;
    }
    let description = detail.ticket.as_ref().map_or(0, |t| t.description.lines().count());
    let entries: usize = detail.entries.iter().map(|e| 1 + e.body.lines().count()).sum();
    (30 + description + detail.events.len() + entries).min(u16::MAX as usize) as u16
}

fn scroll(detail: &mut DetailState, delta: i32) -> Vec<Effect> {
    let max = content_lines(detail) as i32;
    detail.scroll = (detail.scroll as i32 + delta).clamp(0, max) as u16;
    Vec::new()
}

/// How often an open incident says again that it is open.
const PRESENCE_RENEW_SECS: i64 = 10;

/// Says the incident on screen is open: when it opens, then now and then.
pub fn renew_presence(state: &mut AppState, now: chrono::DateTime<chrono::Utc>) -> Vec<Effect> {
    // On screen, or being worked on in a pane opened from it.
    let on_screen = matches!(state.screen, Screen::Detail | Screen::Wizard | Screen::Compose | Screen::Record);
    match state.detail.as_mut() {
        Some(d) if on_screen && d.ticket.is_some() => {
            let due = d.present_since.is_none_or(|at| (now - at).num_seconds() >= PRESENCE_RENEW_SECS);
            if !due {
                return Vec::new();
            }
            d.present_since = Some(now);
            vec![Effect::BePresent { id: d.id, now }]
        }
        _ => Vec::new(),
    }
}
