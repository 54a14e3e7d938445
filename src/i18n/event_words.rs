//! Words of the timeline's events (`events.rs` puts them together), one struct
//! each language fills in (`en/events.rs`, `nl/events.rs`).

pub struct EventWords {
    pub created: &'static str,
    /// Chosen priority, matrix priority, reason.
    pub priority_override: fn(&str, &str, &str) -> String,
    /// Target, old deadline, new deadline.
    pub deadline: fn(&str, &str, &str) -> String,
    /// Target, status.
    pub paused: fn(&str, &str) -> String,
    /// Target, new deadline.
    pub resumed: fn(&str, &str) -> String,
    pub breached: fn(&str) -> String,
    /// Line or supplier, reason.
    pub escalated: fn(&str, &str) -> String,
    pub lead: fn(&str) -> String,
    /// Coordinator, communication lead.
    pub major: fn(&str, &str) -> String,
    pub linked: fn(&str) -> String,
    pub child_linked: fn(&str) -> String,
    pub ticked: fn(&str) -> String,
    pub unticked: fn(&str) -> String,
    /// Score, comment.
    pub feedback: fn(&str, &str) -> String,
    pub review_updated: &'static str,
    pub review_completed: &'static str,
    pub review_reopened: &'static str,
    pub duplicate: fn(&str) -> String,
    pub problem_linked: fn(&str) -> String,
    pub problem_unlinked: fn(&str) -> String,
    pub knowledge: fn(&str) -> String,
    pub update_missed: fn(&str) -> String,
}
