//! The problem list (or the recurring incidents without one) and the
//! knowledge base.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::app::state::{AppState, Screen};
use crate::domain::knowledge::{article_numbers, problem_numbers};
use crate::domain::text::inert;
use crate::keymap::{Command, Layer};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::ellipsis;
use crate::ui::widgets::{column_widths, title_bar};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let l = &state.panes.library;
    let title = match state.screen {
        Screen::Problems if l.recurring => t.recurring_title,
        Screen::Problems => t.problems_title,
        _ => t.knowledge_title,
    };
    title_bar(frame, r.title, state, theme, title);
    let (header, widths, rows): (Vec<&str>, Vec<Constraint>, Vec<Vec<String>>) = match state.screen {
        Screen::Problems if l.recurring => (
            vec![t.field(crate::domain::Field::Service), t.field(crate::domain::Field::Category), t.col.incidents],
            vec![Constraint::Fill(1), Constraint::Fill(1), Constraint::Length(10)],
            l.clusters
                .iter()
                .map(|c| vec![inert(&c.service).into_owned(), inert(&c.category).into_owned(), c.count.to_string()])
                .collect(),
        ),
        Screen::Problems => (
            vec![t.col.number, t.col.title, t.col.status, t.col.incidents],
            vec![Constraint::Length(10), Constraint::Fill(1), Constraint::Length(14), Constraint::Length(10)],
            l.problems
                .iter()
                .map(|(p, n)| {
                    vec![
                        problem_numbers().format(p.id),
                        inert(&p.title).into_owned(),
                        t.problem_status(p.status).to_string(),
                        n.to_string(),
                    ]
                })
                .collect(),
        ),
        _ => (
            vec![t.col.number, t.col.title, t.field(crate::domain::Field::Service), t.kb_tags],
            vec![Constraint::Length(10), Constraint::Fill(2), Constraint::Fill(1), Constraint::Fill(1)],
            l.articles
                .iter()
                .map(|a| {
                    vec![
                        article_numbers().format(a.id),
                        inert(&a.title).into_owned(),
                        inert(a.service.as_deref().unwrap_or("")).into_owned(),
                        inert(&a.tags.join(", ")).into_owned(),
                    ]
                })
                .collect(),
        ),
    };
    let mut body = r.body;
    if state.screen == Screen::Knowledge && (l.search_active || !l.search.is_empty()) {
        let line = Line::from(vec![
            Span::styled(format!(" {}: ", t.search_prompt), theme.key()),
            Span::raw(inert(&l.search).into_owned()),
            Span::styled(if l.search_active { " " } else { "" }, theme.selected()),
        ]);
        frame.render_widget(Paragraph::new(line), ratatui::layout::Rect { height: 1, ..body });
        body.y += 1;
        body.height = body.height.saturating_sub(1);
    }
    let empty = rows.is_empty();
    // Exact column widths, so a text longer than its column ends in `…`.
    let sizes = column_widths(body.width.saturating_sub(1), &widths);
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|cells| Row::new(cells.iter().zip(&sizes).map(|(c, w)| Cell::from(ellipsis(c, *w as usize)))))
        .collect();
    let widths: Vec<Constraint> = sizes.iter().map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header()))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut selected = TableState::default().with_selected((!empty).then_some(l.row));
    frame.render_stateful_widget(table, body, &mut selected);
    if empty && body.height > 2 {
        let key = |c| state.ctx.keymap.key_for(Layer::Library, c).map(|k| k.to_string()).unwrap_or_default();
        let words = match state.screen {
            Screen::Problems if l.recurring => (t.edit.no_recurring)(crate::app::executor::RECURRING_DAYS),
            Screen::Problems => (t.edit.no_problems)(&key(Command::AddItem), &key(Command::Recurring)),
            _ if !l.search.is_empty() => (t.edit.no_article_matches)(&inert(&l.search)),
            _ => (t.edit.no_articles)(&key(Command::AddItem)),
        };
        let area = ratatui::layout::Rect { y: body.y + 2, height: body.height - 2, ..body };
        let text = Paragraph::new(format!(" {words}")).style(theme.dim()).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, area);
    }
}
