//! Everything that can change the UI state: input from the terminal and
//! results coming back from the store.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::domain::queue::{Cursor, QueueCounts, QueueRow};
use crate::domain::reference::PickLists;
use crate::domain::{Event, Ticket, TicketId};

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time passes: ages and clocks on screen move on.
    Tick(DateTime<Utc>),
    PageLoaded(PageResult),
    CountsLoaded(QueueCounts),
    TicketLoaded(Box<(Ticket, Vec<Event>)>),
    TicketMissing(TicketId),
    PickListsLoaded(PickLists),
    TeamsLoaded(Vec<String>),
    TicketCreated(Box<Ticket>),
    DemoLoaded(u64),
    /// A store operation failed; the message is shown, nothing is lost.
    Failed(String),
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
