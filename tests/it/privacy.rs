//! AVG/GDPR: what is held about one reporter, erasing it while the
//! statistics stay, the retention period, and the log of it all.

use crate::common;

use chrono::Duration;
use common::{incident, ready_to_close, t0, temp_db};
use meldpunt::domain::entry::{Delivery, NewEntry};
use meldpunt::domain::people::AgentRecord;
use meldpunt::domain::queue::{QueueFilter, Scope, Viewer};
use meldpunt::domain::{Field, NumberFormat};
use meldpunt::store::privacy::ERASED;
use meldpunt::store::{Store, StoreError};

/// Anna reported tickets 1 and 2; Piet ticket 3.
fn reported() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for (title, name, email) in [
        ("Anna de Vries cannot log in", "Anna de Vries", "anna@example.nl"),
        ("Printer jams", "Anna de Vries", "Anna@Example.nl"),
        ("VPN down", "Piet Pieters", "piet@example.nl"),
    ] {
        let mut t = incident(title, name);
        t.reporter.email = Some(email.into());
        t.reporter.department = Some("Finance".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    }
    let edit = [(Field::ReporterPhone, Some("020 555 1234".to_string()))];
    store.update_ticket("tester", t0(), 1, None, &edit).unwrap();
    let message =
        NewEntry::message(Some("anna@example.nl"), "About your login", "Dear Anna de Vries, …", Delivery::Recorded);
    store.add_entry("tester", t0(), 1, &message).unwrap();
    (dir, path)
}

fn search(store: &Store, words: &str) -> u64 {
    let filter = QueueFilter { scope: Scope::All, search: Some(words.into()), ..Default::default() };
    store.queue_counts(&filter, &Viewer { login: "x".into() }, &NumberFormat::default()).unwrap().matching
}

#[test]
fn a_reporter_sees_what_is_held_and_erasing_it_keeps_the_statistics() {
    let (_dir, path) = reported();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let held = store.privacy_export("ad", t0(), "anna@example.nl").unwrap().tickets;
    assert_eq!(held.iter().map(|h| h.ticket.id).collect::<Vec<_>>(), vec![1, 2], "by address, whatever its case");
    assert_eq!(held[0].ticket.reporter.phone.as_deref(), Some("020 555 1234"));
    assert_eq!(held[0].entries.len(), 1);

    let records = store.privacy_erase("ad", t0(), "anna@example.nl").unwrap().records;
    assert!(records >= 4, "{records}");
    let one = store.ticket(1).unwrap().unwrap();
    assert_eq!(one.reporter.name, ERASED);
    assert_eq!((one.reporter.email, one.reporter.phone), (None, None));
    assert_eq!(one.title, format!("{ERASED} cannot log in"), "the name in the text goes too");
    assert_eq!(one.reporter.department.as_deref(), Some("Finance"), "statistics stay");
    let entry = &store.entries(1).unwrap()[0];
    assert!(!entry.body.contains("Anna") && entry.recipient.as_deref() == Some(ERASED), "{entry:?}");
    let events = store.events(1).unwrap();
    assert!(events.iter().all(|e| e.new.as_deref() != Some("020 555 1234")), "nor in the history");
    assert_eq!(store.ticket(3).unwrap().unwrap().reporter.name, "Piet Pieters", "others untouched");
    assert_eq!(search(&store, "Anna"), 0, "nor in the search index");
    assert_eq!(store.privacy_export("ad", t0(), "anna@example.nl").unwrap().tickets.len(), 0);

    let log = store.privacy_log().unwrap();
    assert_eq!(log.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), vec!["export", "erase", "export"]);
    assert!(log.iter().all(|a| a.actor == "ad" && !a.subject.contains("anna")), "the log keeps no address");
    assert_eq!(log[1].records, records);
}

