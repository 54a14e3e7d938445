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
    config: super::config::problem,
    no_cell: |impact, urgency| {
        format!("de prioriteitenmatrix heeft geen vak voor impact {impact} en urgentie {urgency}")
    },
};
