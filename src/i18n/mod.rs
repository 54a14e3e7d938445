//! Every user-visible string, in English and Dutch, from one typed
//! catalogue: a string missing in one language is a compile error.

pub mod busy_words;
mod catalogue;
pub mod cli_words;
pub mod column_words;
pub mod edit;
mod en;
pub mod error_words;
mod errors;
pub mod event_words;
mod events;
pub mod form_words;
mod help;
mod nl;
pub mod pane_words;
pub mod refusals;
pub mod report_words;
pub mod review_words;
pub mod sla_words;
pub mod work_words;

pub use catalogue::Catalogue;
pub(crate) use en::help::{ABOUTS as ENGLISH_ABOUTS, BY_ARGUMENT as ENGLISH_BY_ARGUMENT};
pub use help::HelpTexts;

use chrono::{DateTime, Local, Utc};
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    /// The language from the locale variables: `nl_*` gives Dutch.
    pub fn from_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Language {
        let locale = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("nl") => Language::Nl,
            _ => Language::En,
        }
    }

    pub fn catalogue(self) -> &'static Catalogue {
        match self {
            Language::En => &en::EN,
            Language::Nl => &nl::NL,
        }
    }
}

impl Catalogue {
    /// A moment in local time, in the language's usual date format.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&Local).format(self.datetime_format).to_string()
    }

    /// A duration in at most two units: `2h10m`, `3d4h`, `45m` (Dutch: `2u10m`).
    pub fn duration(&self, seconds: i64) -> String {
        let s = seconds.abs();
        // Seconds only count while less than a minute is left.
        let units: &[(i64, &str)] = if s < 60 {
            &[(1, "s")]
        } else {
            &[(86_400, self.day_suffix), (3_600, self.hour_suffix), (60, self.minute_suffix)]
        };
        let mut parts = Vec::new();
        let mut rest = s;
        for &(size, suffix) in units {
            if rest >= size && parts.len() < 2 {
                parts.push(format!("{}{suffix}", rest / size));
                rest %= size;
            } else if !parts.is_empty() {
                break;
            }
        }
        let text = if parts.is_empty() { format!("0{}", self.minute_suffix) } else { parts.concat() };
        if seconds < 0 { format!("-{text}") } else { text }
    }

    /// A duration as a short age: `45m`, `3h`, `12d`.
    pub fn age(&self, seconds: i64) -> String {
        let s = seconds.max(0);
        match s {
            0..=3_599 => format!("{}{}", s / 60, self.minute_suffix),
            3_600..=86_399 => format!("{}{}", s / 3_600, self.hour_suffix),
            _ => format!("{}{}", s / 86_400, self.day_suffix),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Status, TicketKind};
    use crate::keymap::Command;

    #[test]
    fn locale_picks_dutch_for_nl() {
        assert_eq!(Language::from_locale(None, None, Some("nl_NL.UTF-8")), Language::Nl);
        assert_eq!(Language::from_locale(Some("en_GB.UTF-8"), None, Some("nl_NL.UTF-8")), Language::En);
        assert_eq!(Language::from_locale(Some(""), None, Some("nl_BE")), Language::Nl);
        assert_eq!(Language::from_locale(None, None, None), Language::En);
    }

    #[test]
    fn every_label_differs_between_languages_where_it_should() {
        let (en, nl) = (Language::En.catalogue(), Language::Nl.catalogue());
        assert_ne!(en.status(Status::WaitingCustomer), nl.status(Status::WaitingCustomer));
        assert_ne!(en.channel(Channel::WalkIn), nl.channel(Channel::WalkIn));
        assert_ne!(en.kind(TicketKind::ServiceRequest), nl.kind(TicketKind::ServiceRequest));
        // Every command is described in both languages, differently.
        for c in Command::all() {
            assert_ne!(en.command(c), nl.command(c), "{c} is not translated");
        }
    }

    /// Sentences name keys through arguments filled from the keymap in
    /// effect, so that a key the user rebinds is the key they read.
    #[test]
    fn no_sentence_names_a_key_of_its_own() {
        let files = [
            include_str!("en/mod.rs"),
            include_str!("en/edit.rs"),
            include_str!("en/work.rs"),
            include_str!("en/panes.rs"),
            include_str!("en/report.rs"),
            include_str!("en/forms.rs"),
            include_str!("en/errors.rs"),
            include_str!("en/cli.rs"),
            include_str!("en/columns.rs"),
            include_str!("en/events.rs"),
            include_str!("en/review.rs"),
            include_str!("en/sla.rs"),
            include_str!("nl/mod.rs"),
            include_str!("nl/edit.rs"),
            include_str!("nl/work.rs"),
            include_str!("nl/panes.rs"),
            include_str!("nl/report.rs"),
            include_str!("nl/forms.rs"),
            include_str!("nl/errors.rs"),
            include_str!("nl/cli.rs"),
            include_str!("nl/columns.rs"),
            include_str!("nl/events.rs"),
            include_str!("nl/review.rs"),
            include_str!("nl/sla.rs"),
            include_str!("../keymap/command.rs"),
        ];
        let keys =
            ["Ctrl-", "Alt-", "Enter", "Esc ", "Esc)", "Backspace", "PageUp", "PageDown", "↑↓", "← →", "F2", "F5"];
        for text in files {
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for quoted in line.split('"').skip(1).step_by(2) {
                    if let Some(key) = keys.iter().find(|k| quoted.contains(*k)) {
                        panic!("{key:?} is written into {quoted:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_use_each_languages_format() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T14:05:00Z").unwrap().with_timezone(&Utc);
        let en = Language::En.catalogue().datetime(at);
        let nl = Language::Nl.catalogue().datetime(at);
        assert!(en.contains("Nov 2026"), "{en}");
        assert!(nl.contains("-11-2026"), "{nl}");
    }

    #[test]
    fn durations_use_two_units_at_most() {
        let en = Language::En.catalogue();
        assert_eq!(en.duration(2 * 3600 + 10 * 60 + 5), "2h10m");
        assert_eq!(en.duration(3 * 86_400 + 4 * 3600), "3d4h");
        assert_eq!(en.duration(86_400 + 60), "1d");
        assert_eq!(en.duration(-45 * 60), "-45m");
        assert_eq!(en.duration(0), "0m");
        assert_eq!(en.duration(45), "45s");
        assert_eq!(en.duration(30 * 60 + 14), "30m");
        assert_eq!(Language::Nl.catalogue().duration(2 * 3600 + 600), "2u10m");
    }

    #[test]
    fn ages_are_short() {
        let t = Language::Nl.catalogue();
        assert_eq!(t.age(59), "0m");
        assert_eq!(t.age(7_200), "2u");
        assert_eq!(Language::En.catalogue().age(7_200), "2h");
        assert_eq!(t.age(3 * 86_400), "3d");
    }
}
