//! Dutch words of the command line (see `i18n/cli_words.rs`).

use crate::i18n::cli_words::CliWords;

pub(super) static CLI: CliWords = CliWords {
    not_a_number: |text, example| format!("'{text}' is geen meldingnummer (bijv. {example})"),
    not_an_id: |text, example| format!("'{text}' is geen nummer zoals {example} of 123"),
    created_unshown: |number| format!("{number} is aangemaakt, maar dat melden lukte niet"),
    nothing_to_change: "niets te wijzigen: noem minstens één veld, bijv. --status in_progress",
    bad_value: |option, value, allowed| format!("--{option}: '{value}' is niet een van: {allowed}"),
    bad_time: |option, value| {
        format!("--{option}: '{value}' is geen tijdstip (RFC 3339, bijv. 2026-11-23T16:00:00+01:00)")
    },
    bad_date: |option, value| format!("--{option}: '{value}' is geen datum (bijvoorbeeld 2026-11-01)"),
    unknown_calendar: |name, known| format!("onbekende kalender '{name}' (bekend: {known})"),
    never_due: "deze kalender heeft binnen de komende honderd jaar niet zoveel werktijd",
    duration_too_long: |value, most| format!("--duration: '{value}' is te lang (van 0s tot {most})"),
    no_team: "geen passend team: noem er een met --team",
    team_added: |name| format!("Team {name} toegevoegd"),
    team_removed: |name| format!("Team {name} verwijderd (de meldingen houden hun geschiedenis)"),
    agent_added: |login| format!("{login} toegevoegd"),
    copy_table: "Tabel",
    copy_rows: "Rijen",
    grant_for_dba: |grant| {
        format!("de eigenaar op de server mag geen rollen toekennen: voor deze rol voert een DBA uit: {grant};")
    },
    agent_removed: |login| format!("{login} verwijderd (het eerdere werk blijft op naam)"),
    created: |number| format!("{number} aangemaakt"),
    updated: |number, n| format!("{number} bijgewerkt: {n} {} gewijzigd", if n == 1 { "veld" } else { "velden" }),
    unchanged: |number| format!("{number} ongewijzigd"),
    initialised: |path, version| format!("Database klaar in {path} (schemaversie {version})"),
    import_people_left: |n| {
        format!("{n} mensen in het bestand zijn weggelaten: een beheerder haalt ze binnen met --with-people")
    },
    import_in_file: |n| format!("{n} meldingen in het bestand"),
    import_person_in: |login, role, from| match from {
        Some(from) => format!(
            "  binnengekomen: {login} als {role} (het bestand zegt {from}; een beheerder verhoogt dat met de hand)"
        ),
        None => format!("  binnengekomen: {login} als {role}"),
    },
    import_teams_left: |n| {
        format!("{n} teamlidmaatschappen van mensen die er al zijn zijn weggelaten: hun teams blijven zoals ze zijn")
    },
    import_settings_left: |n| {
        format!("{n} instellingen in het bestand zijn genegeerd: een import wijzigt nooit een instelling")
    },
    restricted: |number, teams| match teams {
        "" => format!("{number} is weer voor iedereen zichtbaar"),
        _ => format!("{number} is nu alleen zichtbaar voor {teams}, de behandelaar, teamleiders en beheerders"),
    },
    import_reading: "regels lezen",
    erased: |n| format!("Gewist: {n} records geanonimiseerd; de statistieken blijven"),
    erase_nobody: "Geen melder heeft dat adres, die naam of dat telefoonnummer, en geen record noemt het",
    erase_log_kept: "Een ander proces las de database: het write-ahead-log (-wal) houdt oude pagina's vast tot \
        iedereen meldpunt heeft gesloten; wis daarna nog eens om het te legen",
    erase_backups: "Deze bestanden naast de database bevatten de persoon nog; verwijder ze of wis ze ook:",
    no_retention: "Geen bewaartermijn: zet retention_months in de configuratie of geef --months",
    retention_applied: |tickets, records, months| {
        format!(
            "Melders van {tickets} meldingen die meer dan {months} maanden geleden zijn gesloten geanonimiseerd ({records} records)"
        )
    },
    retention_dry: |due, months| {
        format!(
            "{due} meldingen die meer dan {months} maanden geleden zijn gesloten noemen hun melder nog; --apply anonimiseert ze"
        )
    },
    import_storing: "opslaan",
    import_read: |rows, tickets, errors| {
        format!("{rows} regels gelezen: {tickets} meldingen, {errors} {}", if errors == 1 { "fout" } else { "fouten" })
    },
    import_refused: |n| {
        let what = if n == 1 { "fout" } else { "fouten" };
        format!("Er is niets geïmporteerd: herstel de {n} {what} en importeer opnieuw")
    },
    import_dry: |n| format!("Proefrun: {n} meldingen zouden worden geïmporteerd; er is niets opgeslagen"),
    import_done: |stored, skipped, replaced| {
        format!(
            "{stored} meldingen geïmporteerd ({replaced} daarvan werken er één bij); {skipped} al aanwezige overgeslagen"
        )
    },
    check_damaged: |why| format!("Beschadigd: {why}"),
    backup_done: |path, mb| format!("Reservekopie geschreven naar {path} ({mb} MB) en gecontroleerd"),
    backup_progress: "reservekopie maken",
    check_ok: |tickets, events| {
        format!(
            "De database is in orde: integriteit en verwijzingen gecontroleerd; {tickets} meldingen, {events} gebeurtenissen"
        )
    },
    check_integrity: "Integriteit:",
    check_foreign: |table, row, target| format!("{table} rij {row} verwijst naar een ontbrekende rij van {target}"),
    check_failed: |n| {
        let what = if n == 1 { "probleem" } else { "problemen" };
        format!("De controle vond {n} {what}; maak een kopie van het bestand voordat u het herstelt")
    },
    check_trigger: |name| {
        format!(
            "Trigger {name} ontbreekt of is veranderd: wat hij bewaakt (de geschiedenis, de zoekindex) wordt niet bijgehouden"
        )
    },
    check_wrong: |table, row, column, value, expected| {
        use crate::domain::storage::Expected;
        let what = match expected {
            Expected::Time => "tijdstip",
            Expected::Number => "geheel getal",
            Expected::Code => "code die meldpunt kent",
        };
        format!("{table} rij {row}: {column} is {value}, geen {what}")
    },
    check_more_wrong: |n| format!("… en nog {n} rijen met een waarde van de verkeerde soort"),
    audit_outside: "(buiten meldpunt)",
    audit_none: "Nog geen wijzigingen aan mensen, instellingen, referentiegegevens, problemen of kennis",
    ticked: |item| format!("Afgevinkt: {item}."),
    unticked: |item| format!("Niet meer afgevinkt: {item}."),
    duplicate: |original| format!("Afgesloten als dubbele melding van {original}."),
    feedback: "Feedback vastgelegd.",
    output_failed: |error| format!("kan de uitvoer niet schrijven (standaarduitvoer): {error}"),
    no_review: |n| format!("{n} heeft nog geen evaluatie."),
    written: |path| format!("Geschreven naar {path}."),
    problem_linked: |incident, problem| format!("{incident} is gekoppeld aan probleem {problem}."),
    problem_unlinked: |incident| format!("{incident} is niet meer aan een probleem gekoppeld."),
    applied: |article, incident| format!("Artikel {article} is vastgelegd als toegepast op {incident}."),
    no_such: |what| format!("{what} bestaat niet"),
};
