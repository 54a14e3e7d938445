//! Writing a note or a message: choosing a template, editing, sending.

use crate::app::effect::{Effect, Outgoing};
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::keymap::Command;
use crate::panes::compose::state::{ComposeFocus, ComposeKind, text_area};
use crate::service::message::{next_update_after, template_values};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub fn close(state: &mut AppState) {
    state.compose = None;
    state.screen = if state.detail.is_some() { Screen::Detail } else { Screen::Queue };
}

/// The message or note on this ticket is stored: the pane that sent it goes,
/// shown or left while it was under way (a new one being typed stays).
pub fn sent(state: &mut AppState, id: crate::domain::TicketId) {
    if !state.compose.as_ref().is_some_and(|c| state.answers(c.saving) && c.ticket_id == id) {
        return;
    }
    if state.screen == Screen::Compose {
        close(state);
    } else {
        state.compose = None;
    }
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let Some(compose) = state.compose.as_mut() else { return Vec::new() };
    if compose.saving.is_some() {
        // On its way: the user may go and do something else meanwhile.
        if command == Command::Cancel {
            state.screen = if state.detail.is_some() { Screen::Detail } else { Screen::Queue };
        }
        return Vec::new();
    }
    match command {
        Command::Cancel => {
            if compose.is_dirty() {
                state.overlay = Some(Overlay::Confirm(Question::DiscardMessage));
            } else {
                close(state);
            }
        }
        Command::NextField2 if compose.kind == ComposeKind::Message && compose.focus != ComposeFocus::Template => {
            compose.focus =
                if compose.focus == ComposeFocus::Body { ComposeFocus::Subject } else { ComposeFocus::Body };
        }
        Command::ToLinked => {
            let has_children = state.detail.as_ref().is_some_and(|d| !d.children.is_empty());
            if let Some(compose) = state.compose.as_mut() {
                compose.to_children = has_children && !compose.to_children;
            }
        }
        // Without a mail command nothing can be sent: the main key records.
        Command::Send => return finish(state, !state.ctx.mail_configured),
        Command::RecordOnly => return finish(state, true),
        _ => {}
    }
    Vec::new()
}

pub fn input(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(compose) = state.compose.as_mut() else { return Vec::new() };
    if compose.saving.is_some() {
        return Vec::new();
    }
    match compose.focus {
        ComposeFocus::Template => match key.code {
            KeyCode::Enter => return start_from_template(state),
            KeyCode::Up => compose.templates.move_highlight(-1),
            KeyCode::Down => compose.templates.move_highlight(1),
            KeyCode::Backspace => compose.templates.backspace(),
            KeyCode::Char(c) => compose.templates.type_char(c),
            _ => {}
        },
        ComposeFocus::Subject => {
            if key.code != KeyCode::Enter {
                compose.subject.input(key);
            } else {
                compose.focus = ComposeFocus::Body;
            }
        }
        ComposeFocus::Body => {
            compose.body.input(key);
        }
    }
    Vec::new()
}

pub fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if let Some(compose) = state.compose.as_mut() {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match compose.focus {
            ComposeFocus::Body => {
                compose.body.insert_str(text);
            }
            ComposeFocus::Subject => {
                compose.subject.insert_str(text.replace('\n', " "));
            }
            ComposeFocus::Template => {}
        }
    }
    Vec::new()
}

/// Fills the chosen template in from the incident and opens it for editing.
fn start_from_template(state: &mut AppState) -> Vec<Effect> {
    let t = state.t();
    let language = state.ctx.language.code();
    let Some(compose) = state.compose.as_mut() else { return Vec::new() };
    compose.templates.accept();
    let Some(name) = compose.chosen_template() else { return Vec::new() };
    let detail = state.detail.as_ref().filter(|d| d.id == compose.ticket_id);
    let Some(ticket) = detail.and_then(|d| d.ticket.as_ref()) else { return Vec::new() };
    let operator = if state.my_name.is_empty() { state.ctx.user.clone() } else { state.my_name.clone() };
    let next = next_update_after(&state.ctx.policy, detail.and_then(|d| d.sla.as_ref()), state.now);
    let values = template_values(t, &state.ctx.numbers, ticket, next, &operator);
    let filled = state.ctx.templates.get(language, name).fill(&values);
    compose.subject = text_area(&filled.subject);
    compose.body = text_area(&filled.body);
    compose.started_from = Some((compose.subject_text(), compose.body_text()));
    compose.focus = ComposeFocus::Body;
    Vec::new()
}

fn finish(state: &mut AppState, record_only: bool) -> Vec<Effect> {
    let t = state.t();
    let ask = state.ask();
    let Some(compose) = state.compose.as_mut() else { return Vec::new() };
    let body = compose.body_text();
    if body.trim().is_empty() {
        state.message = Some(Message::Error(t.empty_text.to_string()));
        return Vec::new();
    }
    let id = compose.ticket_id;
    compose.saving = Some(ask);
    match compose.kind {
        ComposeKind::Note => vec![Effect::AddNote { id, body }.asked(ask)],
        ComposeKind::Message => {
            // Who it goes to is looked up as it is sent (`service::message::recipients`).
            let to_linked = compose.to_children;
            let subject = compose.subject_text();
            let template = compose.chosen_template();
            let out = Outgoing { ticket_id: id, subject, body, record_only, to_linked, template };
            vec![Effect::SendMessage(Box::new(out)).asked(ask)]
        }
    }
}
