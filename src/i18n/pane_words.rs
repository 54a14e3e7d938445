//! Words of the panes that are units of their own (`panes/`), one struct
//! each language fills in (`en/panes.rs`, `nl/panes.rs`).

pub struct PaneWords {
    pub my_work_title: &'static str,
    /// The section of tickets assigned to me: how many, how many P1.
    pub my_work_mine: fn(&str, u64) -> String,
    /// The section of my teams' tickets assigned to nobody.
    pub my_work_team: fn(&str, u64) -> String,
    pub my_work_empty: &'static str,
}
