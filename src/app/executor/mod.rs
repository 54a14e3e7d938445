//! Runs effects: each becomes a service call (or a read of the store), and
//! its result a typed action for `update`. Nothing here decides a rule or
//! words a result. The parts: loading what panes show (`load.rs`), the
//! watches that run each tick (`watch.rs`), working on tickets (`work.rs`),
//! closing and the library (`records.rs`), teams, people, drafts, demo data
//! and reports (`admin.rs`).

mod admin;
mod load;
mod records;
mod watch;
mod work;

use chrono::{DateTime, Utc};

use super::action::{Action, Failure, Origin};
use super::effect::Effect;
use crate::domain::NumberFormat;
use crate::domain::queue::Viewer;
use crate::domain::reference::ReferenceData;
use crate::i18n::Language;
use crate::mail::MailSettings;
use crate::service::Actor;
use crate::store::Store;

/// How far back the recurring view looks.
pub const RECURRING_DAYS: i64 = 30;

pub struct Executor {
    store: Store,
    mail: Option<MailSettings>,
    viewer: Viewer,
    numbers: NumberFormat,
    language: Language,
    seed: ReferenceData,
    clock: fn() -> DateTime<Utc>,
    /// Where work that runs beside the UI sends its answers; without it,
    /// that work runs in place (tests, and the first frame).
    background: Option<std::sync::mpsc::Sender<Action>>,
    /// The database's change stamp when last looked at (see `Store::change_stamp`).
    data_version: Option<i64>,
    /// What screens show, when last looked at (see `Store::content_stamp`).
    content: Option<(i64, i64)>,
}

impl Executor {
    pub fn new(store: Store, user: &str, numbers: NumberFormat, language: Language, seed: ReferenceData) -> Self {
        Executor {
            store,
            mail: None,
            viewer: Viewer { login: user.to_string() },
            numbers,
            language,
            seed,
            clock: Utc::now,
            background: None,
            data_version: None,
            content: None,
        }
    }

    /// Sends messages with this mail command.
    pub fn with_mail(mut self, mail: Option<MailSettings>) -> Self {
        self.mail = mail;
        self
    }

    /// Uses a fixed clock, for tests.
    pub fn with_clock(mut self, clock: fn() -> DateTime<Utc>) -> Self {
        self.clock = clock;
        self
    }

    /// Runs reports on threads of their own, which answer on this channel.
    pub fn in_background(&mut self, send: std::sync::mpsc::Sender<Action>) {
        self.background = Some(send);
    }

