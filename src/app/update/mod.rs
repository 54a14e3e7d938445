//! The pure heart of the UI: `update(state, action)` changes the state and
//! returns the effects to run. No I/O happens here.

pub mod clock;
pub(crate) mod compose;
pub(crate) mod dialog;
#[cfg(test)]
mod edit_tests;
pub mod keys;
pub(crate) mod record;
pub(crate) mod register;
#[cfg(test)]
mod tests;
pub(crate) mod wizard;
pub(crate) mod work;
#[cfg(test)]
mod worker_tests;

// The panes that are units of their own keep their update beside them.
use crate::panes::{admin::update as admin, detail::update as detail, library::update as library};
use crate::panes::{queue::update as queue, reports::update as reports};

use super::action::Action;
use super::effect::Effect;
use super::state::{AppState, Message, Screen, page_size_for};

pub use keys::active_layer;

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = apply(state, action);
    effects.extend(crate::app::draft::follow(state));
    let opens = |e: &Effect| matches!(e, Effect::LoadDialog { .. } | Effect::OpenWizard(_) | Effect::OpenRecord(_));
    if effects.iter().any(opens) {
        state.opening = Some(state.here());
    }
    effects
}

/// Whether what was asked to open may open now: the user is still where
/// they asked for it (an answer that comes late, after they left, is dropped).
fn still_there(state: &mut AppState) -> bool {
    state.opening.take().is_none_or(|asked| asked == state.here())
}

/// Opens the registration form (for a draft found at the start).
pub fn open_register(state: &mut AppState) -> Vec<Effect> {
    register::open(state)
}

