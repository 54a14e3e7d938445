use super::Catalogue;
use crate::domain::validate::Problem;
use crate::keymap::{Command, KeymapProblem};

fn command(c: Command) -> &'static str {
    use Command::*;
    match c {
        Quit => "meldpunt afsluiten",
        Help => "Toetsen tonen",
        Up => "Omhoog",
        Down => "Omlaag",
        PageUp => "Pagina omhoog",
        PageDown => "Pagina omlaag",
        Top => "Naar de eerste",
        Bottom => "Naar de laatste",
        Open => "Melding openen",
        Back => "Terug naar de wachtrij",
        Search => "Meldingen zoeken",
        NewTicket => "Melding registreren",
        SortNext => "Sorteren op volgende kolom",
        SortReverse => "Sorteervolgorde omdraaien",
        ToggleOpen => "Open of alle meldingen",
        FilterMine => "Alleen de mijne",
        FilterUnassigned => "Alleen niet toegewezen",
        FilterTeam => "Alleen mijn team",
        FilterPriority => "Prioriteitsfilter wisselen",
        FilterStatus => "Statusfilter wisselen",
        ClearFilters => "Filters wissen",
        Refresh => "Opnieuw laden",
        LoadDemo => "Demogegevens laden",
        NextTicket => "Volgende melding",
        PrevTicket => "Vorige melding",
        NextField => "Volgend veld",
        PrevField => "Vorig veld",
        Save => "Opslaan",
        Cancel => "Annuleren",
        Confirm => "Ja",
        NextPane => "Wachtrij ↔ melding",
        StepBack => "Vorige stap",
        Classify => "Inschatten (impact, urgentie)",
        OverridePriority => "Andere prioriteit kiezen",
    }
}

fn hint(c: Command) -> &'static str {
    use Command::*;
    match c {
        Quit => "afsluiten",
        Help => "hulp",
        Up => "omhoog",
        Down => "omlaag",
        PageUp => "pagina omhoog",
        PageDown => "pagina omlaag",
        Top => "eerste",
        Bottom => "laatste",
        Open => "openen",
        Back => "terug",
        Search => "zoeken",
        NewTicket => "nieuw",
        SortNext => "sorteren",
        SortReverse => "omdraaien",
        ToggleOpen => "open/alle",
        FilterMine => "mijn",
        FilterUnassigned => "niet toegewezen",
        FilterTeam => "mijn team",
        FilterPriority => "prioriteit",
        FilterStatus => "status",
        ClearFilters => "wissen",
        Refresh => "herladen",
        LoadDemo => "demogegevens",
        NextTicket => "volgende",
        PrevTicket => "vorige",
        NextField => "volgend veld",
        PrevField => "vorig veld",
        Save => "opslaan",
        Cancel => "annuleren",
        Confirm => "ja",
        NextPane => "wisselen",
        StepBack => "terug",
        Classify => "inschatten",
        OverridePriority => "andere prioriteit",
    }
}

fn keymap_problem(p: &KeymapProblem) -> String {
    match p {
        KeymapProblem::UnknownLayer(layer) => {
            format!("onbekende toetslaag '{layer}' (bekend: global, queue, detail, form, confirm)")
        }
        KeymapProblem::UnknownKey(key) => format!("onbekende toets '{key}'"),
        KeymapProblem::UnknownCommand(command) => format!("onbekende opdracht '{command}'"),
        KeymapProblem::WrongLayer { command, layer, fits } => {
            format!("opdracht '{command}' hoort niet in laag '{layer}' (wel in: {fits})")
        }
    }
}

fn problem(p: Problem) -> String {
    match p {
        Problem::Required => "is verplicht".to_string(),
        Problem::TooLong { max } => format!("is langer dan {max} tekens"),
        Problem::InvalidEmail => "is geen e-mailadres".to_string(),
    }
}

