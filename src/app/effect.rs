//! What `update` asks the outside world to do.

use crate::domain::Status;
use crate::domain::classification::Classification;
use crate::domain::escalation::Escalation;
use crate::domain::queue::{Cursor, QueueFilter, Sort};
use crate::domain::{Field, NewTicket, TicketId};
use crate::panes::dialog::state::DialogKind;

/// The number of one save from a pane (a dialog, a form, the wizard, a
/// record or the compose pane), which the pane keeps while it waits: the
/// answer goes back to that pane and to no other opened meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask(pub u64);

impl Ask {
    /// The next number of `counter` (the state's `asks`, reachable while a
    /// pane of the state is borrowed).
    pub fn next(counter: &mut u64) -> Ask {
        *counter += 1;
        Ask(*counter)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// An effect a pane waits for (`Effect::asked`); the work under way
    /// (`Outstanding`) takes it apart and remembers whose it is.
    Asked(Ask, Box<Effect>),
    LoadPage {
        generation: u64,
        filter: QueueFilter,
        sort: Sort,
        cursor: Cursor,
        limit: usize,
    },
    LoadCounts {
        filter: QueueFilter,
    },
    LoadTicket(TicketId),
    LoadPickLists,
    LoadTeams,
    CreateTicket(Box<NewTicket>),
    /// Load a ticket and open the classification wizard on it.
    OpenWizard(TicketId),
    Classify {
        id: TicketId,
        version: i64,
        classification: Box<Classification>,
    },
    /// Change registered fields of a ticket, based on the version read.
    EditTicket {
        id: TicketId,
        version: i64,
        edits: Vec<(Field, Option<String>)>,
    },
    /// Add what was typed to a pick list, for the form's field.
    AddChoice {
        field: Field,
        list: crate::domain::reference::ChoiceList,
        name: String,
    },
    /// Record breaches of deadlines that passed.
    WatchDeadlines,
    /// Count the customer updates due before `soon`.
    WatchUpdates {
        soon: chrono::DateTime<chrono::Utc>,
    },
    /// Notice changes other processes made to the file.
    WatchOthers,
    /// Say that the user has this incident open, and learn who else has.
    BePresent {
        id: TicketId,
        now: chrono::DateTime<chrono::Utc>,
    },
    /// The user closed the incident.
    Leave(TicketId),
    LoadMyName,
    /// The "my work" pane's sections: for each filter, its first rows and counts.
    LoadMyWork {
        filters: Vec<QueueFilter>,
        sort: Sort,
        limit: usize,
    },
    /// Keep what the registration form holds, atomically, in this file.
    SaveDraft(std::path::PathBuf, super::draft::Draft),
    RemoveDraft(std::path::PathBuf),
    /// A draft left by an earlier run, if there is one.
    LoadDraft(std::path::PathBuf),
    /// What the user's role allows, for the hints.
    LoadPermissions,
    SetStatus {
        id: TicketId,
        version: i64,
        status: Status,
        also: Vec<TicketId>,
    },
    LoadDialog {
        kind: DialogKind,
        id: TicketId,
    },
    Assign {
        id: TicketId,
        version: i64,
        team: String,
        person: Option<String>,
    },
    Escalate {
        id: TicketId,
        version: i64,
        to: Escalation,
        team: Option<String>,
        supplier: Option<String>,
        reason: String,
    },
    AskLead {
        id: TicketId,
        reason: String,
        /// The lead asked (none: the team's lead).
        lead: Option<String>,
    },
    /// What a lead's attention was asked for is handled.
    LeadHandled {
        id: TicketId,
        note: String,
    },
    MakeMajor {
        id: TicketId,
        coordinator: String,
        communication_lead: String,
    },
    LinkToMajor {
        child: TicketId,
        major: TicketId,
    },
    AddNote {
        id: TicketId,
        body: String,
    },
    SendMessage(Box<Outgoing>),
    LoadAdmin,
    LoadProblems,
    LoadArticles {
        search: String,
    },
    /// Knowledge for an incident being registered.
    SuggestKnowledge(crate::panes::register::state::KnowledgeQuery),
    /// Open a record pane: closing or reviewing a ticket, a problem, an article.
    OpenRecord(RecordTarget),
    Tick {
        id: TicketId,
        item: String,
        on: bool,
    },
    Close(Box<ClosingInput>),
    SaveReview {
        id: TicketId,
        review: Box<crate::domain::knowledge::Review>,
        complete: bool,
    },
    SaveProblem {
        id: Option<i64>,
        incidents: Vec<TicketId>,
        edit: Box<crate::domain::knowledge::ProblemEdit>,
    },
    SaveArticle {
        id: Option<i64>,
        article: Box<crate::domain::knowledge::NewArticle>,
    },
    /// Links to a problem, or unlinks with `None`.
    LinkProblem {
        ticket: TicketId,
        problem: Option<i64>,
    },
    ApplyKnowledge {
        ticket: TicketId,
        article: i64,
    },
    MarkDuplicate {
        id: TicketId,
        original: TicketId,
    },
    AddTeam {
        name: String,
        line: u8,
    },
    RemoveTeam(String),
    AddAgent(Box<crate::domain::people::AgentRecord>),
    RemoveAgent(String),
    LoadDemo {
        count: u64,
    },
    /// Computes a report, off the UI thread where the executor can.
    RunReport {
        generation: u64,
        query: Box<crate::domain::report::ReportQuery>,
    },
}

pub use crate::service::message::Outgoing;

/// What a record pane is opened on.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordTarget {
    Closure(TicketId),
    Review(TicketId),
    Problem(i64),
    /// A new problem from these incidents, titled after the first.
    NewProblem(Vec<TicketId>),
    /// A new problem from the recurring incidents of one service and category.
    ProblemFromCluster {
        service: String,
        category: String,
    },
    Article(i64),
    NewArticle,
}

