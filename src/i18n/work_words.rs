//! Words for working a ticket that the screen and the command line share:
//! priorities set by hand, a lead's attention, resolving with linked
//! incidents, the SLA timeline, imported numbers. Each language fills in
//! every field (`en/work.rs`, `nl/work.rs`).

pub struct WorkWords {
    pub err_priority_unclassified: &'static str,
}
