//! Runs effects against the store and turns the results into actions.

use chrono::{DateTime, Utc};

use super::action::{Action, DialogData, PageResult, RecordData, TicketDetail};
use super::state::Closing;

/// How far back the recurring view looks.
pub const RECURRING_DAYS: i64 = 30;
use super::effect::{Effect, RecordTarget};
use crate::domain::NumberFormat;
use crate::domain::TicketId;
use crate::domain::entry::NewEntry;
use crate::domain::queue::PageRequest;
use crate::domain::queue::{Cursor, Viewer};
use crate::domain::reference::ReferenceData;
use crate::i18n::Language;
use crate::mail::MailSettings;
use crate::service::demo::load_demo;
use crate::service::message::send_message;
use crate::store::Store;

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
    /// The file's data version when last looked at (see `Store::data_version`).
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

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn run(&mut self, effect: Effect) -> Action {
        if effect == Effect::WatchOthers {
            return self.watch_others();
        }
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
            Err(e) => Action::Failed(self.language.catalogue().store_error(&e, &self.numbers)),
        }
    }

    /// Notices other processes' changes; then also whether the user's role
    /// changed, so that what they may do follows at once.
    fn watch_others(&mut self) -> Action {
        let now = match self.store.data_version() {
            Ok(v) => v,
            Err(e) => return Action::Failed(self.language.catalogue().store_error(&e, &self.numbers)),
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
        let ticket = self.store.ticket(id)?.ok_or(crate::store::StoreError::NotFound(id))?;
        let last = self.store.events(id)?.pop();
        let fields = edit.edited_fields().into_iter().map(|(f, mine)| (f, mine, ticket.field_value(f))).collect();
        Ok(super::action::Conflict {
            id,
            version: ticket.version,
            fields,
            changed_by: last.as_ref().map(|e| e.actor.clone()).unwrap_or_default(),
            changed_at: last.map_or(ticket.updated_at, |e| e.at),
            unshared: None,
            edit,
        })
    }

    /// Loads what a record pane opens with.
    fn open_record(&self, target: RecordTarget) -> crate::store::Result<Action> {
        let store = &self.store;
        let data = match target {
            RecordTarget::Closure(id) | RecordTarget::Review(id) => {
                let Some(found) = detail(store, id)? else { return Ok(Action::TicketMissing(id)) };
                match target {
                    RecordTarget::Closure(_) => RecordData::Closure(Box::new(found)),
                    _ => RecordData::Review(Box::new(found)),
                }
            }
            RecordTarget::Problem(id) => {
                let problem = store.problem(id)?.ok_or(crate::store::StoreError::NotFound(id))?;
                let title = problem.title.clone();
                RecordData::Problem { problem: Some(problem), incidents: Vec::new(), title }
            }
            RecordTarget::NewProblem(incidents) => {
                let title = match incidents.first() {
                    Some(id) => store.ticket(*id)?.map(|t| t.title).unwrap_or_default(),
                    None => String::new(),
                };
                RecordData::Problem { problem: None, incidents, title }
            }
            RecordTarget::ProblemFromCluster { service, category } => {
                let to = (self.clock)();
                let from = to - chrono::Duration::days(RECURRING_DAYS);
                let incidents = store.cluster_incidents(&service, &category, from, to)?;
                RecordData::Problem { problem: None, incidents, title: format!("{service}: {category}") }
            }
            RecordTarget::Article(id) => RecordData::Article(store.article(id)?),
            RecordTarget::NewArticle => RecordData::Article(None),
        };
        Ok(Action::RecordLoaded(Box::new(data)))
    }

    /// Each filter's first rows with its counts, one section of "my work".
    fn my_work(
        &self,
        filters: &[crate::domain::queue::QueueFilter],
        sort: crate::domain::queue::Sort,
        limit: usize,
    ) -> crate::store::Result<Vec<crate::panes::my_work::Section>> {
        let (viewer, numbers) = (&self.viewer, &self.numbers);
        let mut sections = Vec::new();
        for filter in filters {
            let request = PageRequest { filter, sort, viewer, numbers, cursor: &Cursor::First, limit };
            let rows = self.store.queue_page(&request)?;
            let (matching, more) = self.store.count_matching(filter, viewer, numbers)?;
            let p1 =
                crate::domain::queue::QueueFilter { priority: Some(crate::domain::Priority::P1), ..filter.clone() };
            let (p1, _) = self.store.count_matching(&p1, viewer, numbers)?;
            sections.push(crate::panes::my_work::Section { rows, matching, more, p1 });
        }
        Ok(sections)
    }

    fn changed(&self, id: TicketId, message: &str) -> Action {
        Action::TicketChanged { id, message: message.to_string(), error: false }
    }

    fn try_run(&mut self, effect: Effect) -> crate::store::Result<Action> {
        let store = &self.store;
        let t = self.language.catalogue();
        Ok(match effect {
            Effect::LoadPage { generation, filter, sort, cursor, limit } => {
                let request = PageRequest {
                    filter: &filter,
                    sort,
                    viewer: &self.viewer,
                    numbers: &self.numbers,
                    cursor: &cursor,
                    limit: limit + 1,
                };
                let mut rows = store.queue_page(&request)?;
                let backwards = cursor.is_backwards();
                let more = rows.len() > limit;
                if more {
                    if backwards {
                        rows.remove(0);
                    } else {
                        rows.truncate(limit);
                    }
                }
                let (has_prev, has_next) = if backwards {
                    (more, !matches!(cursor, Cursor::Last))
                } else {
                    (!matches!(cursor, Cursor::First), more)
                };
                Action::PageLoaded(PageResult { generation, cursor, rows, has_prev, has_next })
            }
            Effect::LoadCounts { filter } => {
                Action::CountsLoaded(store.queue_counts(&filter, &self.viewer, &self.numbers)?)
            }
            Effect::LoadTicket(id) => match detail(store, id)? {
                Some(detail) => Action::TicketLoaded(Box::new(detail)),
                None => Action::TicketMissing(id),
            },
            Effect::LoadPickLists => Action::PickListsLoaded(store.pick_lists()?),
            Effect::LoadTeams => Action::TeamsLoaded(store.teams_of(&self.viewer.login)?),
            Effect::CreateTicket(ticket) => {
                Action::TicketCreated(Box::new(store.create_ticket(&self.viewer.login, (self.clock)(), &ticket)?))
            }
            Effect::OpenWizard(id) => match detail(store, id)? {
                Some(detail) => Action::WizardLoaded(Box::new(detail)),
                None => Action::TicketMissing(id),
            },
            Effect::Classify { id, version, classification } => {
                let (ticket, _) =
                    store.classify(&self.viewer.login, (self.clock)(), id, Some(version), &classification)?;
                Action::Classified(Box::new(ticket))
            }
            Effect::AddChoice { field, list, name } => {
                store.add_choice(&list, &name)?;
                Action::ChoiceAdded { field, name: name.trim().to_string(), lists: store.pick_lists()? }
            }
            Effect::EditTicket { id, version, edits } => {
                let (_, changes) =
                    store.update_ticket(&self.viewer.login, (self.clock)(), id, Some(version), &edits)?;
                let fields: Vec<&str> = changes.iter().map(|c| t.field(c.field)).collect();
                let number = self.numbers.format(id);
                Action::TicketChanged { id, message: (t.edit.saved)(&number, &fields.join(", ")), error: false }
            }
            // Recording breaches is a write; a read-only file only shows them.
            Effect::WatchDeadlines if store.is_read_only() => Action::DeadlinesWatched(Vec::new()),
            Effect::WatchDeadlines => Action::DeadlinesWatched(store.record_breaches((self.clock)())?),
            Effect::WatchUpdates { soon } => Action::UpdatesDue(store.updates_due(soon)?),
            // Presence is a courtesy: when the file is busy it waits for the next turn.
            Effect::BePresent { id, now } => match store.be_present(&self.viewer.login, id, now) {
                Ok(others) => Action::Present { id, others },
                Err(_) => Action::Done,
            },
            Effect::Leave(id) => {
                let _ = store.leave(&self.viewer.login, id);
                Action::Done
            }
            Effect::WatchOthers => Action::OthersChanged(false), // handled in `run`
            Effect::SaveDraft(path, draft) => {
                let bytes = serde_json::to_vec_pretty(&draft).unwrap_or_default();
                let database = store.path().to_path_buf();
                let rules = crate::output_file::Rules { force: true, protected: &[database.as_path()] };
                // Only the user may read what a caller said.
                let written = crate::output_file::OutputFile::create(&path, rules, 0o600).and_then(|mut out| {
                    use std::io::Write;
                    out.file()
                        .write_all(&bytes)
                        .map_err(|source| crate::output_file::WriteError::Io { path: path.clone(), source })?;
                    out.commit()
                });
                match written {
                    Ok(()) => Action::Done,
                    Err(e) => Action::Failed((self.language.catalogue().draft_not_kept)(&e.to_string())),
                }
            }
            Effect::RemoveDraft(path) => {
                let _ = std::fs::remove_file(&path);
                Action::Done
            }
            Effect::LoadDraft(path) => {
                let draft = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
                draft.map_or(Action::Done, Action::DraftFound)
            }
            Effect::LoadPermissions => {
                use crate::domain::access::Permission::*;
                let asked = [Register, Classify, Assign, Work, Close, Reopen, ReferenceData, HandleLeadAsk];
                Action::PermissionsLoaded(asked.into_iter().filter(|p| store.may(*p)).collect())
            }
            Effect::LoadMyWork { filters, sort, limit } => Action::MyWorkLoaded(self.my_work(&filters, sort, limit)?),
            Effect::LoadMyName => {
                Action::MyNameLoaded(store.agent_name(&self.viewer.login)?.unwrap_or_else(|| self.viewer.login.clone()))
            }
            Effect::SetStatus { id, version, status, also } => {
                let (now, who) = ((self.clock)(), self.viewer.login.as_str());
                // The major incident and its linked incidents in one go, or none.
                store.set_status_with(who, now, id, Some(version), status, &also)?;
                self.changed(id, &(t.status_now)(t.status(status)))
            }
            Effect::LoadDialog { kind, id } => match store.ticket(id)? {
                Some(ticket) => {
                    let (teams, agents) = (store.teams()?, store.agents()?);
                    let problems = if kind == crate::app::dialog::DialogKind::LinkProblem {
                        store.problems()?
                    } else {
                        Vec::new()
                    };
                    let articles = if kind == crate::app::dialog::DialogKind::ApplyKnowledge {
                        // The suggestions first, then the rest of the knowledge base.
                        let mut found = store.suggest_articles(&ticket, 20)?;
                        for a in store.search_articles("", 200)? {
                            if !found.iter().any(|f| f.id == a.id) {
                                found.push(a);
                            }
                        }
                        found
                    } else {
                        Vec::new()
                    };
                    Action::DialogLoaded(Box::new(DialogData {
                        kind,
                        ticket: Some(ticket),
                        teams,
                        agents,
                        problems,
                        articles,
                    }))
                }
                None => Action::TicketMissing(id),
            },
            Effect::Assign { id, version, team, person } => {
                store.assign(&self.viewer.login, (self.clock)(), id, Some(version), &team, person.as_deref())?;
                let to = match &person {
                    Some(p) => format!("{team} · {p}"),
                    None => team,
                };
                self.changed(id, &(t.assigned_to)(&to))
            }
            Effect::Escalate { id, version, to, team, supplier, reason } => {
                let (now, who) = ((self.clock)(), self.viewer.login.as_str());
                store.escalate(who, now, id, Some(version), to, team.as_deref(), supplier.as_deref(), &reason)?;
                self.changed(id, &(t.escalated_to)(t.escalation(to)))
            }
            Effect::AskLead { id, reason, lead } => {
                let asked = store.ask_lead(&self.viewer.login, (self.clock)(), id, &reason, lead.as_deref())?;
                let said = asked.map_or_else(|| t.lead_asked.to_string(), |lead| (t.work.lead_asked_of)(&lead));
                self.changed(id, &said)
            }
            Effect::LeadHandled { id, note } => {
                store.lead_handled(&self.viewer.login, (self.clock)(), id, &note)?;
                self.changed(id, t.work.lead_handled)
            }
            Effect::MakeMajor { id, coordinator, communication_lead } => {
                store.promote_major(&self.viewer.login, (self.clock)(), id, &coordinator, &communication_lead)?;
                self.changed(id, t.made_major)
            }
            Effect::LinkToMajor { child, major } => {
                store.link_child(&self.viewer.login, (self.clock)(), child, major)?;
                self.changed(child, &(t.linked_to)(&self.numbers.format(major)))
            }
            Effect::AddNote { id, body } => {
                store.add_entry(&self.viewer.login, (self.clock)(), id, &NewEntry::note(&body))?;
                self.changed(id, t.note_added)
            }
            Effect::SendMessage(outgoing) => {
                let delivered =
                    send_message(store, self.mail.as_ref(), t, &self.viewer.login, (self.clock)(), &outgoing)?;
                // A failed message is kept as not sent; the failure must be seen.
                let error = !delivered.failures.is_empty();
                Action::TicketChanged { id: outgoing.ticket_id, message: delivered.report(t), error }
            }
            Effect::LoadAdmin => Action::AdminLoaded { teams: store.teams()?, agents: store.agents()? },
            Effect::AddTeam { name, line } => {
                store.add_team(&name, line)?;
                Action::AdminChanged((t.cli_team_added)(&name))
            }
            Effect::RemoveTeam(name) => {
                store.remove_team(&name)?;
                Action::AdminChanged((t.cli_team_removed)(&name))
            }
            Effect::AddAgent(agent) => {
                store.add_agent(&agent)?;
                Action::AdminChanged((t.cli_agent_added)(&agent.login))
            }
            Effect::RemoveAgent(login) => {
                store.remove_agent(&login)?;
                Action::AdminChanged((t.cli_agent_removed)(&login))
            }
            Effect::LoadProblems => {
                let to = (self.clock)();
                let from = to - chrono::Duration::days(RECURRING_DAYS);
                Action::ProblemsLoaded { problems: store.problems()?, clusters: store.clusters(from, to, 3)? }
            }
            Effect::LoadArticles { search } => Action::ArticlesLoaded(store.search_articles(&search, 200)?),
            Effect::SuggestKnowledge(q) => Action::KnowledgeSuggested(store.suggest_for(
                &q.text,
                q.service.as_deref(),
                q.category.as_deref(),
                3,
            )?),
            Effect::OpenRecord(target) => self.open_record(target)?,
            Effect::Tick { id, item, on } => match store.tick(&self.viewer.login, (self.clock)(), id, &item, on) {
                Ok(()) => Action::TicketChanged { id, message: String::new(), error: false },
                Err(e) => Action::TickFailed { item, on, message: t.store_error(&e, &self.numbers) },
            },
            Effect::Close(input) => {
                let actor = crate::service::Actor::new(&self.viewer.login, (self.clock)());
                // The pane shows every closing field: what it holds is what is
                // meant, an emptied field included.
                let request = crate::service::closing::CloseRequest {
                    id: input.id,
                    expected: Some(input.version),
                    code: input.code.clone().unwrap_or_default(),
                    cause: Some(input.cause.clone().unwrap_or_default()),
                    measures: Some(input.measures.clone().unwrap_or_default()),
                    solution: Some(input.solution.clone().unwrap_or_default()),
                    feedback: input.feedback.clone(),
                };
                // One transaction: refused, nothing is stored and the pane
                // keeps what was typed, at the version it had.
                match crate::service::closing::close(store, actor, &request) {
                    Ok(_) => self.changed(input.id, t.closed_message),
                    Err(e @ crate::store::StoreError::Conflict { .. }) => return Err(e),
                    Err(e) => Action::CloseRefused {
                        id: input.id,
                        version: input.version,
                        message: t.store_error(&e, &self.numbers),
                    },
                }
            }
            Effect::SaveReview { id, review, complete } => {
                store.save_review(&self.viewer.login, (self.clock)(), id, &review, complete)?;
                self.changed(id, if complete { t.ev_review_completed } else { t.review_saved })
            }
            Effect::SaveProblem { id, incidents, edit } => {
                let now = (self.clock)();
                let saved = match id {
                    Some(id) => store.update_problem(now, id, &edit)?,
                    None => store.create_problem_with(&self.viewer.login, now, &incidents, &edit)?,
                };
                Action::LibraryChanged((t.problem_saved)(&crate::domain::knowledge::problem_numbers().format(saved.id)))
            }
            Effect::SaveArticle { id, article } => {
                let now = (self.clock)();
                let saved = match id {
                    Some(id) => store.update_article(now, id, &article)?,
                    None => store.add_article(&self.viewer.login, now, &article)?,
                };
                Action::LibraryChanged((t.article_saved)(&crate::domain::knowledge::article_numbers().format(saved.id)))
            }
            Effect::LinkProblem { ticket, problem } => {
                let before = store.problem_of(ticket)?;
                store.link_problem(&self.viewer.login, (self.clock)(), ticket, problem)?;
                let numbers = crate::domain::knowledge::problem_numbers();
                let message = match (problem, before) {
                    (Some(p), _) => (t.ev_problem_linked)(&numbers.format(p)),
                    (None, Some(old)) => (t.ev_problem_unlinked)(&numbers.format(old.id)),
                    (None, None) => String::new(),
                };
                self.changed(ticket, &message)
            }
            Effect::ApplyKnowledge { ticket, article } => {
                store.apply_article(&self.viewer.login, (self.clock)(), ticket, article)?;
                self.changed(ticket, &(t.ev_knowledge)(&crate::domain::knowledge::article_numbers().format(article)))
            }
            Effect::MarkDuplicate { id, original } => {
                store.mark_duplicate(&self.viewer.login, (self.clock)(), id, original)?;
                self.changed(id, &(t.ev_duplicate)(&self.numbers.format(original)))
            }
            Effect::RunReport { generation, query } => match &self.background {
                Some(send) => {
                    let job = super::jobs::ReportJob {
                        database: store.path().to_path_buf(),
                        policy: store.policy().clone(),
                        language: self.language,
                        numbers: self.numbers.clone(),
                        generation,
                        query: *query,
                        identity: store.identity().clone(),
                    };
                    super::jobs::spawn(job, send.clone());
                    // Its answer comes as `ReportReady`.
                    Action::Done
                }
                None => super::jobs::report(store, self.language, &self.numbers, generation, &query),
            },
            Effect::LoadDemo { count } => {
                let stored = load_demo(store, &self.seed, self.language.code(), count, 1, (self.clock)(), |_| {})?;
                Action::DemoLoaded(stored)
            }
        })
    }
}

fn detail(store: &Store, id: TicketId) -> crate::store::Result<Option<TicketDetail>> {
    let Some(ticket) = store.ticket(id)? else { return Ok(None) };
    let handling = store.handling(id)?;
    let children = if handling.as_ref().is_some_and(|h| h.major) { store.children(id)? } else { Vec::new() };
    let problem = store.problem_of(id)?;
    // A known error is offered on a similar incident not linked to it yet.
    let known_error = if problem.is_none() && ticket.is_open() {
        store.known_error_for(ticket.service.as_deref(), ticket.category.as_deref())?
    } else {
        None
    };
    let closing = Closing {
        ticks: store.checklist(id)?,
        feedback: store.feedback_of(id)?,
        duplicate_of: store.duplicate_of(id)?,
        problem,
        known_error,
        suggestions: if ticket.is_open() { store.suggest_articles(&ticket, 3)? } else { Vec::new() },
        applied: store.applied_article(id)?,
        review: store.review(id)?,
    };
    Ok(Some(TicketDetail {
        events: store.events(id)?,
        entries: store.entries(id)?,
        sla: store.ticket_sla(id)?,
        handling,
        children,
        closing,
        ticket,
    }))
}
