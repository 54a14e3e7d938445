//! What `update` asks the outside world to do.

use crate::domain::queue::{Cursor, QueueFilter, Sort};
use crate::domain::{NewTicket, TicketId};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadPage { generation: u64, filter: QueueFilter, sort: Sort, cursor: Cursor, limit: usize },
    LoadCounts { filter: QueueFilter },
    LoadTicket(TicketId),
    LoadPickLists,
    LoadTeams,
    CreateTicket(Box<NewTicket>),
    LoadDemo { count: u64 },
}
