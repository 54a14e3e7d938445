//! Drawing: every pane renders from `&AppState` only; the pane registry
//! (`panes/`) says which pane draws the screen and which hints it offers.

pub mod theme;
pub(crate) mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::state::{AppState, Overlay};
use theme::Theme;

/// Below this size the layout cannot be drawn sensibly.
pub const MIN_WIDTH: u16 = 70;
pub const MIN_HEIGHT: u16 = 20;

pub fn render(frame: &mut Frame, state: &AppState) {
    let area = frame.area();
    let theme = Theme::new(state.ctx.color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small(frame, area, state, &theme);
        return;
    }
    // A message is shown whole, wrapped above the hints; the body makes room.
    let mut message = widgets::message_lines(state, &theme, area.width, area.height / 3);
    // Work under way says so below the message.
    message.extend(widgets::working::line(state, &theme, area.width));
    let [title, body, status, message_band, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(message.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    let regions = Regions { title, body, status, hints };
    let pane = crate::panes::of(state.screen);
    (pane.render)(frame, state, &theme, &regions);
    if let Some(hints) = pane.hints {
        widgets::hint_bar(frame, regions.hints, state, &theme, pane.layer, &hints(state));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(message), message_band);
    if state.dialog.is_some() {
        crate::panes::dialog::render::render(frame, state, &theme, area);
    }
    match state.overlay {
        Some(Overlay::Help) => crate::panes::help::render(frame, state, &theme, area),
        Some(Overlay::Confirm(question)) => widgets::confirm(frame, state, &theme, area, question),
        None => {}
    }
}

/// The four bands every screen has.
pub struct Regions {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}
