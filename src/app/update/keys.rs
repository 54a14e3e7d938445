//! From a key press to a command, against the live keymap.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::{admin, compose, detail, dialog, library, queue, record, register, reports, wizard, work};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::keymap::{Command, KeyChord, Layer};

/// The layer that receives keys now.
pub fn active_layer(state: &AppState) -> Layer {
    match (state.overlay, state.screen) {
        (Some(Overlay::Confirm(_)), _) => Layer::Confirm,
        _ if state.dialog.is_some() => Layer::Dialog,
        (_, Screen::Queue) => Layer::Queue,
        (_, Screen::Detail) => Layer::Detail,
        (_, Screen::Register) => Layer::Form,
        (_, Screen::Wizard) => Layer::Wizard,
        (_, Screen::Compose) => Layer::Compose,
        (_, Screen::Admin) => Layer::Admin,
        (_, Screen::Record) => Layer::Form,
        (_, Screen::Problems | Screen::Knowledge) => Layer::Library,
        (_, Screen::Reports) => Layer::Reports,
    }
}

/// True while typed characters are text, not commands.
fn typing(state: &AppState) -> bool {
    state.overlay.is_none()
        && (state.dialog.is_some()
            || matches!(state.screen, Screen::Register | Screen::Wizard | Screen::Compose | Screen::Record)
            || (state.screen == Screen::Knowledge && state.library.search_active)
            || (state.screen == Screen::Queue && state.queue.search_active))
}

pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let Some(chord) = KeyChord::from_event(&key) else {
        return Vec::new();
    };
    if state.busy.is_some() {
        return Vec::new();
    }
    state.message = None;
    if state.overlay == Some(Overlay::Help) {
        // Arrows and page keys scroll a long help; any other key closes it.
        use ratatui::crossterm::event::KeyCode;
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => state.help_scroll = state.help_scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => state.help_scroll = state.help_scroll.saturating_sub(1),
            KeyCode::PageDown => state.help_scroll = state.help_scroll.saturating_add(10),
            KeyCode::PageUp => state.help_scroll = state.help_scroll.saturating_sub(10),
            _ => {
                state.overlay = None;
                state.help_scroll = 0;
            }
        }
        return Vec::new();
    }
    let typing = typing(state);
    if state.queue.search_active
        && state.screen == Screen::Queue
        && let Some(effects) = queue::search_key(state, &key)
    {
        return effects;
    }
    if let Some(effects) = library::search_key(state, &key) {
        return effects;
    }
    let layer = active_layer(state);
    let text_is_input = typing && chord.is_text();
    let command =
        if text_is_input {
            None
        } else {
            state.ctx.keymap.resolve(layer, &chord).or_else(|| {
                (layer != Layer::Confirm).then(|| state.ctx.keymap.resolve(Layer::Global, &chord)).flatten()
            })
        };
    match command {
        Some(command) => run(state, command),
        None if state.overlay.is_some() => Vec::new(),
        None if matches!(layer, Layer::Queue | Layer::Detail) && chord.is_text() => {
            // A letter that means nothing here says so, instead of nothing at all.
            let help = state.ctx.keymap.key_for(Layer::Global, Command::Help).map(|k| k.to_string());
            state.message =
                Some(Message::Info((state.t().key_does_nothing)(&chord.to_string(), &help.unwrap_or_default())));
            Vec::new()
        }
        None => match active_layer(state) {
            Layer::Dialog => dialog::input(state, key),
            Layer::Form if state.screen == Screen::Record => record::input(state, key),
            Layer::Form => register::input(state, key),
            Layer::Wizard => wizard::input(state, key),
            Layer::Compose => compose::input(state, key),
            _ => Vec::new(),
        },
    }
}

pub fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if state.overlay.is_none() && state.dialog.is_none() {
        match state.screen {
            Screen::Register => return register::paste(state, text),
            Screen::Compose => return compose::paste(state, text),
            Screen::Record => return record::paste(state, text),
            _ => {}
        }
    }
    if state.queue.search_active && state.screen == Screen::Queue {
        return queue::search_paste(state, text);
    }
    Vec::new()
}

