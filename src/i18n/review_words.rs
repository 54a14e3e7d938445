//! Words of the post-incident review (its questions, the review pane, its
//! state on the incident and the command line), one struct each language fills
//! in (`en/review.rs`, `nl/review.rs`).

pub struct ReviewWords {
    pub what: &'static str,
    pub well: &'static str,
    pub badly: &'static str,
    pub recommendations: &'static str,
    pub actions: &'static str,
    pub complete: &'static str,
    pub label: &'static str,
    pub done: &'static str,
    pub draft: &'static str,
    pub action_count: fn(usize) -> String,
    pub title: fn(&str) -> String,
    pub saved: &'static str,
}
