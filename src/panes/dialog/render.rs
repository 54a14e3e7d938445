//! A dialog over the current pane: the answers so far, then the question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::state::AppState;
use crate::domain::text::inert;
use crate::keymap::{Command, Layer};
use crate::panes::dialog::state::Step;
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;
use crate::ui::widgets::wrap::{self, label, shorten_parts, wrap_lines};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let Some(dialog) = &state.dialog else { return };
    let rect = centered(area, area.width.saturating_sub(6).min(96), area.height.saturating_sub(4).min(22));
    frame.render_widget(Clear, rect);
    let keys = &state.ctx.keymap;
    let key = |c| keys.name(Layer::Dialog, c);
    let hint = (t.form.dialog_hint)(
        &keys.up_down(Layer::Dialog),
        &key(Command::Confirm),
        &key(Command::StepBack),
        &key(Command::Cancel),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", dialog.title))
        .title_bottom(
            Line::from(format!(" {} ", shorten_parts(&hint, (rect.width as usize).saturating_sub(4)))).right_aligned(),
        )
        .border_style(theme.focus());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let mut lines: Vec<Line> = Vec::new();
    for step in &dialog.steps[..dialog.current] {
        lines.push(Line::from(vec![
            Span::styled(label(step.label(), 16), theme.label()),
            Span::raw(inert(&step.shown()).into_owned()),
        ]));
    }
    let step = dialog.step();
    match step {
        Step::Text { label, value, .. } => lines.push(Line::from(vec![
            Span::styled(wrap::label(label, 16), theme.focus()),
            // A suggestion shows selected: typing replaces it.
            if dialog.suggested {
                Span::styled(inert(value).into_owned(), theme.selected())
            } else {
                Span::raw(inert(value).into_owned())
            },
            Span::styled(" ", theme.selected()),
        ])),
        Step::Pick { label, list } => {
            lines.push(Line::from(vec![
                Span::styled(wrap::label(label, 16), theme.focus()),
                Span::raw(inert(&list.filter).into_owned()),
                Span::styled(" ", theme.selected()),
            ]));
            let matches = list.matches();
            let room = (inner.height as usize).saturating_sub(lines.len()).max(1);
            let first = list.highlighted.saturating_sub(room.saturating_sub(1));
            if matches.is_empty() {
                lines.push(Line::from(Span::styled(format!("  {}", t.no_options), theme.dim())));
            }
            for (pos, i) in matches.iter().enumerate().skip(first).take(room) {
                let style = if pos == list.highlighted { theme.selected() } else { ratatui::style::Style::new() };
                lines.push(Line::from(Span::styled(format!("  {}", inert(&list.choices[*i].label)), style)));
            }
        }
    }
    // What was typed or chosen wraps rather than running out of the box.
    let lines = wrap_lines(lines, (inner.width as usize).saturating_sub(1));
    frame.render_widget(Paragraph::new(lines), inner);
}
