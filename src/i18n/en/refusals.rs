//! English refusals of a duration, a setting's value, a matrix cell.

use crate::i18n::refusals::Refusals;

pub(super) static REFUSALS: Refusals = Refusals {
    bad_duration: |e| e.to_string(),
    bad_setting: |setting, value| setting.normalise(value).err().unwrap_or_default(),
    config: super::config::problem,
    no_cell: |impact, urgency| format!("the priority matrix has no cell for impact {impact} and urgency {urgency}"),
};
