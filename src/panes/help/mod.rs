//! The keys' help, an overlay over any pane: every command of the active
//! layer and the global ones, with their keys from the live keymap and
//! their descriptions from the command table.

mod render;

pub use render::render;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::effect::Effect;
use crate::app::state::AppState;

/// The keys that scroll the help, as its border names them: they are its
/// own, not the keymap's, so that any other key closes it.
pub const SCROLL_KEYS: &str = "↑↓";

/// Arrows (and j, k) and page keys scroll a long help; any other key closes it.
pub fn key(state: &mut AppState, key: &KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => state.help_scroll = state.help_scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => state.help_scroll = state.help_scroll.saturating_sub(1),
        KeyCode::PageDown => state.help_scroll = state.help_scroll.saturating_add(10),
        KeyCode::PageUp => state.help_scroll = state.help_scroll.saturating_sub(10),
        _ => {
            state.overlay = None;
            state.help_scroll = 0;
        }
    }
    Vec::new()
}