/// Runs a bound command in the active layer.
pub fn run(state: &mut AppState, command: Command) -> Vec<Effect> {
    match command {
        Command::Quit => request_quit(state),
        Command::Help => {
            state.overlay = Some(Overlay::Help);
            Vec::new()
        }
        _ => match active_layer(state) {
            Layer::Confirm => answer(state, command),
            Layer::Queue => queue::command(state, command),
            Layer::Detail => detail::command(state, command),
            Layer::Form if state.screen == Screen::Record => record::command(state, command),
            Layer::Form => register::command(state, command),
            Layer::Library => library::command(state, command),
            Layer::Wizard => wizard::command(state, command),
            Layer::Dialog => dialog::command(state, command),
            Layer::Compose => compose::command(state, command),
            Layer::Admin => admin::command(state, command),
            Layer::Reports => reports::command(state, command),
            Layer::Global => Vec::new(),
        },
    }
}

fn request_quit(state: &mut AppState) -> Vec<Effect> {
    let unsaved = state.register.as_ref().is_some_and(|f| f.is_dirty())
        || state.compose.as_ref().is_some_and(|c| c.is_dirty())
        || (state.screen == Screen::Record && state.record.as_ref().is_some_and(|r| r.is_dirty()));
    if unsaved {
        state.overlay = Some(Overlay::Confirm(Question::QuitWithUnsavedForm));
    } else {
        state.quit = true;
    }
    Vec::new()
}

/// Mine: the edit again, on the version that is there now. Theirs: the
/// ticket as it is now, and the edit given up.
fn conflict_answered(state: &mut AppState, mine: bool) -> Vec<Effect> {
    let Some(conflict) = state.conflict.take() else { return Vec::new() };
    if mine {
        return vec![conflict.edit.on_version(conflict.version)];
    }
    // Whatever the edit came from was based on the old version: it goes,
    // but for the changes the other did not touch.
    if let Some(unshared) = conflict.unshared.clone().filter(|e| !e.edited_fields().is_empty()) {
        return vec![unshared];
    }
    dialog::close(state);
    match conflict.edit {
        Effect::Classify { .. } if state.wizard.is_some() => wizard::close(state),
        Effect::Close(_) if state.record.is_some() => record::close(state),
        Effect::EditTicket { .. } if state.register.as_ref().is_some_and(|f| f.editing.is_some()) => {
            register::close(state)
        }
        _ => {}
    }
    state.message = Some(crate::app::state::Message::Info(state.t().conflict_kept_theirs.to_string()));
    let mut effects = vec![Effect::LoadTicket(conflict.id)];
    effects.extend(queue::reload_in_place(state));
    effects
}

/// Yes only by an explicit key; Enter (dismiss) never says yes, and where
/// "no" does something too (which incidents to resolve, whose edit wins), it
/// leaves the question open.
fn answer(state: &mut AppState, command: Command) -> Vec<Effect> {
    let Some(Overlay::Confirm(question)) = state.overlay else {
        return Vec::new();
    };
    let yes = match command {
        Command::Confirm => true,
        Command::Cancel => false,
        Command::Dismiss if matches!(question, Question::ResolveChildren | Question::Conflict) => return Vec::new(),
        Command::Dismiss => false,
        _ => return Vec::new(),
    };
    state.overlay = None;
    match (question, yes) {
        (Question::SetStatus { id, version, status }, true) => {
            return vec![Effect::SetStatus { id, version, status, also: Vec::new() }];
        }
        (Question::DiscardForm, true) => register::close(state),
        (Question::QuitWithUnsavedForm, true) => {
            // Given up on purpose: its draft goes too.
            state.register = None;
            state.quit = true;
        }
        (Question::DiscardMessage, true) => compose::close(state),
        (Question::DiscardRecord, true) => super::record::close(state),
        (Question::ResolveChildren, with_children) => return work::resolve_major(state, with_children),
        (Question::Conflict, mine) => return conflict_answered(state, mine),
        _ => {}
    }
    Vec::new()
}
