//! Drawing the help, generated from the live keymap so it never drifts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::state::AppState;
use crate::app::update::active_layer;
use crate::keymap::Layer;
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;
use crate::ui::widgets::wrap::ellipsis;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let keymap = &state.ctx.keymap;
    let layers = [active_layer(state), Layer::Global];
    let keys_of = |keys: &[crate::keymap::KeyChord]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", ");
    let key_width = layers
        .iter()
        .flat_map(|l| keymap.bindings(*l))
        .map(|(_, keys)| keys_of(&keys).chars().count())
        .max()
        .unwrap_or(8)
        + 2;
    let rect = centered(area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", t.help_title))
        .title_bottom(Line::from(format!(" {} ", (t.help_close)(super::SCROLL_KEYS))).right_aligned())
        .border_style(theme.focus());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Two columns when one is not tall enough; when two are not enough
    // either, one column that scrolls (↑↓, PageUp/PageDown).
    let rows = inner.height as usize;
    // A description longer than its column ends in `…`, clear of the border.
    let entries = |width: u16| {
        let room = (width as usize).saturating_sub(key_width + 1);
        let mut entries: Vec<Line> = Vec::new();
        for layer in layers {
            entries.push(Line::from(Span::styled(ellipsis(t.layer(layer), width as usize), theme.header())));
            for (command, keys) in keymap.bindings(layer) {
                entries.push(Line::from(vec![
                    Span::styled(format!("{:<key_width$}", keys_of(&keys)), theme.key()),
                    Span::raw(ellipsis(t.command(command), room)),
                ]));
            }
            entries.push(Line::from(""));
        }
        entries
    };
    let count = entries(inner.width).len();
    // Two columns only when each holds its longest description whole.
    let longest = layers
        .iter()
        .flat_map(|l| keymap.bindings(*l))
        .map(|(command, _)| crate::ui::widgets::wrap::width_of(t.command(command)))
        .max()
        .unwrap_or(0);
    if count <= rows {
        let entries = entries(inner.width);
        frame.render_widget(Paragraph::new(entries), inner);
    } else if count <= 2 * rows && inner.width / 2 >= (key_width + longest + 1) as u16 {
        let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
        let mut entries = entries(left.width.min(right.width));
        let rest = entries.split_off(entries.len().div_ceil(2).min(rows));
        frame.render_widget(Paragraph::new(entries), left);
        frame.render_widget(Paragraph::new(rest), right);
    } else {
        let max = count.saturating_sub(rows) as u16;
        frame.render_widget(Paragraph::new(entries(inner.width)).scroll((state.help_scroll.min(max), 0)), inner);
    }
}
