//! The service policy of a servicedesk: how impact and urgency give a
//! priority, what each priority promises, and the calendars it counts in.

use chrono::Duration;

use super::calendar::Calendar;
use super::closure::ClosurePolicy;
use super::figures::FirstContactRule;
use super::priority::{Priority, PriorityMatrix};
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

impl Policy {
    /// The calendar a ticket's report figures count in: that of its SLA
    /// targets, or for a ticket never classified, that of the lowest priority.
    pub fn figures_calendar(&self, sla_calendar: Option<&str>) -> &Calendar {
        self.calendars.get(sla_calendar.unwrap_or_else(|| self.sla.targets_for(Priority::P4).calendar.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::{ALWAYS, OFFICE};

    #[test]
    fn figures_count_in_the_tickets_calendar_or_the_lowest_prioritys() {
        let mut policy = Policy::default();
        let (always, office) = (policy.calendars.get(ALWAYS).clone(), policy.calendars.get(OFFICE).clone());
        assert_ne!(always, office);
        assert_eq!(policy.figures_calendar(Some(ALWAYS)), &always);
        assert_eq!(policy.figures_calendar(None), &office);
        policy.sla.targets[3].calendar = ALWAYS.into();
        assert_eq!(policy.figures_calendar(None), &always);
        assert_eq!(policy.figures_calendar(Some(OFFICE)), &office);
    }
}
