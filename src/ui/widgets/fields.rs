//! Drawing a form of labelled rows: ticks, choices, lines and texts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::fields::{Fields, Input};
use crate::domain::text::{inert, inert_single_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::{ellipsis, width_of, wrap_text};

/// The least width of the label column.
const LABEL_WIDTH: u16 = 26;
const DROPDOWN_ROWS: usize = 6;

/// The most rows a text grows to before it scrolls inside its box.
const TEXT_ROWS: u16 = 8;

/// A row's height: a text is as high as its wrapped lines (at least its
/// own height, at most [`TEXT_ROWS`]), so what was typed is seen whole.
fn height(input: &Input, width: u16) -> u16 {
    match input {
        Input::Text(t, h) => {
            let room = (width as usize).saturating_sub(1);
            let wrapped: usize = t.lines().iter().map(|l| wrap_text(&inert(l), room).len()).sum();
            (wrapped as u16).clamp(*h, TEXT_ROWS.max(*h))
        }
        _ => 1,
    }
}

pub fn render(frame: &mut Frame, theme: &Theme, fields: &Fields, area: Rect) {
    if fields.rows.is_empty() {
        return;
    }
    // The label column fits the longest label (a pointer before it, a
    // space after), but leaves at least half the width to the values.
    let longest = fields
        .rows
        .iter()
        .filter(|r| !matches!(r.input, Input::Toggle(_)))
        .map(|r| width_of(&inert_single_line(&r.label)) as u16 + 2)
        .max()
        .unwrap_or(0);
    let label_width = longest.clamp(LABEL_WIDTH, (area.width / 2).max(LABEL_WIDTH));
    let input_width = area.width.saturating_sub(label_width);
    let heights: Vec<u16> = fields.rows.iter().map(|r| height(&r.input, input_width)).collect();
    let top_of = |i: usize| heights[..i].iter().sum::<u16>();
    // Scroll so that the focused row is on screen.
    let offset = (top_of(fields.focus) + heights[fields.focus]).saturating_sub(area.height);
    let mut dropdown = None;
    for (i, row) in fields.rows.iter().enumerate() {
        let top = top_of(i);
        if top < offset || top - offset + heights[i] > area.height {
            continue;
        }
        let rect = Rect { y: area.y + top - offset, height: heights[i], ..area };
        let focused = i == fields.focus;
        let label_style = if focused { theme.focus() } else { theme.label() };
        let pointer = if focused { "›" } else { " " };
        let input_rect = Rect { x: rect.x + label_width, width: rect.width.saturating_sub(label_width + 1), ..rect };
        match &row.input {
            Input::Toggle(on) => {
                // The box carries the meaning; colour only helps.
                let mark = if *on { "[x]" } else { "[ ]" };
                let line = Line::from(vec![
                    Span::styled(format!("{pointer}{mark} "), label_style),
                    Span::styled(
                        inert(&row.label).into_owned(),
                        if *on { theme.info() } else { ratatui::style::Style::new() },
                    ),
                ]);
                frame.render_widget(Paragraph::new(line), Rect { height: 1, ..rect });
                continue;
            }
            _ => {
                let text = ellipsis(&inert_single_line(&row.label), label_width as usize - 2);
                let label = Span::styled(format!("{pointer}{text}"), label_style);
                frame.render_widget(
                    Paragraph::new(label),
                    Rect { width: label_width.min(rect.width), height: 1, ..rect },
                );
            }
        }
        match &row.input {
            Input::Pick(p) if focused && !p.filter.is_empty() => {
                let line =
                    Line::from(vec![Span::raw(inert(&p.filter).into_owned()), Span::styled(" ", theme.selected())]);
                frame.render_widget(Paragraph::new(line), input_rect);
                dropdown = Some((input_rect, p));
            }
            Input::Pick(p) => {
                let style = if focused { theme.selected() } else { ratatui::style::Style::new() };
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("{} ▾", inert(p.chosen_label())), style)),
                    input_rect,
                );
                if focused {
                    dropdown = Some((input_rect, p));
                }
            }
            Input::Line(t) | Input::Text(t, _) if focused => frame.render_widget(t, input_rect),
            Input::Line(t) | Input::Text(t, _) => {
                let lines: Vec<Line> = t.lines().iter().map(|l| Line::from(inert(l).into_owned())).collect();
                frame.render_widget(Paragraph::new(lines).style(theme.dim()).wrap(Wrap { trim: false }), input_rect);
            }
            Input::Toggle(_) => {}
        }
    }
    if let Some((anchor, pick)) = dropdown {
        let matches = pick.matches();
        let shown = matches.len().clamp(1, DROPDOWN_ROWS) as u16;
        let h = shown + 2;
        let y = if anchor.y + 1 + h <= area.y + area.height { anchor.y + 1 } else { anchor.y.saturating_sub(h) };
        let rect = Rect { x: anchor.x, y, width: anchor.width.min(50), height: h };
        let lines = dropdown_lines(theme, pick, &matches, DROPDOWN_ROWS);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::ALL).border_style(theme.dim())),
            rect,
        );
    }
}

/// The rows of an open pick list that fit in `rows`, scrolled so that the
/// highlighted one shows, in that style.
pub fn dropdown_lines(
    theme: &Theme,
    pick: &crate::app::picklist::PickList,
    matches: &[usize],
    rows: usize,
) -> Vec<Line<'static>> {
    let first = pick.highlighted.saturating_sub(rows - 1);
    matches
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(pos, i)| {
            let style = if pos == pick.highlighted { theme.selected() } else { ratatui::style::Style::new() };
            Line::from(Span::styled(inert(&pick.choices[*i].label).into_owned(), style))
        })
        .collect()
}
