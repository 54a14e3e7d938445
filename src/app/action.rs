//! Everything that can change the UI state: input from the terminal and
//! results coming back from the store.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::domain::escalation::Escalation;
use crate::domain::knowledge::{Article, Cluster, Problem};
use crate::domain::people::{AgentInfo, TeamInfo};
use crate::domain::queue::{Cursor, QueueCounts, QueueRow};
use crate::domain::reference::PickLists;
use crate::domain::{Field, Status, Ticket, TicketId};
use crate::panes::dialog::state::DialogKind;
use crate::service::knowledge::ProblemLink;
use crate::service::message::Delivered;
use crate::store::StoreError;

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time passes: ages and clocks on screen move on, and passed deadlines
    /// are recorded.
    Tick(DateTime<Utc>),
    /// The time now, before a key is handled: what the screen shows is current.
    Clock(DateTime<Utc>),
    PageLoaded(PageResult),
    CountsLoaded(QueueCounts),
    TicketLoaded(Box<TicketDetail>),
    TicketMissing(TicketId),
    PickListsLoaded(PickLists),
    /// A value was added to the pick list of this form field.
    ChoiceAdded {
        field: crate::domain::Field,
        name: String,
        lists: PickLists,
    },
    TeamsLoaded(Vec<String>),
    TicketCreated(Box<Ticket>),
    WizardLoaded(Box<TicketDetail>),
    DialogLoaded(Box<DialogData>),
    /// A ticket was changed: show it again, saying what happened (an error
    /// when part of it failed, e.g. a message that could not be sent).
    TicketChanged {
        id: TicketId,
        outcome: Outcome,
    },
    MyNameLoaded(String),
    MyWorkLoaded(Vec<crate::panes::my_work::Section>),
    DraftFound(super::draft::Draft),
    PermissionsLoaded(Vec<crate::domain::access::Permission>),
    AdminLoaded {
        teams: Vec<TeamInfo>,
        agents: Vec<AgentInfo>,
    },
    RecordLoaded(Box<RecordData>),
    /// A problem or article was saved: back to its list.
    LibraryChanged(Saved),
    ProblemsLoaded {
        problems: Vec<(Problem, u64)>,
        clusters: Vec<Cluster>,
    },
    ArticlesLoaded(Vec<Article>),
    KnowledgeSuggested(Vec<Article>),
    /// A tick was not stored: the box goes back.
    TickFailed {
        id: TicketId,
        item: String,
        on: bool,
        error: StoreError,
    },
    /// Closing was refused; what was typed is stored, at this version.
    CloseRefused {
        id: TicketId,
        version: i64,
        error: StoreError,
    },
    /// Teams or people changed: load them again.
    AdminChanged(AdminChange),
    Classified(Box<Ticket>),
    /// Someone else changed the ticket since the edit's version was read.
    Conflict(Box<Conflict>),
    /// Who else has the incident open.
    Present {
        id: TicketId,
        others: Vec<String>,
    },
    /// Done; nothing to show.
    Done,
    /// Whether other processes changed the file since the last look.
    OthersChanged(bool),
    /// Tickets that just had a breach recorded.
    DeadlinesWatched(Vec<TicketId>),
    /// The customer updates due soon or overdue.
    UpdatesDue(crate::domain::work::UpdatesDue),
    DemoLoaded(u64),
    ReportReady {
        generation: u64,
        result: Result<Box<crate::report::Report>, Failure>,
        millis: u64,
    },
    /// The spinner of a running report turns.
    Spin,
    /// Something failed, in work of this origin; it is said, nothing typed is lost.
    Failed(Origin, Failure),
}

/// What a use-case did to a ticket: `update` reacts to it, `update::said`
/// words it.
#[derive(Debug)]
pub enum Outcome {
    /// Registered fields changed (none: nothing to change).
    Edited(Vec<Field>),
    StatusSet(Status),
    Assigned {
        team: String,
        person: Option<String>,
    },
    Escalated(Escalation),
    /// A lead's attention asked: of this lead, or of every lead.
    LeadAsked(Option<String>),
    LeadHandled,
    MadeMajor,
    LinkedToMajor(TicketId),
    NoteAdded,
    Messaged(Delivered),
    Ticked,
    Closed,
    ReviewSaved {
        complete: bool,
    },
    Problem(ProblemLink),
    KnowledgeApplied(i64),
    Duplicate {
        of: TicketId,
    },
}

