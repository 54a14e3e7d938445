//! The queue: a page of tickets, filters, search and counts.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::app::state::AppState;
use crate::domain::queue::{QueueRow, Scope, SortColumn};
use crate::domain::sla::Target;
use crate::domain::text::inert;
use crate::keymap::{Command, Layer};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::{ellipsis, width_of};
use crate::ui::widgets::{sla, title_bar};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    title_bar(frame, r.title, state, theme, t.queue_title);
    if state.empty_database {
        empty_database(frame, state, theme, r.body);
    } else {
        table(frame, state, theme, r.body);
    }
    status_bar(frame, state, theme, r.status);
}

fn column_label(state: &AppState, column: SortColumn) -> &'static str {
    let t = state.t();
    match column {
        SortColumn::Number => t.col.number,
        SortColumn::Priority => t.col.priority,
        SortColumn::Status => t.col.status,
        SortColumn::Title => t.col.title,
        SortColumn::Team => t.col.team,
        SortColumn::Assignee => t.col.assignee,
        SortColumn::Age => t.col.age,
        SortColumn::Due => t.col.due,
    }
}

/// A column of the table: a sortable field or one SLA clock.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Field(SortColumn),
    Clock(Target),
}

/// Which columns fit: all three SLA clocks when wide, otherwise the most
/// urgent one; the team and age make way on a narrow screen.
fn columns(width: u16) -> Vec<(Column, u16)> {
    use SortColumn::*;
    let field = |c, w| (Column::Field(c), w);
    if width >= 130 {
        let roomy = width >= 150;
        vec![
            field(Number, 0),
            field(Priority, 3),
            field(Status, if roomy { 20 } else { 14 }),
            field(Title, 0),
            field(Team, if roomy { 16 } else { 12 }),
            field(Assignee, if roomy { 14 } else { 10 }),
            field(Age, 4),
            (Column::Clock(Target::Response), 8),
            (Column::Clock(Target::Resolution), 8),
            (Column::Clock(Target::Update), 8),
        ]
    } else if width >= 100 {
        vec![
            field(Number, 0),
            field(Priority, 3),
            field(Status, 14),
            field(Title, 0),
            field(Team, 12),
            field(Assignee, 10),
            field(Age, 4),
            field(Due, 12),
        ]
    } else {
        vec![
            field(Number, 0),
            field(Priority, 3),
            field(Status, 14),
            field(Title, 0),
            field(Assignee, 10),
            field(Due, 12),
        ]
    }
}

