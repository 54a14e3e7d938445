use super::Catalogue;
use crate::domain::validate::Problem;
use crate::keymap::{Command, KeymapProblem};

fn command(c: Command) -> &'static str {
    use Command::*;
    match c {
        Quit => "Quit meldpunt",
        Help => "Show the keys",
        Up => "Move up",
        Down => "Move down",
        PageUp => "Page up",
        PageDown => "Page down",
        Top => "Go to the first",
        Bottom => "Go to the last",
        Open => "Open the incident",
        Back => "Back to the queue",
        Search => "Search tickets",
        NewTicket => "Register an incident",
        SortNext => "Sort by next column",
        SortReverse => "Reverse sort order",
        ToggleOpen => "Open or all tickets",
        FilterMine => "Only mine",
        FilterUnassigned => "Only unassigned",
        FilterTeam => "Only my team",
        FilterPriority => "Cycle priority filter",
        FilterStatus => "Cycle status filter",
        ClearFilters => "Clear filters",
        Refresh => "Reload",
        LoadDemo => "Load demo data",
        NextTicket => "Next incident",
        PrevTicket => "Previous incident",
        NextField => "Next field",
        PrevField => "Previous field",
        Save => "Save",
        Cancel => "Cancel",
        Confirm => "Yes",
        NextPane => "Queue ↔ incident",
    }
}

fn hint(c: Command) -> &'static str {
    use Command::*;
    match c {
        Quit => "quit",
        Help => "help",
        Up => "up",
        Down => "down",
        PageUp => "page up",
        PageDown => "page down",
        Top => "first",
        Bottom => "last",
        Open => "open",
        Back => "back",
        Search => "search",
        NewTicket => "new",
        SortNext => "sort",
        SortReverse => "reverse",
        ToggleOpen => "open/all",
        FilterMine => "mine",
        FilterUnassigned => "unassigned",
        FilterTeam => "my team",
        FilterPriority => "priority",
        FilterStatus => "status",
        ClearFilters => "clear",
        Refresh => "reload",
        LoadDemo => "demo data",
        NextTicket => "next",
        PrevTicket => "previous",
        NextField => "next field",
        PrevField => "previous field",
        Save => "save",
        Cancel => "cancel",
        Confirm => "yes",
        NextPane => "switch",
    }
}

fn keymap_problem(p: &KeymapProblem) -> String {
    p.to_string()
}

fn problem(p: Problem) -> String {
    match p {
        Problem::Required => "is required".to_string(),
        Problem::TooLong { max } => format!("is longer than {max} characters"),
        Problem::InvalidEmail => "is not an e-mail address".to_string(),
    }
}

pub static EN: Catalogue = Catalogue {
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
    ],
    layers: ["Everywhere", "Queue", "Incident", "Form", "Question"],
    commands: command,
    hints: hint,
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
    event_created: "registered the incident",
    targets: ["Response", "Resolution", "Customer update"],
    ev_override: |chosen, matrix, reason| format!("set priority {chosen} instead of {matrix} (matrix): {reason}"),
    ev_deadline: |target, old, new| format!("{target} deadline moved: {old} → {new}"),
    ev_paused: |target, status| format!("{target} clock paused ({status})"),
    ev_resumed: |target, due| format!("{target} clock resumed, due {due}"),
    ev_breached: |target| format!("{target} target breached"),
    event_by: |who| format!("by {who}"),
    register_title: "Register incident",
    required_marker: "*",
    problem,
    picklist_hint: "type to filter, ↑↓ choose",
    no_options: "no match",
    form_hint: |next, save, cancel| format!("{next} next field · {save} save · {cancel} cancel"),
    registered: |number| format!("Registered {number}."),
    form_has_problems: "Some fields need attention.",
    confirm_discard: "Discard what you typed?",
    confirm_hint: |yes, no| format!("{yes} yes · {no} no"),
    help_title: "Keys",
    help_close: "Any key closes this help",
    too_small: |w, h, min_w, min_h| format!("Terminal too small: {w}×{h}. meldpunt needs at least {min_w}×{min_h}."),
    error_prefix: "Error",
    read_only: "read-only",
    not_found: |number| format!("{number} does not exist."),
    changed: "changed",
    err_not_sqlite: |path| format!("{path} is not a SQLite database; it was left untouched"),
    err_foreign: |path| {
        format!("{path} is a SQLite database of another program, not of meldpunt; it was left untouched")
    },
    err_too_new: |path, found, supported| {
        format!(
            "{path} has schema version {found}, newer than this meldpunt understands ({supported}); it was left untouched. Use a newer meldpunt."
        )
    },
    err_io: |path, error| format!("cannot use {path}: {error}"),
    err_required: |field| format!("{field} cannot be empty"),
    err_invalid_value: |field, value| format!("{field}: '{value}' is not a valid value"),
    err_transition: |from, to, allowed| format!("cannot go from {from} to {to}; allowed: {allowed}"),
    err_conflict: |expected, current| {
        format!(
            "someone else changed this ticket meanwhile (your edit was based on version {expected}, it is now at {current})"
        )
    },
    err_keymap: keymap_problem,
    err_database: |error| format!("database error: {error}"),
    err_config: |file, line, key, message| {
        let mut out = format!("config error in {file}");
        if let Some(line) = line {
            out.push_str(&format!(", line {line}"));
        }
        if let Some(key) = key {
            out.push_str(&format!(", key '{key}'"));
        }
        format!("{out}: {message}")
    },
    cli_not_a_number: |text, example| format!("'{text}' is not a ticket number (e.g. {example})"),
    cli_nothing_to_change: "nothing to change: name at least one field, e.g. --status in_progress",
    cli_bad_value: |option, value, allowed| format!("--{option}: '{value}' is not one of: {allowed}"),
    no_database_path: "no database path: pass --db PATH or set MELDPUNT_DB",
    hour_suffix: "h",
    minute_suffix: "m",
    cli_created: |number| format!("Created {number}"),
    cli_updated: |number, n| format!("Updated {number}: {n} field(s) changed"),
    cli_unchanged: |number| format!("{number} unchanged"),
    cli_initialised: |path, version| format!("Database ready at {path} (schema version {version})"),
};