impl Outcome {
    /// Part of it failed (a message that did not reach everyone).
    pub fn failed_in_part(&self) -> bool {
        matches!(self, Outcome::Messaged(d) if !d.failures.is_empty())
    }

    /// Nothing to say (a tick): a record pane stays open.
    pub fn is_quiet(&self) -> bool {
        matches!(self, Outcome::Ticked | Outcome::Problem(ProblemLink::Unchanged))
    }
}

/// A record of the library that was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Problem(i64),
    Article(i64),
}

/// A change to the teams or the people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminChange {
    TeamAdded(String),
    TeamRemoved(String),
    AgentAdded(String),
    AgentRemoved(String),
}

/// What a failed effect was doing, where no pane waits for it: demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Demo data being loaded: the first-run screen stops saying so.
    Demo,
    /// Anything else; the pane that asked, if any, is told by the answer's
    /// number (`update::answer`).
    Other,
}

impl Origin {
    pub fn of(effect: &crate::app::effect::Effect) -> Origin {
        use crate::app::effect::Effect;
        match effect {
            Effect::LoadDemo { .. } => Origin::Demo,
            _ => Origin::Other,
        }
    }
}

impl Conflict {
    /// An edit sent after all, for the pane that asked for the first.
    pub fn again(&self, edit: super::effect::Effect) -> super::effect::Effect {
        match self.asked_by {
            Some(ask) => edit.asked(ask),
            None => edit,
        }
    }
}

/// Why something did not happen.
#[derive(Debug)]
pub enum Failure {
    Store(StoreError),
    /// The registration form's draft could not be kept.
    DraftNotKept(crate::output_file::WriteError),
    /// The work ended in an error of the program itself.
    Stopped,
    /// A report ended in an error of the program itself.
    ReportStopped,
    /// No thread could be started for the work.
    NoThread(std::io::Error),
    /// Slow work has no lane: its connection could not be opened, for this reason.
    NoLane(std::sync::Arc<StoreError>),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

pub use crate::service::detail::TicketDetail;

/// What a dialog needs to offer its choices.
#[derive(Debug, Clone)]
pub struct DialogData {
    pub kind: DialogKind,
    /// The ticket the dialog is about (none for the admin pane's).
    pub ticket: Option<Ticket>,
    pub teams: Vec<TeamInfo>,
    pub agents: Vec<AgentInfo>,
    pub problems: Vec<(Problem, u64)>,
    pub articles: Vec<Article>,
}

/// What a record pane opens with.
#[derive(Debug, Clone)]
pub enum RecordData {
    Closure(Box<TicketDetail>),
    Review(Box<TicketDetail>),
    Problem { problem: Option<Problem>, incidents: Vec<TicketId>, title: String },
    Article(Option<Article>),
}

/// A page of the queue as loaded, with whether there is more on each side.
#[derive(Debug, Clone)]
pub struct PageResult {
    /// Which load this answers; older answers are ignored.
    pub generation: u64,
    pub cursor: Cursor,
    pub rows: Vec<QueueRow>,
    pub has_prev: bool,
    pub has_next: bool,
}

/// An edit refused because someone else changed the ticket meanwhile: per
/// field what the user meant and what is there now, and who changed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: TicketId,
    /// The refused edit, to apply on the current version after all.
    pub edit: super::effect::Effect,
    /// The current version.
    pub version: i64,
    /// Field, the user's value, the value now.
    pub fields: Vec<(crate::domain::Field, Option<String>, Option<String>)>,
    pub changed_by: String,
    pub changed_at: DateTime<Utc>,
    /// Of an edit of registered fields: the changes the other did not
    /// touch, applied whichever edit wins the fields both changed.
    pub unshared: Option<super::effect::Effect>,
    /// The pane whose save this was: it waits on, for whichever edit is sent.
    pub asked_by: Option<super::effect::Ask>,
}
