//! English words of the post-incident review (see `i18n/review_words.rs`).

use crate::i18n::review_words::ReviewWords;

pub(super) static REVIEW: ReviewWords = ReviewWords {
    what: "What happened",
    well: "What went well",
    badly: "What did not",
    recommendations: "Recommendations",
    actions: "Actions (what | who | when)",
    complete: "Review complete",
    label: "Review",
    done: "completed",
    draft: "draft",
    action_count: |n| format!("{n} action(s)"),
    title: |n| format!("Post-incident review of {n}"),
    saved: "Review saved.",
};
