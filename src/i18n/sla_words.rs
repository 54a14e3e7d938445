//! Words of a ticket's service level (the incident pane, `ticket show`, the
//! classification wizard), one struct each language fills in (`en/sla.rs`,
//! `nl/sla.rs`).

pub struct SlaWords {
    pub title: &'static str,
    pub due: fn(&str) -> String,
    pub left: fn(&str) -> String,
    pub overdue: fn(&str) -> String,
    pub used: fn(&str, &str) -> String,
    pub paused: &'static str,
    pub met: &'static str,
    pub met_late: &'static str,
    pub at_risk: &'static str,
    pub not_classified: fn(&str) -> String,
}
