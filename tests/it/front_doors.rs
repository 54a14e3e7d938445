//! The screen and the command line are two front doors to the same
//! use-cases: on the same file they close, route, address messages and
//! read the SLA clocks alike.

use crate::common;
use crate::sandbox::Sandbox;

use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::entry::Delivery;
use meldpunt::domain::{Field, Status, TicketId};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Two copies of the same world, one for each front door.
fn twice(build: impl Fn(&Store)) -> [(tempfile::TempDir, std::path::PathBuf); 2] {
    [(), ()].map(|()| {
        let (dir, path) = temp_db();
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        build(&store);
        (dir, path)
    })
}

/// Runs the command line on a file, as the user of the screen.
fn cli(path: &std::path::Path, args: &[&str]) -> String {
    let s = Sandbox::new();
    s.ok(&[&["--db", path.to_str().unwrap()], args].concat())
}

fn ticket(path: &std::path::Path, id: TicketId) -> meldpunt::domain::Ticket {
    Store::open(path).unwrap().ticket(id).unwrap().unwrap()
}

#[test]
fn closing_counts_what_was_written_down_before_from_either_door() {
    // Resolved, with its cause, measures and solution already recorded, and
    // the checklist's other required items ticked.
    let [(_a, screen), (_b, line)] = twice(|store| {
        let id = store.create_ticket("tester", t0(), &incident("Printer jams", "Kees")).unwrap().id;
        let fields = [
            (Field::Cause, Some("Worn roller".to_string())),
            (Field::Measures, Some("Roller replaced".to_string())),
            (Field::Solution, Some("Maintenance contract".to_string())),
        ];
        store.update_ticket("tester", t0(), id, None, &fields).unwrap();
        for s in ["in_progress", "resolved"] {
            store.update_ticket("tester", t0(), id, None, &[(Field::Status, Some(s.into()))]).unwrap();
        }
        for item in ["service_restored", "reporter_confirmed", "summary_sent"] {
            store.tick("tester", t0(), id, item, true).unwrap();
        }
    });

    let mut h = Harness::new(&screen, "en", 120, 40);
    h.chars("o"); // resolved incidents are in the "all" view
    h.key(KeyCode::Enter);
    h.chars("X");
    for _ in 0..7 {
        h.key(KeyCode::Tab); // past the checklist, to the closure code
    }
    h.chars("solv");
    h.key(KeyCode::Tab);
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    drop(h);

    cli(&line, &["ticket", "close", "1", "--code", "solved"]);

    let closed = |path: &std::path::Path| {
        let t = ticket(path, 1);
        let mut ticks: Vec<String> =
            Store::open(path).unwrap().checklist(1).unwrap().into_iter().map(|t| t.item).collect();
        ticks.sort();
        (t.status, t.closure_code, t.cause, t.solution, ticks)
    };
    let (by_screen, by_line) = (closed(&screen), closed(&line));
    assert_eq!(by_screen.0, Status::Closed, "the screen closes it: {by_screen:?}");
    assert_eq!(by_line, by_screen, "the command line closes it the same way");
}

#[test]
fn assigning_without_naming_a_team_keeps_the_tickets_own_team_from_either_door() {
    // Hardware is routed to Workplace, but the ticket is with Network already.
    let [(_a, screen), (_b, line)] = twice(|store| {
        let mut t = incident("Laptop broken", "Piet");
        t.category = Some("Hardware".into());
        t.team = Some("Network".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    });

    let mut h = Harness::new(&screen, "en", 120, 30);
    h.chars("a");
    h.key(KeyCode::Enter); // the team offered first
    h.key(KeyCode::Enter); // nobody: the team
    assert!(h.state.dialog.is_none());
    drop(h);

    cli(&line, &["ticket", "assign", "1"]);

    let (by_screen, by_line) = (ticket(&screen, 1).team, ticket(&line, 1).team);
    assert_eq!(by_screen.as_deref(), Some("Network"), "the screen offers its own team first");
    assert_eq!(by_line, by_screen, "the command line picks the same team");
}

#[test]
fn a_message_goes_to_the_address_stored_when_it_is_sent_from_either_door() {
    let [(_a, screen), (_b, line)] = twice(|store| {
        let mut t = incident("Mail down", "Piet");
        t.reporter.email = Some("piet@old.example".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    });
    let corrected = [(Field::ReporterEmail, Some("piet@new.example".to_string()))];

    // The message is being written when someone corrects the address.
    let mut h = Harness::new(&screen, "en", 120, 30);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Enter); // the first template
    Store::open(&screen).unwrap().update_ticket("bram", t0(), 1, None, &corrected).unwrap();
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL); // no mail command: recorded
    drop(h);

    Store::open(&line).unwrap().update_ticket("bram", t0(), 1, None, &corrected).unwrap();
    cli(&line, &["ticket", "notify", "1", "--template", "progress", "--record-only"]);

    let told = |path: &std::path::Path| {
        let entries = Store::open(path).unwrap().entries(1).unwrap();
        let message = entries.into_iter().find(|e| e.subject.is_some()).expect("the message is kept");
        (message.recipient, message.delivery)
    };
    let (by_screen, by_line) = (told(&screen), told(&line));
    assert_eq!(by_screen, (Some("piet@new.example".to_string()), Some(Delivery::Recorded)));
    assert_eq!(by_line, by_screen);
}

#[test]
fn once_resolved_no_customer_update_is_due_on_either_door() {
    let [(_a, path), _] = twice(|store| {
        let mut t = incident("Mail down", "Piet");
        t.priority = Some(meldpunt::domain::Priority::P1);
        let id = store.create_ticket("tester", t0(), &t).unwrap().id;
        for s in ["in_progress", "resolved"] {
            store.update_ticket("tester", t0(), id, None, &[(Field::Status, Some(s.into()))]).unwrap();
        }
    });

    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o");
    h.key(KeyCode::Enter);
    let shown = h.screen();
    assert!(shown.contains("Mail down") && !shown.contains("customer update"), "{shown}");
    drop(h);

    let json: serde_json::Value = serde_json::from_str(&cli(&path, &["ticket", "show", "1", "--json"])).unwrap();
    assert_eq!(json["sla"]["update"]["state"], "none", "{}", json["sla"]);
    assert_eq!(json["sla"]["resolution"]["state"], "met", "the other clocks still say how they ended");
    let listed: serde_json::Value = serde_json::from_str(&cli(&path, &["ticket", "list", "--all", "--json"])).unwrap();
    assert_eq!(listed[0]["sla"]["update"]["state"], "none", "{listed}");
}
