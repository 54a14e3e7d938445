//! Words for working a ticket that the screen and the command line share:
//! priorities set by hand, a lead's attention, resolving with linked
//! incidents, the SLA timeline, imported numbers. Each language fills in
//! every field (`en/work.rs`, `nl/work.rs`).

pub struct WorkWords {
    pub err_priority_unclassified: &'static str,
    /// The linked incidents resolved with a major incident, by number.
    pub resolved_linked: fn(&str) -> String,
    /// Above the open incidents linked to a major incident just resolved.
    pub linked_still_open: &'static str,
    pub err_with_linked_resolves: &'static str,
    /// Above the three clocks' timelines, naming their calendar.
    pub clocks_title: fn(&str) -> String,
    pub stretch_responded: &'static str,
    /// A stretch from which the customer-update clock counts anew.
    pub stretch_restarted: &'static str,
    /// Older stretches left out.
    pub stretches_earlier: fn(usize) -> String,
    /// The number a ticket had in the system it was imported from.
    pub label_source: &'static str,
    pub err_not_a_lead: fn(&str) -> String,
    pub err_no_lead_asked: &'static str,
    /// A lead's attention was asked: whose.
    pub lead_asked_of: fn(&str) -> String,
    pub lead_handled: &'static str,
    /// The ask-a-lead dialog's first step: whom to ask.
    pub dialog_lead: &'static str,
    /// The queue's status bar in the leads' view.
    pub filter_asked_of_me: &'static str,
    /// The timeline: the lead asked, and the reason.
    pub ev_lead_asked: fn(&str, &str) -> String,
    /// The timeline: handled, with what was done (may be empty).
    pub ev_lead_handled: fn(&str) -> String,
}

use crate::domain::sla::{ClockStretch, Standing, StretchKind, Timeline};

impl super::Catalogue {
    /// How a clock stands, as the incident pane and `ticket show` write it:
    /// `3h left · used 1h of 4h`, `‖ paused · 3h left`, `✓ met`.
    pub fn clock_standing(&self, standing: Standing, left: i64, target_secs: i64) -> String {
        let used = || (self.sla.used)(&self.duration(target_secs - left), &self.duration(target_secs));
        match standing {
            Standing::Ok => format!("{} · {}", (self.sla.left)(&self.duration(left)), used()),
            Standing::AtRisk => {
                format!("! {} · {} · {}", self.sla.at_risk, (self.sla.left)(&self.duration(left)), used())
            }
            Standing::Breached => format!("✗ {}", (self.sla.overdue)(&self.duration(left.abs()))),
            Standing::Paused => format!("‖ {} · {}", self.sla.paused, (self.sla.left)(&self.duration(left))),
            Standing::Met => format!("✓ {}", self.sla.met),
            Standing::MetLate => format!("✗ {}", self.sla.met_late),
            Standing::None => String::new(),
        }
    }

    /// When a stretch ran: `23 Nov 2026 07:10 – 08:00`, the end's date
    /// only when it is another day.
    pub fn stretch_span(&self, stretch: &ClockStretch) -> String {
        use chrono::Local;
        let (start, end) = (stretch.start.with_timezone(&Local), stretch.end.with_timezone(&Local));
        let end = if start.date_naive() == end.date_naive() {
            end.format("%H:%M").to_string()
        } else {
            self.datetime(stretch.end)
        };
        format!("{} – {end}", self.datetime(stretch.start))
    }

    /// What a clock did in one stretch of its timeline.
    pub fn stretch(&self, timeline: &Timeline, stretch: &ClockStretch) -> String {
        match &stretch.kind {
            _ if timeline.restarted(stretch) => self.work.stretch_restarted.to_string(),
            StretchKind::Running => self.stretch_running.to_string(),
            StretchKind::OutOfHours => self.stretch_out_of_hours.to_string(),
            StretchKind::Paused(status) => (self.stretch_paused)(self.status(*status)),
            StretchKind::Stopped => self.stretch_stopped.to_string(),
            StretchKind::Responded => self.work.stretch_responded.to_string(),
        }
    }
}
