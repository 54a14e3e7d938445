//! The service policy of a servicedesk: how impact and urgency give a
//! priority, what each priority promises, and the calendars it counts in.

use chrono::Duration;

use super::closure::ClosurePolicy;
use super::figures::FirstContactRule;
use super::priority::PriorityMatrix;
use super::routing::Routing;
use super::sla::{Calendars, SlaPolicy};

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub matrix: PriorityMatrix,
    pub sla: SlaPolicy,
    pub calendars: Calendars,
    pub routing: Routing,
    /// How long after closing an incident may still be reopened.
    pub reopen_window: Duration,
    pub closure: ClosurePolicy,
    /// When a resolution counts as first-contact resolution.
    pub first_contact: FirstContactRule,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            matrix: PriorityMatrix::default(),
            sla: SlaPolicy::default(),
            calendars: Calendars::default(),
            routing: Routing::default(),
            reopen_window: Duration::days(14),
            closure: ClosurePolicy::default(),
            first_contact: FirstContactRule::default(),
        }
    }
}
