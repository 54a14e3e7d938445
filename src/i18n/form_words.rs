//! Words of the forms (dialogs, the classification wizard, composing and
//! the questions that confirm), one struct each language fills in
//! (`en/forms.rs`, `nl/forms.rs`).

pub struct FormWords {
    pub confirm_discard: &'static str,
    pub confirm_resolve_children: fn(usize) -> String,
    pub confirm_hint: fn(&str, &str) -> String,
    /// Quitting with a form open: says that the program ends.
    pub confirm_quit: &'static str,
    pub confirm_quit_hint: fn(&str, &str) -> String,
    pub confirm_discard_hint: fn(&str, &str) -> String,
    /// Number, status name, whether the SLA clock pauses.
    pub confirm_status: fn(&str, &str, bool) -> String,
    pub wizard_title: fn(&str) -> String,
    /// Category, subcategory, service, impact, urgency, result.
    pub wizard_steps: [&'static str; 6],
    /// The keys that choose, step back and cancel.
    pub wizard_hint: fn(&str, &str, &str) -> String,
    /// The keys that save, choose another priority, step back and cancel.
    pub wizard_result_hint: fn(&str, &str, &str, &str) -> String,
    pub wizard_matrix: fn(&str, &str) -> String,
    pub wizard_overridden: fn(&str) -> String,
    pub wizard_targets: fn(&str, &str, &str, &str) -> String,
    pub wizard_due: &'static str,
    pub wizard_reason: &'static str,
    pub wizard_reason_required: &'static str,
    pub dialog_assign: fn(&str) -> String,
    pub dialog_escalate: fn(&str) -> String,
    pub dialog_ask_lead: fn(&str) -> String,
    pub dialog_major: fn(&str) -> String,
    pub dialog_link: fn(&str) -> String,
    pub dialog_to: &'static str,
    pub dialog_supplier: &'static str,
    pub dialog_nobody: &'static str,
    pub dialog_coordinator: &'static str,
    pub dialog_comms_lead: &'static str,
    pub dialog_major_number: &'static str,
    /// The keys that choose, go on, step back and cancel.
    pub dialog_hint: fn(&str, &str, &str, &str) -> String,
    pub dialog_add_team: &'static str,
    pub dialog_link_problem: fn(&str) -> String,
    pub dialog_apply_knowledge: fn(&str) -> String,
    pub dialog_duplicate: fn(&str) -> String,
    pub dialog_new_problem: &'static str,
    pub dialog_unlink_problem: &'static str,
    pub dialog_problem: &'static str,
    pub dialog_article: &'static str,
    pub dialog_original: &'static str,
    pub dialog_add_agent: &'static str,
    pub compose_note_title: fn(&str) -> String,
    pub compose_message_title: fn(&str) -> String,
    pub compose_choose_template: &'static str,
    pub compose_to: &'static str,
    pub compose_no_address: &'static str,
    pub compose_and_linked: fn(usize) -> String,
    pub compose_subject: &'static str,
    pub compose_text: &'static str,
    /// The message editor without a mail command: what the key does instead.
    pub compose_no_mail: fn(&str) -> String,
}
