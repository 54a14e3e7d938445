//! A registration being typed is kept as a draft file beside the database,
//! so a crash or a closed SSH session does not lose the call: written when
//! the form changes (at most every few seconds while typing, and once typing
//! pauses), removed when the form is saved or given up, offered back on the
//! next start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use super::effect::Effect;
use super::state::AppState;

/// How long typing may go on before what is typed is written anyway.
const EVERY_SECS: i64 = 2;

/// What the form held, field by field (field code → text or chosen value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub saved_at: DateTime<Utc>,
    pub fields: Vec<(String, String)>,
}

/// Where the draft of this user on this database is kept.
#[derive(Default)]
pub struct DraftState {
    /// The values last written.
    pub written: Option<Vec<(String, String)>>,
    pub written_at: Option<DateTime<Utc>>,
}

/// The file: `meldpunt.db.draft-operator1.json`, beside the database.
pub fn path(state: &AppState) -> PathBuf {
    let user: String = state
        .ctx
        .user
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    let mut name = state.ctx.database.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".draft-{user}.json"));
    state.ctx.database.with_file_name(name)
}

/// After every update: write the form if it changed (not more often than
/// every few seconds), remove the draft once the form is gone or clean.
pub fn follow(state: &mut AppState) -> Vec<Effect> {
    if state.ctx.read_only {
        return Vec::new();
    }
    // An edit of a registered ticket is no call to offer back as a new one.
    let values = state.register.as_ref().filter(|f| f.is_dirty() && f.editing.is_none()).map(|f| f.draft_values());
    let Some(values) = values else {
        if state.draft.written.take().is_some() {
            state.draft.written_at = None;
            return vec![Effect::RemoveDraft(path(state))];
        }
        return Vec::new();
    };
    if state.draft.written.as_ref() == Some(&values) {
        return Vec::new();
    }
    let now = state.now;
    if state.draft.written_at.is_some_and(|at| (now - at).num_seconds() < EVERY_SECS) {
        return Vec::new(); // the next tick writes it
    }
    state.draft.written = Some(values.clone());
    state.draft.written_at = Some(now);
    vec![Effect::SaveDraft(path(state), Draft { saved_at: now, fields: values })]
}

/// A draft was found at the start: the form opens with it.
pub fn found(state: &mut AppState, draft: Draft) -> Vec<Effect> {
    if state.register.is_some() {
        return Vec::new();
    }
    let effects = super::update::open_register(state);
    let t = state.t();
    if let Some(form) = state.register.as_mut() {
        form.restore(t, &state.pick_lists, &draft.fields);
        form.revalidate(&state.ctx.policy.matrix);
        state.draft.written = Some(form.draft_values());
        state.draft.written_at = Some(state.now);
    }
    let at = draft.saved_at.with_timezone(&chrono::Local).format("%H:%M").to_string();
    let save = state.ctx.keymap.name(crate::keymap::Layer::Form, crate::keymap::Command::Save);
    state.message = Some(super::state::Message::Info((t.draft_restored)(&at, &save)));
    effects
}
