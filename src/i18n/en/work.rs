//! English words for working a ticket (see `i18n/work_words.rs`).

use crate::i18n::work_words::WorkWords;

pub(super) static WORK: WorkWords =
    WorkWords { err_priority_unclassified: "A priority needs the impact and urgency first (--impact and --urgency)." };
