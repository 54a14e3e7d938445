//! The incident pane's SLA clocks: all three timelines and their calendar,
//! in English and Dutch, at 80×24 and 120×40.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::entry::NewEntry;
use meldpunt::domain::{Field, Priority};
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

/// A P1 incident: registered two hours ago, a message after ten minutes,
/// waiting for the customer for the last hour.
fn clocks_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let mut t = incident("VPN down", "Piet");
    t.impact = meldpunt::domain::Level::new(1);
    t.urgency = meldpunt::domain::Level::new(1);
    t.priority = Some(Priority::P1);
    let created = t0() - chrono::Duration::hours(2);
    store.create_ticket("anna", created, &t).unwrap();
    let mut message = NewEntry::note("We are looking into it");
    message.kind = meldpunt::domain::entry::EntryKind::Message;
    message.delivery = Some(meldpunt::domain::entry::Delivery::Recorded);
    store.add_entry("bram", created + chrono::Duration::minutes(10), 1, &message).unwrap();
    let status = |at, s: &str| {
        store.update_ticket("bram", at, 1, None, &[(Field::Status, Some(s.into()))]).unwrap();
    };
    status(created + chrono::Duration::minutes(20), "in_progress");
    status(created + chrono::Duration::hours(1), "waiting_customer");
    (dir, path)
}

#[test]
fn the_incident_pane_shows_every_clock_and_its_calendar() {
    let (_dir, path) = clocks_db();
    let cases = [
        ("en", ["SLA clocks · calendar always", "Customer update", "responded", "restarted: the reporter heard"]),
        ("nl", ["SLA-klokken · kalender always", "Klantupdate", "gereageerd", "opnieuw gestart: de melder"]),
    ];
    for (lang, expected) in cases {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut harness = Harness::new(&path, lang, w, h);
            harness.key(KeyCode::Enter);
            harness.key(KeyCode::Char('G'));
            let screen = harness.screen();
            for text in expected {
                assert!(screen.contains(text), "{lang} {w}x{h}: missing {text:?} in\n{screen}");
            }
            // A stretch's length never runs into what the clock did.
            assert!(!screen.contains("ons50m") && !screen.contains("us50m"), "{screen}");
            assert!(screen.contains("50m"), "{lang} {w}x{h}: the restarted stretch is cut\n{screen}");
        }
    }
}

#[test]
fn the_incident_pane_shows_the_number_it_was_imported_with() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let created = t0() - chrono::Duration::days(3);
        let ticket = meldpunt::domain::HistoricTicket {
            ticket: incident("Mail stuck", "Caller 2403"),
            status: meldpunt::domain::Status::Closed,
            created_at: created,
            updated_at: created,
            resolved_at: Some(created),
            closed_at: Some(created),
            events: vec![meldpunt::domain::event::NewEvent::created(created, "servicenow")],
            feedback: None,
            source_ref: Some("INC0000045".into()),
            closure_code: Some("code 5".into()),
            problem_ref: None,
        };
        store.bulk_load(&Default::default(), &[], vec![ticket], Default::default(), |_| {}).unwrap();
    }
    for (lang, label) in [("en", "Imported as"), ("nl", "Geïmporteerd als")] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut harness = Harness::new(&path, lang, w, h);
            harness.key(KeyCode::Char('o')); // open and closed tickets
            harness.key(KeyCode::Enter);
            let screen = harness.screen();
            assert!(screen.contains(label) && screen.contains("INC0000045"), "{lang} {w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn a_lead_sees_what_is_asked_of_them_and_marks_it_handled() {
    for (lang, handled, view) in [("en", "Marked handled", "asked of me"), ("nl", "Afgehandeld", "aan mij gevraagd")] {
        lead_round(lang, handled, view);
    }
}

fn lead_round(lang: &str, handled: &str, view: &str) {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let lead = meldpunt::domain::people::AgentRecord {
            login: "tester".into(),
            name: "Tess Lead".into(),
            email: None,
            line: 1,
            role: "lead".into(),
            teams: vec!["Network".into()],
        };
        store.ensure_agent(&lead).unwrap();
        let mut asked = incident("Core switch flapping", "Piet");
        asked.team = Some("Network".into());
        store.create_ticket("anna", t0(), &asked).unwrap();
        store.create_ticket("anna", t0(), &incident("Printer jammed", "Sanne")).unwrap();
        assert_eq!(store.ask_lead("anna", t0(), 1, "Vendor call", None).unwrap().as_deref(), Some("tester"));
    }
    {
        let mut h = Harness::new(&path, lang, 80, 24);
        h.key(KeyCode::Char('6'));
        let screen = h.screen();
        assert!(screen.contains("Core switch flapping") && !screen.contains("Printer jammed"), "{lang}:\n{screen}");
        assert!(screen.contains(view), "{lang}: the status bar names the view\n{screen}");
        h.key(KeyCode::Enter);
        assert!(h.screen().contains("tester"), "the timeline names the lead asked");
        h.key(KeyCode::Char('H'));
        let screen = h.screen();
        assert!(screen.contains(handled), "{lang}:\n{screen}");
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('6'));
        assert!(!h.screen().contains("Core switch flapping"), "{lang}: handled, out of the view");
        // Ask through the dialog on the other ticket: the leads are offered.
        h.key(KeyCode::Char('1'));
        h.key(KeyCode::Char('E'));
        let screen = h.screen();
        assert!(screen.contains("Tess Lead"), "{lang}:\n{screen}");
        h.key(KeyCode::Enter);
        h.chars("Again");
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('6'));
        assert!(h.screen().contains("Printer jammed"), "{lang}: asked of the lead chosen\n{}", h.screen());
    }
}
