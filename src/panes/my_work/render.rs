//! Drawing "my work": two boxed sections, each a table of number,
//! priority, status, title and the most pressing SLA clock.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use super::Section;
use crate::app::state::AppState;
use crate::domain::queue::SortColumn::{Due, Number, Priority, Status, Title};
use crate::panes::queue::render::{Column, table_row};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::ellipsis;
use crate::ui::widgets::{column_widths, title_bar};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let words = t.panes;
    title_bar(frame, r.title, state, theme, words.my_work_title);
    let w = &state.panes.my_work;
    // Each section as tall as it needs, mine first; the rest stays empty.
    let need = |s: &Section| s.rows.len().max(1) as u16 + 3;
    let mine_height = need(&w.mine).min(r.body.height.saturating_sub(4).max(r.body.height / 2));
    let [mine, team] = Layout::vertical([Constraint::Length(mine_height), Constraint::Fill(1)]).areas(r.body);
    let count = |s: &Section| {
        let n = s.matching.to_string();
        if s.more { format!("{n}+") } else { n }
    };
    let selected_mine = (w.row < w.mine.rows.len()).then_some(w.row);
    let selected_team = w.row.checked_sub(w.mine.rows.len());
    let title = (words.my_work_mine)(&count(&w.mine), w.mine.p1);
    section(frame, state, theme, mine, &title, &w.mine, selected_mine, None);
    let title = (words.my_work_team)(&count(&w.team), w.team.p1);
    let empty = state.my_teams.is_empty().then_some(t.no_team);
    section(frame, state, theme, team, &title, &w.team, selected_team, empty);
}

#[allow(clippy::too_many_arguments)]
fn section(
    frame: &mut Frame,
    state: &AppState,
    theme: &Theme,
    area: Rect,
    title: &str,
    s: &Section,
    selected: Option<usize>,
    empty: Option<&str>,
) {
    let t = state.t();
    let inner_width = area.width.saturating_sub(2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", ellipsis(title, inner_width.saturating_sub(2) as usize)))
        .border_style(if selected.is_some() { theme.focus() } else { theme.dim() });
    if s.rows.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = if state.panes.my_work.loaded { empty.unwrap_or(state.t().panes.my_work_empty) } else { "" };
        let text = ellipsis(text, inner.width.saturating_sub(2) as usize);
        frame.render_widget(Paragraph::new(text).style(theme.dim()).alignment(Alignment::Center), inner);
        return;
    }
    let number_width = s.rows.iter().map(|r| state.ctx.numbers.format(r.id).chars().count()).max().unwrap_or(10) as u16;
    let columns = [
        Constraint::Length(number_width),
        Constraint::Length(3),
        Constraint::Length(14),
        Constraint::Fill(1),
        Constraint::Length(12),
    ];
    // The highlight mark takes one cell before the columns.
    let sizes = column_widths(inner_width.saturating_sub(1), &columns);
    let header = Row::new([t.col.number, t.col.priority, t.col.status, t.col.title, t.col.due]).style(theme.header());
    let shown = [Number, Priority, Status, Title, Due].map(|c| (Column::Field(c), 0));
    let rows = s.rows.iter().map(|row| table_row(state, theme, row, &shown, &sizes, false));
    let table = Table::new(rows, sizes.iter().map(|w| Constraint::Length(*w)))
        .header(header)
        .column_spacing(1)
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut table_state);
}
