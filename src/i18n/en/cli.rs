//! English words of the command line (see `i18n/cli_words.rs`).

use crate::i18n::cli_words::CliWords;

pub(super) static CLI: CliWords = CliWords {
    not_a_number: |text, example| format!("'{text}' is not a ticket number (e.g. {example})"),
    not_an_id: |text, example| format!("'{text}' is not a number such as {example} or 123"),
    created_unshown: |number| format!("{number} was created, but saying so failed"),
    nothing_to_change: "nothing to change: name at least one field, e.g. --status in_progress",
    bad_value: |option, value, allowed| format!("--{option}: '{value}' is not one of: {allowed}"),
    bad_time: |option, value| format!("--{option}: '{value}' is not a time (RFC 3339, e.g. 2026-11-23T16:00:00+01:00)"),
    bad_date: |option, value| format!("--{option}: '{value}' is not a date (e.g. 2026-11-01)"),
    unknown_calendar: |name, known| format!("unknown calendar '{name}' (known: {known})"),
    never_due: "this calendar does not have that much working time within the next hundred years",
    duration_too_long: |value, most| format!("--duration: '{value}' is too long (from 0s to {most})"),
    no_team: "no team fits: name one with --team",
    team_added: |name| format!("Team {name} added"),
    team_removed: |name| format!("Team {name} removed (its tickets keep their history)"),
    agent_added: |login| format!("{login} added"),
    copy_table: "Table",
    copy_rows: "Rows",
    grant_for_dba: |grant| format!("the server's owner may not grant roles: for the role to hold, a DBA runs {grant};"),
    agent_removed: |login| format!("{login} removed (their past work stays theirs)"),
    created: |number| format!("Created {number}"),
    updated: |number, n| format!("Updated {number}: {n} {} changed", if n == 1 { "field" } else { "fields" }),
    unchanged: |number| format!("{number} unchanged"),
    initialised: |path, version| format!("Database ready at {path} (schema version {version})"),
    import_people_left: |n| format!("{n} people in the file were left out: an admin brings them in with --with-people"),
    import_in_file: |n| format!("{n} tickets in the file"),
    import_person_in: |login, role, from| match from {
        Some(from) => format!("  came in: {login} as {role} (the file says {from}; an admin raises it by hand)"),
        None => format!("  came in: {login} as {role}"),
    },
    import_teams_left: |n| {
        format!("{n} team memberships of people already here were left out: their teams stay as they are")
    },
    import_settings_left: |n| format!("{n} settings in the file were ignored: an import never changes a setting"),
    restricted: |number, teams| match teams {
        "" => format!("{number} is visible to everyone again"),
        _ => format!("{number} is now seen only by {teams}, its assignee, leads and admins"),
    },
    import_reading: "reading rows",
    erased: |n| format!("Erased: {n} records anonymised; the statistics stay"),
    erase_nobody: "No reporter has that address, name or phone number, and no record mentions it",
    erase_log_kept: "Another process was reading the database: its write-ahead log (-wal) keeps old pages until \
        everyone has closed meldpunt; erase again then to empty it",
    erase_backups: "These files next to the database still hold the person; delete them or erase them too:",
    no_retention: "No retention period: set retention_months in the config or give --months",
    retention_applied: |tickets, records, months| {
        format!("Reporters of {tickets} tickets closed more than {months} months ago anonymised ({records} records)")
    },
    retention_dry: |due, months| {
        format!("{due} tickets closed more than {months} months ago still name their reporter; --apply anonymises them")
    },
    import_storing: "storing",
    import_read: |rows, tickets, errors| {
        format!("{rows} rows read: {tickets} tickets, {errors} {}", if errors == 1 { "error" } else { "errors" })
    },
    import_refused: |n| {
        format!("Nothing was imported: put the {n} {} right and import again", if n == 1 { "error" } else { "errors" })
    },
    import_dry: |n| format!("Dry run: {n} tickets would be imported; nothing was stored"),
    import_done: |stored, skipped, replaced| {
        format!(
            "Imported {stored} tickets ({replaced} of them updating one there already); {skipped} already there were skipped"
        )
    },
    check_damaged: |why| format!("Damaged: {why}"),
    backup_done: |path, mb| format!("Backup written to {path} ({mb} MB) and checked"),
    backup_progress: "backing up",
    check_ok: |tickets, events| {
        format!("The database is sound: integrity and references checked; {tickets} tickets, {events} events")
    },
    check_integrity: "Integrity:",
    check_foreign: |table, row, target| format!("{table} row {row} points at a missing row of {target}"),
    check_failed: |n| {
        let what = if n == 1 { "problem" } else { "problems" };
        format!("The check found {n} {what}; make a backup of the file before repairing it")
    },
    check_trigger: |name| {
        format!("Trigger {name} is missing or changed: what it guards (the history, the search index) is not kept")
    },
    check_wrong: |table, row, column, value, expected| {
        use crate::domain::storage::Expected;
        let what = match expected {
            Expected::Time => "a time",
            Expected::Number => "a whole number",
            Expected::Code => "one of meldpunt's codes",
        };
        format!("{table} row {row}: {column} is {value}, not {what}")
    },
    check_more_wrong: |n| format!("… and {n} more rows with a value of the wrong kind"),
    audit_outside: "(outside meldpunt)",
    audit_none: "No changes to people, settings, reference data, problems or knowledge yet",
    ticked: |item| format!("Ticked: {item}."),
    unticked: |item| format!("No longer ticked: {item}."),
    duplicate: |original| format!("Closed as a duplicate of {original}."),
    feedback: "Feedback recorded.",
    output_failed: |error| format!("cannot write the output (standard output): {error}"),
    no_review: |n| format!("{n} has no post-incident review yet."),
    written: |path| format!("Written to {path}."),
    problem_linked: |incident, problem| format!("{incident} is linked to problem {problem}."),
    problem_unlinked: |incident| format!("{incident} is no longer linked to a problem."),
    applied: |article, incident| format!("Article {article} is recorded as applied to {incident}."),
    no_such: |what| format!("{what} does not exist"),
};
