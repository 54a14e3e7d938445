//! The reports pane: the list of reports with the period and filters on the
//! left, the report itself (tables and bar charts) on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::state::{Focus, ReportsState};
use super::table::{self as report_table, RowLook};
use crate::app::state::AppState;
use crate::domain::report::{Period, PeriodName, ReportName};
use crate::domain::text::inert_single_line;
use crate::keymap::{Command, Layer};
use crate::report::output::{bar_lines, human, period};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::title_bar;

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Width of the list of reports on the left: narrower on a small terminal.
fn list_width(total: u16) -> u16 {
    if total >= 110 { 32 } else { 26 }
}

/// A label cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return format!("{text:<width$}");
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    title_bar(frame, r.title, state, theme, t.reports_title);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width(r.body.width)), Constraint::Fill(1)]).areas(r.body);
    list(frame, state, theme, left);
    report(frame, state, theme, right);
    status(frame, state, theme, r.status);
}

fn list(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let s = &state.panes.reports;
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = ReportName::ALL
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let style = if i == s.selected && s.focus == Focus::List {
                theme.selected()
            } else if i == s.selected {
                theme.label()
            } else {
                Style::default()
            };
            Line::from(Span::styled(format!(" {}", fit(t.report_title(*name), width)), style))
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(format!(" {}", t.report.period), theme.header())));
    // The daily overview is about today whatever the period chosen.
    let daily = s.name() == ReportName::Daily;
    let period = if daily { Period::Named(PeriodName::Today) } else { s.period };
    lines.push(Line::from(format!(" {}", if daily { t.period_name(PeriodName::Today) } else { period_name(state) })));
    let (from, to) = period.dates(&chrono::Local, state.now);
    lines.push(Line::from(Span::styled(format!(" {}", from.format(t.date_format)), theme.dim())));
    if from != to {
        lines.push(Line::from(Span::styled(format!(" – {}", to.format(t.date_format)), theme.dim())));
    }
    if daily {
        lines.push(Line::from(Span::styled(format!(" ({})", t.report.daily_today), theme.dim())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(format!(" {}", t.report.filters), theme.header())));
    let chips = filter_chips(state);
    if chips.is_empty() {
        lines.push(Line::from(format!(" {}", t.report.all_tickets)));
    }
    lines.extend(chips.into_iter().map(|c| Line::from(format!(" {}", fit(&c, width)))));
    let border = if s.focus == Focus::List { theme.focus() } else { theme.dim() };
    let block = Block::default().borders(Borders::RIGHT).border_style(border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn period_name(state: &AppState) -> &'static str {
    let t = state.t();
    match state.panes.reports.period {
        Period::Named(p) => t.period_name(p),
        Period::Dates { .. } => t.report.custom_dates,
    }
}

/// "Team: Network", one per filter set.
fn filter_chips(state: &AppState) -> Vec<String> {
    use crate::domain::Field;
    let t = state.t();
    let f = &state.panes.reports.filter;
    let priority = f.priority.map(|p| p.to_string());
    [
        (Field::Team, f.team.as_ref()),
        (Field::Priority, priority.as_ref()),
        (Field::Category, f.category.as_ref()),
        (Field::Service, f.service.as_ref()),
        (Field::Department, f.department.as_ref()),
    ]
    .into_iter()
    .filter_map(|(field, value)| value.map(|v| format!("{}: {}", t.field(field), inert_single_line(v))))
    .collect()
}

/// The report as lines, and which line holds the row under the cursor.
fn report_lines<'a>(state: &'a AppState, theme: &Theme, width: usize) -> (Vec<Line<'a>>, Option<usize>) {
    let t = state.t();
    let s: &ReportsState = &state.panes.reports;
    let Some(report) = &s.report else { return (Vec::new(), None) };
    let current = s.current_row();
    let mut lines = Vec::new();
    let mut cursor_line = None;
    let empty = report.sections.iter().all(|x| x.rows.is_empty());
    if empty {
        lines.push(Line::from(Span::styled(t.report.nothing, theme.dim())));
    }
    for (i, section) in report.sections.iter().enumerate() {
        if section.rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(inert_single_line(&section.title), theme.header())));
        let header: Vec<String> = section.columns.iter().map(|c| inert_single_line(c)).collect();
        let cells: Vec<Vec<String>> =
            section.rows.iter().map(|r| r.cells.iter().map(|c| human(t, c)).collect()).collect();
        let numeric = numeric_columns(section);
        let here = |j: usize| current == Some((i, j));
        if let Some(j) = (0..section.rows.len()).find(|j| here(*j)) {
            cursor_line = Some(lines.len() + 1 + j);
        }
        let look = |j: usize| {
            let row = &section.rows[j];
            match (here(j), s.focus) {
                (true, Focus::Rows) if s.col > 0 && row.by_cell.get(s.col).is_some_and(Option::is_some) => {
                    RowLook { style: theme.label(), cell: Some((s.col, theme.selected())) }
                }
                (true, Focus::Rows) => RowLook { style: theme.selected(), cell: None },
                (true, Focus::List) => RowLook { style: theme.label(), cell: None },
                _ if row.drill.is_some() => RowLook { style: Style::default(), cell: None },
                _ => RowLook { style: theme.dim(), cell: None },
            }
        };
        lines.extend(report_table::lines(&header, &cells, &numeric, width, s.col, theme.label(), look));
        if let Some(chart) = &section.chart {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(inert_single_line(&chart.title), theme.label())));
            lines.extend(
                bar_lines(chart, bar_width(chart, width))
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.info()))),
            );
        }
        lines.push(Line::from(""));
    }
    (lines, cursor_line)
}

