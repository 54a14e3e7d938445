//! English words for working a ticket (see `i18n/work_words.rs`).

use crate::i18n::work_words::WorkWords;

pub(super) static WORK: WorkWords = WorkWords {
    err_priority_unclassified: "A priority needs the impact and urgency first (--impact and --urgency).",
    resolved_linked: |numbers| format!("Resolved with it: {numbers}"),
    linked_still_open: "Linked incidents still open (--with-linked resolves them with it):",
    err_with_linked_resolves: "--with-linked goes with the status resolved",
};
