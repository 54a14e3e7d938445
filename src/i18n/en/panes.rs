//! English words of the panes under `panes/` (see `i18n/pane_words.rs`).

use crate::i18n::pane_words::PaneWords;

pub(super) static PANES: PaneWords = PaneWords {
    my_work_title: "My work",
    my_work_mine: |n, p1| format!("Assigned to me · {n} open · {p1} P1"),
    my_work_team: |n, p1| format!("My teams, assigned to nobody · {n} open · {p1} P1"),
    my_work_empty: "Nothing here.",
};
