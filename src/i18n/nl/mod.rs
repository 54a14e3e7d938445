//! The Dutch catalogue.

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
pub(super) mod help;
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

pub static NL: Catalogue = Catalogue {
    code: "nl",
    edit: edit::EDIT,
    datetime_format: "%d-%m-%Y %H:%M",
    day_suffix: "d",
    empty_value: "(leeg)",
    statuses: [
        "Nieuw",
        "Toegewezen",
        "In behandeling",
        "Wacht op klant",
        "Wacht op leverancier",
        "Opgelost",
        "Gesloten",
    ],
    statuses_short: [
        "Nieuw",
        "Toegewezen",
        "In behandeling",
        "Wacht op klant",
        "Wacht op lev.",
        "Opgelost",
        "Gesloten",
    ],
    channels: ["Telefoon", "E-mail", "Chat", "Selfserviceportaal", "Balie", "Monitoring"],
    kinds: ["Incident", "Serviceverzoek"],
    priority_names: ["kritiek", "hoog", "gemiddeld", "laag"],
    unclassified: "niet ingeschat",
    fields: [
        "Soort",
        "Titel",
        "Omschrijving",
        "Melder",
        "E-mail",
        "Telefoon",
        "Afdeling",
        "Kanaal",
        "Dienst",
        "Categorie",
        "Subcategorie",
        "Impact",
        "Urgentie",
        "Prioriteit",
        "Status",
        "Team",
        "Behandelaar",
        "Oorzaak",
        "Genomen maatregelen",
        "Oplossing",
        "Afsluitcode",
    ],
    layers: [
        "Overal",
        "Wachtrij",
        "Melding",
        "Formulier",
        "Inschatting",
        "Dialoog",
        "Bericht",
        "Teams en mensen",
        "Problemen en kennis",
        "Rapportages",
        "Mijn werk",
        "Vraag",
    ],
    commands: |c| c.row().nl.about,
    hints: |c| c.row().nl.hint,
    col: &columns::COLUMNS,
    targets_short: ["Reac", "Opl", "Upd"],
    queue_title: "Meldingen",
    filter_open: "open",
    filter_all: "alle",
    filter_mine: "mijn",
    filter_unassigned: "niet toegewezen",
    filter_team: "mijn team",
    filter_escalated: "geëscaleerd",
    filter_waiting: "wachtend",
    no_team: "u zit in geen team",
    search_prompt: "Zoeken",
    tickets_count: |n, more| match (n, more) {
        (_, true) => format!("{n}+ meldingen"),
        (1, false) => "1 melding".to_string(),
        _ => format!("{n} meldingen"),
    },
    counts_line: |open, unassigned, p1| format!("open {open} · niet toegewezen {unassigned} · P1 {p1}"),
    sorted_by: |col, asc| format!("gesorteerd op {col} {}", if asc { "↑" } else { "↓" }),
    empty_database: "Nog geen meldingen.",
    empty_database_hint: |new, demo| {
        format!("Druk op {new} om een melding te registreren, of op {demo} om demogegevens te laden.")
    },
    no_matches: "Geen meldingen voor deze filters.",
    loading: "Laden…",
    demo_loading: |n| format!("{n} demomeldingen laden…"),
    demo_loaded: |n| format!("{n} demomeldingen geladen."),
    detail_title: "Melding",
    timeline: "Tijdlijn",
    section_reporter: "Melder",
    section_classification: "Inschatting",
    section_handling: "Behandeling",
    label_created: "Aangemaakt",
    label_updated: "Bijgewerkt",
    label_resolved: "Opgelost",
    label_closed: "Gesloten",
    label_number: "Nummer",
    sla: &sla::SLA,
    clock_title: "SLA-klok (oplossing)",
    stretch_running: "loopt",
    stretch_out_of_hours: "buiten werktijd",
    stretch_paused: |status| format!("gepauzeerd: {status}"),
    stretch_stopped: "opgelost",
    ev: &events::EVENTS,
    targets: ["Reactie", "Oplossing", "Klantupdate"],
    escalations: ["2e lijn", "3e lijn", "leverancier"],
    register_title: "Melding registreren",
    required_marker: "*",
    problem,
    picklist_hint: |choose| format!("typ om te filteren, {choose} kiezen"),
    no_options: "geen treffer",
    form_hint: |next, save, cancel| format!("{next} volgend veld · {save} opslaan · {cancel} annuleren"),
    registered: |number| format!("{number} geregistreerd."),
    form_has_problems: "Enkele velden vragen aandacht.",
    key_does_nothing: |key, help| format!("{key} doet hier niets · {help} toont de toetsen"),
    reopen_needs_done: |status| {
        format!("Alleen een opgeloste of gesloten melding kan heropend worden; deze is “{status}”.")
    },
    already_in_status: |status| format!("De melding is al “{status}”."),
    draft_restored: |at, save| {
        format!("De melding die je om {at} invoerde is terug; nog niet opgeslagen ({save} slaat op).")
    },
    draft_not_kept: |why| format!("Kon geen concept van het formulier bewaren: {why}"),
    demo_only_when_empty: "Demodata laadt alleen in een lege database.",
    no_ticket_selected: "Geen melding geselecteerd: de lijst is leeg.",
    row_position: |at, of, more| format!("{}/{}{}", grouped(at), grouped(of), if more { "+" } else { "" }),
    // Without the keys that choose: the Dutch line is long enough.
    work: &work::WORK,
    panes: &panes::PANES,
    report: &report::REPORT,
    form: &forms::FORMS,
    err: &errors::ERRORS,
    busy: &busy::BUSY,
    classified: |number, priority| format!("{number} ingeschat: {priority}."),
    timeline_more: |n| format!("  … nog {n} in de tijdlijn van de melding"),
    no_articles: "De kennisbank heeft nog geen artikelen (K, dan a, schrijft er een).",
    knowledge_while_registering: "Kennis die kan helpen (toepassen vanuit de melding na registratie)",
    roles: ["operator", "technicus", "teamleider", "beheerder"],
    admin_title: "Teams en mensen",
    admin_teams: "Teams",
    admin_people: "Mensen",
    entry_note: "✎ werknotitie",
    entry_reporter: "de melder",
    entry_message: |to, how, subject| format!("✉ bericht aan {to} ({how}): {subject}"),
    delivery_sent: "verstuurd",
    delivery_recorded: "vastgelegd",
    delivery_failed: "NIET VERSTUURD",
    handling_reassigned: |n| format!("{n}× doorgezet"),
    handling_escalated: |to| format!("geëscaleerd naar {to}"),
    handling_lead: "aandacht van een teamleider gevraagd",
    handling_major: |coordinator, comms| format!("major incident, coördinator {coordinator}, communicatie {comms}"),
    handling_children: |n| format!("Gekoppelde meldingen ({n})"),
    empty_text: "Schrijf eerst iets.",
    line_label: |line| format!("lijn {line}"),
    template_names: [
        "Bevestiging van registratie",
        "Voortgangsbericht",
        "Update zonder nieuws",
        "Melding van vertraging",
        "Bericht van oplossing",
        "Samenvatting bij afsluiten",
    ],
    assigned_to: |to| format!("Toegewezen aan {to}."),
    escalated_to: |to| format!("Geëscaleerd naar {to}."),
    status_now: |status| format!("Status is nu {status}."),
    lead_asked: "Het team van de melding heeft geen teamleider: alle teamleiders zijn gevraagd en zien het bij wat hun gevraagd is.",
    made_major: "Major incident gemaakt.",
    linked_to: |major| format!("Gekoppeld aan major incident {major}."),
    note_added: "Notitie toegevoegd.",
    message_sent: |n| {
        if n == 1 { "Bericht verstuurd.".to_string() } else { format!("Bericht verstuurd aan {n} melders.") }
    },
    message_recorded: |n| {
        if n == 1 { "Bericht vastgelegd.".to_string() } else { format!("Bericht vastgelegd voor {n} melders.") }
    },
    message_failed: |n, why| format!("Niet verstuurd ({n}): {why}. Het bericht is vastgelegd als niet verstuurd."),
    mail_no_command: "er is geen mailopdracht ingesteld ([mail] command); leg het bericht alleen vast",
    mail_no_address: "de melder heeft geen e-mailadres",
    mail_bad_address: |a| format!("\"{a}\" is niet één geldig e-mailadres"),
    mail_failed: |why| format!("de mailopdracht mislukte: {why}"),
    scores: ["zeer ontevreden", "ontevreden", "neutraal", "tevreden", "zeer tevreden"],
    feedback_score: "Tevredenheid",
    feedback_comment: "Feedback",
    review: &review::REVIEW,
    problem_statuses: ["open", "bekende fout", "opgelost"],
    problem_root_cause: "Grondoorzaak",
    problem_workaround: "Workaround",
    problem_fix: "Definitieve oplossing",
    kb_tags: "Trefwoorden",
    closed_message: "Gesloten.",
    checklist: "Checklist",
    duplicate_label: "Dubbel van",
    known_error_hint: |problem, workaround, key| {
        format!("Bekende fout {problem} — workaround: {workaround} ({key} koppelt)")
    },
    knowledge_applied: "Kennis",
    knowledge_suggested: |key| format!("Kennis die kan helpen ({key} past toe)"),
    problems_title: "Problemen",
    recurring_title: "Terugkerende meldingen zonder probleem (laatste 30 dagen)",
    knowledge_title: "Kennisbank",
    closure_title: |n| format!("{n} sluiten"),
    new_problem: "Nieuw probleem",
    new_article: "Nieuw kennisartikel",
    problem_saved: |n| format!("Probleem {n} opgeslagen."),
    article_saved: |n| format!("Artikel {n} opgeslagen."),
    help_title: "Toetsen",
    help_close: |scroll| format!("{scroll} scrollen · andere toets sluit"),
    too_small: |w, h, min_w, min_h| {
        format!("Terminal te klein: {w}×{h}. meldpunt heeft minstens {min_w}×{min_h} nodig.")
    },
    error_prefix: "Fout",
    read_only: "alleen lezen",
    not_found: |number| format!("{number} bestaat niet."),
    changed: "gewijzigd",
    closure_blocked: |why| format!("Nog niet klaar om te sluiten: {why}."),
    block_missing: |items| format!("niet afgevinkt: {items}"),
    block_no_code: "kies een afsluitcode",
    block_unknown_code: |code| format!("'{code}' is geen afsluitcode"),
    block_review: "de evaluatie na het incident is niet afgerond",
    block_not_duplicate: "de code voor dubbele meldingen is voor meldingen die als dubbel van een andere zijn gemarkeerd (D)",
    cli: &cli::CLI,
    no_database_path: "geen databasepad: geef --db PAD of zet MELDPUNT_DB",
    hour_suffix: "u",
    minute_suffix: "m",
    yes: "ja",
    no: "nee",
    doc_review_heading: |number, title| format!("Evaluatie: {number} {title}"),
    doc_incident: "Het incident",
    doc_lessons: "Lessen",
    doc_actions: "Acties",
    doc_messages: "Berichten aan melders",
    doc_no_actions: "Geen acties.",
    doc_status: |status, at| format!("Evaluatie {status}{at}"),
    update_next_in: clock::update_next_in,
    update_overdue: clock::update_overdue,
    update_paused: clock::UPDATE_PAUSED,
    updates_due: clock::updates_due,
    date_format: "%d-%m-%Y",
    report_titles: [
        "Dagoverzicht",
        "Naleving servicenormen",
        "Reactie- en oplostijden",
        "Oplossing bij eerste contact",
        "Herverdelingen",
        "Tevredenheid",
        "Volume",
        "Terugkerende incidenten",
        "Werkvoorraad",
    ],
    reports_title: "Rapportages",
    period_names: ["Vandaag", "Deze week", "Laatste 7 dagen", "Deze maand", "Vorige maand"],
    handling_restricted: |teams| format!("Afgeschermd voor {teams}"),
    also_open: |who| format!("Ook geopend door {who}"),
    conflict_kept_theirs: "Hun wijziging is behouden; de uwe is niet opgeslagen",
    conflict_title: |number, who, when| format!("{who} wijzigde {number} om {when}, terwijl u ermee bezig was"),
    conflict_yours: "van u",
    conflict_now: "nu",
    conflict_hint: |yes, no| format!("{yes} de uwe eroverheen opslaan · {no} die van hen houden"),
    permissions: permission,
    note_user_ignored: |named, you| {
        format!(
            "De configuratie noemt gebruiker {named}, maar deze servicedesk gaat uit van loginnamen: u werkt als \
             {you} (een beheerder kan het toestaan: meldpunt setting set trust_config_user yes)"
        )
    },
    note_server_login: |named, you| {
        format!(
            "De configuratie noemt gebruiker {named}, maar op een databaseserver werkt u als de login die de server aanvaardde: {you}"
        )
    },
    read_only_mark: "alleen-lezen",
    names_trusted_mark: "configuratienamen geloofd",
    database_file: "Het databasebestand",
    damage_cut_short: |size, expected| {
        format!("het bestand is {size} bytes waar de kop {expected} zegt, dus het is afgekapt")
    },
    damage_malformed: |what| format!("SQLite meldt \"{what}\""),
    refusals: &refusals::REFUSALS,
    setting_names_set_up: files::setting_names_set_up,
    setting_names_chosen: "  Namen uit de configuratie worden geloofd: iedereen kan onder elke naam werken door die \
                           in de eigen configuratie te zetten (meldpunt setting set trust_config_user no stopt dat).",
    warn_network_fs: |kind| {
        format!(
            "De database staat op een netwerkbestandssysteem ({kind}), waarvan SQLite de vergrendeling niet kan \
             vertrouwen: twee mensen die tegelijk schrijven kunnen haar beschadigen. Zet haar op een lokale schijf \
             van de gedeelde server."
        )
    },
    audit_word: |code| match code {
        "agent" => "persoon",
        "team" => "team",
        "setting" => "instelling",
        "category" => "categorie",
        "subcategory" => "subcategorie",
        "service" => "dienst",
        "department" => "afdeling",
        "problem" => "probleem",
        "knowledge" => "artikel",
        "added" => "toegevoegd",
        "changed" => "gewijzigd",
        "removed" => "verwijderd",
        // The fields the trail names.
        "role" => "rol",
        "line" => "lijn",
        "name" => "naam",
        "title" => "titel",
        "value" => "waarde",
        "active" => "actief",
        "body" => "tekst",
        "email" => "e-mail",
        "permanent_fix" => "blijvende oplossing",
        "root_cause" => "grondoorzaak",
        "tags" => "trefwoorden",
        other => other,
    },
};

/// A count with its thousands marked: 1.204.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}
