//! Refusals whose English used to be built where they were found: a
//! duration, a setting's value, a cell the priority matrix lacks.

use crate::domain::Level;
use crate::domain::access::Setting;
use crate::domain::duration::DurationError;

pub struct Refusals {
    pub bad_duration: fn(&DurationError) -> String,
    /// A value a setting does not take: the setting, the value given.
    pub bad_setting: fn(Setting, &str) -> String,
    pub no_cell: fn(Level, Level) -> String,
    /// What is wrong with a value of the config or a mapping file.
    pub config: fn(&crate::config::ConfigProblem) -> String,
}
