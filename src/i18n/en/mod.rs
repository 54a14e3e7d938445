//! The English catalogue.

mod busy;
mod clock;
mod config;
mod edit;
mod errors;
mod files;
mod forms;
pub(crate) mod help;
mod import;
mod panes;
mod refusals;
mod report;
mod words;
mod work;

use super::Catalogue;
use words::{permission, problem};

pub static EN: Catalogue = Catalogue {
    code: "en",
    edit: edit::EDIT,
    datetime_format: "%-d %b %Y %H:%M",
    day_suffix: "d",
    empty_value: "(empty)",
    statuses: ["New", "Assigned", "In progress", "Waiting for customer", "Waiting for supplier", "Resolved", "Closed"],
    statuses_short: ["New", "Assigned", "In progress", "Wait customer", "Wait supplier", "Resolved", "Closed"],
    channels: ["Phone", "E-mail", "Chat", "Self-service portal", "Walk-in", "Monitoring"],
    kinds: ["Incident", "Service request"],
    priority_names: ["critical", "high", "medium", "low"],
    unclassified: "unclassified",
    fields: [
        "Type",
        "Title",
        "Description",
        "Reporter",
        "E-mail",
        "Phone",
        "Department",
        "Channel",
        "Service",
        "Category",
        "Subcategory",
        "Impact",
        "Urgency",
        "Priority",
        "Status",
        "Team",
        "Assignee",
        "Cause",
        "Measures taken",
        "Solution",
        "Closure code",
    ],
    layers: [
        "Everywhere",
        "Queue",
        "Incident",
        "Form",
        "Classification",
        "Dialog",
        "Message",
        "Teams and people",
        "Problems and knowledge",
        "Reports",
        "My work",
        "Question",
    ],
    commands: |c| c.row().en.about,
    hints: |c| c.row().en.hint,
    col_number: "Number",
    col_priority: "Pri",
    col_status: "Status",
    col_title: "Title",
    col_team: "Team",
    col_assignee: "Assignee",
    col_age: "Age",
    col_due: "Due",
    targets_short: ["Resp", "Solve", "Upd"],
    queue_title: "Incidents",
    filter_open: "open",
    filter_all: "all",
    filter_mine: "mine",
    filter_unassigned: "unassigned",
    filter_team: "my team",
    filter_escalated: "escalated",
    filter_waiting: "waiting",
    no_team: "you are in no team",
    search_prompt: "Search",
    tickets_count: |n, more| match (n, more) {
        (_, true) => format!("{n}+ tickets"),
        (1, false) => "1 ticket".to_string(),
        _ => format!("{n} tickets"),
    },
    counts_line: |open, unassigned, p1| format!("open {open} · unassigned {unassigned} · P1 {p1}"),
    sorted_by: |col, asc| format!("sorted by {col} {}", if asc { "↑" } else { "↓" }),
    empty_database: "No incidents yet.",
    empty_database_hint: |new, demo| format!("Press {new} to register an incident, or {demo} to load demo data."),
    no_matches: "No tickets match these filters.",
    loading: "Loading…",
    demo_loading: |n| format!("Loading {n} demo incidents…"),
    demo_loaded: |n| format!("Loaded {n} demo incidents."),
    detail_title: "Incident",
    timeline: "Timeline",
    section_reporter: "Reporter",
    section_classification: "Classification",
    section_handling: "Handling",
    label_created: "Created",
    label_updated: "Updated",
    label_resolved: "Resolved",
    label_closed: "Closed",
    label_number: "Number",
    sla_title: "Service level",
    sla_due: |when| format!("due {when}"),
    sla_left: |d| format!("{d} left"),
    sla_overdue: |d| format!("{d} overdue"),
    sla_used: |used, target| format!("used {used} of {target}"),
    sla_paused: "paused",
    sla_met: "met",
    sla_met_late: "met late",
    sla_at_risk: "at risk",
    sla_not_classified: |key| format!("Not classified yet: press {key} to classify."),
    clock_title: "SLA clock (resolution)",
    stretch_running: "running",
    stretch_out_of_hours: "out of hours",
    stretch_paused: |status| format!("paused: {status}"),
    stretch_stopped: "resolved",
    event_created: "registered the incident",
    targets: ["Response", "Resolution", "Customer update"],
    ev_override: |chosen, matrix, reason| format!("set priority {chosen} instead of {matrix} (matrix): {reason}"),
    ev_deadline: |target, old, new| format!("{target} deadline moved: {old} → {new}"),
    ev_paused: |target, status| format!("{target} clock paused ({status})"),
    ev_resumed: |target, due| format!("{target} clock resumed, due {due}"),
    ev_breached: |target| format!("{target} target breached"),
    ev_escalated: |to, reason| format!("escalated to {to}: {reason}"),
    ev_lead: |reason| format!("asked a lead's attention: {reason}"),
    ev_major: |coordinator, comms| format!("made a major incident (coordinator {coordinator}, communication {comms})"),
    ev_linked: |major| format!("linked to major incident {major}"),
    ev_child_linked: |child| format!("{child} linked to this major incident"),
    ev_ticked: |item| format!("ticked: {item}"),
    ev_unticked: |item| format!("unticked: {item}"),
    ev_feedback: |score, comment| format!("reporter's satisfaction {score}/5 {comment}"),
    ev_review_updated: "updated the post-incident review",
    ev_review_completed: "completed the post-incident review",
    ev_review_reopened: "made the post-incident review a draft again",
    ev_duplicate: |original| format!("marked as a duplicate of {original}"),
    ev_problem_linked: |problem| format!("linked to problem {problem}"),
    ev_problem_unlinked: |problem| format!("unlinked from problem {problem}"),
    ev_knowledge: |article| format!("applied knowledge article {article}"),
    escalations: ["2nd line", "3rd line", "supplier"],
    event_by: |who| format!("by {who}"),
    register_title: "Register incident",
    required_marker: "*",
    problem,
    picklist_hint: |choose| format!("type to filter, {choose} choose"),
    no_options: "no match",
    form_hint: |next, save, cancel| format!("{next} next field · {save} save · {cancel} cancel"),
    registered: |number| format!("Registered {number}."),
    form_has_problems: "Some fields need attention.",
    key_does_nothing: |key, help| format!("{key} does nothing here · {help} shows the keys"),
    reopen_needs_done: |status| format!("Only a resolved or closed ticket can be reopened; this one is “{status}”."),
    already_in_status: |status| format!("The ticket is already “{status}”."),
    draft_restored: |at, save| format!("The call you were typing at {at} is back; it is not saved yet ({save} saves)."),
    draft_not_kept: |why| format!("Could not keep a draft of the form: {why}"),
    demo_only_when_empty: "Demo data loads only into an empty database.",
    no_ticket_selected: "No ticket is selected: the list is empty.",
    row_position: |at, of, more| format!("{}/{}{}", grouped(at), grouped(of), if more { "+" } else { "" }),
    work: &work::WORK,
    panes: &panes::PANES,
    report: &report::REPORT,
    form: &forms::FORMS,
    err: &errors::ERRORS,
    busy: &busy::BUSY,
    classified: |number, priority| format!("{number} classified: {priority}."),
    timeline_more: |n| format!("  … {n} more in the incident's timeline"),
    no_articles: "The knowledge base has no articles yet (K, then a, writes one).",
    knowledge_while_registering: "Knowledge that may help (apply it from the incident once registered)",
    roles: ["operator", "technician", "lead", "admin"],
    admin_title: "Teams and people",
    admin_teams: "Teams",
    admin_people: "People",
    entry_note: "✎ work note",
    entry_reporter: "the reporter",
    entry_message: |to, how, subject| format!("✉ message to {to} ({how}): {subject}"),
    delivery_sent: "sent",
    delivery_recorded: "recorded",
    delivery_failed: "NOT SENT",
    handling_reassigned: |n| format!("reassigned {n}×"),
    handling_escalated: |to| format!("escalated to {to}"),
    handling_lead: "a lead's attention is asked",
    handling_major: |coordinator, comms| format!("major incident, coordinator {coordinator}, communication {comms}"),
    handling_children: |n| format!("Linked incidents ({n})"),
    empty_text: "Write something first.",
    line_label: |line| format!("line {line}"),
    template_names: [
        "Registration confirmation",
        "Progress update",
        "Update without news",
        "Delay notice",
        "Resolved notice",
        "Closing summary",
    ],
    assigned_to: |to| format!("Assigned to {to}."),
    escalated_to: |to| format!("Escalated to {to}."),
    status_now: |status| format!("Status is now {status}."),
    lead_asked: "The ticket's team has no lead: every lead is asked and sees it among what is asked of them.",
    made_major: "Made a major incident.",
    linked_to: |major| format!("Linked to major incident {major}."),
    note_added: "Note added.",
    message_sent: |n| if n == 1 { "Message sent.".to_string() } else { format!("Message sent to {n} reporters.") },
    message_recorded: |n| {
        if n == 1 { "Message recorded.".to_string() } else { format!("Message recorded for {n} reporters.") }
    },
    message_failed: |n, why| format!("Not sent ({n}): {why}. The message is recorded as not sent."),
    mail_no_command: "no mail command is configured ([mail] command); record it instead",
    mail_no_address: "the reporter has no e-mail address",
    mail_bad_address: |a| format!("\"{a}\" is not one valid e-mail address"),
    mail_failed: |why| format!("the mail command failed: {why}"),
    scores: ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"],
    feedback_score: "Satisfaction",
    feedback_comment: "Feedback",
    review_what: "What happened",
    review_well: "What went well",
    review_badly: "What did not",
    review_recommendations: "Recommendations",
    review_actions: "Actions (what | who | when)",
    review_complete: "Review complete",
    problem_statuses: ["open", "known error", "resolved"],
    problem_root_cause: "Root cause",
    problem_workaround: "Workaround",
    problem_fix: "Permanent fix",
    kb_tags: "Tags",
    closed_message: "Closed.",
    checklist: "Checklist",
    duplicate_label: "Duplicate of",
    review_label: "Review",
    review_done: "completed",
    review_draft: "draft",
    review_action_count: |n| format!("{n} action(s)"),
    known_error_hint: |problem, workaround, key| {
        format!("Known error {problem} — workaround: {workaround} ({key} links it)")
    },
    knowledge_applied: "Knowledge",
    knowledge_suggested: |key| format!("Knowledge that may help ({key} applies)"),
    problems_title: "Problems",
    recurring_title: "Recurring incidents without a problem (last 30 days)",
    knowledge_title: "Knowledge base",
    col_incidents: "Incidents",
    closure_title: |n| format!("Close {n}"),
    review_title: |n| format!("Post-incident review of {n}"),
    new_problem: "New problem",
    new_article: "New knowledge article",
    review_saved: "Review saved.",
    problem_saved: |n| format!("Problem {n} saved."),
    article_saved: |n| format!("Article {n} saved."),
    help_title: "Keys",
    help_close: |scroll| format!("{scroll} scroll · any other key closes"),
    too_small: |w, h, min_w, min_h| format!("Terminal too small: {w}×{h}. meldpunt needs at least {min_w}×{min_h}."),
    error_prefix: "Error",
    read_only: "read-only",
    not_found: |number| format!("{number} does not exist."),
    changed: "changed",
    closure_blocked: |why| format!("Not ready to close: {why}."),
    block_missing: |items| format!("not ticked: {items}"),
    block_no_code: "choose a closure code",
    block_unknown_code: |code| format!("'{code}' is not a closure code"),
    block_review: "the post-incident review is not completed",
    block_not_duplicate: "the duplicate code is for incidents marked as a duplicate of another (D)",
    cli_not_a_number: |text, example| format!("'{text}' is not a ticket number (e.g. {example})"),
    cli_not_an_id: |text, example| format!("'{text}' is not a number such as {example} or 123"),
    cli_nothing_to_change: "nothing to change: name at least one field, e.g. --status in_progress",
    cli_bad_value: |option, value, allowed| format!("--{option}: '{value}' is not one of: {allowed}"),
    no_database_path: "no database path: pass --db PATH or set MELDPUNT_DB",
    hour_suffix: "h",
    minute_suffix: "m",
    cli_bad_time: |option, value| {
        format!("--{option}: '{value}' is not a time (RFC 3339, e.g. 2026-11-23T16:00:00+01:00)")
    },
    cli_bad_date: |option, value| format!("--{option}: '{value}' is not a date (e.g. 2026-11-01)"),
    cli_unknown_calendar: |name, known| format!("unknown calendar '{name}' (known: {known})"),
    cli_never_due: "this calendar does not have that much working time within the next hundred years",
    cli_duration_too_long: |value, most| format!("--duration: '{value}' is too long (from 0s to {most})"),
    cli_no_team: "no team fits: name one with --team",
    cli_team_added: |name| format!("Team {name} added"),
    cli_team_removed: |name| format!("Team {name} removed (its tickets keep their history)"),
    cli_agent_added: |login| format!("{login} added"),
    cli_agent_removed: |login| format!("{login} removed (their past work stays theirs)"),
    col_line: "Line",
    col_members: "Members",
    col_open_work: "Open work",
    col_login: "Login",
    col_name: "Name",
    col_role: "Role",
    col_teams: "Teams",
    cli_created: |number| format!("Created {number}"),
    cli_created_unshown: |number| format!("{number} was created, but saying so failed"),
    cli_updated: |number, n| format!("Updated {number}: {n} {} changed", if n == 1 { "field" } else { "fields" }),
    cli_unchanged: |number| format!("{number} unchanged"),
    cli_ticked: |item| format!("Ticked: {item}."),
    cli_unticked: |item| format!("No longer ticked: {item}."),
    cli_duplicate: |original| format!("Closed as a duplicate of {original}."),
    cli_feedback: "Feedback recorded.",
    cli_output_failed: |error| format!("cannot write the output (standard output): {error}"),
    cli_no_review: |n| format!("{n} has no post-incident review yet."),
    cli_written: |path| format!("Written to {path}."),
    cli_problem_linked: |incident, problem| format!("{incident} is linked to problem {problem}."),
    cli_problem_unlinked: |incident| format!("{incident} is no longer linked to a problem."),
    cli_applied: |article, incident| format!("Article {article} is recorded as applied to {incident}."),
    cli_no_such: |what| format!("{what} does not exist"),
    col_item: "Item",
    col_required: "Required",
    col_ticked: "Ticked",
    col_owner: "Who",
    col_done: "Done",
    yes: "yes",
    no: "no",
    doc_review_heading: |number, title| format!("Post-incident review: {number} {title}"),
    doc_incident: "The incident",
    doc_lessons: "Lessons",
    doc_actions: "Actions",
    doc_messages: "Messages to reporters",
    doc_no_actions: "No actions.",
    doc_status: |status, at| format!("Review {status}{at}"),
    update_next_in: clock::update_next_in,
    update_overdue: clock::update_overdue,
    update_paused: clock::UPDATE_PAUSED,
    updates_due: clock::updates_due,
    ev_update_missed: clock::ev_update_missed,
    date_format: "%-d %b %Y",
    report_titles: [
        "Daily overview",
        "SLA compliance",
        "Response and resolution times",
        "First contact resolution",
        "Reassignments",
        "Satisfaction",
        "Volume",
        "Recurring incidents",
        "Backlog",
    ],
    reports_title: "Reports",
    period_names: ["Today", "This week", "Last 7 days", "This month", "Last month"],
    cli_erased: |n| format!("Erased: {n} records anonymised; the statistics stay"),
    cli_erase_nobody: "No reporter has that address, name or phone number, and no record mentions it",
    cli_erase_log_kept: "Another process was reading the database: its write-ahead log (-wal) keeps old pages until \
        everyone has closed meldpunt; erase again then to empty it",
    cli_erase_backups: "These files next to the database still hold the person; delete them or erase them too:",
    cli_no_retention: "No retention period: set retention_months in the config or give --months",
    cli_retention_applied: |tickets, records, months| {
        format!("Reporters of {tickets} tickets closed more than {months} months ago anonymised ({records} records)")
    },
    cli_retention_dry: |due, months| {
        format!("{due} tickets closed more than {months} months ago still name their reporter; --apply anonymises them")
    },
    cli_import_reading: "reading rows",
    cli_import_storing: "storing",
    cli_import_read: |rows, tickets, errors| {
        format!("{rows} rows read: {tickets} tickets, {errors} {}", if errors == 1 { "error" } else { "errors" })
    },
    cli_import_refused: |n| {
        format!("Nothing was imported: put the {n} {} right and import again", if n == 1 { "error" } else { "errors" })
    },
    cli_import_dry: |n| format!("Dry run: {n} tickets would be imported; nothing was stored"),
    cli_import_done: |stored, skipped, replaced| {
        format!(
            "Imported {stored} tickets ({replaced} of them updating one there already); {skipped} already there were skipped"
        )
    },
    cli_restricted: |number, teams| match teams {
        "" => format!("{number} is visible to everyone again"),
        _ => format!("{number} is now seen only by {teams}, its assignee, leads and admins"),
    },
    handling_restricted: |teams| format!("Restricted to {teams}"),
    also_open: |who| format!("Also open by {who}"),
    conflict_kept_theirs: "Their change was kept; yours was not saved",
    conflict_title: |number, who, when| format!("{who} changed {number} at {when}, while you were at it"),
    conflict_yours: "yours",
    conflict_now: "now",
    conflict_hint: |yes, no| format!("{yes} save yours over it · {no} keep theirs"),
    permissions: permission,
    cli_import_person_in: |login, role, from| match from {
        Some(from) => format!("  came in: {login} as {role} (the file says {from}; an admin raises it by hand)"),
        None => format!("  came in: {login} as {role}"),
    },
    cli_import_teams_left: |n| {
        format!("{n} team memberships of people already here were left out: their teams stay as they are")
    },
    cli_import_in_file: |n| format!("{n} tickets in the file"),
    cli_import_people_left: |n| {
        format!("{n} people in the file were left out: an admin brings them in with --with-people")
    },
    cli_import_settings_left: |n| format!("{n} settings in the file were ignored: an import never changes a setting"),
    note_user_ignored: |named, you| {
        format!(
            "The config names the user {named}, but this servicedesk goes by login names: you work as {you} \
             (an admin can allow it: meldpunt setting set trust_config_user yes)"
        )
    },
    read_only_mark: "read-only",
    names_trusted_mark: "config names believed",
    database_file: "The database file",
    damage_cut_short: |size, expected| {
        format!("the file is {size} bytes where its header says {expected}, so it was cut short")
    },
    damage_malformed: |what| format!("SQLite reports \"{what}\""),
    cli_check_damaged: |why| format!("Damaged: {why}"),
    refusals: &refusals::REFUSALS,
    setting_names_set_up: files::setting_names_set_up,
    setting_names_chosen: "  Config names are believed: anyone can work under any name by writing it in their config \
                           (meldpunt setting set trust_config_user no ends that).",
    warn_network_fs: |kind| {
        format!(
            "The database lies on a network filesystem ({kind}), whose locks SQLite cannot trust: two people writing \
             at once can damage it. Keep it on a local disk of the shared host."
        )
    },
    cli_backup_done: |path, mb| format!("Backup written to {path} ({mb} MB) and checked"),
    cli_backup_progress: "backing up",
    cli_check_ok: |tickets, events| {
        format!("The database is sound: integrity and references checked; {tickets} tickets, {events} events")
    },
    cli_check_integrity: "Integrity:",
    cli_check_foreign: |table, row, target| format!("{table} row {row} points at a missing row of {target}"),
    cli_check_failed: |n| {
        let what = if n == 1 { "problem" } else { "problems" };
        format!("The check found {n} {what}; make a backup of the file before repairing it")
    },
    cli_check_trigger: |name| {
        format!("Trigger {name} is missing or changed: what it guards (the history, the search index) is not kept")
    },
    cli_check_wrong: |table, row, column, value, expected| {
        use crate::domain::storage::Expected;
        let what = match expected {
            Expected::Time => "a time",
            Expected::Number => "a whole number",
            Expected::Code => "one of meldpunt's codes",
        };
        format!("{table} row {row}: {column} is {value}, not {what}")
    },
    cli_check_more_wrong: |n| format!("… and {n} more rows with a value of the wrong kind"),
    cli_audit_outside: "(outside meldpunt)",
    cli_audit_none: "No changes to people, settings, reference data, problems or knowledge yet",
    col_subject: "What",
    col_change: "Old → new",
    col_when: "When",
    col_who: "Who",
    col_field: "Field",
    audit_word: |code| match code {
        "agent" => "person",
        "knowledge" => "article",
        other => other,
    },
    cli_initialised: |path, version| format!("Database ready at {path} (schema version {version})"),
};

/// A count with its thousands marked: 1,204.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "a" or "an" before a word, by its first letter (impact, urgency, e-mail: "an").
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
