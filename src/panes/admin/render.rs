//! Drawing the admin pane: who is overloaded.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use crate::app::state::AppState;
use crate::domain::escalation::Role;
use crate::domain::people::Workload;
use crate::domain::text::inert;
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::ellipsis;
use crate::ui::widgets::{column_widths, title_bar};

fn work_cells(w: &Workload, theme: &Theme) -> Vec<Cell<'static>> {
    (1..=4)
        .map(|p| {
            let style = if p == 1 && w[p] > 0 { theme.error() } else { ratatui::style::Style::new() };
            Cell::from(Span::styled(w[p].to_string(), style))
        })
        .collect()
}

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    title_bar(frame, r.title, state, theme, t.admin_title);
    let a = &state.panes.admin;
    let [top, bottom] = Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(r.body);
    let border = |focused: bool| if focused { theme.focus() } else { theme.dim() };
    let priorities = ["P1", "P2", "P3", "P4"];

    let mut header = vec![t.col.team, t.col.line, t.col.members];
    header.extend(priorities);
    let team_widths: Vec<Constraint> = [Constraint::Fill(1), Constraint::Length(5), Constraint::Length(7)]
        .into_iter()
        .chain([Constraint::Length(5); 4])
        .collect();
    // Exact widths, so a name longer than its column ends in `…`.
    let sizes = column_widths(top.width.saturating_sub(2), &team_widths);
    let rows = a.teams.iter().map(|team| {
        let mut cells = vec![
            Cell::from(ellipsis(&inert(&team.name), sizes[0] as usize)),
            Cell::from(team.line.to_string()),
            Cell::from(team.members.len().to_string()),
        ];
        cells.extend(work_cells(&team.open, theme));
        Row::new(cells)
    });
    let table = Table::new(rows, sizes.iter().map(|w| Constraint::Length(*w)))
        .header(Row::new(header).style(theme.header()))
        .row_highlight_style(theme.selected())
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", t.admin_teams))
                .border_style(border(!a.on_people)),
        );
    let mut selected = TableState::default().with_selected((!a.teams.is_empty() && !a.on_people).then_some(a.team_row));
    frame.render_stateful_widget(table, top, &mut selected);

    let mut header = vec![t.col.login, t.col.name, t.col.role, t.col.teams];
    header.extend(priorities);
    let agent_widths: Vec<Constraint> =
        [Constraint::Length(14), Constraint::Fill(1), Constraint::Length(11), Constraint::Fill(1)]
            .into_iter()
            .chain([Constraint::Length(5); 4])
            .collect();
    let sizes = column_widths(bottom.width.saturating_sub(2), &agent_widths);
    let rows = a.agents.iter().map(|agent| {
        let role = Role::from_code(&agent.role).map_or_else(|| agent.role.clone(), |r| t.role(r).to_string());
        let texts = [&agent.login, &agent.name, &role, &agent.teams.join(", ")];
        let mut cells: Vec<Cell> =
            texts.iter().zip(&sizes).map(|(text, w)| Cell::from(ellipsis(&inert(text), *w as usize))).collect();
        cells.extend(work_cells(&agent.open, theme));
        Row::new(cells)
    });
    let table = Table::new(rows, sizes.iter().map(|w| Constraint::Length(*w)))
        .header(Row::new(header).style(theme.header()))
        .row_highlight_style(theme.selected())
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", t.admin_people))
                .border_style(border(a.on_people)),
        );
    let mut selected =
        TableState::default().with_selected((!a.agents.is_empty() && a.on_people).then_some(a.agent_row));
    frame.render_stateful_widget(table, bottom, &mut selected);
}
