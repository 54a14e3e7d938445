//! A record pane: closing an incident, its review, a problem, an article.

use ratatui::Frame;

use crate::app::state::AppState;
use crate::keymap::{Command, Layer};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::{fields, hints_or_message, title_bar};

const HINTS: &[Command] = &[Command::NextField, Command::Save, Command::Cancel];

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let Some(pane) = &state.record else { return };
    title_bar(frame, r.title, state, theme, &pane.title);
    fields::render(frame, theme, &pane.fields, r.body);
    hints_or_message(frame, r.hints, state, theme, Layer::Form, HINTS);
}
