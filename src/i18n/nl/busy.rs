//! Nederlandse woorden voor werk dat nog loopt (zie `i18n/busy_words.rs`).

use crate::i18n::busy_words::BusyWords;

pub(super) static BUSY: BusyWords = BusyWords {
    sending: |n| match n {
        1 => "Bericht versturen naar 1 ontvanger…".to_string(),
        n => format!("Bericht versturen naar {n} ontvangers…"),
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
