//! The customer-update clock where it must not be missed: at the top of
//! the incident ("Next customer update in 7m", "Customer update overdue
//! 3m"), in its title band when there is room beside the title, else as
//! its first line; and the count of updates due in the queue's status bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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

/// Draws the incident's next update at the right of the title band, before
/// the user's name, when it fits beside the title; returns whether it did.
pub fn in_title(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    detail: &DetailState,
    title: &str,
) -> bool {
    let Some(line) = header_line(state, theme, detail) else { return true };
    let width = |s: &str| crate::domain::cell::width(s);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // As `title_bar` lays it out: " meldpunt · TITLE" left, marks and "USER " right.
    let left = width(&format!(" meldpunt · {}", crate::domain::text::inert(title)));
    let mut right = width(&crate::domain::text::inert(&state.ctx.user)) + 1;
    right += [(state.ctx.names_trusted, state.t().names_trusted_mark), (state.ctx.read_only, state.t().read_only_mark)]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, mark)| width(mark) + 3)
        .sum::<usize>();
    let room = (area.width as usize).saturating_sub(left + right);
    // Two spaces each side keep it apart from the title and the name.
    let needed = width(&text) + 4;
    if needed > room {
        return false;
    }
    let x = area.x + area.width - (right + width(&text) + 2) as u16;
    let at = Rect { x, width: width(&text) as u16, height: 1, ..area };
    let style = line.spans.first().map_or(theme.title(), |s| theme.title().patch(s.style));
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), at);
    true
}

/// "2 updates due · ", when any is.
pub fn counter(state: &AppState, theme: &Theme) -> Option<Span<'static>> {
    let due = state.updates.due.as_ref().filter(|d| d.count > 0)?;
    Some(Span::styled(format!("{} · ", (state.t().updates_due)(due.count)), theme.warning()))
}
