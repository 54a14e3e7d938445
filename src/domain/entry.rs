//! Work notes and messages to the reporter: entries on a ticket's timeline
//! that are never changed afterwards.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ticket::{TicketId, coded_enum};

coded_enum! {
    /// An internal work note, or a message to the reporter or stakeholders.
    EntryKind {
        Note => "note",
        Message => "message",
    }
}

coded_enum! {
    /// What became of a message.
    Delivery {
        /// Handed to the mail command, which accepted it.
        Sent => "sent",
        /// Told by phone or in person: only written down here.
        Recorded => "recorded",
        /// The mail command failed; the reporter has not been told.
        Failed => "failed",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub ticket_id: TicketId,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EntryKind,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: String,
    pub delivery: Option<Delivery>,
    pub error: Option<String>,
}

impl Entry {
    /// A message the reporter got (or was told): it counts as a response
    /// and restarts the customer-update clock. A failed one does not.
    pub fn reached_the_reporter(&self) -> bool {
        self.kind == EntryKind::Message && matches!(self.delivery, Some(Delivery::Sent | Delivery::Recorded))
    }
}

/// An entry before it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    pub kind: EntryKind,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: String,
    pub delivery: Option<Delivery>,
    pub error: Option<String>,
}

impl NewEntry {
    pub fn note(body: &str) -> Self {
        NewEntry {
            kind: EntryKind::Note,
            recipient: None,
            subject: None,
            body: body.to_string(),
            delivery: None,
            error: None,
        }
    }

    pub fn message(recipient: Option<&str>, subject: &str, body: &str, delivery: Delivery) -> Self {
        NewEntry {
            kind: EntryKind::Message,
            recipient: recipient.map(str::to_string),
            subject: Some(subject.to_string()),
            body: body.to_string(),
            delivery: Some(delivery),
            error: None,
        }
    }
}
