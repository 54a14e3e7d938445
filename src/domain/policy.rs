//! The service policy of a servicedesk: how impact and urgency give a
//! priority, what each priority promises, and the calendars it counts in.

use super::priority::PriorityMatrix;
use super::sla::{Calendars, SlaPolicy};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    pub matrix: PriorityMatrix,
    pub sla: SlaPolicy,
    pub calendars: Calendars,
}
