//! English for what is wrong with a value of the config or a mapping file.

use crate::config::ConfigProblem;

pub(super) fn problem(p: &ConfigProblem) -> String {
    use ConfigProblem::*;
    match p {
        FileMode(mode) => {
            format!(
                "'{}' is not a file mode the owner can read and write, such as \"0660\" or \"0600\"",
                mode.escape_debug()
            )
        }
        DatabasePassword => {
            "a password does not belong in the config; put it in ~/.pgpass, PGPASSWORD or a service file".to_string()
        }
        RetentionMonths(months) => format!("{months} is not a number of months from 1 to 1200"),
        NotPlain(value) => {
            format!("'{}' must be plain text, without control, direction or invisible characters", value.escape_debug())
        }
        NumberPrefix(value) => format!(
            "'{}' must be at most 10 characters without digits, control, direction or invisible characters",
            value.escape_debug()
        ),
        LevelName(name) => format!(
            "level name '{}' must be plain text, without control, direction or invisible characters",
            name.escape_debug()
        ),
        LevelTwice(name) => format!("level name '{name}' is used twice"),
        MatrixNeeded => "the impact or urgency levels were changed, so [matrix] must give their priorities".into(),
        NotAnImpactLevel { name, known } => format!("'{name}' is not an impact level (levels: {})", known.join(", ")),
        RowLength { given, needed } => format!("{given} priorities given, one per urgency level ({needed}) needed"),
        NoRow(level) => format!("no row for impact level '{level}'"),
        NoWorkingTime => "this calendar has no working time at all".into(),
        AtRisk(value) => format!("{value} is not a share between 0 and 1"),
        Duration(e) => e.to_string(),
        TargetZero => "a target must be longer than zero".into(),
        TargetTooLong(most) => format!("a target can be at most {most}"),
        UnknownCalendar { name, known } => format!("unknown calendar '{name}' (known: {})", known.join(", ")),
        ReopenDays(days) => format!("{days} is not a number of days between 0 and 3650"),
        FirstContactMinutes(m) => format!("{m} is not a number of minutes between 1 and 1440"),
        NotAName(name) => format!("'{name}' is not a name: use lower-case letters, digits and _ (at most 40)"),
        NameTwice(name) => format!("'{name}' is used twice"),
        NoClosureCode => "at least one closure code is needed".into(),
        NotAField(fields) => format!("not a field; the fields are {}", fields.join(", ")),
        ColumnNeeded => "is needed: which column holds it?".into(),
        NotATimeZone(tz) => format!("'{tz}' is not an IANA time zone such as Europe/Amsterdam"),
        Calendar(problem) => problem.english(),
        Other(said) => said.clone(),
    }
}
