//! Small pieces shared by the panes.

pub mod fields;
pub mod sla;
pub mod update_clock;
pub mod working;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::state::{AppState, Message, Question};
use crate::keymap::{Command, Layer};
use crate::panes::Hint;

/// A rectangle of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The widths a table's columns get in `width` cells (less any highlight
/// mark; one space between columns), for cutting cells to size.
pub fn column_widths(width: u16, columns: &[ratatui::layout::Constraint]) -> Vec<u16> {
    let area = Rect { x: 0, y: 0, width, height: 1 };
    ratatui::layout::Layout::horizontal(columns.to_vec()).spacing(1).split(area).iter().map(|r| r.width).collect()
}

pub fn too_small(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let text = (state.t().too_small)(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let paragraph = Paragraph::new(text).style(theme.error()).wrap(Wrap { trim: true }).alignment(Alignment::Center);
    let h = 3.min(area.height);
    frame.render_widget(paragraph, Rect { y: area.y + area.height.saturating_sub(h) / 2, height: h, ..area });
}

/// The title band: program name, what is shown, who is working.
pub fn title_bar(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, title: &str) {
    let user = crate::domain::text::inert(&state.ctx.user);
    let mut right = format!("{user} ");
    if state.ctx.names_trusted {
        right = format!("[{}] {right}", state.t().names_trusted_mark);
    }
    if state.ctx.read_only {
        right = format!("[{}] {right}", state.t().read_only_mark);
    }
    // A long title ends in `…` before the name of who is working.
    let room = (area.width as usize).saturating_sub(wrap::width_of(&right) + 1);
    let left = wrap::ellipsis(&format!(" meldpunt · {}", crate::domain::text::inert_single_line(title)), room);
    let pad = (area.width as usize).saturating_sub(wrap::width_of(&left) + wrap::width_of(&right));
    let line = Line::from(format!("{left}{}{right}", " ".repeat(pad)));
    frame.render_widget(Paragraph::new(line).style(theme.title()), area);
}

/// The message of the moment, wrapped to the screen's width so it is read
/// whole: at most `most` lines, the last ending in `…` if even that is
/// too few.
pub fn message_lines(state: &AppState, theme: &Theme, width: u16, most: u16) -> Vec<Line<'static>> {
    let t = state.t();
    let (text, style) = match &state.message {
        Some(Message::Info(text)) => (crate::domain::text::inert(text).into_owned(), theme.info()),
        Some(Message::Error(text)) => {
            (format!("{}: {}", t.error_prefix, crate::domain::text::inert(text)), theme.error())
        }
        None => return Vec::new(),
    };
    let room = (width as usize).saturating_sub(2);
    let mut lines = Vec::new();
    for part in text.lines() {
        lines.extend(wrap::wrap_text(part, room));
    }
    let most = most.max(1) as usize;
    if lines.len() > most {
        lines.truncate(most);
        let last = lines.pop().unwrap_or_default();
        lines.push(wrap::ellipsis(&format!("{last} …"), room));
    }
    lines.into_iter().map(|l| Line::from(Span::styled(format!(" {l}"), style))).collect()
}

/// The bottom line: key hints for the commands given, with the keys taken
/// from the live keymap, as many as fit (a message shows above it, see
/// [`message_lines`]).
pub fn hints_or_message(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    layer: Layer,
    commands: &[Command],
) {
    hint_bar(frame, area, state, theme, layer, &crate::panes::all_on(commands));
}

/// The bottom line of a pane's hints: one that cannot be used now is dimmed.
pub fn hint_bar(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, layer: Layer, hints: &[Hint]) {
    frame.render_widget(Paragraph::new(hint_line(state, theme, layer, hints, area.width)), area);
}

/// The bottom line: this hint, cut short with `…` if it must be.
pub fn hint_or_message(frame: &mut Frame, area: Rect, _state: &AppState, theme: &Theme, hint: &str) {
    let text = wrap::shorten_parts(hint, (area.width as usize).saturating_sub(2));
    frame.render_widget(Paragraph::new(Line::from(Span::styled(format!(" {text}"), theme.dim()))), area);
}

