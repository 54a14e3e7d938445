//! Everything that can change the UI state: input from the terminal and
//! results coming back from the store.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

use super::dialog::DialogKind;
use super::state::Closing;
use crate::domain::entry::Entry;
use crate::domain::knowledge::{Article, Cluster, Problem};
use crate::domain::people::{AgentInfo, TeamInfo};
use crate::domain::queue::{Cursor, QueueCounts, QueueRow};
use crate::domain::reference::PickLists;
use crate::domain::sla::TicketSla;
use crate::domain::work::Handling;
use crate::domain::{Event, Ticket, TicketId};

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
    /// A ticket was changed: show it again, with this message (an error
    /// when part of it failed, e.g. a message that could not be sent).
    TicketChanged {
        id: TicketId,
        message: String,
        error: bool,
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
    /// A problem or article was saved: back to its list, with this message.
    LibraryChanged(String),
    ProblemsLoaded {
        problems: Vec<(Problem, u64)>,
        clusters: Vec<Cluster>,
    },
    ArticlesLoaded(Vec<Article>),
    KnowledgeSuggested(Vec<Article>),
    /// A tick was not stored: the box goes back.
    TickFailed {
        item: String,
        on: bool,
        message: String,
    },
    /// Closing was refused; what was typed is stored, at this version.
    CloseRefused {
        id: TicketId,
        version: i64,
        message: String,
    },
    /// Teams or people changed: load them again, with this message.
    AdminChanged(String),
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
        result: Result<Box<crate::report::Report>, String>,
        millis: u64,
    },
    /// The spinner of a running report turns.
    Spin,
    /// A store operation failed; the message is shown, nothing is lost.
    Failed(String),
}

/// One ticket with what the detail pane shows of it.
#[derive(Debug, Clone)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    pub entries: Vec<Entry>,
    pub sla: Option<TicketSla>,
    pub handling: Option<Handling>,
    pub children: Vec<Ticket>,
    pub closing: Closing,
}

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
}
