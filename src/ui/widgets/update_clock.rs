//! The customer-update clock where it must not be missed: one line at the
//! top of the incident ("Next customer update in 7m", "Customer update
//! overdue 3m") and the count of updates due in the queue's status bar.

use ratatui::text::{Line, Span};

use crate::app::state::{AppState, DetailState};
use crate::domain::sla::{Standing, Target};
use crate::ui::theme::Theme;
use crate::ui::widgets::sla::{standing_of, style};

/// The incident's next customer update, while its clock runs or is paused.
pub fn header_line(state: &AppState, theme: &Theme, detail: &DetailState) -> Option<Line<'static>> {
    let t = state.t();
    let sla = detail.sla.as_ref()?;
    let (standing, left) = standing_of(state, sla, sla.clocks.get(Target::Update), state.now);
    let text = match standing {
        Standing::Ok => (t.update_next_in)(&t.duration(left)),
        Standing::AtRisk => format!("! {}", (t.update_next_in)(&t.duration(left))),
        Standing::Breached => format!("✗ {}", (t.update_overdue)(&t.duration(left.abs()))),
        Standing::Paused => format!("‖ {}", t.update_paused),
        _ => return None,
    };
    Some(Line::from(Span::styled(text, style(theme, standing).patch(theme.label()))))
}

/// "2 updates due · ", when any is.
pub fn counter(state: &AppState, theme: &Theme) -> Option<Span<'static>> {
    let due = state.updates.due.as_ref().filter(|d| d.count > 0)?;
    Some(Span::styled(format!("{} · ", (state.t().updates_due)(due.count)), theme.warning()))
}
