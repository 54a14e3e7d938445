//! English words (see `i18n/form_words.rs`).

use super::clock;
use crate::i18n::form_words::FormWords;

pub(super) static FORMS: FormWords = FormWords {
    confirm_resolve_children: |n| format!("Resolve the {n} open linked incident(s) too?"),
    confirm_discard: "Discard what you typed?",
    confirm_hint: |yes, no| format!("{yes} yes · {no} no"),
    confirm_quit: "Quit meldpunt? What you typed is lost.",
    confirm_quit_hint: |yes, no| format!("{yes} quit · {no} keep editing"),
    confirm_discard_hint: |yes, no| format!("{yes} discard · {no} keep editing"),
    confirm_status: |number, status, pauses| {
        if pauses {
            format!("Set {number} to “{status}”? Its SLA clock pauses.")
        } else {
            format!("Set {number} to “{status}”?")
        }
    },
    wizard_title: |number| format!("Classify {number}"),
    wizard_steps: ["Category", "Subcategory", "Service", "Impact", "Urgency", "Result"],
    wizard_hint: |choose, back, cancel| {
        format!("a digit picks and goes on · letters narrow · {choose} · {back} back · {cancel} cancel")
    },
    wizard_result_hint: |save, other, back, cancel| {
        format!("{save} save · 1-4 or {other} another priority · {back} back · {cancel} cancel")
    },
    wizard_matrix: |impact, urgency| format!("from the matrix: impact {impact} × urgency {urgency}"),
    wizard_overridden: |matrix| format!("chosen instead of {matrix} from the matrix"),
    wizard_targets: |response, resolution, update, calendar| {
        format!("response {response} · resolution {resolution} · update every {update} ({calendar})")
    },
    wizard_due: "Due",
    wizard_reason: "Reason",
    wizard_reason_required: "A priority other than the matrix's needs a reason.",
    dialog_assign: |n| format!("Assign {n}"),
    dialog_escalate: |n| format!("Escalate {n}"),
    dialog_ask_lead: |n| format!("Ask a lead's attention for {n}"),
    dialog_major: |n| format!("Make {n} a major incident"),
    dialog_link: |n| format!("Link {n} to a major incident"),
    dialog_to: "To",
    dialog_add_team: "New team",
    dialog_link_problem: |n| format!("Link {n} to a problem"),
    dialog_apply_knowledge: |n| format!("Apply knowledge to {n}"),
    dialog_duplicate: |n| format!("{n} is a duplicate of"),
    dialog_new_problem: "(a new problem, from this incident)",
    dialog_unlink_problem: "(no problem: unlink this incident)",
    dialog_problem: "Problem",
    dialog_article: "Article",
    dialog_original: "Original incident",
    dialog_add_agent: "New person",
    compose_note_title: |n| format!("Work note on {n}"),
    compose_message_title: |n| format!("Message about {n}"),
    compose_choose_template: "Start from which message?",
    compose_to: "To:",
    compose_no_address: "(no e-mail address: record only)",
    compose_and_linked: |n| format!("the reporters of {n} linked incident(s)"),
    compose_subject: " Subject ",
    compose_text: " Text ",
    dialog_supplier: "Supplier",
    dialog_nobody: "(nobody: the team)",
    dialog_coordinator: "Coordinator",
    dialog_comms_lead: "Communication",
    dialog_major_number: "Major incident",
    dialog_hint: |choose, next, back, cancel| {
        format!("type to filter · {choose} choose · {next} next · {back} back · {cancel} cancel")
    },
    compose_no_mail: clock::compose_no_mail,
};
