//! Writing a work note or a message to the reporter.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::state::AppState;
use crate::domain::text::inert;
use crate::keymap::{Command, Layer};
use crate::panes::compose::state::{ComposeFocus, ComposeKind};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::{ellipsis, width_of};
use crate::ui::widgets::{hints_or_message, title_bar};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let Some(compose) = &state.compose else { return };
    let number = state.ctx.numbers.format(compose.ticket_id);
    let title = match compose.kind {
        ComposeKind::Note => (t.form.compose_note_title)(&number),
        ComposeKind::Message => (t.form.compose_message_title)(&number),
    };
    title_bar(frame, r.title, state, theme, &title);
    let hints: &[Command] = match compose.kind {
        ComposeKind::Note => &[Command::Send, Command::Cancel],
        ComposeKind::Message if state.ctx.mail_configured => {
            &[Command::Send, Command::RecordOnly, Command::NextField2, Command::ToLinked, Command::Cancel]
        }
        // Nothing can be sent: recording is what is offered.
        ComposeKind::Message => &[Command::RecordOnly, Command::NextField2, Command::ToLinked, Command::Cancel],
    };
    if compose.kind == ComposeKind::Note && state.message.is_none() {
        // A note is saved with the ticket, not sent to anyone.
        let key = |c| state.ctx.keymap.key_for(Layer::Compose, c).map(|k| k.to_string()).unwrap_or_default();
        let (save, cancel) = (t.hint(Command::Save), t.hint(Command::Cancel));
        let hint = format!("{} {save} · {} {cancel}", key(Command::Send), key(Command::Cancel));
        crate::ui::widgets::hint_or_message(frame, r.hints, state, theme, &hint);
    } else {
        hints_or_message(frame, r.hints, state, theme, Layer::Compose, hints);
    }

    if compose.focus == ComposeFocus::Template {
        let mut lines = vec![Line::from(Span::styled(t.form.compose_choose_template, theme.header())), Line::from("")];
        for (pos, i) in compose.templates.matches().iter().enumerate() {
            let style =
                if pos == compose.templates.highlighted { theme.selected() } else { ratatui::style::Style::new() };
            let label = ellipsis(&compose.templates.choices[*i].label, (r.body.width as usize).saturating_sub(3));
            lines.push(Line::from(Span::styled(format!("  {label}"), style)));
        }
        frame.render_widget(Paragraph::new(lines), r.body);
        return;
    }
    // The subject's box grows with its wrapped text, up to three lines.
    let subject_text = compose.subject.lines().join(" ");
    let subject_room = (r.body.width as usize).saturating_sub(3).max(1);
    let subject_rows = (width_of(&subject_text) / subject_room + 1).min(3) as u16;
    let [head, subject, body] = Layout::vertical([
        Constraint::Length(match compose.kind {
            ComposeKind::Message if state.ctx.mail_configured => 1,
            ComposeKind::Message => 2,
            ComposeKind::Note => 0,
        }),
        Constraint::Length(if compose.kind == ComposeKind::Message { subject_rows + 2 } else { 0 }),
        Constraint::Min(3),
    ])
    .areas(r.body);
    if compose.kind == ComposeKind::Message {
        let to = compose
            .recipient
            .as_deref()
            .map(|a| inert(a).into_owned())
            .unwrap_or_else(|| t.form.compose_no_address.to_string());
        let mut spans = vec![Span::styled(format!("{} ", t.form.compose_to), theme.label()), Span::raw(to)];

        let children = state.detail.as_ref().map_or(0, |d| d.children.len());
        if compose.to_children && children > 0 {
            spans.push(Span::styled(format!("  + {}", (t.form.compose_and_linked)(children)), theme.warning()));
        }
        // One line: what does not fit ends in `…`.
        let room = (head.width as usize).saturating_sub(1);
        let mut shown = Vec::new();
        let mut used = 0;
        for span in spans {
            let text = ellipsis(&span.content, room.saturating_sub(used));
            used += width_of(&text);
            shown.push(Span::styled(text, span.style));
        }
        let mut head_lines = vec![Line::from(shown)];
        if !state.ctx.mail_configured {
            // No mail command: the message is recorded, not sent.
            let key =
                state.ctx.keymap.key_for(Layer::Compose, Command::Send).map(|k| k.to_string()).unwrap_or_default();
            head_lines.push(Line::from(Span::styled((t.form.compose_no_mail)(&key), theme.warning())));
        }
        frame.render_widget(Paragraph::new(head_lines), head);
        let style = |focused| if focused { theme.focus() } else { theme.dim() };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(t.form.compose_subject)
            .border_style(style(compose.focus == ComposeFocus::Subject));
        // A column kept free on the right, so wrapped text never meets the border.
        let inner = block.inner(subject);
        frame.render_widget(&compose.subject, Rect { width: inner.width.saturating_sub(1), ..inner });
        frame.render_widget(block, subject);
    }
    let block = Block::default().borders(Borders::ALL).title(t.form.compose_text).border_style(theme.focus());
    let inner = block.inner(body);
    frame.render_widget(&compose.body, Rect { width: inner.width.saturating_sub(1), ..inner });
    frame.render_widget(block, body);
}
