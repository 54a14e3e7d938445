//! A record pane: closing an incident, its review, a problem, an article.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::AppState;
use crate::keymap::{Command, Layer};
use crate::panes::record::state::RecordKind;
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::wrap_line;
use crate::ui::widgets::{fields, hints_or_message, title_bar};

const HINTS: &[Command] = &[Command::NextField, Command::Save, Command::Cancel];

/// Rows the review form needs before the timeline may take the rest.
const REVIEW_FORM_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let Some(pane) = &state.record else { return };
    title_bar(frame, r.title, state, theme, &pane.title);
    let mut form_area = r.body;
    // A review is written looking at what happened: the timeline beside or below.
    if let RecordKind::Review { ticket } = pane.kind {
        if r.body.width >= 120 {
            let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(r.body);
            form_area = left;
            timeline(
                frame,
                state,
                theme,
                ticket,
                Rect { x: right.x + 1, width: right.width.saturating_sub(1), ..right },
            );
        } else if r.body.height > REVIEW_FORM_HEIGHT + 3 {
            let [top, bottom] =
                Layout::vertical([Constraint::Length(REVIEW_FORM_HEIGHT), Constraint::Fill(1)]).areas(r.body);
            form_area = top;
            timeline(frame, state, theme, ticket, bottom);
        }
    }
    fields::render(frame, theme, &pane.fields, form_area);
    hints_or_message(frame, r.hints, state, theme, Layer::Form, HINTS);
}

fn timeline(frame: &mut Frame, state: &AppState, theme: &Theme, ticket: crate::domain::TicketId, area: Rect) {
    let t = state.t();
    let Some(detail) = state.detail.as_ref().filter(|d| d.id == ticket) else { return };
    let room = area.height.saturating_sub(1) as usize;
    let width = (area.width as usize).saturating_sub(1);
    let mut lines = vec![Line::from(Span::styled(t.timeline, theme.header()))];
    // Each event wrapped to the width; as many as fit, then how many more.
    let events: Vec<Vec<Line<'static>>> = detail
        .events
        .iter()
        .map(|e| {
            let line = crate::panes::detail::render::timeline_line(t, &state.ctx.numbers, &state.ctx.policy, theme, e);
            wrap_line(line, width)
        })
        .collect();
    let mut used = 0;
    let mut shown = 0;
    for (i, event) in events.iter().enumerate() {
        let last = i + 1 == events.len();
        let reserve = usize::from(!last);
        if used + event.len() + reserve > room {
            break;
        }
        used += event.len();
        shown += 1;
        lines.extend(event.iter().cloned());
    }
    let more = events.len() - shown;
    if more > 0 {
        lines.push(Line::from(Span::styled((t.timeline_more)(more), theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
