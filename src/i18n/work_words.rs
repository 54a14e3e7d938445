//! Words for working a ticket that the screen and the command line share:
//! priorities set by hand, a lead's attention, resolving with linked
//! incidents, the SLA timeline, imported numbers. Each language fills in
//! every field (`en/work.rs`, `nl/work.rs`).

pub struct WorkWords {
    pub err_priority_unclassified: &'static str,
    /// The linked incidents resolved with a major incident, by number.
    pub resolved_linked: fn(&str) -> String,
    /// Above the open incidents linked to a major incident just resolved.
    pub linked_still_open: &'static str,
    pub err_with_linked_resolves: &'static str,
}
