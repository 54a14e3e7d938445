//! English words (see `i18n/error_words.rs`).

use super::{article, files, words::keymap_problem};
use crate::i18n::error_words::ErrorWords;

pub(super) static ERRORS: ErrorWords = ErrorWords {
    not_a_database: |path, engine| format!("{path} is not a {engine} database; it was left untouched"),
    foreign: |path| format!("{path} is a SQLite database of another program, not of meldpunt; it was left untouched"),
    too_new: |path, found, supported| {
        format!(
            "{path} has schema version {found}, newer than this meldpunt understands ({supported}); it was left untouched. Use a newer meldpunt."
        )
    },
    server: |at, problem| {
        use crate::domain::storage::ServerProblem as P;
        match problem {
            P::BadAddress(why) => format!("cannot read the database address {at}: {why}"),
            P::PasswordInConfig => {
                format!("{at}: the config holds a password; put it in ~/.pgpass, PGPASSWORD or a service file instead")
            }
            P::Unreachable(why) => format!("cannot reach the database server {at}: {why}"),
            P::LoginRefused { login, why } => format!("the database server {at} refused the login {login}: {why}"),
            P::Tls(why) => format!("no secure connection (TLS) to {at}: {why}"),
            P::NoDatabase(why) => format!("{at}: {why}"),
            P::Refused(why) => format!("the database server {at} refused: {why}"),
            P::ForeignSchema(schema) => format!(
                "{at}: the schema \"{schema}\" holds tables of another program, not of meldpunt; it was left untouched"
            ),
            P::TooNew { found, supported } => format!(
                "{at} has schema version {found}, newer than this meldpunt understands ({supported}); it was left untouched. Use a newer meldpunt."
            ),
            P::RolesNeeded(sql) => format!(
                "{at}: the login setting up meldpunt may not create roles; a DBA runs first: {sql} Then start meldpunt again."
            ),
            P::CannotCreate(why) => format!(
                "{at} has no meldpunt schema yet and this login may not create it ({why}); ask the database's owner to run meldpunt once"
            ),
        }
    },
    connection_lost: |why| {
        format!("connection to the database server lost, retrying ({why}); what you typed is kept, save it again")
    },
    target_not_empty: |at, table| {
        format!("{at} is not empty (it holds {table}): a copy goes into an empty database only; nothing was written")
    },
    copy_differs: |table, source, target| {
        format!("{table}: {source} rows in the source, {target} in the copy; the copy was not kept")
    },
    not_on_server: |what| format!("on a database server, {what} is done by the server's own tools"),
    io: |path, error| format!("cannot use {path}: {error}"),
    required: |field| format!("{field} cannot be empty"),
    invalid_value: |field, value| format!("{field}: '{value}' is not a valid value"),
    transition: |from, to, allowed| format!("cannot go from {from} to {to}; allowed: {allowed}"),
    reopen_window: |days| format!("closed more than {days} days ago: register a new incident instead"),
    conflict: |expected, current| {
        format!(
            "someone else changed this ticket meanwhile (your edit was based on version {expected}, it is now at {current})"
        )
    },
    keymap: keymap_problem,
    exists: |name| format!("'{name}' exists already"),
    write_exists: |path| format!("{path} exists already; add --force to replace it"),
    write_symlink: |path| format!("{path} is a symbolic link; meldpunt does not write through links"),
    write_database: |path| format!("{path} is the database itself or one of its journal files; choose another file"),
    write_not_file: |path| format!("{path} is not a regular file"),
    unknown_name: |name| format!("'{name}' is not known"),
    reason_required: "a reason is required",
    already_closed: |n| format!("{n} is already closed; reopen it first"),
    feedback_needs_score: "feedback needs a satisfaction score (1–5) with its comment",
    link_itself: "an incident cannot be linked to itself",
    not_major: |number| format!("{number} is not a major incident"),
    review_incomplete: "a review is complete only when what happened, the cause and the recommendations are filled in",
    bad_score: |score| format!("a score is 1 to 5, not {score}"),
    database: |error| format!("database error: {error}"),
    config: |file, line, key, message| {
        let mut out = format!("config error in {file}");
        if let Some(line) = line {
            out.push_str(&format!(", line {line}"));
        }
        if let Some(key) = key {
            out.push_str(&format!(", key '{key}'"));
        }
        format!("{out}: {message}")
    },
    not_allowed: |login, role, what| format!("{login} is {role}: {what} is not part of that role"),
    unknown_user: |login| {
        format!("{login} is not among the people of this servicedesk: you can look, not change (ask a lead to add you)")
    },
    bad_import: |why| format!("Nothing was imported: {why}"),
    too_long: |what, max| format!("The {what} is longer than {max} characters"),
    control_char: |what| format!("The {what} must be one line, without line breaks or other control characters"),
    not_known: |what, value, known| {
        if known.is_empty() {
            format!("'{value}' is not {} {what} here: none is set up yet", article(what))
        } else {
            format!("'{value}' is not {} {what} here; these are: {known}", article(what))
        }
    },
    wrong_line: |team, found, line, known| {
        if known.is_empty() {
            format!("Team {team} works on line {found}, not on line {line}; no team works on line {line} yet")
        } else {
            format!("Team {team} works on line {found}, not on line {line}; those of line {line} are: {known}")
        }
    },
    not_a: |value, kind| match kind {
        crate::domain::limits::ValueKind::Time => format!("'{value}' is not a time (seconds since 1970, UTC)"),
        crate::domain::limits::ValueKind::Number { min, max } => {
            format!("'{value}' is not a whole number from {min} to {max}")
        }
        crate::domain::limits::ValueKind::Text => format!("'{value}' is not text"),
        crate::domain::limits::ValueKind::Day => format!("'{value}' is not a day (YYYY-MM-DD)"),
        crate::domain::limits::ValueKind::Past => {
            format!("'{value}' is not a time from 1970 up to a day from now (seconds since 1970, UTC)")
        }
        crate::domain::limits::ValueKind::Email => format!("'{value}' is not an e-mail address"),
        crate::domain::limits::ValueKind::NotBeforeCreated => {
            format!("'{value}' lies before the moment the ticket was created")
        }
    },
    history_here: |ticket, source| {
        format!(
            "{ticket} ({source}) has notes or events here that the file does not hold: an update would erase them, so nothing was imported; leave it out or import with --existing skip"
        )
    },
    missing: |what| format!("{what} is missing"),
    import_at: |ticket, field, line, problem| {
        let mut place = Vec::new();
        if !ticket.is_empty() {
            place.push(format!("ticket {ticket}"));
        }
        if line > 0 {
            place.push(format!("line {line}"));
        }
        place.push(field.to_string());
        format!("{}: {problem}", place.join(", "))
    },
    last_admin: |login| format!("{login} is the last admin and cannot be removed"),
    read_only: "This database file is read-only for you: you can look at everything, but change nothing",
    companion_read_only: files::err_companion_read_only,
    damaged: files::err_damaged,
    writer_first: files::err_writer_first,
    companion_unreadable: files::err_companion_unreadable,
    folder_read_only: files::err_folder_read_only,
    backup_damaged: |v| format!("the copy did not pass its check and was removed: {v}"),
};