fn table(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let q = &state.queue;
    if q.loaded && q.rows.is_empty() {
        let text = Paragraph::new(t.no_matches).style(theme.dim()).alignment(Alignment::Center);
        frame.render_widget(text, Rect { y: area.y + area.height / 3, height: 1, ..area });
    }
    // Full status names when there is room for them.
    let wide = area.width >= 150;
    let number_width = q.rows.iter().map(|r| state.ctx.numbers.format(r.id).chars().count()).max().unwrap_or(10) as u16;
    let columns = columns(area.width);
    let label = |c: Column| match c {
        Column::Field(f) => column_label(state, f),
        Column::Clock(target) => t.target_short(target),
    };
    // Columns are at least as wide as their (translated) header and sort
    // arrow, at most their usual width, and no wider than what they show:
    // the title takes the rest.
    let content = |c: SortColumn| -> usize {
        q.rows
            .iter()
            .map(|r| match c {
                SortColumn::Status if wide => width_of(t.status(r.status)),
                SortColumn::Status => width_of(t.status_short(r.status)),
                SortColumn::Team => width_of(&inert(r.team.as_deref().unwrap_or(""))),
                SortColumn::Assignee => width_of(&inert(r.assignee.as_deref().unwrap_or(""))),
                _ => usize::MAX,
            })
            .max()
            .unwrap_or(0)
    };
    let mut sizes: Vec<u16> = columns
        .iter()
        .map(|(c, w)| {
            let header = width_of(label(*c)) as u16 + 1;
            match c {
                Column::Field(SortColumn::Title) => 0,
                Column::Field(SortColumn::Number) => number_width,
                Column::Field(f @ (SortColumn::Status | SortColumn::Team | SortColumn::Assignee)) => {
                    (content(*f).min(*w as usize) as u16).max(header)
                }
                _ => (*w).max(header),
            }
        })
        .collect();
    // The highlight mark and one space between columns.
    let taken = 1 + sizes.iter().sum::<u16>() + columns.len().saturating_sub(1) as u16;
    let title_at = columns.iter().position(|(c, _)| *c == Column::Field(SortColumn::Title));
    if let Some(i) = title_at {
        sizes[i] = area.width.saturating_sub(taken);
    }
    let widths: Vec<Constraint> = sizes.iter().map(|w| Constraint::Length(*w)).collect();
    let header = Row::new(columns.iter().map(|(c, _)| {
        let mut text = label(*c).to_string();
        if *c == Column::Field(q.sort.column) {
            text.push(if q.sort_arrow_up() { '↑' } else { '↓' });
        }
        Cell::from(text)
    }))
    .style(theme.header());
    let rows = q.rows.iter().map(|row| table_row(state, theme, row, &columns, &sizes, wide));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected((!q.rows.is_empty()).then_some(q.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// One ticket's row in the columns given (the queue's, or another list of tickets).
pub(crate) fn table_row<'a>(
    state: &'a AppState,
    theme: &Theme,
    row: &'a QueueRow,
    columns: &[(Column, u16)],
    sizes: &[u16],
    wide: bool,
) -> Row<'a> {
    let t = state.t();
    // Text longer than its column ends in `…`.
    let cut = |text: &str, i: usize| ellipsis(text, sizes[i] as usize);
    let cells = columns.iter().enumerate().map(|(i, (column, _))| match column {
        Column::Field(SortColumn::Number) => Cell::from(inert(&state.ctx.numbers.format(row.id)).into_owned()),
        Column::Field(SortColumn::Priority) => {
            let priority = row.priority.map(|p| p.to_string()).unwrap_or_else(|| "--".to_string());
            Cell::from(Span::styled(priority, theme.priority(row.priority)))
        }
        Column::Field(SortColumn::Status) => {
            Cell::from(cut(if wide { t.status(row.status) } else { t.status_short(row.status) }, i))
        }
        Column::Field(SortColumn::Title) => Cell::from(cut(&title_with_marks(row), i)),
        Column::Field(SortColumn::Team) => Cell::from(cut(&inert(row.team.as_deref().unwrap_or("")), i)),
        Column::Field(SortColumn::Assignee) => Cell::from(cut(&inert(row.assignee.as_deref().unwrap_or("")), i)),
        Column::Field(SortColumn::Age) => {
            Cell::from(Line::from(t.age((state.now - row.created_at).num_seconds())).alignment(Alignment::Right))
        }
        Column::Field(SortColumn::Due) => Cell::from(sla::most_urgent(state, theme, row.sla.as_ref())),
        Column::Clock(target) => Cell::from(sla::cell(state, theme, row.sla.as_ref(), *target)),
    });
    let row_style = if state.queue.changed.contains_key(&row.id) { theme.changed() } else { Default::default() };
    Row::new(cells.collect::<Vec<_>>()).style(row_style)
}

/// The title after marks that read without colour: `★` major incident,
/// `↳` linked to one, `▲` escalated, `⚑` a lead's attention asked.
fn title_with_marks(row: &QueueRow) -> String {
    let m = &row.marks;
    let mut marks = String::new();
    for (on, mark) in [(m.major, '★'), (m.child, '↳'), (m.escalated, '▲'), (m.lead_attention, '⚑')] {
        if on {
            marks.push(mark);
        }
    }
    if marks.is_empty() { inert(&row.title).into_owned() } else { format!("{marks} {}", inert(&row.title)) }
}

fn empty_database(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let keymap = &state.ctx.keymap;
    let key = |c| keymap.key_for(Layer::Queue, c).map(|k| k.to_string()).unwrap_or_default();
    let lines = vec![
        Line::from(Span::styled(t.empty_database, theme.header())),
        Line::from(""),
        // While demo data loads, that is what the offer says (keys still work).
        Line::from(match &state.busy {
            Some(loading) => loading.clone(),
            None => (t.empty_database_hint)(&key(Command::NewTicket), &key(Command::LoadDemo)),
        }),
    ];
    let rect = Rect { y: area.y + area.height / 3, height: 4.min(area.height), ..area };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }), rect);
}

