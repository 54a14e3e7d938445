//! The event log: every change to a ticket, who made it and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ticket::{FieldChange, TicketId, coded_enum};

/// The actor of what happens by itself, such as a deadline passing.
pub const SYSTEM: &str = "system";

coded_enum! {
    /// What kind of thing happened to a ticket.
    EventKind {
        Created => "created",
        Changed => "changed",
        /// The priority was set against the matrix; the note gives the reason.
        Override => "override",
        /// A deadline moved (reclassification); field is the target.
        Deadline => "deadline",
        SlaPaused => "sla_paused",
        SlaResumed => "sla_resumed",
        SlaBreached => "sla_breached",
        /// Functional escalation; new is the line or supplier, note the reason.
        Escalated => "escalated",
        /// Hierarchical escalation: a lead's attention (new is the lead's login); note the reason.
        LeadAttention => "lead_attention",
        /// Promoted to major incident; old is the coordinator, new the communication lead.
        Major => "major",
        /// Linked to a major incident (new is its id).
        Linked => "linked",
        /// A child incident was linked (new is its id).
        ChildLinked => "child_linked",
        /// A closure checklist item (field) ticked ("1") or unticked ("0").
        Checked => "checked",
        /// The reporter's satisfaction (new, 1 to 5); note the comment.
        Feedback => "feedback",
        /// The post-incident review was updated or completed (new).
        Review => "review",
        /// Marked as a duplicate of another ticket (new is its id).
        Duplicate => "duplicate",
        /// Linked to a problem (new) or unlinked from one (old).
        Problem => "problem",
        /// A knowledge article (new) was applied.
        Knowledge => "knowledge",
        /// What a lead's attention was asked for is handled; note what was done.
        LeadHandled => "lead_handled",
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
    pub note: Option<String>,
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
    pub note: Option<String>,
}

impl NewEvent {
    pub fn created(at: DateTime<Utc>, actor: &str) -> Self {
        NewEvent::of(EventKind::Created, at, actor, None, None, None)
    }

    pub fn changed(at: DateTime<Utc>, actor: &str, change: &FieldChange) -> Self {
        NewEvent::of(EventKind::Changed, at, actor, Some(change.field.code()), change.old.clone(), change.new.clone())
    }

    pub fn of(
        kind: EventKind,
        at: DateTime<Utc>,
        actor: &str,
        field: Option<&str>,
        old: Option<String>,
        new: Option<String>,
    ) -> Self {
        NewEvent { at, actor: actor.to_string(), kind, field: field.map(str::to_string), old, new, note: None }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}
