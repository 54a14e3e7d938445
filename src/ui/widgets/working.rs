//! The spinner: a turning mark and what is under way, on the message line,
//! while work handed to the workers takes longer than a moment.

use ratatui::text::{Line, Span};

use super::wrap;
use crate::app::outstanding::Busy;
use crate::app::state::AppState;
use crate::ui::theme::Theme;

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// What is under way, in the user's language.
pub fn text(state: &AppState, busy: Busy) -> String {
    let words = state.t().busy;
    let what = match busy {
        Busy::Sending { to_linked } => (words.sending)(to_linked),
        Busy::Recording => words.recording.to_string(),
        Busy::Demo { count } => (words.demo)(count),
        Busy::Database => words.database.to_string(),
    };
    if state.quit { (words.quitting)(&what) } else { what }
}

/// The spinner's line, `width` wide at most, when there is work to show.
pub fn line(state: &AppState, theme: &Theme, width: u16) -> Option<Line<'static>> {
    let busy = state.work.shown()?;
    let mark = SPINNER[state.work.frame % SPINNER.len()];
    let said = wrap::ellipsis(&format!(" {mark} {}", text(state, busy)), width.saturating_sub(1) as usize);
    Some(Line::from(Span::styled(said, theme.info())))
}
