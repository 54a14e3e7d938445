//! Nederlandse woorden voor het werk aan een melding (zie `i18n/work_words.rs`).

use crate::i18n::work_words::WorkWords;

pub(super) static WORK: WorkWords = WorkWords {
    err_priority_unclassified: "Een prioriteit vraagt eerst om impact en urgentie (--impact en --urgency).",
    resolved_linked: |numbers| format!("Mee opgelost: {numbers}"),
    linked_still_open: "Gekoppelde meldingen die nog open zijn (--with-linked lost ze mee op):",
    err_with_linked_resolves: "--with-linked hoort bij de status resolved",
    clocks_title: |calendar| format!("SLA-klokken · kalender {calendar}"),
    stretch_responded: "gereageerd",
    stretch_restarted: "opnieuw gestart: de melder hoorde van ons",
    stretches_earlier: |n| format!("… {n} eerder"),
    label_source: "Geïmporteerd als",
    err_not_a_lead: |login| format!("{login} is geen teamleider (en geen beheerder) en kan dus niet gevraagd worden"),
    err_no_lead_asked: "Op deze melding is geen aandacht van een teamleider gevraagd",
    lead_asked_of: |lead| format!("De aandacht van {lead} is gevraagd."),
    lead_handled: "Afgehandeld: de aandacht van de teamleider is niet meer gevraagd.",
    dialog_lead: "Teamleider",
    filter_asked_of_me: "aan mij gevraagd",
    ev_lead_asked: |lead, reason| format!("vroeg de aandacht van {lead}: {reason}"),
    ev_lead_handled: |note| {
        if note.is_empty() {
            "handelde af wat de teamleider gevraagd was".to_string()
        } else {
            format!("handelde af wat de teamleider gevraagd was: {note}")
        }
    },
};
