//! Loading what panes show: the queue's pages and counts, an incident,
//! dialogs' choices, the library, the record panes, "my work".

use super::{Executor, RECURRING_DAYS, misrouted};
use crate::app::action::{Action, DialogData, PageResult, RecordData};
use crate::app::effect::{Effect, RecordTarget};
use crate::domain::queue::{Cursor, PageRequest, QueueFilter, Sort};
use crate::service::detail::detail;
use crate::store::{Result, StoreError};

impl Executor {
    pub(super) fn load(&mut self, effect: Effect) -> Result<Action> {
        let store = &self.store;
        Ok(match effect {
            Effect::LoadPage { generation, filter, sort, cursor, limit } => {
                self.page(generation, &filter, sort, cursor, limit)?
            }
            Effect::LoadCounts { filter } => {
                Action::CountsLoaded(store.queue_counts(&filter, &self.viewer, &self.numbers)?)
            }
            Effect::LoadTicket(id) => match detail(store, id)? {
                Some(detail) => Action::TicketLoaded(Box::new(detail)),
                None => Action::TicketMissing(id),
            },
            Effect::OpenWizard(id) => match detail(store, id)? {
                Some(detail) => Action::WizardLoaded(Box::new(detail)),
                None => Action::TicketMissing(id),
            },
            Effect::LoadPickLists => Action::PickListsLoaded(store.pick_lists()?),
            Effect::LoadTeams => Action::TeamsLoaded(store.teams_of(&self.viewer.login)?),
            Effect::LoadPermissions => {
                use crate::domain::access::Permission::*;
                let asked = [Register, Classify, Assign, Work, Close, Reopen, ReferenceData, HandleLeadAsk];
                Action::PermissionsLoaded(asked.into_iter().filter(|p| store.may(*p)).collect())
            }
            Effect::LoadMyWork { filters, sort, limit } => Action::MyWorkLoaded(self.my_work(&filters, sort, limit)?),
            Effect::LoadMyName => {
                Action::MyNameLoaded(store.agent_name(&self.viewer.login)?.unwrap_or_else(|| self.viewer.login.clone()))
            }
            Effect::LoadDialog { kind, id } => self.dialog(kind, id)?,
            Effect::LoadAdmin => Action::AdminLoaded { teams: store.teams()?, agents: store.agents()? },
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
            other => misrouted(&other),
        })
    }

    /// A page of the queue, with whether there is more on each side.
    fn page(&self, generation: u64, filter: &QueueFilter, sort: Sort, cursor: Cursor, limit: usize) -> Result<Action> {
        let request = PageRequest {
            filter,
            sort,
            viewer: &self.viewer,
            numbers: &self.numbers,
            cursor: &cursor,
            limit: limit + 1,
        };
        let mut rows = self.store.queue_page(&request)?;
        let backwards = cursor.is_backwards();
        let more = rows.len() > limit;
        if more {
            if backwards {
                rows.remove(0);
            } else {
                rows.truncate(limit);
            }
        }
        let (has_prev, has_next) =
            if backwards { (more, !matches!(cursor, Cursor::Last)) } else { (!matches!(cursor, Cursor::First), more) };
        Ok(Action::PageLoaded(PageResult { generation, cursor, rows, has_prev, has_next }))
    }

    /// What a dialog offers its choices from.
    fn dialog(&self, kind: crate::panes::dialog::state::DialogKind, id: crate::domain::TicketId) -> Result<Action> {
        use crate::panes::dialog::state::DialogKind;
        let store = &self.store;
        let Some(ticket) = store.ticket(id)? else { return Ok(Action::TicketMissing(id)) };
        let (teams, agents) = (store.teams()?, store.agents()?);
        let problems = if kind == DialogKind::LinkProblem { store.problems()? } else { Vec::new() };
        let articles = if kind == DialogKind::ApplyKnowledge {
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
        Ok(Action::DialogLoaded(Box::new(DialogData { kind, ticket: Some(ticket), teams, agents, problems, articles })))
    }

    /// Loads what a record pane opens with.
    fn open_record(&self, target: RecordTarget) -> Result<Action> {
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
                let problem = store.problem(id)?.ok_or(StoreError::NotFound(id))?;
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
        filters: &[QueueFilter],
        sort: Sort,
        limit: usize,
    ) -> Result<Vec<crate::panes::my_work::Section>> {
        let (viewer, numbers) = (&self.viewer, &self.numbers);
        let mut sections = Vec::new();
        for filter in filters {
            let request = PageRequest { filter, sort, viewer, numbers, cursor: &Cursor::First, limit };
            let rows = self.store.queue_page(&request)?;
            let (matching, more) = self.store.count_matching(filter, viewer, numbers)?;
            let p1 = QueueFilter { priority: Some(crate::domain::Priority::P1), ..filter.clone() };
            let (p1, _) = self.store.count_matching(&p1, viewer, numbers)?;
            sections.push(crate::panes::my_work::Section { rows, matching, more, p1 });
        }
        Ok(sections)
    }
}
