//! The registration form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::state::AppState;
use crate::domain::Field;
use crate::domain::knowledge::Article;
use crate::domain::text::{inert, inert_single_line};
use crate::keymap::{Command, Layer};
use crate::panes::register::state::{FormField, Input, RegisterForm};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::{ellipsis, width_of};
use crate::ui::widgets::{hint_or_message, title_bar};

const LABEL_WIDTH: u16 = 16;
const DROPDOWN_ROWS: usize = 6;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let Some(form) = &state.register else {
        title_bar(frame, r.title, state, theme, t.register_title);
        return;
    };
    match &form.editing {
        Some(e) => title_bar(frame, r.title, state, theme, &(t.edit.title)(&state.ctx.numbers.format(e.id))),
        None => title_bar(frame, r.title, state, theme, t.register_title),
    }
    // Knowledge that may help takes the bottom lines, when there is room.
    let mut body = r.body;
    let shown = form.suggestions.len().min(body.height.saturating_sub(16) as usize);
    if shown > 0 {
        let lines = shown as u16 + 1;
        body.height -= lines;
        let area = Rect { y: body.y + body.height, height: lines, ..body };
        suggestions(frame, state, theme, &form.suggestions[..shown], area);
    }
    let r = &Regions { body, ..*r };
    let description_height = (4 + r.body.height.saturating_sub(16)).min(10);
    let heights: Vec<u16> =
        form.fields.iter().map(|f| if matches!(f.input, Input::Text(_)) { description_height } else { 1 }).collect();
    // Scroll so that the focused field is on screen.
    let top_of = |i: usize| heights[..i].iter().sum::<u16>();
    let focus_bottom = top_of(form.focus) + heights[form.focus];
    let offset = focus_bottom.saturating_sub(r.body.height);
    let mut dropdown_anchor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let top = top_of(i);
        if top < offset || top - offset + heights[i] > r.body.height {
            continue;
        }
        let rect = Rect { x: r.body.x, y: r.body.y + top - offset, width: r.body.width, height: heights[i] };
        let focused = i == form.focus;
        field_row(frame, state, theme, form, field, focused, rect);
        if focused && matches!(field.input, Input::Pick(_)) {
            dropdown_anchor = Some(rect);
        }
    }
    if let (Some(anchor), Input::Pick(_), true) = (dropdown_anchor, &form.focused().input, form.list_open) {
        dropdown(frame, state, theme, form.focused(), anchor, r.body);
    }
    let hint = |c| state.ctx.keymap.key_for(Layer::Form, c).map(|k| k.to_string()).unwrap_or_default();
    let mut text = (t.form_hint)(&hint(Command::NextField), &hint(Command::Save), &hint(Command::Cancel));
    let picklist = (t.picklist_hint)(&state.ctx.keymap.up_down(Layer::Form));
    if matches!(form.focused().input, Input::Pick(_))
        && width_of(&format!(" {picklist} · {text}")) < r.hints.width as usize
    {
        text = format!("{picklist} · {text}");
    }
    hint_or_message(frame, r.hints, state, theme, &text);
}

fn suggestions(frame: &mut Frame, state: &AppState, theme: &Theme, articles: &[Article], area: Rect) {
    let t = state.t();
    let numbers = crate::domain::knowledge::article_numbers();
    let mut lines = vec![Line::from(Span::styled(t.knowledge_while_registering, theme.header()))];
    let room = (area.width as usize).saturating_sub(1);
    lines.extend(
        articles.iter().map(|a| {
            Line::from(ellipsis(&format!("  {}  {}", numbers.format(a.id), inert_single_line(&a.title)), room))
        }),
    );
    frame.render_widget(Paragraph::new(lines), area);
}

