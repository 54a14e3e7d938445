//! Nederlandse woorden voor het werk aan een melding (zie `i18n/work_words.rs`).

use crate::i18n::work_words::WorkWords;

pub(super) static WORK: WorkWords = WorkWords {
    err_priority_unclassified: "Een prioriteit vraagt eerst om impact en urgentie (--impact en --urgency).",
};