fn apply(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => keys::on_key(state, key),
        Action::Paste(text) => keys::on_paste(state, &text),
        Action::Resize(width, height) => {
            state.width = width;
            state.height = height;
            let page_size = page_size_for(height);
            if page_size != state.queue.page_size && state.queue.loaded {
                state.queue.page_size = page_size;
                return queue::reload_in_place(state);
            }
            state.queue.page_size = page_size;
            Vec::new()
        }
        Action::Tick(now) => {
            state.now = now;
            state.queue.changed.retain(|_, until| *until > now);
            let mut effects = vec![Effect::WatchDeadlines, clock::watch(state), Effect::WatchOthers];
            effects.extend(detail::renew_presence(state, now));
            effects.extend(queue::counts_if_stale(state));
            effects
        }
        Action::Clock(now) => {
            state.now = now;
            Vec::new()
        }
        Action::OthersChanged(false) | Action::Done => Vec::new(),
        Action::Present { id, others } => {
            if let Some(d) = state.detail.as_mut().filter(|d| d.id == id) {
                d.others = others;
            }
            Vec::new()
        }
        Action::OthersChanged(true) => queue::refresh_after_others(state),
        Action::DeadlinesWatched(ids) => {
            // A breach is a new event on the open incident: show it.
            match state.detail.as_ref().filter(|d| ids.contains(&d.id)) {
                Some(d) => vec![Effect::LoadTicket(d.id)],
                None => Vec::new(),
            }
        }
        Action::UpdatesDue(due) => clock::due(state, due),
        Action::WizardLoaded(_) | Action::DialogLoaded(_) | Action::RecordLoaded(_) if !still_there(state) => {
            Vec::new()
        }
        Action::WizardLoaded(loaded) => wizard::loaded(state, *loaded),
        Action::DialogLoaded(data) => dialog::loaded(state, *data),
        Action::AdminLoaded { teams, agents } => admin::loaded(state, teams, agents),
        Action::RecordLoaded(data) => record::loaded(state, *data),
        Action::LibraryChanged(message) => {
            record::close(state);
            state.message = Some(Message::Info(message));
            let mut effects = vec![Effect::LoadProblems, Effect::LoadArticles { search: state.library.search.clone() }];
            if let Some(d) = &state.detail {
                effects.push(Effect::LoadTicket(d.id));
            }
            effects
        }
        Action::ProblemsLoaded { problems, clusters } => {
            state.library.problems = problems;
            state.library.clusters = clusters;
            library::clamp(state);
            Vec::new()
        }
        Action::ArticlesLoaded(articles) => {
            state.library.articles = articles;
            library::clamp(state);
            Vec::new()
        }
        Action::KnowledgeSuggested(articles) => {
            if let Some(form) = state.register.as_mut() {
                form.suggestions = articles;
            }
            Vec::new()
        }
        Action::AdminChanged(message) => {
            dialog::close(state);
            state.message = Some(Message::Info(message));
            vec![Effect::LoadAdmin, Effect::LoadPickLists]
        }
        Action::MyWorkLoaded(sections) => crate::panes::my_work::update::loaded(state, sections),
        Action::MyNameLoaded(name) => {
            state.my_name = name;
            Vec::new()
        }
        Action::DraftFound(draft) => crate::app::draft::found(state, draft),
        Action::PermissionsLoaded(permissions) => {
            state.permissions = Some(permissions);
            Vec::new()
        }
        Action::TicketChanged { id, message, error } => {
            // Whatever changed it (a dialog, a message, a status key), show
            // the result; what the user opened since for another ticket stays.
            if state.dialog.as_ref().is_some_and(|d| d.saving || d.ticket_id == id) {
                dialog::close(state);
            }
            if state.register.as_ref().and_then(|f| f.editing.as_ref()).is_some_and(|e| e.id == id) {
                register::close(state);
            }
            compose::sent(state, id);
            if let Some(pane) = state.record.as_mut().filter(|r| r.saving || r.kind.ticket() == Some(id)) {
                // A tick keeps the pane open, as does a refusal to close.
                pane.saving = false;
                if !error && !message.is_empty() {
                    record::close(state);
                }
            }
            if !message.is_empty() {
                state.message = Some(if error { Message::Error(message) } else { Message::Info(message) });
            }
            let mut effects = Vec::new();
            if state.detail.as_ref().is_some_and(|d| d.id == id) {
                effects.push(Effect::LoadTicket(id));
            }
            effects.extend(queue::reload_in_place(state));
            effects
        }
        Action::TickFailed { item, on, message } => {
            if let Some(pane) = state.record.as_mut() {
                pane.fields.set_toggle(&item, !on);
            }
            state.message = Some(Message::Error(message));
            Vec::new()
        }
        Action::CloseRefused { id, version, message } => {
            if let Some(pane) = state.record.as_mut()
                && let crate::app::record::RecordKind::Closure { ticket, version: v } = &mut pane.kind
                && *ticket == id
            {
                *v = version;
                pane.saving = false;
            }
            state.message = Some(Message::Error(message));
            let reload = state.detail.as_ref().is_some_and(|d| d.id == id);
            reload.then_some(Effect::LoadTicket(id)).into_iter().collect()
        }
        Action::Classified(ticket) => wizard::saved(state, *ticket),
        Action::PageLoaded(page) => queue::page_loaded(state, page),
        Action::CountsLoaded(counts) => {
            state.empty_database = !counts.any;
            state.queue.counts = Some(counts);
            Vec::new()
        }
        Action::TicketLoaded(loaded) => {
            let loaded = *loaded;
            if let Some(detail) = state.detail.as_mut().filter(|d| d.id == loaded.ticket.id) {
                detail.ticket = Some(loaded.ticket);
                detail.events = loaded.events;
                detail.entries = loaded.entries;
                detail.sla = loaded.sla;
                detail.handling = loaded.handling;
                detail.children = loaded.children;
                detail.closing = loaded.closing;
            }
            let mut effects = detail::renew_presence(state, state.now);
            // A pane key pressed on the queue's row acts now that the ticket is here.
            if let Some(command) = state.detail.as_mut().filter(|d| d.ticket.is_some()).and_then(|d| d.then.take()) {
                effects.extend(detail::command(state, command));
            }
            effects
        }
        Action::TicketMissing(id) => {
            let number = state.ctx.numbers.format(id);
            state.message = Some(Message::Error((state.t().not_found)(&number)));
            if state.screen == Screen::Detail {
                state.screen = Screen::Queue;
            }
            state.detail = None;
            Vec::new()
        }
        Action::ChoiceAdded { field, name, lists } => register::choice_added(state, field, &name, lists),
        Action::PickListsLoaded(lists) => {
            state.pick_lists = lists;
            Vec::new()
        }
        Action::TeamsLoaded(teams) => {
            state.my_teams = teams;
            Vec::new()
        }
        Action::TicketCreated(ticket) => register::created(state, *ticket),
        Action::DemoLoaded(count) => {
            state.busy = None;
            state.message = Some(Message::Info((state.t().demo_loaded)(count)));
            let mut effects = vec![Effect::LoadPickLists, Effect::LoadTeams];
            effects.extend(queue::reload_from_top(state));
            effects
        }
        Action::ReportReady { generation, result, millis } => reports::ready(state, generation, result, millis),
        Action::Spin => {
            reports::spin(state);
            state.work.frame = state.work.frame.wrapping_add(1);
            Vec::new()
        }
        Action::Conflict(mut conflict) => {
            stop_saving(state);
            // Three ways for an edit of registered fields: only what both changed is asked.
            let read = state.register.as_ref().and_then(|f| f.editing.as_ref()).map(|e| e.ticket.clone());
            if let Some(read) = read
                && let Some(merged) = super::edit::merge(&read, &mut conflict)
            {
                return vec![merged];
            }
            state.conflict = Some(conflict);
            state.overlay = Some(super::state::Overlay::Confirm(super::state::Question::Conflict));
            Vec::new()
        }
        Action::Failed(error) => {
            stop_saving(state);
            state.message = Some(Message::Error(error));
            Vec::new()
        }
    }
}

/// A save came back without saving: the forms can be used again.
fn stop_saving(state: &mut AppState) {
    state.busy = None;
    if let Some(form) = state.register.as_mut() {
        form.saving = false;
    }
    if let Some(wizard) = state.wizard.as_mut() {
        wizard.saving = false;
    }
    if let Some(dialog) = state.dialog.as_mut() {
        dialog.saving = false;
    }
    if let Some(compose) = state.compose.as_mut().filter(|c| c.saving) {
        compose.saving = false;
        // Left while it was being sent: what was typed comes back.
        if matches!(state.screen, Screen::Queue | Screen::Detail) {
            state.screen = Screen::Compose;
        }
    }
    if let Some(record) = state.record.as_mut() {
        record.saving = false;
    }
}

/// The effects that fill the screen when the program starts.
pub fn startup(state: &mut AppState) -> Vec<Effect> {
    let mut effects = vec![
        Effect::LoadPickLists,
        Effect::LoadTeams,
        Effect::LoadMyName,
        Effect::LoadPermissions,
        Effect::WatchOthers,
    ];
    if !state.ctx.read_only {
        effects.push(Effect::LoadDraft(crate::app::draft::path(state)));
    }
    effects.extend(queue::reload_from_top(state));
    effects
}
