//! From a key press to a command, against the live keymap.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::{compose, dialog, queue, record, register, work};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::keymap::{Command, KeyChord, Layer};

/// The layer that receives keys now: a question's, a dialog's, or the pane's.
pub fn active_layer(state: &AppState) -> Layer {
    match state.overlay {
        Some(Overlay::Confirm(_)) => Layer::Confirm,
        _ if state.dialog.is_some() => Layer::Dialog,
        _ => crate::panes::of(state.screen).layer,
    }
}

/// True while typed characters are text, not commands.
fn typing(state: &AppState) -> bool {
    state.overlay.is_none() && (state.dialog.is_some() || (crate::panes::of(state.screen).typing)(state))
}

pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let Some(chord) = KeyChord::from_event(&key) else {
        return Vec::new();
    };
    state.message = None;
    if state.overlay == Some(Overlay::Help) {
        return crate::panes::help::key(state, &key);
    }
    let typing = typing(state);
    if let Some(field_key) = crate::panes::of(state.screen).field_key
        && let Some(effects) = field_key(state, &key)
    {
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
        None if active_layer(state) == Layer::Dialog => dialog::input(state, key),
        None if active_layer(state) == Layer::Confirm => Vec::new(),
        None => match crate::panes::of(state.screen).input {
            Some(input) => input(state, key),
            None => Vec::new(),
        },
    }
}

pub fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if state.overlay.is_some() || state.dialog.is_some() {
        return Vec::new();
    }
    match crate::panes::of(state.screen).paste {
        Some(paste) => paste(state, text),
        None => Vec::new(),
    }
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
            Layer::Dialog => dialog::command(state, command),
            _ => (crate::panes::of(state.screen).update)(state, command),
        },
    }
}

fn request_quit(state: &mut AppState) -> Vec<Effect> {
    let unsaved = state.register.as_ref().is_some_and(|f| f.is_dirty())
        || state.compose.as_ref().is_some_and(|c| c.is_dirty() && c.saving.is_none())
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
        return vec![conflict.again(conflict.edit.clone().on_version(conflict.version))];
    }
    // Whatever the edit came from was based on the old version: it goes,
    // but for the changes the other did not touch.
    if let Some(unshared) = conflict.unshared.clone().filter(|e| !e.edited_fields().is_empty()) {
        return vec![conflict.again(unshared)];
    }
    dialog::close(state);
    match conflict.edit {
        Effect::Classify { .. } if state.wizard.is_some() => super::wizard::close(state),
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
