//! Dutch words of the service level (see `i18n/sla_words.rs`).

use crate::i18n::sla_words::SlaWords;

pub(super) static SLA: SlaWords = SlaWords {
    title: "Servicenorm",
    due: |when| format!("uiterlijk {when}"),
    left: |d| format!("nog {d}"),
    overdue: |d| format!("{d} te laat"),
    used: |used, target| format!("{used} van {target} gebruikt"),
    paused: "gepauzeerd",
    met: "gehaald",
    met_late: "te laat gehaald",
    at_risk: "in gevaar",
    not_classified: |key| format!("Nog niet ingeschat: druk op {key} om in te schatten."),
};
