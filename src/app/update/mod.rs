//! The pure heart of the UI: `update(state, action)` changes the state and
//! returns the effects to run. No I/O happens here.

pub mod clock;
#[cfg(test)]
mod edit_tests;
pub mod keys;
mod results;
pub mod said;
#[cfg(test)]
mod tests;
pub(crate) mod work;
#[cfg(test)]
mod worker_tests;

// The panes that are units of their own keep their update beside them.
use crate::panes::{admin::update as admin, detail::update as detail, library::update as library};
use crate::panes::{compose::update as compose, dialog::update as dialog, record::update as record};
use crate::panes::{queue::update as queue, reports::update as reports};
use crate::panes::{register::update as register, wizard::update as wizard};

use super::action::{Action, Origin, RecordData};
use super::effect::Effect;
use super::state::{AppState, Message, Screen, page_size_for};

pub use keys::active_layer;

/// An answer from the workers, to the pane that asked for it (`asked_by`)
/// or to none.
pub fn answer(state: &mut AppState, asked_by: Option<crate::app::effect::Ask>, action: Action) -> Vec<Effect> {
    state.answering = asked_by;
    let effects = update(state, action);
    state.answering = None;
    effects
}

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

/// Whether what came to open is about the incident on screen: an answer for
/// another ticket, asked for before the user moved on, does not open over it.
fn for_this_incident(state: &AppState, action: &Action) -> bool {
    let about = match action {
        Action::WizardLoaded(loaded) => Some(loaded.ticket.id),
        Action::DialogLoaded(data) => data.ticket.as_ref().map(|t| t.id),
        Action::RecordLoaded(data) => match &**data {
            RecordData::Closure(detail) | RecordData::Review(detail) => Some(detail.ticket.id),
            RecordData::Problem { .. } | RecordData::Article(_) => None,
        },
        _ => None,
    };
    match (state.screen, about) {
        (Screen::Detail, Some(id)) => state.detail.as_ref().is_some_and(|d| d.id == id),
        _ => true,
    }
}

/// Opens the registration form (for a draft found at the start).
pub fn open_register(state: &mut AppState) -> Vec<Effect> {
    register::open(state)
}

fn apply(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(key) => keys::on_key(state, key),
        Action::Paste(text) => keys::on_paste(state, &text),
        Action::Resize(width, height) => resize(state, width, height),
        Action::Tick(now) => tick(state, now),
        Action::Clock(now) => {
            state.now = now;
            Vec::new()
        }
        Action::OthersChanged(false) | Action::Done => Vec::new(),
        Action::Present { id, others } => results::present(state, id, others),
        Action::OthersChanged(true) => queue::refresh_after_others(state),
        Action::DeadlinesWatched(ids) => results::breached(state, &ids),
        Action::UpdatesDue(due) => clock::due(state, due),
        Action::WizardLoaded(_) | Action::DialogLoaded(_) | Action::RecordLoaded(_)
            if !still_there(state) || !for_this_incident(state, &action) =>
        {
            Vec::new()
        }
        Action::WizardLoaded(loaded) => wizard::loaded(state, *loaded),
        Action::DialogLoaded(data) => dialog::loaded(state, *data),
        Action::AdminLoaded { teams, agents } => admin::loaded(state, teams, agents),
        Action::RecordLoaded(data) => record::loaded(state, *data),
        Action::LibraryChanged(saved) => results::library_changed(state, saved),
        Action::ProblemsLoaded { problems, clusters } => {
            state.panes.library.problems = problems;
            state.panes.library.clusters = clusters;
            library::clamp(state);
            Vec::new()
        }
        Action::ArticlesLoaded(articles) => {
            state.panes.library.articles = articles;
            library::clamp(state);
            Vec::new()
        }
        Action::KnowledgeSuggested(articles) => {
            if let Some(form) = state.register.as_mut() {
                form.suggestions = articles;
            }
            Vec::new()
        }
        Action::AdminChanged(change) => results::admin_changed(state, &change),
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
        Action::TicketChanged { id, outcome } => results::ticket_changed(state, id, &outcome),
        Action::TickFailed { id, item, on, error } => results::tick_failed(state, id, &item, on, &error),
        Action::CloseRefused { id, version, error } => results::close_refused(state, id, version, &error),
        Action::Classified(ticket) => wizard::saved(state, *ticket),
        Action::PageLoaded(page) => queue::page_loaded(state, page),
        Action::CountsLoaded(counts) => {
            state.empty_database = !counts.any;
            state.queue.counts = Some(counts);
            Vec::new()
        }
        Action::TicketLoaded(loaded) => results::ticket_loaded(state, *loaded),
        Action::TicketMissing(id) => results::ticket_missing(state, id),
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
        Action::DemoLoaded(count) => results::demo_loaded(state, count),
        Action::ReportReady { generation, result, millis } => reports::ready(state, generation, result, millis),
        Action::Spin => {
            reports::spin(state);
            state.work.frame = state.work.frame.wrapping_add(1);
            Vec::new()
        }
        Action::Conflict(conflict) => results::conflict(state, conflict),
        Action::Failed(origin, failure) => {
            stop_saving(state, origin);
            state.message = Some(Message::Error(said::failure(state, &failure)));
            Vec::new()
        }
    }
}

fn resize(state: &mut AppState, width: u16, height: u16) -> Vec<Effect> {
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

/// A second passes: deadlines, updates due and other processes are watched.
fn tick(state: &mut AppState, now: chrono::DateTime<chrono::Utc>) -> Vec<Effect> {
    state.now = now;
    state.queue.changed.retain(|_, until| *until > now);
    let mut effects = vec![Effect::WatchDeadlines, clock::watch(state), Effect::WatchOthers];
    effects.extend(detail::renew_presence(state, now));
    effects.extend(queue::counts_if_stale(state));
    effects
}

/// A save came back without saving: the pane that asked for it can be used
/// again. Work no pane asked for (a watcher, a page, a draft) frees none:
/// a form still waiting for its own answer is not saved twice.
pub(super) fn stop_saving(state: &mut AppState, origin: Origin) {
    if origin == Origin::Demo {
        state.busy = None;
    }
    let Some(ask) = state.answering else { return };
    let free = |saving: &mut Option<crate::app::effect::Ask>| {
        if *saving == Some(ask) {
            *saving = None;
        }
    };
    if let Some(form) = state.register.as_mut() {
        free(&mut form.saving);
    }
    if let Some(wizard) = state.wizard.as_mut() {
        free(&mut wizard.saving);
    }
    if let Some(dialog) = state.dialog.as_mut() {
        free(&mut dialog.saving);
    }
    if let Some(record) = state.record.as_mut() {
        free(&mut record.saving);
    }
    if let Some(compose) = state.compose.as_mut().filter(|c| c.saving == Some(ask)) {
        compose.saving = None;
        // Left while it was being sent: what was typed comes back.
        if matches!(state.screen, Screen::Queue | Screen::Detail) {
            state.screen = Screen::Compose;
        }
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
