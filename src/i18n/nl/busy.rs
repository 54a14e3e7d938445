//! Nederlandse woorden voor werk dat nog loopt (zie `i18n/busy_words.rs`).

use crate::i18n::busy_words::BusyWords;

pub(super) static BUSY: BusyWords = BusyWords {
    sending: |to_linked| match to_linked {
        false => "Bericht versturen…".to_string(),
        true => "Bericht versturen (ook gekoppelde meldingen)…".to_string(),
    },
    recording: "Bericht vastleggen…",
    demo: |n| format!("{n} demomeldingen laden…"),
    database: "Wachten op de database…",
    quitting: |what| format!("{what} Daarna stopt het programma."),
    stopped: "Het werk stopte onverwacht; er is verder niets gedaan.",
    no_lane: |why| {
        format!(
            "Berichten en demodata kunnen niet worden verwerkt: een tweede verbinding met de database mislukte: {why}"
        )
    },
};
