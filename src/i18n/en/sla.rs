//! English words of the service level (see `i18n/sla_words.rs`).

use crate::i18n::sla_words::SlaWords;

pub(super) static SLA: SlaWords = SlaWords {
    title: "Service level",
    due: |when| format!("due {when}"),
    left: |d| format!("{d} left"),
    overdue: |d| format!("{d} overdue"),
    used: |used, target| format!("used {used} of {target}"),
    paused: "paused",
    met: "met",
    met_late: "met late",
    at_risk: "at risk",
    not_classified: |key| format!("Not classified yet: press {key} to classify."),
};