/// Which columns hold numbers (drawn to the right).
fn numeric_columns(section: &crate::report::Section) -> Vec<bool> {
    let first = section.rows.first();
    (0..section.columns.len())
        .map(|i| first.and_then(|r| r.cells.get(i)).is_some_and(|c| !matches!(c, crate::report::Cell::Text(_))))
        .collect()
}

/// Bars as long as fit beside their labels and numbers, at most 50.
fn bar_width(chart: &crate::report::Chart, width: usize) -> usize {
    use crate::domain::cell;
    let label = chart.bars.iter().map(|(l, _)| cell::width(&cell::fit(l, cell::MAX_COLUMN))).max().unwrap_or(0);
    let number = chart.bars.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    width.saturating_sub(label + 3 + number).clamp(1, 50)
}

fn report(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let s = &state.panes.reports;
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(1), ..area };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let name = t.report_title(s.name());
    let mut head_lines = vec![Line::from(Span::styled(name, theme.header()))];
    if let Some(report) = s.report.as_ref().filter(|_| s.shows_selected()) {
        // The period beside the title, or under it when both do not fit.
        let period = period(t, report);
        let beside = crate::domain::cell::width(name) + 2 + crate::domain::cell::width(&period);
        if beside <= head.width as usize {
            head_lines[0].spans.push(Span::styled(format!("  {period}"), theme.label()));
        } else {
            head_lines.push(Line::from(Span::styled(period, theme.label())));
        }
    }
    frame.render_widget(Paragraph::new(head_lines), head);
    if s.report.is_none() || !s.shows_selected() {
        let text = if s.running {
            String::new()
        } else {
            let key =
                state.ctx.keymap.key_for(Layer::Reports, Command::Open).map(|k| k.to_string()).unwrap_or_default();
            (t.report.not_run)(&key)
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), body);
        return;
    }
    let (lines, cursor) = report_lines(state, theme, body.width as usize);
    let height = body.height as usize;
    // The row under the cursor stays in view; otherwise the page keys scroll.
    let offset = match (s.focus, cursor) {
        (Focus::Rows, Some(line)) if line + 2 > height => line + 2 - height,
        (Focus::Rows, _) => 0,
        (Focus::List, _) => (s.scroll as usize).min(lines.len().saturating_sub(height)),
    };
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), body);
}

/// Computing, or how long the report took and what Enter does.
fn status(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let s = &state.panes.reports;
    let line = if s.running {
        let spinner = SPINNER[s.frame % SPINNER.len()];
        Line::from(Span::styled(format!(" {spinner} {}", t.report.computing), theme.info()))
    } else if s.shows_selected() {
        let mut text = format!(" {}", (t.report.computed_in)(s.millis));
        if !s.drills().is_empty() {
            let key = |c| state.ctx.keymap.name(Layer::Reports, c);
            let keys = [key(Command::Open), key(Command::CellLeft), key(Command::CellRight)];
            let arrows = |k: &str| match k {
                "Left" => "←".to_string(),
                "Right" => "→".to_string(),
                k => k.to_string(),
            };
            text.push_str(&format!(" · {}", (t.report.drill_hint)(&keys[0], &arrows(&keys[1]), &arrows(&keys[2]))));
        }
        Line::from(Span::styled(text, theme.dim()))
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(line), area);
}