    /// An executor of its own connection (`Store::reopen`), for work that
    /// runs on another thread beside this one.
    pub fn beside(&self) -> crate::store::Result<Executor> {
        Ok(Executor {
            store: self.store.reopen()?,
            mail: self.mail.clone(),
            viewer: self.viewer.clone(),
            numbers: self.numbers.clone(),
            language: self.language,
            seed: self.seed.clone(),
            clock: self.clock,
            background: self.background.clone(),
            data_version: None,
            content: None,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Follows a change of the user's role made meanwhile.
    pub fn follow_role(&mut self) {
        let _ = self.store.refresh_identity();
    }

    pub fn run(&mut self, effect: Effect) -> Action {
        // Whose work it is matters to the screen's loop, not here.
        let (_, effect) = effect.take_ask();
        if effect == Effect::WatchOthers {
            return self.watch_others();
        }
        let origin = Origin::of(&effect);
        // An edit based on a version is kept, to offer it again on a conflict.
        let edit = effect.based_on().map(|_| effect.clone());
        let result = match self.try_run(effect) {
            Err(crate::store::StoreError::Conflict { .. }) if edit.is_some() => {
                self.conflict(edit.expect("kept above")).map(|c| Action::Conflict(Box::new(c)))
            }
            other => other,
        };
        match result {
            Ok(action) => action,
            Err(e) => Action::Failed(origin, Failure::Store(e)),
        }
    }

    /// Notices other processes' changes; then also whether the user's role
    /// changed, so that what they may do follows at once.
    fn watch_others(&mut self) -> Action {
        let now = match self.store.change_stamp() {
            Ok(v) => v,
            Err(e) => return Action::Failed(Origin::Other, Failure::Store(e)),
        };
        let written = self.data_version.is_some_and(|seen| seen != now);
        self.data_version = Some(now);
        if !written && self.content.is_some() {
            return Action::OthersChanged(false);
        }
        let _ = self.store.refresh_identity();
        // Only a change to what screens show reloads them (not presence).
        let content = self.store.content_stamp().ok();
        let changed = written && content != self.content;
        self.content = content;
        Action::OthersChanged(changed)
    }

    /// What the user meant and what is there now.
    fn conflict(&self, edit: Effect) -> crate::store::Result<super::action::Conflict> {
        let (id, _) = edit.based_on().expect("an edit with a version");
        // The ticket and its last event as one state of the file.
        let (ticket, last) = self.store.snapshot(|store| {
            let ticket = store.ticket(id)?.ok_or(crate::store::StoreError::NotFound(id))?;
            Ok((ticket, store.events(id)?.pop()))
        })?;
        let fields = edit.edited_fields().into_iter().map(|(f, mine)| (f, mine, ticket.field_value(f))).collect();
        Ok(super::action::Conflict {
            id,
            version: ticket.version,
            fields,
            changed_by: last.as_ref().map(|e| e.actor.clone()).unwrap_or_default(),
            changed_at: last.map_or(ticket.updated_at, |e| e.at),
            unshared: None,
            asked_by: None,
            edit,
        })
    }

    /// Who acts now: the user, at the executor's clock.
    fn actor(&self) -> Actor<'_> {
        Actor::new(&self.viewer.login, (self.clock)())
    }

    /// Hands each effect to the part of the executor that answers it.
    fn try_run(&mut self, effect: Effect) -> crate::store::Result<Action> {
        use Effect::*;
        match effect {
            Asked(_, e) => self.try_run(*e),
            e @ (LoadPage { .. }
            | LoadCounts { .. }
            | LoadTicket(_)
            | LoadPickLists
            | LoadTeams
            | OpenWizard(_)
            | LoadPermissions
            | LoadMyWork { .. }
            | LoadMyName
            | LoadDialog { .. }
            | LoadAdmin
            | LoadProblems
            | LoadArticles { .. }
            | SuggestKnowledge(_)
            | OpenRecord(_)) => self.load(e),
            e @ (WatchDeadlines | WatchUpdates { .. } | WatchOthers | BePresent { .. } | Leave(_)) => self.watch(e),
            e @ (CreateTicket(_)
            | Classify { .. }
            | AddChoice { .. }
            | EditTicket { .. }
            | SetStatus { .. }
            | Assign { .. }
            | Escalate { .. }
            | AskLead { .. }
            | LeadHandled { .. }
            | MakeMajor { .. }
            | LinkToMajor { .. }
            | AddNote { .. }
            | SendMessage(_)) => self.work(e),
            e @ (Tick { .. }
            | Close(_)
            | SaveReview { .. }
            | SaveProblem { .. }
            | SaveArticle { .. }
            | LinkProblem { .. }
            | ApplyKnowledge { .. }
            | MarkDuplicate { .. }) => self.records(e),
            e @ (AddTeam { .. }
            | RemoveTeam(_)
            | AddAgent(_)
            | RemoveAgent(_)
            | SaveDraft(..)
            | RemoveDraft(_)
            | LoadDraft(_)
            | LoadDemo { .. }
            | RunReport { .. }) => self.admin(e),
        }
    }
}

/// An answer to an effect handed to a part that does not answer it: a
/// mistake in `try_run`'s table.
fn misrouted(effect: &Effect) -> ! {
    unreachable!("{effect:?} is not answered here")
}
