//! English words for working a ticket (see `i18n/work_words.rs`).

use crate::i18n::work_words::WorkWords;

pub(super) static WORK: WorkWords = WorkWords {
    err_priority_unclassified: "A priority needs the impact and urgency first (--impact and --urgency).",
    resolved_linked: |numbers| format!("Resolved with it: {numbers}"),
    linked_still_open: "Linked incidents still open (--with-linked resolves them with it):",
    err_with_linked_resolves: "--with-linked goes with the status resolved",
    clocks_title: |calendar| format!("SLA clocks · calendar {calendar}"),
    stretch_responded: "responded",
    stretch_restarted: "restarted: the reporter heard from us",
    stretches_earlier: |n| format!("… {n} earlier"),
    label_source: "Imported as",
    err_not_a_lead: |login| format!("{login} is not a lead (nor an admin), so cannot be asked"),
    err_no_lead_asked: "No lead's attention is asked on this ticket",
    lead_asked_of: |lead| format!("{lead}'s attention is asked."),
    lead_handled: "Marked handled: the lead's attention is no longer asked.",
    dialog_lead: "Lead",
    filter_asked_of_me: "asked of me",
    ev_lead_asked: |lead, reason| format!("asked {lead}'s attention: {reason}"),
    ev_lead_handled: |note| {
        if note.is_empty() {
            "handled what the lead was asked".to_string()
        } else {
            format!("handled what the lead was asked: {note}")
        }
    },
};
