//! Dutch words of the panes under `panes/` (see `i18n/pane_words.rs`).

use crate::i18n::pane_words::PaneWords;

pub(super) static PANES: PaneWords = PaneWords {
    my_work_title: "Mijn werk",
    my_work_mine: |n, p1| format!("Aan mij toegewezen · {n} open · {p1} P1"),
    my_work_team: |n, p1| format!("Mijn teams, aan niemand toegewezen · {n} open · {p1} P1"),
    my_work_empty: "Niets te doen.",
};
