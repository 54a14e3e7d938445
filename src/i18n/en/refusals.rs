//! English refusals of a duration, a setting's value, a matrix cell.

use crate::i18n::refusals::Refusals;

pub(super) static REFUSALS: Refusals = Refusals {
    bad_duration: |e| e.to_string(),
    bad_setting: |setting, value| setting.normalise(value).err().unwrap_or_default(),
    row: |p| p.to_string(),
    import_row: |line, column, problem| format!("line {line}: {column}: {problem}"),
    import_unreadable: |path, why| format!("cannot read {path}: {why}"),
    import_no_column: |path, column| {
        format!("{path}: the column {column} is missing (the first line names the columns)")
    },
    import_bad_file: |path, at, why| format!("{path}, {at}: {why}"),
    word_line: "line",
    word_column: "column",
    report_stopped: "the report stopped unexpectedly",
    config: super::config::problem,
    import: super::import::problem,
    no_cell: |impact, urgency| format!("the priority matrix has no cell for impact {impact} and urgency {urgency}"),
};