/// The closure pane's fields, to save and then close.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosingInput {
    pub id: TicketId,
    pub version: i64,
    pub code: Option<String>,
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub solution: Option<String>,
    pub feedback: Option<(u8, String)>,
}

impl Effect {
    /// The ticket and version an edit is based on, for edits that carry one.
    pub fn based_on(&self) -> Option<(TicketId, i64)> {
        match self {
            Effect::Classify { id, version, .. }
            | Effect::SetStatus { id, version, .. }
            | Effect::Assign { id, version, .. }
            | Effect::Escalate { id, version, .. }
            | Effect::EditTicket { id, version, .. } => Some((*id, *version)),
            Effect::Close(input) => Some((input.id, input.version)),
            _ => None,
        }
    }

    /// The same edit, based on another version (to apply it after all).
    pub fn on_version(self, v: i64) -> Effect {
        match self {
            Effect::Classify { id, classification, .. } => Effect::Classify { id, version: v, classification },
            Effect::SetStatus { id, status, also, .. } => Effect::SetStatus { id, version: v, status, also },
            Effect::Assign { id, team, person, .. } => Effect::Assign { id, version: v, team, person },
            Effect::Escalate { id, to, team, supplier, reason, .. } => {
                Effect::Escalate { id, version: v, to, team, supplier, reason }
            }
            Effect::EditTicket { id, edits, .. } => Effect::EditTicket { id, version: v, edits },
            Effect::Close(mut input) => {
                input.version = v;
                Effect::Close(input)
            }
            other => other,
        }
    }

    /// The fields an edit sets, with the values it gives them.
    pub fn edited_fields(&self) -> Vec<(Field, Option<String>)> {
        let some = |s: &str| Some(s.to_string());
        match self {
            Effect::SetStatus { status, .. } => vec![(Field::Status, some(status.code()))],
            Effect::Assign { team, person, .. } => vec![(Field::Team, some(team)), (Field::Assignee, person.clone())],
            Effect::Escalate { team, .. } => vec![(Field::Team, team.clone())],
            Effect::Classify { classification: c, .. } => {
                let mut fields = vec![
                    (Field::Category, c.category.clone()),
                    (Field::Subcategory, c.subcategory.clone()),
                    (Field::Service, c.service.clone()),
                    (Field::Impact, some(&c.impact.to_string())),
                    (Field::Urgency, some(&c.urgency.to_string())),
                ];
                if let Some((p, _)) = &c.overridden {
                    fields.push((Field::Priority, some(&p.to_string())));
                }
                fields
            }
            Effect::EditTicket { edits, .. } => edits.clone(),
            Effect::Close(input) => vec![
                (Field::Status, some(Status::Closed.code())),
                (Field::ClosureCode, input.code.clone()),
                (Field::Cause, input.cause.clone()),
                (Field::Measures, input.measures.clone()),
                (Field::Solution, input.solution.clone()),
            ],
            _ => Vec::new(),
        }
    }
}

impl Effect {
    /// This effect, answered to the pane that keeps `ask`.
    pub fn asked(self, ask: Ask) -> Effect {
        Effect::Asked(ask, Box::new(self))
    }

    /// The pane waiting for this effect, if any, and the effect itself.
    pub fn take_ask(self) -> (Option<Ask>, Effect) {
        match self {
            Effect::Asked(ask, effect) => (Some(ask), *effect),
            effect => (None, effect),
        }
    }
}
