//! The English catalogue.

mod busy;
mod cli;
mod clock;
mod columns;
mod config;
mod edit;
mod errors;
mod events;
mod files;
mod forms;
pub(crate) mod help;
mod import;
mod panes;
mod refusals;
mod report;
mod review;
mod sla;
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
    col: &columns::COLUMNS,
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
    sla: &sla::SLA,
    clock_title: "SLA clock (resolution)",
    stretch_running: "running",
    stretch_out_of_hours: "out of hours",
    stretch_paused: |status| format!("paused: {status}"),
    stretch_stopped: "resolved",
    ev: &events::EVENTS,
    targets: ["Response", "Resolution", "Customer update"],
    escalations: ["2nd line", "3rd line", "supplier"],
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
    review: &review::REVIEW,
    problem_statuses: ["open", "known error", "resolved"],
    problem_root_cause: "Root cause",
    problem_workaround: "Workaround",
    problem_fix: "Permanent fix",
    kb_tags: "Tags",
    closed_message: "Closed.",
    checklist: "Checklist",
    duplicate_label: "Duplicate of",
    known_error_hint: |problem, workaround, key| {
        format!("Known error {problem} — workaround: {workaround} ({key} links it)")
    },
    knowledge_applied: "Knowledge",
    knowledge_suggested: |key| format!("Knowledge that may help ({key} applies)"),
    problems_title: "Problems",
    recurring_title: "Recurring incidents without a problem (last 30 days)",
    knowledge_title: "Knowledge base",
    closure_title: |n| format!("Close {n}"),
    new_problem: "New problem",
    new_article: "New knowledge article",
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
    cli: &cli::CLI,
    no_database_path: "no database path: pass --db PATH or set MELDPUNT_DB",
    hour_suffix: "h",
    minute_suffix: "m",
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
    handling_restricted: |teams| format!("Restricted to {teams}"),
    also_open: |who| format!("Also open by {who}"),
    conflict_kept_theirs: "Their change was kept; yours was not saved",
    conflict_title: |number, who, when| format!("{who} changed {number} at {when}, while you were at it"),
    conflict_yours: "yours",
    conflict_now: "now",
    conflict_hint: |yes, no| format!("{yes} save yours over it · {no} keep theirs"),
    permissions: permission,
    note_user_ignored: |named, you| {
        format!(
            "The config names the user {named}, but this servicedesk goes by login names: you work as {you} \
             (an admin can allow it: meldpunt setting set trust_config_user yes)"
        )
    },
    note_server_login: |named, you| {
        format!("The config names the user {named}, but on a database server you work as the login it accepted: {you}")
    },
    read_only_mark: "read-only",
    names_trusted_mark: "config names believed",
    database_file: "The database file",
    damage_cut_short: |size, expected| {
        format!("the file is {size} bytes where its header says {expected}, so it was cut short")
    },
    damage_malformed: |what| format!("SQLite reports \"{what}\""),
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
    audit_word: |code| match code {
        "agent" => "person",
        "knowledge" => "article",
        other => other,
    },
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
