//! Runs effects against the store and turns the results into actions.

use chrono::{DateTime, Utc};

use super::action::{Action, PageResult, TicketDetail};
use super::effect::Effect;
use crate::domain::NumberFormat;
use crate::domain::demo::{DemoGenerator, vocabulary};
use crate::domain::queue::{Cursor, Viewer};
use crate::domain::reference::ReferenceData;
use crate::i18n::Language;
use crate::store::{AgentRecord, PageRequest, Store};

pub struct Executor {
    store: Store,
    viewer: Viewer,
    numbers: NumberFormat,
    language: Language,
    seed: ReferenceData,
    clock: fn() -> DateTime<Utc>,
}

impl Executor {
    pub fn new(store: Store, user: &str, numbers: NumberFormat, language: Language, seed: ReferenceData) -> Self {
        Executor { store, viewer: Viewer { login: user.to_string() }, numbers, language, seed, clock: Utc::now }
    }

    /// Uses a fixed clock, for tests.
    pub fn with_clock(mut self, clock: fn() -> DateTime<Utc>) -> Self {
        self.clock = clock;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn run(&mut self, effect: Effect) -> Action {
        match self.try_run(effect) {
            Ok(action) => action,
            Err(e) => Action::Failed(self.language.catalogue().store_error(&e, &self.numbers)),
        }
    }

    fn try_run(&mut self, effect: Effect) -> crate::store::Result<Action> {
        let store = &self.store;
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
            Effect::LoadTicket(id) => match store.ticket(id)? {
                Some(ticket) => Action::TicketLoaded(Box::new(TicketDetail {
                    events: store.events(id)?,
                    sla: store.ticket_sla(id)?,
                    ticket,
                })),
                None => Action::TicketMissing(id),
            },
            Effect::LoadPickLists => Action::PickListsLoaded(store.pick_lists()?),
            Effect::LoadTeams => Action::TeamsLoaded(store.teams_of(&self.viewer.login)?),
            Effect::CreateTicket(ticket) => {
                Action::TicketCreated(Box::new(store.create_ticket(&self.viewer.login, (self.clock)(), &ticket)?))
            }
            Effect::OpenWizard(id) => match store.ticket(id)? {
                Some(ticket) => Action::WizardLoaded(Box::new(TicketDetail {
                    events: store.events(id)?,
                    sla: store.ticket_sla(id)?,
                    ticket,
                })),
                None => Action::TicketMissing(id),
            },
            Effect::Classify { id, version, classification } => {
                let (ticket, _) =
                    store.classify(&self.viewer.login, (self.clock)(), id, Some(version), &classification)?;
                Action::Classified(Box::new(ticket))
            }
            Effect::WatchDeadlines => Action::DeadlinesWatched(store.record_breaches((self.clock)())?),
            Effect::LoadDemo { count } => {
                let stored = load_demo(store, &self.seed, self.language.code(), count, 1, (self.clock)(), |_| {})?;
                Action::DemoLoaded(stored)
            }
        })
    }
}

/// Fills the store with `count` demo tickets; shared by the TUI and `meldpunt demo`.
pub fn load_demo(
    store: &Store,
    seed_data: &ReferenceData,
    language: &str,
    count: u64,
    seed: u64,
    now: DateTime<Utc>,
    progress: impl FnMut(u64),
) -> crate::store::Result<u64> {
    let vocab = vocabulary(language);
    let demo_agents = vocab.agents();
    let agents: Vec<AgentRecord> = demo_agents
        .iter()
        .map(|a| AgentRecord {
            login: a.login.clone(),
            name: a.name.clone(),
            email: Some(a.email.clone()),
            line: a.line,
            role: if a.line == 1 { "operator".into() } else { "technician".into() },
            teams: vec![a.team.clone()],
        })
        .collect();
    // Tickets are generated and stored one at a time, never all in memory.
    let generator = DemoGenerator::new(&vocab, demo_agents, count, seed, now);
    let stored = store.bulk_insert(seed_data, &agents, generator, progress)?;
    store.analyze()?;
    Ok(stored)
}