pub static NL: Catalogue = Catalogue {
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
    ],
    layers: ["Overal", "Wachtrij", "Melding", "Formulier", "Inschatting", "Vraag"],
    commands: command,
    hints: hint,
    col_number: "Nummer",
    col_priority: "Pri",
    col_status: "Status",
    col_title: "Titel",
    col_team: "Team",
    col_assignee: "Behandelaar",
    col_age: "Leeftijd",
    col_due: "Deadline",
    targets_short: ["Reac", "Opl", "Upd"],
    queue_title: "Meldingen",
    filter_open: "open",
    filter_all: "alle",
    filter_mine: "mijn",
    filter_unassigned: "niet toegewezen",
    filter_team: "mijn team",
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
    sla_title: "Servicenorm",
    sla_due: |when| format!("uiterlijk {when}"),
    sla_left: |d| format!("nog {d}"),
    sla_overdue: |d| format!("{d} te laat"),
    sla_used: |used, target| format!("{used} van {target} gebruikt"),
    sla_paused: "gepauzeerd",
    sla_met: "gehaald",
    sla_met_late: "te laat gehaald",
    sla_at_risk: "in gevaar",
    sla_not_classified: |key| format!("Nog niet ingeschat: druk op {key} om in te schatten."),
    clock_title: "SLA-klok (oplossing)",
    stretch_running: "loopt",
    stretch_out_of_hours: "buiten werktijd",
    stretch_paused: |status| format!("gepauzeerd: {status}"),
    stretch_stopped: "opgelost",
    event_created: "heeft de melding geregistreerd",
    targets: ["Reactie", "Oplossing", "Klantupdate"],
    ev_override: |chosen, matrix, reason| {
        format!("prioriteit {chosen} gekozen in plaats van {matrix} (matrix): {reason}")
    },
    ev_deadline: |target, old, new| format!("deadline {target} verschoven: {old} → {new}"),
    ev_paused: |target, status| format!("klok {target} gepauzeerd ({status})"),
    ev_resumed: |target, due| format!("klok {target} loopt weer, uiterlijk {due}"),
    ev_breached: |target| format!("norm {target} overschreden"),
    ev_escalated: |to, reason| format!("geëscaleerd naar {to}: {reason}"),
    ev_lead: |reason| format!("aandacht van een teamleider gevraagd: {reason}"),
    ev_major: |coordinator, comms| format!("major incident gemaakt (coördinator {coordinator}, communicatie {comms})"),
    ev_linked: |major| format!("gekoppeld aan major incident {major}"),
    ev_child_linked: |child| format!("{child} aan dit major incident gekoppeld"),
    escalations: ["2e lijn", "3e lijn", "leverancier"],
    event_by: |who| format!("door {who}"),
    register_title: "Melding registreren",
    required_marker: "*",
    problem,
    picklist_hint: "typ om te filteren, ↑↓ kiezen",
    no_options: "geen treffer",
    form_hint: |next, save, cancel| format!("{next} volgend veld · {save} opslaan · {cancel} annuleren"),
    registered: |number| format!("{number} geregistreerd."),
    form_has_problems: "Enkele velden vragen aandacht.",
    confirm_discard: "Het ingevoerde weggooien?",
    confirm_hint: |yes, no| format!("{yes} ja · {no} nee"),
    wizard_title: |number| format!("{number} inschatten"),
    wizard_steps: ["Categorie", "Subcategorie", "Dienst", "Impact", "Urgentie", "Resultaat"],
    wizard_hint: "typ een cijfer of letters · ↑↓ kiezen · Enter verder · Backspace terug · Esc annuleren",
    wizard_result_hint: |key| {
        format!("Enter opslaan · 1-4 of {key} andere prioriteit · Backspace terug · Esc annuleren")
    },
    wizard_matrix: |impact, urgency| format!("uit de matrix: impact {impact} × urgentie {urgency}"),
    wizard_overridden: |matrix| format!("gekozen in plaats van {matrix} uit de matrix"),
    wizard_targets: |response, resolution, update, calendar| {
        format!("reactie {response} · oplossing {resolution} · update elke {update} ({calendar})")
    },
    wizard_due: "Uiterlijk",
    wizard_reason: "Reden",
    wizard_reason_required: "Een andere prioriteit dan die uit de matrix vraagt om een reden.",
    classified: |number, priority| format!("{number} ingeschat: {priority}."),
    help_title: "Toetsen",
    help_close: "Elke toets sluit deze hulp",
    too_small: |w, h, min_w, min_h| {
        format!("Terminal te klein: {w}×{h}. meldpunt heeft minstens {min_w}×{min_h} nodig.")
    },
    error_prefix: "Fout",
    read_only: "alleen lezen",
    not_found: |number| format!("{number} bestaat niet."),
    changed: "gewijzigd",
    err_not_sqlite: |path| format!("{path} is geen SQLite-database; het bestand is niet aangeraakt"),
    err_foreign: |path| {
        format!(
            "{path} is een SQLite-database van een ander programma, niet van meldpunt; het bestand is niet aangeraakt"
        )
    },
    err_too_new: |path, found, supported| {
        format!(
            "{path} heeft schemaversie {found}, nieuwer dan deze meldpunt kent ({supported}); het bestand is niet aangeraakt. Gebruik een nieuwere meldpunt."
        )
    },
    err_io: |path, error| format!("kan {path} niet gebruiken: {error}"),
    err_required: |field| format!("{field} mag niet leeg zijn"),
    err_invalid_value: |field, value| format!("{field}: '{value}' is geen geldige waarde"),
    err_transition: |from, to, allowed| format!("kan niet van {from} naar {to}; toegestaan: {allowed}"),
    err_reopen_window: |days| format!("meer dan {days} dagen geleden gesloten: registreer een nieuwe melding"),
    err_conflict: |expected, current| {
        format!(
            "iemand anders heeft deze melding intussen gewijzigd (uw wijziging ging uit van versie {expected}, nu is het versie {current})"
        )
    },
    err_keymap: keymap_problem,
    err_exists: |name| format!("'{name}' bestaat al"),
    err_unknown_name: |name| format!("'{name}' is onbekend"),
    err_reason_required: "een reden is verplicht",
    err_link_itself: "een melding kan niet aan zichzelf gekoppeld worden",
    err_not_major: |number| format!("{number} is geen major incident"),
    err_database: |error| format!("databasefout: {error}"),
    err_config: |file, line, key, message| {
        let mut out = format!("fout in configuratie {file}");
        if let Some(line) = line {
            out.push_str(&format!(", regel {line}"));
        }
        if let Some(key) = key {
            out.push_str(&format!(", sleutel '{key}'"));
        }
        format!("{out}: {message}")
    },
    cli_not_a_number: |text, example| format!("'{text}' is geen meldingnummer (bijv. {example})"),
    cli_nothing_to_change: "niets te wijzigen: noem minstens één veld, bijv. --status in_progress",
    cli_bad_value: |option, value, allowed| format!("--{option}: '{value}' is niet een van: {allowed}"),
    no_database_path: "geen databasepad: geef --db PAD of zet MELDPUNT_DB",
    hour_suffix: "u",
    minute_suffix: "m",
    cli_bad_time: |option, value| {
        format!("--{option}: '{value}' is geen tijdstip (RFC 3339, bijv. 2026-11-23T16:00:00+01:00)")
    },
    cli_unknown_calendar: |name, known| format!("onbekende kalender '{name}' (bekend: {known})"),
    cli_never_due: "deze kalender heeft de komende tien jaar geen werktijd",
    cli_created: |number| format!("{number} aangemaakt"),
    cli_updated: |number, n| format!("{number} bijgewerkt: {n} veld(en) gewijzigd"),
    cli_unchanged: |number| format!("{number} ongewijzigd"),
    cli_initialised: |path, version| format!("Database klaar in {path} (schemaversie {version})"),
};
