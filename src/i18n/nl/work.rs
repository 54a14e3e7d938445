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
    rep_knowledge_title: "Opgelost met kennis",
    rep_with_knowledge: "Met kennis",
    rep_knowledge_share: "Kennis %",
    label_source: "Geïmporteerd als",
};