/// Hints in the order given, which is their priority: when they do not
/// all fit, the last ones before help and quit make way first, so help,
/// quit and the way back stay on screen.
fn hint_line(state: &AppState, theme: &Theme, layer: Layer, offered: &[Hint], width: u16) -> Line<'static> {
    let keymap = &state.ctx.keymap;
    let t = state.t();
    let hints: Vec<(Command, bool, String, String)> = offered
        .iter()
        .filter_map(|hint| {
            let command = hint.command;
            let key = keymap.key_for(layer, command).or_else(|| keymap.key_for(Layer::Global, command))?;
            Some((command, hint.enabled, key.to_string(), t.hint(command).to_string()))
        })
        .collect();
    // Help, quit and the way back out stay longest.
    let last_resort = |c: Command| matches!(c, Command::Help | Command::Quit | Command::Cancel | Command::Back);
    let room = (width as usize).saturating_sub(2);
    let needed = |shown: &[&(Command, bool, String, String)]| -> usize {
        shown.iter().map(|(_, _, k, h)| wrap::width_of(k) + 1 + wrap::width_of(h)).sum::<usize>()
            + 3 * shown.len().saturating_sub(1)
    };
    let mut shown: Vec<&(Command, bool, String, String)> = hints.iter().collect();
    while needed(&shown) > room {
        // The lowest-priority hint that is not help or quit goes first.
        match shown.iter().rposition(|(c, ..)| !last_resort(*c)) {
            Some(i) => {
                shown.remove(i);
            }
            None => break,
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (_, enabled, key, hint) in shown {
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        if *enabled {
            spans.push(Span::styled(key.clone(), theme.key()));
            spans.push(Span::raw(format!(" {hint}")));
        } else {
            spans.push(Span::styled(format!("{key} {hint}"), theme.dim()));
        }
    }
    Line::from(spans)
}

pub fn confirm(frame: &mut Frame, state: &AppState, theme: &Theme, area: Rect, question: Question) {
    let t = state.t();
    let lines: Vec<String> = match question {
        Question::DiscardForm | Question::DiscardMessage | Question::DiscardRecord => {
            vec![t.form.confirm_discard.to_string()]
        }
        Question::QuitWithUnsavedForm => vec![t.form.confirm_quit.to_string()],
        Question::SetStatus { id, status, .. } => {
            let pauses = status != crate::domain::Status::Resolved;
            vec![(t.form.confirm_status)(&state.ctx.numbers.format(id), t.status(status), pauses)]
        }
        Question::Conflict => conflict_lines(state),
        Question::ResolveChildren => {
            // Show which incidents would be resolved too, before anyone says yes.
            let children = state.detail.as_ref().map(|d| d.children.as_slice()).unwrap_or(&[]);
            let open: Vec<_> = children.iter().filter(|c| c.is_open()).collect();
            let mut lines = vec![(t.form.confirm_resolve_children)(open.len())];
            lines.extend(open.iter().take(8).map(|c| {
                let title = wrap::ellipsis(&crate::domain::text::inert_single_line(&c.title), 40);
                format!("{}  {title}", state.ctx.numbers.format(c.id))
            }));
            if open.len() > 8 {
                lines.push(format!("… +{}", open.len() - 8));
            }
            lines
        }
    };
    let keymap = &state.ctx.keymap;
    let key = |c| keymap.key_for(Layer::Confirm, c).map(|k| k.to_string()).unwrap_or_default();
    // Every key that answers, so nobody has to guess ("y/j", "n/Esc/Enter").
    let keys = |commands: &[Command]| {
        let bound = keymap.bindings(Layer::Confirm);
        let names: Vec<String> = commands
            .iter()
            .flat_map(|c| bound.iter().filter(move |(b, _)| b == c).flat_map(|(_, keys)| keys.iter()))
            .map(|k| k.to_string())
            .collect();
        names.join("/")
    };
    let (yes, keep) = (keys(&[Command::Confirm]), keys(&[Command::Cancel, Command::Dismiss]));
    let hint = match question {
        Question::Conflict => (t.conflict_hint)(&key(Command::Confirm), &key(Command::Cancel)),
        Question::ResolveChildren => (t.form.confirm_hint)(&yes, &keys(&[Command::Cancel])),
        Question::QuitWithUnsavedForm => (t.form.confirm_quit_hint)(&yes, &keep),
        Question::DiscardForm | Question::DiscardMessage | Question::DiscardRecord => {
            (t.form.confirm_discard_hint)(&yes, &keep)
        }
        Question::SetStatus { .. } => (t.form.confirm_hint)(&yes, &keep),
    };
    let widest = lines.iter().map(|l| wrap::width_of(l)).max().unwrap_or(0).max(wrap::width_of(&hint));
    // Never wider than the screen: longer lines wrap inside the box.
    let width = (widest + 6).min(area.width.saturating_sub(2) as usize) as u16;
    let room = width.saturating_sub(4) as usize;
    let mut body: Vec<Line> = lines.into_iter().flat_map(|l| wrap::wrap_line(Line::from(l), room)).collect();
    body.push(Line::from(""));
    body.extend(wrap::wrap_line(Line::from(Span::styled(hint, theme.dim())), room));
    let rect = centered(area, width, body.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.focus());
    let align = if question == Question::Conflict { Alignment::Left } else { Alignment::Center };
    frame.render_widget(Paragraph::new(body).block(block).alignment(align), rect);
}

/// Who changed what, and per field the user's value beside the value now.
fn conflict_lines(state: &AppState) -> Vec<String> {
    let t = state.t();
    let Some(c) = &state.conflict else { return Vec::new() };
    let when = c.changed_at.with_timezone(&chrono::Local).format("%H:%M:%S").to_string();
    let who = crate::domain::text::inert_single_line(&c.changed_by);
    let mut lines = vec![(t.conflict_title)(&state.ctx.numbers.format(c.id), &who, &when), String::new()];
    let shown = |f, v: &Option<String>| {
        let text = t.field_value(f, v.as_deref());
        wrap::fit(&crate::domain::text::inert_single_line(&text), 24)
    };
    let label_width = c.fields.iter().map(|(f, ..)| t.field(*f).chars().count()).max().unwrap_or(0);
    lines.push(format!("{:<label_width$}  {:<24}  {}", "", t.conflict_yours, t.conflict_now));
    for (field, mine, now) in &c.fields {
        let mark = if mine != now { "≠" } else { " " };
        lines.push(format!("{:<label_width$}  {}{mark} {}", t.field(*field), shown(*field, mine), shown(*field, now)));
    }
    lines
}