/// Filters on the left (or the search field while typing), counts on the right.
fn status_bar(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect) {
    let t = state.t();
    let q = &state.queue;
    let f = &q.filter;
    let mut left: Vec<Span> = vec![Span::raw(" ")];
    if q.search_active {
        left.push(Span::styled(format!("{}: ", t.search_prompt), theme.key()));
        left.push(Span::raw(inert(&q.search_input).into_owned()));
        left.push(Span::styled(" ", theme.selected()));
    } else {
        let mut chips: Vec<String> =
            vec![if f.scope == Scope::Open { t.filter_open } else { t.filter_all }.to_string()];
        if f.mine {
            chips.push(t.filter_mine.to_string());
        }
        if f.unassigned {
            chips.push(t.filter_unassigned.to_string());
        }
        if f.my_team {
            chips.push(t.filter_team.to_string());
        }
        if let Some(p) = f.priority {
            chips.push(p.to_string());
        }
        if let Some(s) = f.status {
            chips.push(t.status(s).to_string());
        }
        if f.escalated {
            chips.push(t.filter_escalated.to_string());
        }
        if f.waiting {
            chips.push(t.filter_waiting.to_string());
        }
        if f.asked_of_me {
            chips.push(t.work.filter_asked_of_me.to_string());
        }
        if let Some(search) = &f.search {
            chips.push(format!("{} \"{}\"", t.search_prompt.to_lowercase(), inert(search)));
        }
        if f.slice.is_some() {
            chips.push((t.report.slice)(&inert(&q.slice_label)));
        }
        for (i, chip) in chips.into_iter().enumerate() {
            if i > 0 {
                left.push(Span::styled(" · ", theme.dim()));
            }
            left.push(Span::styled(chip, theme.label()));
        }
        let sort = (t.sorted_by)(&column_label(state, q.sort.column).to_lowercase(), q.sort_arrow_up());
        left.push(Span::styled(format!("  {sort}"), theme.dim()));
    }
    let due = crate::ui::widgets::update_clock::counter(state, theme);
    let due_width = due.as_ref().map_or(0, |d| width_of(&d.content));
    // The counts on the right, shorter when there is less room.
    let rights: Vec<String> = match q.counts.filter(|_| !q.counts_stale) {
        Some(c) => {
            let counted = (t.tickets_count)(c.matching, c.more);
            let position = q.position().map(|(at, of, more)| format!("{} · ", (t.row_position)(at, of, more)));
            let position = position.unwrap_or_default();
            let counts = (t.counts_line)(c.open, c.unassigned, c.p1);
            vec![format!("{position}{counted} · {counts} "), format!("{position}{counted} "), format!("{counted} ")]
        }
        None => vec![format!("{} ", t.loading)],
    };
    let width = area.width as usize;
    let spans_width = |spans: &[Span]| spans.iter().map(|s| width_of(&s.content)).sum::<usize>();
    // The sort order makes way before the counts do; the filters stay.
    let sort_span = if q.search_active { None } else { left.pop() };
    // The updates due stand beside the counts and are kept before the counts' detail.
    let fits =
        |left: &[Span], extra: usize, right: &str| spans_width(left) + extra + 2 + due_width + width_of(right) <= width;
    let with_sort = sort_span.as_ref().map_or(0, |s| width_of(&s.content));
    let (right, keep_sort) = match rights.iter().find(|r| fits(&left, with_sort, r)) {
        Some(r) => (r.clone(), true),
        None => (rights.iter().find(|r| fits(&left, 0, r)).unwrap_or(&rights[rights.len() - 1]).clone(), false),
    };
    if let (Some(sort), true) = (sort_span, keep_sort) {
        left.push(sort);
    }
    // Filters too many for the line end in `…`, before the counts.
    let room = width.saturating_sub(due_width + width_of(&right) + 2);
    if spans_width(&left) > room {
        let text: String = left.iter().map(|s| s.content.as_ref()).collect();
        left = vec![Span::styled(ellipsis(&text, room), theme.label())];
    }
    let pad = width.saturating_sub(spans_width(&left) + due_width + width_of(&right));
    left.push(Span::raw(" ".repeat(pad)));
    left.extend(due);
    left.push(Span::styled(right, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}
