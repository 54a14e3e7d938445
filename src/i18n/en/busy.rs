//! English words for work under way (see `i18n/busy_words.rs`).

use crate::i18n::busy_words::BusyWords;

pub(super) static BUSY: BusyWords = BusyWords {
    sending: |to_linked| match to_linked {
        false => "Sending the message…".to_string(),
        true => "Sending the message to the linked incidents too…".to_string(),
    },
    recording: "Recording the message…",
    demo: |n| format!("Loading {n} demo incidents…"),
    database: "Waiting for the database…",
    quitting: |what| format!("{what} Quitting when done."),
    stopped: "The work stopped unexpectedly; nothing more was done.",
    no_lane: |why| {
        format!("Messages and demo data cannot be handled: a second connection to the database failed: {why}")
    },
};
