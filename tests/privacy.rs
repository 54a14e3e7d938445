//! AVG/GDPR: what is held about one reporter, erasing it while the
//! statistics stay, the retention period, and the log of it all.

mod common;

use chrono::Duration;
use common::{incident, ready_to_close, t0, temp_db};
use meldpunt::domain::entry::{Delivery, NewEntry};
use meldpunt::domain::queue::{QueueFilter, Scope, Viewer};
use meldpunt::domain::{Field, NumberFormat};
use meldpunt::store::privacy::ERASED;
use meldpunt::store::{AgentRecord, Store, StoreError};

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
    let held = store.privacy_export("ad", t0(), "anna@example.nl").unwrap();
    assert_eq!(held.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1, 2], "by address, whatever its case");
    assert_eq!(held[0].reporter_phone.as_deref(), Some("020 555 1234"));
    assert_eq!(held[0].entries.len(), 1);

    let records = store.privacy_erase("ad", t0(), "anna@example.nl").unwrap();
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
    assert_eq!(store.privacy_export("ad", t0(), "anna@example.nl").unwrap().len(), 0);

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
