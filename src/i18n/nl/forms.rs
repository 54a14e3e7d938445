//! Dutch words (see `i18n/form_words.rs`).

use super::clock;
use crate::i18n::form_words::FormWords;

pub(super) static FORMS: FormWords = FormWords {
    confirm_resolve_children: |n| format!("Ook de {n} open gekoppelde melding(en) oplossen?"),
    confirm_discard: "Het ingevoerde weggooien?",
    confirm_hint: |yes, no| format!("{yes} ja · {no} nee"),
    confirm_quit: "meldpunt afsluiten? Wat je hebt ingevoerd gaat verloren.",
    confirm_quit_hint: |yes, no| format!("{yes} afsluiten · {no} verder invoeren"),
    confirm_discard_hint: |yes, no| format!("{yes} weggooien · {no} verder invoeren"),
    confirm_status: |number, status, pauses| {
        if pauses {
            format!("{number} op “{status}” zetten? De SLA-klok pauzeert.")
        } else {
            format!("{number} op “{status}” zetten?")
        }
    },
    wizard_title: |number| format!("{number} inschatten"),
    wizard_steps: ["Categorie", "Subcategorie", "Dienst", "Impact", "Urgentie", "Resultaat"],
    wizard_hint: |_, back, cancel| {
        format!("cijfer kiest en gaat door · letters zoeken · {back} terug · {cancel} annuleren")
    },
    wizard_result_hint: |save, other, back, cancel| {
        format!("{save} opslaan · 1-4 of {other} andere prioriteit · {back} terug · {cancel} annuleren")
    },
    wizard_matrix: |impact, urgency| format!("uit de matrix: impact {impact} × urgentie {urgency}"),
    wizard_overridden: |matrix| format!("gekozen in plaats van {matrix} uit de matrix"),
    wizard_targets: |response, resolution, update, calendar| {
        format!("reactie {response} · oplossing {resolution} · update elke {update} ({calendar})")
    },
    wizard_due: "Uiterlijk",
    wizard_reason: "Reden",
    wizard_reason_required: "Een andere prioriteit dan die uit de matrix vraagt om een reden.",
    dialog_assign: |n| format!("{n} toewijzen"),
    dialog_escalate: |n| format!("{n} escaleren"),
    dialog_ask_lead: |n| format!("Aandacht teamleider voor {n}"),
    dialog_major: |n| format!("{n} major incident maken"),
    dialog_link: |n| format!("{n} koppelen aan major incident"),
    dialog_to: "Naar",
    dialog_add_team: "Nieuw team",
    dialog_link_problem: |n| format!("{n} aan een probleem koppelen"),
    dialog_apply_knowledge: |n| format!("Kennis toepassen op {n}"),
    dialog_duplicate: |n| format!("{n} is een dubbel van"),
    dialog_new_problem: "(een nieuw probleem, uit deze melding)",
    dialog_unlink_problem: "(geen probleem: koppeling opheffen)",
    dialog_problem: "Probleem",
    dialog_article: "Artikel",
    dialog_original: "Oorspronkelijke melding",
    dialog_add_agent: "Nieuwe persoon",
    compose_note_title: |n| format!("Werknotitie bij {n}"),
    compose_message_title: |n| format!("Bericht over {n}"),
    compose_choose_template: "Met welk bericht beginnen?",
    compose_to: "Aan:",
    compose_no_address: "(geen e-mailadres: alleen vastleggen)",
    compose_and_linked: |n| format!("de melders van {n} gekoppelde melding(en)"),
    compose_subject: " Onderwerp ",
    compose_text: " Tekst ",
    dialog_supplier: "Leverancier",
    dialog_nobody: "(niemand: het team)",
    dialog_coordinator: "Coördinator",
    dialog_comms_lead: "Communicatie",
    dialog_major_number: "Major incident",
    dialog_hint: |choose, next, back, cancel| {
        format!("typ om te filteren · {choose} kiezen · {next} verder · {back} terug · {cancel} annuleren")
    },
    compose_no_mail: clock::compose_no_mail,
};
