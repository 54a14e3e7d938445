//! The event log: every change to a ticket, who made it and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ticket::{FieldChange, TicketId, coded_enum};

coded_enum! {
    /// What kind of thing happened to a ticket.
    EventKind {
        Created => "created",
        Changed => "changed",
    }
}

/// One entry of a ticket's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub ticket_id: TicketId,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An event before it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl NewEvent {
    pub fn created(at: DateTime<Utc>, actor: &str) -> Self {
        NewEvent { at, actor: actor.to_string(), kind: EventKind::Created, field: None, old: None, new: None }
    }

    pub fn changed(at: DateTime<Utc>, actor: &str, change: &FieldChange) -> Self {
        NewEvent {
            at,
            actor: actor.to_string(),
            kind: EventKind::Changed,
            field: Some(change.field.code().to_string()),
            old: change.old.clone(),
            new: change.new.clone(),
        }
    }
}
