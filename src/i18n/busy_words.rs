//! Words for work still under way beside the screen: what the spinner says
//! while a message goes out, demo data loads or the database is busy, and
//! what is said when that work cannot run. Each language fills in every
//! field (`en/busy.rs`, `nl/busy.rs`).

pub struct BusyWords {
    /// A message on its way; also to the reporters of the linked incidents.
    pub sending: fn(bool) -> String,
    /// A message only written down.
    pub recording: &'static str,
    /// Demo incidents being loaded, this many.
    pub demo: fn(u64) -> String,
    /// A change or a load that waits for the database.
    pub database: &'static str,
    /// After what is under way: the program ends once it is done.
    pub quitting: fn(&str) -> String,
    /// The work ended in an error of the program itself.
    pub stopped: &'static str,
    /// The second connection, for slow work, could not be opened: why.
    pub no_lane: fn(&str) -> String,
}
