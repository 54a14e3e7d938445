//! The shape of the string catalogue. Each language fills in every field.

use crate::domain::validate::Problem;
use crate::domain::{Channel, Field, Status, TicketKind};
use crate::keymap::{Command, Layer};

pub struct Catalogue {
    /// The language's code: `en` or `nl`.
    pub code: &'static str,
    /// Editing a registered ticket; pick lists.
    pub edit: super::edit::EditWords,
    pub datetime_format: &'static str,
    pub day_suffix: &'static str,
    pub empty_value: &'static str,

    // Enumerations, in the order of their `ALL` lists.
    pub statuses: [&'static str; 7],
    /// At most 14 characters, for narrow tables.
    pub statuses_short: [&'static str; 7],
    pub channels: [&'static str; 6],
    pub kinds: [&'static str; 2],
    pub priority_names: [&'static str; 4],
    pub unclassified: &'static str,
    pub fields: [&'static str; 21],
    pub layers: [&'static str; 12],
    pub commands: fn(Command) -> &'static str,
    /// One or two words per command, for the key-hint line.
    pub hints: fn(Command) -> &'static str,

    // Queue.
    /// Column headings of the tables, on the screen and the command line alike.
    pub col: &'static super::column_words::ColumnWords,
    /// Short names of the targets for narrow columns: response, resolution, update.
    pub targets_short: [&'static str; 3],
    pub queue_title: &'static str,
    pub filter_open: &'static str,
    pub filter_all: &'static str,
    pub filter_mine: &'static str,
    pub filter_unassigned: &'static str,
    pub filter_team: &'static str,
    pub filter_escalated: &'static str,
    pub filter_waiting: &'static str,
    pub no_team: &'static str,
    pub search_prompt: &'static str,
    pub tickets_count: fn(u64, bool) -> String,
    pub counts_line: fn(u64, u64, u64) -> String,
    pub sorted_by: fn(&str, bool) -> String,
    pub empty_database: &'static str,
    pub empty_database_hint: fn(&str, &str) -> String,
    pub no_matches: &'static str,
    pub loading: &'static str,
    pub demo_loading: fn(u64) -> String,
    pub demo_loaded: fn(u64) -> String,

    // Detail.
    pub detail_title: &'static str,
    pub timeline: &'static str,
    pub section_reporter: &'static str,
    pub section_classification: &'static str,
    pub section_handling: &'static str,
    pub label_created: &'static str,
    pub label_updated: &'static str,
    pub label_resolved: &'static str,
    pub label_closed: &'static str,
    pub label_number: &'static str,
    /// Timeline events in words (see `events.rs`).
    pub ev: &'static super::event_words::EventWords,
    /// A ticket's service level: its targets' deadlines and how they stand.
    pub sla: &'static super::sla_words::SlaWords,
    pub clock_title: &'static str,
    pub stretch_running: &'static str,
    pub stretch_out_of_hours: &'static str,
    pub stretch_paused: fn(&str) -> String,
    pub stretch_stopped: &'static str,
    /// Response, resolution, customer update.
    pub targets: [&'static str; 3],
    /// 2nd line, 3rd line, supplier.
    pub escalations: [&'static str; 3],

    // Registration form.
    pub register_title: &'static str,
    pub required_marker: &'static str,
    pub problem: fn(Problem) -> String,
    /// Over a pick list: the keys that choose.
    pub picklist_hint: fn(&str) -> String,
    pub no_options: &'static str,
    pub form_hint: fn(&str, &str, &str) -> String,
    pub registered: fn(&str) -> String,
    pub form_has_problems: &'static str,
    /// A key, and the key that shows the keys.
    pub key_does_nothing: fn(&str, &str) -> String,
    /// The status the ticket is in now.
    pub reopen_needs_done: fn(&str) -> String,
    /// The ticket is in this status already.
    pub already_in_status: fn(&str) -> String,
    /// The time the draft was last written.
    /// A draft is back: when it was typed, the key that saves.
    pub draft_restored: fn(&str, &str) -> String,
    pub draft_not_kept: fn(&str) -> String,
    /// Demo data asked for on a database that has tickets.
    pub demo_only_when_empty: &'static str,
    /// A ticket key in a queue without rows.
    pub no_ticket_selected: &'static str,
    /// Where the selected row is, of how many (and more): "37/1,204".
    pub row_position: fn(u64, u64, bool) -> String,

    // Classification wizard.
    /// Working a ticket, on the screen and the command line alike.
    pub work: &'static super::work_words::WorkWords,
    pub panes: &'static super::pane_words::PaneWords,
    pub report: &'static super::report_words::ReportWords,
    pub form: &'static super::form_words::FormWords,
    pub err: &'static super::error_words::ErrorWords,
    /// Work under way beside the screen.
    pub busy: &'static super::busy_words::BusyWords,
    pub classified: fn(&str, &str) -> String,

    // Handing on and keeping the reporter informed.
    pub knowledge_while_registering: &'static str,
    pub no_articles: &'static str,
    pub timeline_more: fn(usize) -> String,
    /// Operator, technician, lead, admin.
    pub roles: [&'static str; 4],
    pub admin_title: &'static str,
    pub admin_teams: &'static str,
    pub admin_people: &'static str,
    pub empty_text: &'static str,
    pub entry_note: &'static str,
    pub entry_reporter: &'static str,
    /// Recipient, how it went, subject.
    pub entry_message: fn(&str, &str, &str) -> String,
    pub delivery_sent: &'static str,
    pub delivery_recorded: &'static str,
    pub delivery_failed: &'static str,
    pub handling_reassigned: fn(i64) -> String,
    pub handling_escalated: fn(&str) -> String,
    pub handling_lead: &'static str,
    pub handling_major: fn(&str, &str) -> String,
    pub handling_children: fn(usize) -> String,
    pub line_label: fn(u8) -> String,
    /// Confirmation, progress, no news, delay, resolved.
    pub template_names: [&'static str; 6],
    pub assigned_to: fn(&str) -> String,
    pub escalated_to: fn(&str) -> String,
    pub lead_asked: &'static str,
    pub status_now: fn(&str) -> String,
    pub made_major: &'static str,
    pub linked_to: fn(&str) -> String,
    pub note_added: &'static str,
    pub message_sent: fn(usize) -> String,
    pub message_recorded: fn(usize) -> String,
    pub message_failed: fn(usize, &str) -> String,
    pub mail_no_command: &'static str,
    pub mail_no_address: &'static str,
    pub mail_bad_address: fn(&str) -> String,
    pub mail_failed: fn(&str) -> String,

    // Closing, reviews, problems and knowledge.
    /// The five satisfaction scores, 1 to 5.
    pub scores: [&'static str; 5],
    pub feedback_score: &'static str,
    pub feedback_comment: &'static str,
    /// The post-incident review: its questions, pane and state.
    pub review: &'static super::review_words::ReviewWords,
    /// Open, known error, resolved.
    pub problem_statuses: [&'static str; 3],
    pub problem_root_cause: &'static str,
    pub problem_workaround: &'static str,
    pub problem_fix: &'static str,
    pub kb_tags: &'static str,
    pub closed_message: &'static str,
    pub checklist: &'static str,
    pub duplicate_label: &'static str,
    /// Problem number, workaround, key to link.
    pub known_error_hint: fn(&str, &str, &str) -> String,
    pub knowledge_applied: &'static str,
    pub knowledge_suggested: fn(&str) -> String,
    pub problems_title: &'static str,
    pub recurring_title: &'static str,
    pub knowledge_title: &'static str,
    pub closure_title: fn(&str) -> String,
    pub new_problem: &'static str,
    pub new_article: &'static str,
    pub problem_saved: fn(&str) -> String,
    pub article_saved: fn(&str) -> String,

    // Help and frame.
    pub help_title: &'static str,
    /// The keys that scroll the help.
    pub help_close: fn(&str) -> String,
    pub too_small: fn(u16, u16, u16, u16) -> String,
    pub error_prefix: &'static str,
    pub read_only: &'static str,
    pub not_found: fn(&str) -> String,
    pub changed: &'static str,

    // Errors.
    pub closure_blocked: fn(&str) -> String,
    pub block_missing: fn(&str) -> String,
    pub block_no_code: &'static str,
    pub block_unknown_code: fn(&str) -> String,
    pub block_review: &'static str,
    pub block_not_duplicate: &'static str,

    // Command line.
    /// The command line's words.
    pub cli: &'static super::cli_words::CliWords,
    pub no_database_path: &'static str,
    pub hour_suffix: &'static str,
    pub minute_suffix: &'static str,
    pub note_user_ignored: fn(&str, &str) -> String,
    /// On a database server the config's user never counts.
    pub note_server_login: fn(&str, &str) -> String,
    pub permissions: fn(crate::domain::access::Permission) -> &'static str,
    pub conflict_kept_theirs: &'static str,
    pub also_open: fn(&str) -> String,
    pub handling_restricted: fn(&str) -> String,
    pub conflict_title: fn(&str, &str, &str) -> String,
    pub conflict_yours: &'static str,
    pub conflict_now: &'static str,
    pub conflict_hint: fn(&str, &str) -> String,
    pub read_only_mark: &'static str,
    pub names_trusted_mark: &'static str,
    pub database_file: &'static str,
    pub damage_cut_short: fn(u64, u64) -> String,
    pub damage_malformed: fn(&str) -> String,
    pub refusals: &'static super::refusals::Refusals,
    pub setting_names_set_up: fn(&str) -> String,
    pub setting_names_chosen: &'static str,
    pub warn_network_fs: fn(&str) -> String,
    /// An audited kind of thing (agent, team, setting…) and change (added…), in words.
    pub audit_word: fn(&str) -> &str,
    // Reports.
    pub date_format: &'static str,
    pub report_titles: [&'static str; 9],
    pub reports_title: &'static str,
    /// Today, this week, last 7 days, this month, last month.
    pub period_names: [&'static str; 5],
    pub yes: &'static str,
    pub no: &'static str,

    // The review as a document.
    pub doc_review_heading: fn(&str, &str) -> String,
    pub doc_incident: &'static str,
    pub doc_lessons: &'static str,
    pub doc_actions: &'static str,
    pub doc_messages: &'static str,
    pub doc_no_actions: &'static str,
    pub doc_status: fn(&str, &str) -> String,

    // The customer-update clock.
    pub update_next_in: fn(&str) -> String,
    pub update_overdue: fn(&str) -> String,
    pub update_paused: &'static str,
    pub updates_due: fn(u64) -> String,
}

impl Catalogue {
    pub fn status(&self, s: Status) -> &'static str {
        self.statuses[Status::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    pub fn status_short(&self, s: Status) -> &'static str {
        self.statuses_short[Status::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    pub fn hint(&self, c: Command) -> &'static str {
        (self.hints)(c)
    }

    pub fn channel(&self, c: Channel) -> &'static str {
        self.channels[Channel::ALL.iter().position(|x| *x == c).unwrap_or(0)]
    }

    pub fn kind(&self, k: TicketKind) -> &'static str {
        self.kinds[TicketKind::ALL.iter().position(|x| *x == k).unwrap_or(0)]
    }

    pub fn field(&self, f: Field) -> &'static str {
        self.fields[Field::ALL.iter().position(|x| *x == f).unwrap_or(0)]
    }

    pub fn target(&self, t: crate::domain::sla::Target) -> &'static str {
        use crate::domain::sla::Target;
        self.targets[Target::ALL.iter().position(|x| *x == t).unwrap_or(0)]
    }

    pub fn target_short(&self, t: crate::domain::sla::Target) -> &'static str {
        use crate::domain::sla::Target;
        self.targets_short[Target::ALL.iter().position(|x| *x == t).unwrap_or(0)]
    }

    pub fn escalation(&self, e: crate::domain::escalation::Escalation) -> &'static str {
        use crate::domain::escalation::Escalation;
        self.escalations[Escalation::ALL.iter().position(|x| *x == e).unwrap_or(0)]
    }

    pub fn template_name(&self, n: crate::domain::template::TemplateName) -> &'static str {
        use crate::domain::template::TemplateName;
        self.template_names[TemplateName::ALL.iter().position(|x| *x == n).unwrap_or(0)]
    }

    pub fn role(&self, r: crate::domain::escalation::Role) -> &'static str {
        use crate::domain::escalation::Role;
        self.roles[Role::ALL.iter().position(|x| *x == r).unwrap_or(0)]
    }

    pub fn problem_status(&self, s: crate::domain::knowledge::ProblemStatus) -> &'static str {
        use crate::domain::knowledge::ProblemStatus;
        self.problem_statuses[ProblemStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    pub fn layer(&self, l: Layer) -> &'static str {
        self.layers[Layer::ALL.iter().position(|x| *x == l).unwrap_or(0)]
    }

    pub fn command(&self, c: Command) -> &'static str {
        (self.commands)(c)
    }

    /// "P1 critical" style name of a priority number (1-4).
    pub fn priority_name(&self, p: u8) -> &'static str {
        self.priority_names.get(p.saturating_sub(1) as usize).copied().unwrap_or(self.unclassified)
    }

    /// A field's value in words, for the timeline: codes become labels.
    pub fn field_value(&self, field: Field, value: Option<&str>) -> String {
        let Some(v) = value else {
            return self.empty_value.to_string();
        };
        let label = match field {
            Field::Status => Status::from_code(v).map(|s| self.status(s)),
            Field::Channel => Channel::from_code(v).map(|c| self.channel(c)),
            Field::Kind => TicketKind::from_code(v).map(|k| self.kind(k)),
            Field::Service | Field::Category | Field::Subcategory | Field::Department => {
                Some(crate::domain::reference::shown_name(v, self.code))
            }
            _ => None,
        };
        label.map(str::to_string).unwrap_or_else(|| v.to_string())
    }

    /// The questions of a post-incident review with their answers, in order.
    pub fn review_sections<'r>(&self, r: &'r crate::domain::knowledge::Review) -> [(&'static str, &'r str); 5] {
        [
            (self.review.what, &r.what_happened),
            (self.field(Field::Cause), &r.cause),
            (self.review.well, &r.went_well),
            (self.review.badly, &r.went_badly),
            (self.review.recommendations, &r.recommendations),
        ]
    }

    pub fn period_name(&self, p: crate::domain::report::PeriodName) -> &'static str {
        use crate::domain::report::PeriodName;
        self.period_names[PeriodName::ALL.iter().position(|x| *x == p).unwrap_or(0)]
    }

    pub fn report_title(&self, name: crate::domain::report::ReportName) -> &'static str {
        use crate::domain::report::ReportName;
        self.report_titles[ReportName::ALL.iter().position(|x| *x == name).unwrap_or(0)]
    }
}
