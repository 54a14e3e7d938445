//! How a ticket is being handled, and the customer updates that are due.

use super::TicketId;
use super::escalation::Escalation;

/// How a ticket is being handled, beside the ticket record itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Handling {
    pub reassignments: i64,
    pub escalation: Option<Escalation>,
    pub supplier: Option<String>,
    pub lead_attention: bool,
    pub major: bool,
    pub coordinator: Option<String>,
    pub communication_lead: Option<String>,
    pub parent_id: Option<TicketId>,
    /// The teams it is restricted to (none: everyone sees it).
    pub restricted_to: Vec<String>,
    /// Its number in the system it was imported from (ServiceNow's `INC0000045`).
    pub source_ref: Option<String>,
}

/// Customer updates due soon or overdue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdatesDue {
    pub count: u64,
    /// The tickets concerned, the most pressing first (at most 200).
    pub tickets: Vec<TicketId>,
}
