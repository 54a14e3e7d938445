//! The "my work" pane's commands, and its data arriving.

use super::{MyWorkState, SECTION_ROWS, Section};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Screen};
use crate::keymap::Command;

/// Opens the pane and asks for its sections.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.screen = Screen::MyWork;
    vec![load()]
}

pub fn load() -> Effect {
    Effect::LoadMyWork { filters: super::filters(), sort: super::sort(), limit: SECTION_ROWS }
}

/// The sections came: mine, then my teams' unassigned.
pub fn loaded(state: &mut AppState, sections: Vec<Section>) -> Vec<Effect> {
    let mut sections = sections.into_iter();
    let w = &mut state.panes.my_work;
    *w = MyWorkState {
        mine: sections.next().unwrap_or_default(),
        team: sections.next().unwrap_or_default(),
        row: w.row,
        loaded: true,
    };
    w.row = w.row.min(w.rows().count().saturating_sub(1));
    Vec::new()
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let w = &mut state.panes.my_work;
    let last = w.rows().count().saturating_sub(1);
    match command {
        Command::Down => w.row = (w.row + 1).min(last),
        Command::Up => w.row = w.row.saturating_sub(1),
        Command::Top => w.row = 0,
        Command::Bottom => w.row = last,
        Command::Refresh => return vec![load()],
        Command::Back => state.screen = Screen::Queue,
        Command::Open => {
            let Some(id) = w.selected() else { return Vec::new() };
            state.screen = Screen::Detail;
            return crate::panes::detail::update::show_from(state, id, Screen::MyWork);
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{row, state};
    use crate::app::{Action, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
        update(s, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn section(ids: &[i64]) -> Section {
        Section { rows: ids.iter().map(|id| row(*id)).collect(), matching: ids.len() as u64, more: false, p1: 0 }
    }

    #[test]
    fn the_queue_key_opens_the_pane_and_asks_for_both_sections() {
        let mut s = state("en");
        let effects = key(&mut s, KeyCode::Char('y'));
        assert_eq!(s.screen, Screen::MyWork);
        assert_eq!(effects, vec![load()]);
        let Effect::LoadMyWork { filters, .. } = &effects[0] else { unreachable!() };
        assert!(filters[0].mine && !filters[0].unassigned, "mine first");
        assert!(filters[1].my_team && filters[1].unassigned, "then my teams' unassigned");
    }

    #[test]
    fn enter_opens_the_selected_incident_across_sections_and_esc_comes_back() {
        let mut s = state("en");
        key(&mut s, KeyCode::Char('y'));
        update(&mut s, Action::MyWorkLoaded(vec![section(&[7]), section(&[3, 5])]));
        key(&mut s, KeyCode::Char('j'));
        key(&mut s, KeyCode::Char('j'));
        key(&mut s, KeyCode::Char('j'));
        assert_eq!(s.panes.my_work.selected(), Some(5), "the cursor stops at the last row of the last section");
        let effects = key(&mut s, KeyCode::Enter);
        assert_eq!(s.screen, Screen::Detail);
        assert!(effects.contains(&Effect::LoadTicket(5)), "{effects:?}");
        let effects = key(&mut s, KeyCode::Esc);
        assert_eq!(s.screen, Screen::MyWork, "back to my work, not the queue");
        assert!(effects.contains(&load()), "coming back shows it as it is now: {effects:?}");
        key(&mut s, KeyCode::Esc);
        assert_eq!(s.screen, Screen::Queue);
    }

    #[test]
    fn walking_to_the_next_ticket_still_goes_back_to_my_work() {
        let mut s = state("en");
        key(&mut s, KeyCode::Char('y'));
        update(&mut s, Action::MyWorkLoaded(vec![section(&[7]), section(&[])]));
        key(&mut s, KeyCode::Enter);
        // The next ticket of the walk, as the queue's page brings it.
        s.queue.rows = vec![row(9)];
        s.queue.selected = 0;
        let effects = crate::panes::detail::update::open_selected(&mut s);
        assert!(effects.contains(&Effect::LoadTicket(9)), "{effects:?}");
        key(&mut s, KeyCode::Esc);
        assert_eq!(s.screen, Screen::MyWork, "back to my work, not the queue");
    }

    #[test]
    fn a_reload_keeps_the_cursor_on_a_row_and_nothing_opens_without_one() {
        let mut s = state("nl");
        key(&mut s, KeyCode::Char('y'));
        update(&mut s, Action::MyWorkLoaded(vec![section(&[1, 2, 3]), section(&[])]));
        key(&mut s, KeyCode::Char('G'));
        update(&mut s, Action::MyWorkLoaded(vec![section(&[1]), section(&[])]));
        assert_eq!(s.panes.my_work.row, 0);
        update(&mut s, Action::MyWorkLoaded(vec![section(&[]), section(&[])]));
        assert!(key(&mut s, KeyCode::Enter).is_empty());
        assert_eq!(s.screen, Screen::MyWork);
        let hints = super::super::hints(&s);
        assert!(!hints[0].enabled && hints[0].command == Command::Open, "open is dimmed without a row");
    }
}
