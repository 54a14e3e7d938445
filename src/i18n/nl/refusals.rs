//! Dutch refusals of a duration, a setting's value, a matrix cell.

use crate::domain::access::Setting;
use crate::domain::duration::DurationError;
use crate::i18n::refusals::Refusals;

pub(super) static REFUSALS: Refusals = Refusals {
    bad_duration: |e| match e {
        DurationError::Empty => "lege duur (verwacht bijvoorbeeld 4h30m, 90m of 3600)".to_string(),
        DurationError::Negative { input } => format!("ongeldige duur {input:?}: een duur kan niet negatief zijn"),
        DurationError::Invalid { input, .. } => format!(
            "ongeldige duur {input:?}: schrijf getallen met d, h, m of s (dagen, uren, minuten, seconden), van groot \
             naar klein en elke eenheid één keer, bijvoorbeeld 4h30m"
        ),
        DurationError::Overflow { input } => format!("ongeldige duur {input:?}: te groot"),
    },
    bad_setting: |setting, value| match setting {
        Setting::TrustConfigUser => format!("{}: yes of no (ja of nee), niet '{value}'", setting.code()),
        Setting::UnknownUserRole => format!(
            "{}: none (geen), operator, technician (technicus), lead (teamleider) of admin (beheerder), niet '{value}'",
            setting.code()
        ),
    },
    row: super::import::row,
    import_row: |line, column, problem| format!("regel {line}: {column}: {problem}"),
    import_unreadable: |path, why| format!("kan {path} niet lezen: {why}"),
    import_no_column: |path, column| format!("{path}: de kolom {column} ontbreekt (de eerste regel noemt de kolommen)"),
    import_bad_file: |path, at, why| format!("{path}, {at}: {why}"),
    word_line: "regel",
    word_column: "kolom",
    report_stopped: "het rapport stopte onverwacht",
    config: super::config::problem,
    import: super::import::problem,
    no_cell: |impact, urgency| {
        format!("de prioriteitenmatrix heeft geen vak voor impact {impact} en urgentie {urgency}")
    },
};
