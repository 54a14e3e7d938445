//! Dutch words of the post-incident review (see `i18n/review_words.rs`).

use crate::i18n::review_words::ReviewWords;

pub(super) static REVIEW: ReviewWords = ReviewWords {
    what: "Wat er gebeurde",
    well: "Wat ging goed",
    badly: "Wat ging niet goed",
    recommendations: "Aanbevelingen",
    actions: "Acties (wat | wie | wanneer)",
    complete: "Evaluatie afgerond",
    label: "Evaluatie",
    done: "afgerond",
    draft: "concept",
    action_count: |n| format!("{n} actie(s)"),
    title: |n| format!("Evaluatie van {n}"),
    saved: "Evaluatie opgeslagen.",
};
