//! The reports pane: the list of reports with the period and filters on the
//! left, the report itself (tables and bar charts) on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::reports::{Focus, ReportsState};
use crate::app::state::AppState;
use crate::domain::report::{Period, ReportName};
use crate::domain::text::inert_single_line;
use crate::keymap::{Command, Layer};
use crate::report::output::{aligned, bar_lines, period};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::{hints_or_message, title_bar};

const HINTS: &[Command] = &[
    Command::Open,
    Command::NextPane,
    Command::NextPeriod,
    Command::CustomDates,
    Command::ReportFilter,
    Command::ClearFilters,
    Command::Back,
];

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
    hints_or_message(frame, r.hints, state, theme, Layer::Reports, HINTS);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width(r.body.width)), Constraint::Fill(1)]).areas(r.body);
    list(frame, state, theme, left);
    report(frame, state, theme, right);
    status(frame, state, theme, r.status);
}

fn list(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let s = &state.reports;
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
    lines.push(Line::from(Span::styled(format!(" {}", t.rep_period), theme.header())));
    lines.push(Line::from(format!(" {}", period_name(state))));
    let (from, to) = s.period.dates(&chrono::Local, state.now);
    lines.push(Line::from(Span::styled(format!(" {}", from.format(t.date_format)), theme.dim())));
    if from != to {
        lines.push(Line::from(Span::styled(format!(" – {}", to.format(t.date_format)), theme.dim())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(format!(" {}", t.rep_filters), theme.header())));
    let chips = filter_chips(state);
    if chips.is_empty() {
        lines.push(Line::from(format!(" {}", t.rep_all_tickets)));
    }
    lines.extend(chips.into_iter().map(|c| Line::from(format!(" {}", fit(&c, width)))));
    let border = if s.focus == Focus::List { theme.focus() } else { theme.dim() };
    let block = Block::default().borders(Borders::RIGHT).border_style(border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn period_name(state: &AppState) -> &'static str {
    let t = state.t();
    match state.reports.period {
        Period::Named(p) => t.period_name(p),
        Period::Dates { .. } => t.rep_custom_dates,
    }
}

/// "Team: Network", one per filter set.
fn filter_chips(state: &AppState) -> Vec<String> {
    use crate::domain::Field;
    let t = state.t();
    let f = &state.reports.filter;
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
    let s: &ReportsState = &state.reports;
    let Some(report) = &s.report else { return (Vec::new(), None) };
    let current = s.current().map(|(section, row, _)| (section, row));
    let mut lines = Vec::new();
    let mut cursor_line = None;
    let empty = report.sections.iter().all(|x| x.rows.is_empty());
    if empty {
        lines.push(Line::from(Span::styled(t.rep_nothing, theme.dim())));
    }
    for (i, section) in report.sections.iter().enumerate() {
        if section.rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(inert_single_line(&section.title), theme.header())));
        let (header, rows) = aligned(t, section);
        lines.push(Line::from(Span::styled(header, theme.label())));
        for (j, (text, row)) in rows.into_iter().zip(&section.rows).enumerate() {
            let here = current == Some((i, j));
            let style = match (here, s.focus) {
                (true, Focus::Rows) => theme.selected(),
                (true, Focus::List) => theme.label(),
                _ if row.drill.is_some() => Style::default(),
                _ => theme.dim(),
            };
            if here {
                cursor_line = Some(lines.len());
            }
            lines.push(Line::from(Span::styled(text, style)));
        }
        if let Some(chart) = &section.chart {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(inert_single_line(&chart.title), theme.label())));
            let bar_width = width.saturating_sub(30).clamp(10, 50);
            lines.extend(bar_lines(chart, bar_width).into_iter().map(|l| Line::from(Span::styled(l, theme.info()))));
        }
        lines.push(Line::from(""));
    }
    (lines, cursor_line)
}

fn report(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let s = &state.reports;
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(1), ..area };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let mut title = vec![Span::styled(t.report_title(s.name()), theme.header())];
    if let Some(report) = s.report.as_ref().filter(|_| s.shows_selected()) {
        title.push(Span::styled(format!("  {}", period(t, report)), theme.label()));
    }
    frame.render_widget(Paragraph::new(Line::from(title)), head);
    if s.report.is_none() || !s.shows_selected() {
        let text = if s.running {
            String::new()
        } else {
            let key =
                state.ctx.keymap.key_for(Layer::Reports, Command::Open).map(|k| k.to_string()).unwrap_or_default();
            (t.rep_not_run)(&key)
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
    let s = &state.reports;
    let line = if s.running {
        let spinner = SPINNER[s.frame % SPINNER.len()];
        Line::from(Span::styled(format!(" {spinner} {}", t.rep_computing), theme.info()))
    } else if s.shows_selected() {
        let mut text = format!(" {}", (t.rep_computed_in)(s.millis));
        if !s.drills().is_empty() {
            text.push_str(&format!(" · {}", t.rep_drill_hint));
        }
        Line::from(Span::styled(text, theme.dim()))
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(line), area);
}
