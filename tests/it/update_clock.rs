//! The P1 customer update cannot be missed: the incident says when it is
//! due, the queue counts the updates due, a missed one is kept on the
//! timeline once, and without a mail command the message editor records.

use crate::common;

use chrono::Duration;
use common::{Harness, incident, t0, temp_db};
use meldpunt::app::{Action, update};
use meldpunt::domain::entry::Delivery;
use meldpunt::domain::{EventKind, Priority};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn p1(store: &Store, title: &str, at: chrono::DateTime<chrono::Utc>) -> i64 {
    let mut t = incident(title, "Piet");
    t.priority = Some(Priority::P1);
    t.team = Some("Network".into());
    store.create_ticket("anna", at, &t).unwrap().id
}

fn missed_updates(store: &Store, id: i64) -> Vec<chrono::DateTime<chrono::Utc>> {
    let events = store.events(id).unwrap();
    events
        .into_iter()
        .filter(|e| e.kind == EventKind::SlaBreached && e.field.as_deref() == Some("update"))
        .map(|e| e.at)
        .collect()
}

#[test]
fn a_missed_update_is_recorded_once_at_its_deadline_and_counted() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = p1(&store, "Mail down", t0()); // P1: an update every 30 minutes, around the clock
    let due = t0() + Duration::minutes(30);
    assert_eq!(store.updates_due(t0() + Duration::minutes(10)).unwrap().count, 0);
    let soon = store.updates_due(t0() + Duration::minutes(31)).unwrap();
    assert_eq!((soon.count, soon.tickets.clone()), (1, vec![id]), "due within the window");

    store.record_breaches(due - Duration::minutes(1)).unwrap();
    assert!(missed_updates(&store, id).is_empty(), "not missed before its deadline");
    assert!(store.record_breaches(due + Duration::seconds(13)).unwrap().contains(&id));
    // Seen again and again (every screen, every second): kept once.
    for later in [1, 5, 20] {
        store.record_breaches(due + Duration::minutes(later)).unwrap();
    }
    assert_eq!(missed_updates(&store, id), vec![due], "once, at the deadline it missed");
    assert_eq!(store.updates_due(due + Duration::minutes(1)).unwrap().count, 1, "still due until it is given");
}

/// Two P1 calls: one whose update is due in 5 minutes, one 15 minutes late.
fn world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    p1(&store, "Soon due", t0() - Duration::minutes(25));
    p1(&store, "Long late", t0() - Duration::minutes(45));
    (dir, path)
}

/// A second passes: the watch runs as the terminal's loop runs it.
fn tick(h: &mut Harness) {
    let mut effects = update(&mut h.state, Action::Tick(t0()));
    meldpunt::app::run::run_effects(&mut h.state, &mut h.executor, &mut effects);
}

#[test]
fn the_incident_says_when_its_update_is_due_and_the_queue_counts_them() {
    for (lang, soon, late, due, missed) in [
        ("en", "Next customer update in 5m", "Customer update overdue 15m", "2 updates due", "Customer update missed"),
        (
            "nl",
            "Volgende klantupdate over 5m",
            "Klantupdate 15m te laat",
            "2 klantupdates te doen",
            "Klantupdate gemist",
        ),
    ] {
        let (_dir, path) = world();
        for (w, hgt) in [(80, 24), (120, 40)] {
            let mut h = Harness::new(&path, lang, w, hgt);
            tick(&mut h);
            let queue = h.screen();
            let status = queue.lines().nth(hgt as usize - 2).unwrap_or_default();
            assert!(status.contains(due), "{lang} {w}: the status bar counts them:\n{queue}");
            for _ in 0..2 {
                h.key(KeyCode::Enter);
                let shown = h.screen();
                // The title band, or the first line when the title leaves no room.
                let header = shown.lines().take(2).collect::<Vec<_>>().join("\n");
                if shown.contains("Soon due") {
                    assert!(header.contains(soon), "{lang} {w}: the header says it:\n{shown}");
                    assert!(!shown.contains(missed), "{lang} {w}:\n{shown}");
                } else {
                    assert!(header.contains(late), "{lang} {w}:\n{shown}");
                    let id = h.state.detail.as_ref().unwrap().id;
                    assert_eq!(missed_updates(h.store(), id).len(), 1, "recorded by the watch");
                    // The timeline comes after the fields: in view on the larger screen.
                    if hgt == 40 {
                        assert!(shown.contains(missed), "{lang}: the timeline keeps the missed update:\n{shown}");
                    }
                }
                h.key(KeyCode::Esc);
                h.chars("j");
            }
        }
    }
}

#[test]
fn beside_a_long_title_the_update_heads_the_incident_instead() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    p1(&store, "Mail server down for the whole head office since early this morning", t0() - Duration::minutes(25));
    drop(store);
    let mut h = Harness::new(&path, "nl", 80, 24);
    h.key(KeyCode::Enter);
    let shown = h.screen();
    let lines: Vec<&str> = shown.lines().collect();
    assert!(!lines[0].contains("klantupdate"), "{shown}");
    assert!(lines[1].contains("! Volgende klantupdate over 5m"), "whole, on a line of its own:\n{shown}");
}

#[test]
fn without_a_mail_command_the_message_editor_records_instead_of_failing() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Enter); // the first template
    let shown = h.screen();
    assert!(shown.contains("No mail command: Ctrl-s records the message"), "{shown}");
    let hints = shown.lines().last().unwrap_or_default();
    assert!(hints.contains("record") && !hints.contains("send"), "recording is the main action: {hints}");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let id = h.state.detail.as_ref().unwrap().id;
    let entries = h.store().entries(id).unwrap();
    let message = entries.iter().find(|e| e.subject.is_some()).expect("the message is kept");
    assert_eq!(message.delivery, Some(Delivery::Recorded), "recorded, not a permanent NOT SENT");
    assert!(!h.screen().contains("NOT SENT"), "{}", h.screen());
}
