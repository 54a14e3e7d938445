//! Dutch words (see `i18n/error_words.rs`).

use super::{files, words::keymap_problem};
use crate::i18n::error_words::ErrorWords;

pub(super) static ERRORS: ErrorWords = ErrorWords {
    not_a_database: |path, engine| format!("{path} is geen {engine}-database; het bestand is niet aangeraakt"),
    foreign: |path| {
        format!(
            "{path} is een SQLite-database van een ander programma, niet van meldpunt; het bestand is niet aangeraakt"
        )
    },
    too_new: |path, found, supported| {
        format!(
            "{path} heeft schemaversie {found}, nieuwer dan deze meldpunt kent ({supported}); het bestand is niet aangeraakt. Gebruik een nieuwere meldpunt."
        )
    },
    server: |at, problem| {
        use crate::domain::storage::ServerProblem as P;
        match problem {
            P::BadAddress(why) => format!("kan het databaseadres {at} niet lezen: {why}"),
            P::PasswordInConfig => format!(
                "{at}: de configuratie bevat een wachtwoord; zet het in ~/.pgpass, PGPASSWORD of een servicebestand"
            ),
            P::Unreachable(why) => format!("kan de databaseserver {at} niet bereiken: {why}"),
            P::LoginRefused { login, why } => format!("de databaseserver {at} weigert de login {login}: {why}"),
            P::Tls(why) => format!("geen beveiligde verbinding (TLS) met {at}: {why}"),
            P::NoDatabase(why) => format!("{at}: {why}"),
            P::Refused(why) => format!("de databaseserver {at} weigert: {why}"),
            P::ForeignSchema(schema) => format!(
                "{at}: het schema \"{schema}\" bevat tabellen van een ander programma, niet van meldpunt; er is niets aangeraakt"
            ),
            P::TooNew { found, supported } => format!(
                "{at} heeft schemaversie {found}, nieuwer dan deze meldpunt kent ({supported}); er is niets aangeraakt. Gebruik een nieuwere meldpunt."
            ),
            P::RolesNeeded(sql) => format!(
                "{at}: de login die meldpunt inricht mag geen rollen maken; een DBA voert eerst uit: {sql} Start meldpunt daarna opnieuw."
            ),
            P::CannotCreate(why) => format!(
                "{at} heeft nog geen meldpuntschema en deze login mag het niet maken ({why}); vraag de eigenaar van de database meldpunt één keer te starten"
            ),
        }
    },
    connection_lost: |why| {
        format!(
            "verbinding met de databaseserver verbroken, opnieuw verbinden ({why}); wat u typte blijft staan, sla het opnieuw op"
        )
    },
    target_not_empty: |at, table| {
        format!(
            "{at} is niet leeg (er staan {table} in): een kopie gaat alleen naar een lege database; er is niets geschreven"
        )
    },
    copy_differs: |table, source, target| {
        format!("{table}: {source} rijen in de bron, {target} in de kopie; de kopie is niet bewaard")
    },
    not_on_server: |what| format!("op een databaseserver doen de eigen hulpmiddelen van de server dit ({what})"),
    io: |path, error| format!("kan {path} niet gebruiken: {error}"),
    required: |field| format!("{field} mag niet leeg zijn"),
    invalid_value: |field, value| format!("{field}: '{value}' is geen geldige waarde"),
    transition: |from, to, allowed| format!("kan niet van {from} naar {to}; toegestaan: {allowed}"),
    reopen_window: |days| format!("meer dan {days} dagen geleden gesloten: registreer een nieuwe melding"),
    conflict: |expected, current| {
        format!(
            "iemand anders heeft deze melding intussen gewijzigd (uw wijziging ging uit van versie {expected}, nu is het versie {current})"
        )
    },
    keymap: keymap_problem,
    exists: |name| format!("'{name}' bestaat al"),
    write_exists: |path| format!("{path} bestaat al; voeg --force toe om het te vervangen"),
    write_symlink: |path| format!("{path} is een symbolische koppeling; meldpunt schrijft niet via koppelingen"),
    write_database: |path| format!("{path} is de database zelf of een van haar logbestanden; kies een ander bestand"),
    write_not_file: |path| format!("{path} is geen gewoon bestand"),
    unknown_name: |name| format!("'{name}' is onbekend"),
    reason_required: "een reden is verplicht",
    already_closed: |n| format!("{n} is al afgesloten; heropen de melding eerst"),
    feedback_needs_score: "feedback heeft een tevredenheidscijfer (1–5) bij de toelichting nodig",
    link_itself: "een melding kan niet aan zichzelf gekoppeld worden",
    not_major: |number| format!("{number} is geen major incident"),
    review_incomplete: "een evaluatie is pas af als wat er gebeurde, de oorzaak en de aanbevelingen zijn ingevuld",
    bad_score: |score| format!("een score is 1 tot 5, niet {score}"),
    database: |error| format!("databasefout: {error}"),
    config: |file, line, key, message| {
        let mut out = format!("fout in configuratie {file}");
        if let Some(line) = line {
            out.push_str(&format!(", regel {line}"));
        }
        if let Some(key) = key {
            out.push_str(&format!(", sleutel '{key}'"));
        }
        format!("{out}: {message}")
    },
    not_allowed: |login, role, what| format!("{login} is {role}: {what} hoort niet bij die rol"),
    unknown_user: |login| {
        format!(
            "{login} staat niet bij de mensen van deze servicedesk: u kunt kijken, niet wijzigen (vraag een teamleider u toe te voegen)"
        )
    },
    bad_import: |why| format!("Er is niets geïmporteerd: {why}"),
    too_long: |what, max| format!("De {what} is langer dan {max} tekens"),
    control_char: |what| format!("De {what} moet één regel zijn, zonder regeleinden of andere stuurtekens"),
    not_known: |what, value, known| {
        if known.is_empty() {
            format!("'{value}' is hier geen {what}: er is er nog geen ingesteld")
        } else {
            format!("'{value}' is hier geen {what}; dit zijn ze: {known}")
        }
    },
    wrong_line: |team, found, line, known| {
        if known.is_empty() {
            format!("Team {team} werkt in lijn {found}, niet in lijn {line}; er werkt nog geen team in lijn {line}")
        } else {
            format!("Team {team} werkt in lijn {found}, niet in lijn {line}; die van lijn {line} zijn: {known}")
        }
    },
    not_a: |value, kind| match kind {
        crate::domain::limits::ValueKind::Time => format!("'{value}' is geen tijdstip (seconden sinds 1970, UTC)"),
        crate::domain::limits::ValueKind::Number { min, max } => {
            format!("'{value}' is geen geheel getal van {min} tot {max}")
        }
        crate::domain::limits::ValueKind::Text => format!("'{value}' is geen tekst"),
        crate::domain::limits::ValueKind::Day => format!("'{value}' is geen dag (JJJJ-MM-DD)"),
        crate::domain::limits::ValueKind::Past => {
            format!("'{value}' is geen tijdstip van 1970 tot een dag vooruit (seconden sinds 1970, UTC)")
        }
        crate::domain::limits::ValueKind::Email => format!("'{value}' is geen e-mailadres"),
        crate::domain::limits::ValueKind::NotBeforeCreated => {
            format!("'{value}' ligt voor het moment waarop de melding is aangemaakt")
        }
    },
    history_here: |ticket, source| {
        format!(
            "{ticket} ({source}) heeft hier notities of gebeurtenissen die het bestand niet bevat: bijwerken zou ze wissen, dus er is niets geïmporteerd; laat het weg of importeer met --existing skip"
        )
    },
    missing: |what| format!("{what} ontbreekt"),
    import_at: |ticket, field, line, problem| {
        let mut place = Vec::new();
        if !ticket.is_empty() {
            place.push(format!("melding {ticket}"));
        }
        if line > 0 {
            place.push(format!("regel {line}"));
        }
        place.push(field.to_string());
        format!("{}: {problem}", place.join(", "))
    },
    last_admin: |login| format!("{login} is de laatste beheerder en kan niet worden verwijderd"),
    read_only: "Dit databasebestand is voor u alleen-lezen: u kunt alles bekijken, maar niets wijzigen",
    companion_read_only: files::err_companion_read_only,
    damaged: files::err_damaged,
    writer_first: files::err_writer_first,
    companion_unreadable: files::err_companion_unreadable,
    folder_read_only: files::err_folder_read_only,
    backup_damaged: |v| format!("de kopie kwam niet door de controle en is verwijderd: {v}"),
};