fn field_row(
    frame: &mut Frame,
    state: &AppState,
    theme: &Theme,
    form: &RegisterForm,
    field: &FormField,
    focused: bool,
    rect: Rect,
) {
    let t = state.t();
    let marker = if field.required { t.required_marker } else { "" };
    let pointer = if focused { "›" } else { " " };
    let label_text = format!("{pointer}{}{marker}", t.field(field.field));
    let label_style = if focused { theme.focus() } else { theme.label() };
    let label_rect = Rect { width: LABEL_WIDTH.min(rect.width), height: 1, ..rect };
    frame.render_widget(Paragraph::new(Span::styled(label_text, label_style)), label_rect);

    let mut problem = form.problem_for(field.field).map(|p| (t.problem)(p.problem));
    if focused && form.unmatched {
        problem = Some(t.edit.not_in_list_short.to_string());
    }
    let problem_width = problem.as_ref().map_or(0, |p| p.chars().count() as u16 + 2);
    let mut input_rect =
        Rect { x: rect.x + LABEL_WIDTH, width: rect.width.saturating_sub(LABEL_WIDTH + problem_width + 1), ..rect };
    if let Some(problem) = problem {
        let x = input_rect.x + input_rect.width + 1;
        let p_rect = Rect { x, y: rect.y, width: problem_width.saturating_sub(1), height: 1 };
        frame.render_widget(Paragraph::new(Span::styled(problem, theme.error())), p_rect);
    }
    // The computed priority sits to the right of the urgency.
    if field.field == Field::Urgency {
        let priority = form.priority(&state.ctx.policy.matrix);
        let text = match priority {
            Some(p) => format!("{}: {p} {}", t.field(Field::Priority), t.priority_name(p.get())),
            None => format!("{}: {}", t.field(Field::Priority), t.unclassified),
        };
        let width = text.chars().count() as u16 + 1;
        if input_rect.width > width + 20 {
            input_rect.width -= width;
            let p_rect = Rect { x: input_rect.x + input_rect.width, width, height: 1, ..rect };
            frame.render_widget(Paragraph::new(Span::styled(text, theme.priority(priority))), p_rect);
        }
    }
    match &field.input {
        Input::Line(area) | Input::Text(area) if focused => frame.render_widget(area, input_rect),
        // One line not being typed in: what does not fit ends in `…`.
        Input::Line(area) => {
            let text = ellipsis(&inert(&area.lines().join(" ")), input_rect.width as usize);
            frame.render_widget(Paragraph::new(Line::from(text)), input_rect);
        }
        Input::Text(area) => {
            let lines: Vec<Line> = area.lines().iter().map(|l| Line::from(inert(l).into_owned())).collect();
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), input_rect);
        }
        Input::Pick(pick) if focused && !pick.filter.is_empty() => {
            let line =
                Line::from(vec![Span::raw(inert(&pick.filter).into_owned()), Span::styled(" ", theme.selected())]);
            frame.render_widget(Paragraph::new(line), input_rect);
        }
        Input::Pick(pick) => {
            let style = if focused { theme.selected() } else { ratatui::style::Style::new() };
            let room = (input_rect.width as usize).saturating_sub(2);
            let text = format!("{} ▾", ellipsis(&inert(pick.chosen_label()), room));
            frame.render_widget(Paragraph::new(Span::styled(text, style)), input_rect);
        }
    }
}

/// The options of the focused pick list, below it (or above when there is no room).
fn dropdown(frame: &mut Frame, state: &AppState, theme: &Theme, field: &FormField, anchor: Rect, body: Rect) {
    let Input::Pick(pick) = &field.input else { return };
    let matches = pick.matches();
    let shown = matches.len().clamp(1, DROPDOWN_ROWS) as u16;
    let height = shown + 2;
    let below = anchor.y + 1;
    let y = if below + height <= body.y + body.height { below } else { anchor.y.saturating_sub(height) };
    let width = pick.choices.iter().map(|c| c.label.chars().count()).max().unwrap_or(10).clamp(16, 60) as u16 + 4;
    let rect = Rect { x: anchor.x + LABEL_WIDTH, y, width: width.min(body.width.saturating_sub(LABEL_WIDTH)), height };
    let lines: Vec<Line> = if matches.is_empty() {
        vec![Line::from(Span::styled(state.t().no_options, theme.dim()))]
    } else {
        crate::ui::widgets::fields::dropdown_lines(theme, pick, &matches, DROPDOWN_ROWS)
    };
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.dim());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
