//! What `update` asks the outside world to do.

use crate::domain::classification::Classification;
use crate::domain::queue::{Cursor, QueueFilter, Sort};
use crate::domain::{NewTicket, TicketId};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
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
    /// Record breaches of deadlines that passed.
    WatchDeadlines,
    LoadDemo {
        count: u64,
    },
}
