//! Drawing: every pane renders from `&AppState` only.

mod panes;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::state::{AppState, Overlay, Screen};
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
    let message = widgets::message_lines(state, &theme, area.width, area.height / 3);
    let [title, body, status, message_band, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(message.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    let regions = Regions { title, body, status, hints };
    match state.screen {
        Screen::Queue => panes::queue::render(frame, state, &theme, &regions),
        Screen::Detail => panes::detail::render(frame, state, &theme, &regions),
        Screen::Register => panes::register::render(frame, state, &theme, &regions),
        Screen::Wizard => panes::wizard::render(frame, state, &theme, &regions),
        Screen::Compose => panes::compose::render(frame, state, &theme, &regions),
        Screen::Admin => panes::admin::render(frame, state, &theme, &regions),
        Screen::Record => panes::record::render(frame, state, &theme, &regions),
        Screen::Problems | Screen::Knowledge => panes::library::render(frame, state, &theme, &regions),
        Screen::Reports => panes::reports::render(frame, state, &theme, &regions),
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(message), message_band);
    if state.dialog.is_some() {
        panes::dialog::render(frame, state, &theme, area);
    }
    match state.overlay {
        Some(Overlay::Help) => panes::help::render(frame, state, &theme, area),
        Some(Overlay::Confirm(question)) => widgets::confirm(frame, state, &theme, area, question),
        None => {}
    }
    if let Some(busy) = &state.busy {
        widgets::busy(frame, &theme, area, busy);
    }
}

/// The four bands every screen has.
pub struct Regions {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}