#[test]
fn the_retention_period_anonymises_old_closed_tickets_only_when_applied() {
    let (_dir, path) = reported();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let long_ago = t0() - Duration::days(400);
    for s in ["in_progress", "resolved"] {
        store.update_ticket("tester", long_ago, 3, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    ready_to_close(&store, 3);
    store.close("tester", long_ago, 3, None, "solved").unwrap();
    let before = t0() - Duration::days(365);
    assert_eq!(store.retention_due(before).unwrap(), 1);
    assert_eq!(store.ticket(3).unwrap().unwrap().reporter.name, "Piet Pieters", "a dry run changes nothing");
    let (tickets, _) = store.apply_retention("ad", t0(), before).unwrap();
    assert_eq!(tickets, 1);
    assert_eq!(store.ticket(3).unwrap().unwrap().reporter.name, ERASED);
    assert_eq!(store.ticket(1).unwrap().unwrap().reporter.name, "Anna de Vries", "open ones stay");
    assert_eq!(store.retention_due(before).unwrap(), 0);
    assert_eq!(store.privacy_log().unwrap()[0].action, "retention");
}

#[test]
fn privacy_actions_are_an_admins() {
    let (_dir, path) = reported();
    let program = Store::open(&path).unwrap();
    program.seed_reference(&Default::default()).unwrap();
    let lead = AgentRecord {
        login: "lisa".into(),
        name: "Lisa".into(),
        email: None,
        line: 1,
        role: "lead".into(),
        teams: Vec::new(),
    };
    program.add_agent(&lead).unwrap();
    let lisa = Store::open(&path).unwrap().as_user("lisa", false, None).unwrap();
    assert!(matches!(lisa.privacy_erase("lisa", t0(), "anna@example.nl"), Err(StoreError::NotAllowed { .. })));
    assert!(matches!(lisa.privacy_export("lisa", t0(), "anna@example.nl"), Err(StoreError::NotAllowed { .. })));
}

/// Anna in every kind of field: her own tickets (title, description,
/// closing fields, feedback, review and its actions, notes, messages, a
/// failed mail's error, history with old and new values), someone else's
/// ticket, a problem and a knowledge article; written in other cases and
/// her number in other formats.
fn anna_everywhere() -> (tempfile::TempDir, std::path::PathBuf) {
    use meldpunt::domain::knowledge::{ActionItem, NewArticle, Review};
    let (dir, path) = reported();
    let store = Store::open(&path).unwrap();
    let edits = [
        (Field::Description, Some("ANNA DE VRIES says the login fails; call +31 (0)20-555 12 34".to_string())),
        (Field::Cause, Some("Anna de Vries's account was locked".to_string())),
        (Field::Measures, Some("Phoned anna@example.nl at 0205551234".to_string())),
        (Field::Solution, Some("Unlocked for anna de vries".to_string())),
    ];
    store.update_ticket("tester", t0(), 1, None, &edits).unwrap();
    // A title that once named her, changed since: the old one is in the history.
    store.update_ticket("tester", t0(), 2, None, &[(Field::Title, Some("Printer of Anna de Vries".into()))]).unwrap();
    store.update_ticket("tester", t0(), 2, None, &[(Field::Title, Some("Printer jams".into()))]).unwrap();
    store.feedback("tester", t0(), 1, 4, "Thanks, Anna de Vries (020 5551234)").unwrap();
    let review = Review {
        what_happened: "Anna de Vries could not log in".into(),
        cause: "A locked account of anna@example.nl".into(),
        recommendations: "Ring 020-555-1234 when it happens".into(),
        actions: vec![ActionItem {
            description: "Tell Anna de Vries".into(),
            owner: "Anna de Vries".into(),
            due: None,
            done: false,
        }],
        ..Default::default()
    };
    store.save_review("tester", t0(), 1, &review, false).unwrap();
    store.add_entry("tester", t0(), 1, &NewEntry::note("anna de vries rang vanaf 06?? nee, 020 555 1234")).unwrap();
    let failed = NewEntry {
        error: Some("sendmail: 550 <anna@example.nl>: mailbox full".into()),
        ..NewEntry::message(Some("Anna@Example.nl"), "Your login, Anna de Vries", "Hello", Delivery::Failed)
    };
    store.add_entry("tester", t0(), 1, &failed).unwrap();
    // Piet's ticket mentions her.
    let about = [(Field::Description, Some("Same problem as Anna de Vries, tel. 0031 20 555 1234".to_string()))];
    store.update_ticket("tester", t0(), 3, None, &about).unwrap();
    store.add_entry("tester", t0(), 3, &NewEntry::note("Asked ANNA@EXAMPLE.NL")).unwrap();
    let problem = store.create_problem("tester", t0(), "Accounts lock (first seen by Anna de Vries)", &[1, 3]).unwrap();
    let edit = meldpunt::domain::knowledge::ProblemEdit {
        root_cause: Some("Anna de Vries typed an old password".into()),
        ..Default::default()
    };
    store.update_problem(t0(), problem.id, &edit).unwrap();
    let article = NewArticle {
        title: "Unlocking an account".into(),
        body: "As for anna@example.nl: unlock it in the portal".into(),
        tags: vec!["accounts".into()],
        service: None,
        category: None,
    };
    store.add_article("tester", t0(), &article).unwrap();
    (dir, path)
}

/// The file's bytes (and its log's), lower case.
fn raw(path: &std::path::Path) -> String {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default());
    String::from_utf8_lossy(&bytes).to_lowercase()
}

fn assert_gone(path: &std::path::Path) {
    let text = raw(path);
    for s in ["anna de vries", "anna@example.nl", "vries"] {
        assert!(!text.contains(s), "{s} is still in the file's bytes");
    }
    let digits: String = text.chars().filter(|c| !" -.()+".contains(*c)).collect();
    assert!(!digits.contains("205551234"), "the phone number is still in the file's bytes");
}

#[test]
fn an_erase_leaves_nothing_of_the_person_in_the_files_bytes() {
    let (dir, path) = anna_everywhere();
    let store = Store::open(&path).unwrap();
    assert!(raw(&path).contains("anna de vries"), "the test means something");
    // A copy made before: it still holds her, and the erase says so.
    store.backup_to(&dir.path().join("before.db"), false).unwrap();

    let held = store.privacy_export("ad", t0(), "Anna@example.NL").unwrap();
    let one = &held.tickets[0];
    assert_eq!(one.ticket.cause.as_deref(), Some("Anna de Vries's account was locked"), "closing fields");
    assert_eq!(one.feedback_comment.as_deref(), Some("Thanks, Anna de Vries (020 5551234)"));
    assert!(one.review.is_some() && one.events.len() > 3 && one.entries.len() == 3, "{one:?}");
    let elsewhere: Vec<(&str, &str)> = held.mentions.iter().map(|m| (m.table.as_str(), m.column.as_str())).collect();
    for place in [("tickets", "description"), ("entries", "body"), ("problems", "root_cause"), ("knowledge", "body")] {
        assert!(elsewhere.contains(&place), "{place:?} in {elsewhere:?}");
    }
    assert!(held.mentions.iter().any(|m| m.ticket == Some(3)), "Piet's ticket mentions her");

    let erased = store.privacy_erase("ad", t0(), "anna@example.nl").unwrap();
    assert_eq!(erased.tickets, 2);
    assert!(erased.log_emptied);
    assert_eq!(erased.backups, vec![dir.path().join("before.db")]);
    assert_gone(&path);
    // What is left still works: the tickets, their search, the statistics.
    assert_eq!(store.ticket(3).unwrap().unwrap().reporter.name, "Piet Pieters");
    assert_eq!(search(&store, "VPN"), 1);
    assert_eq!(search(&store, "Vries"), 0);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_reporter_is_found_by_name_or_by_phone_number_in_any_format() {
    for given in ["anna DE  vries", "+31 20 555 12 34"] {
        let (_dir, path) = anna_everywhere();
        let store = Store::open(&path).unwrap();
        let held = store.privacy_export("ad", t0(), given).unwrap();
        let ids: Vec<_> = held.tickets.iter().map(|h| h.ticket.id).collect();
        let expected = if given.starts_with('+') { vec![1] } else { vec![1, 2] };
        assert_eq!(ids, expected, "{given}");
        let erased = store.privacy_erase("ad", t0(), given).unwrap();
        assert_eq!(erased.tickets, expected.len() as u64);
        // By phone: ticket 1 gives her name and address, so they go everywhere too.
        assert_gone(&path);
    }
}

#[test]
fn an_erase_while_someone_reads_says_the_log_is_kept_and_a_second_one_empties_it() {
    let (_dir, path) = anna_everywhere();
    let store = Store::open(&path).unwrap();
    let reader = rusqlite::Connection::open(&path).unwrap();
    reader.execute_batch("BEGIN; SELECT count(*) FROM tickets;").unwrap();
    let erased = store.privacy_erase("ad", t0(), "anna@example.nl").unwrap();
    assert!(!erased.log_emptied, "a reader keeps the old pages");
    assert_eq!(store.ticket(1).unwrap().unwrap().reporter.name, ERASED, "erased all the same");
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    let again = store.privacy_erase("ad", t0(), "anna@example.nl").unwrap();
    assert!(again.log_emptied);
    assert_gone(&path);
}
