//! SLA clocks kept with tickets: deadlines, pauses, breaches and
//! reclassification, on real database files; and the wizard that sets them.

use crate::common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{Harness, incident, temp_db};
use meldpunt::app::Screen;
use meldpunt::app::state::Message;
use meldpunt::domain::classification::Classification;
use meldpunt::domain::sla::{SlaPolicy, Standing, standing};
use meldpunt::domain::{EventKind, Field, Level, Policy, Priority};
use meldpunt::store::{Store, StoreError};
use ratatui::crossterm::event::KeyCode;

/// Monday 23 November 2026, 09:00 in Amsterdam.
fn monday_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()
}

fn classified(store: &Store, impact: u8, urgency: u8, at: DateTime<Utc>) -> i64 {
    let mut t = incident("VPN down", "Piet");
    t.impact = Level::new(impact);
    t.urgency = Level::new(urgency);
    t.priority = store.policy().matrix.priority(t.impact.unwrap(), t.urgency.unwrap());
    store.create_ticket("anna", at, &t).unwrap().id
}

#[test]
fn a_classified_ticket_gets_its_deadlines_when_registered() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 2, 2, monday_nine()); // P2: 30m / 8h / 2h in office hours
    let sla = store.ticket_sla(id).unwrap().expect("clocks");
    assert_eq!(sla.calendar, "office");
    assert_eq!(sla.clocks.response.due, Some(monday_nine() + Duration::minutes(30)));
    // 8 office hours from 09:00 (08:30-17:00): 17:00 is after 8h, so due 17:00 the same day.
    assert_eq!(sla.clocks.resolution.due, Some(monday_nine() + Duration::hours(8)));
    assert_eq!(sla.clocks.update.due, Some(monday_nine() + Duration::hours(2)));
    // An unclassified ticket has none.
    let plain = store.create_ticket("anna", monday_nine(), &incident("x", "y")).unwrap();
    assert!(store.ticket_sla(plain.id).unwrap().is_none());
}

#[test]
fn waiting_for_the_customer_pauses_and_resuming_moves_the_deadline() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 1, 1, monday_nine()); // P1: 4h around the clock
    let at = |h: i64| monday_nine() + Duration::hours(h);
    store.update_ticket("bram", at(1), id, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    store.update_ticket("bram", at(2), id, None, &[(Field::Status, Some("waiting_customer".into()))]).unwrap();
    let paused = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(paused.clocks.resolution.due, None);
    assert_eq!(paused.clocks.resolution.paused_left_secs, Some(2 * 3600));
    store.update_ticket("bram", at(5), id, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    let resumed = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(resumed.clocks.resolution.due, Some(at(7)));
    let kinds: Vec<EventKind> = store.events(id).unwrap().iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::SlaPaused) && kinds.contains(&EventKind::SlaResumed), "{kinds:?}");
    let paused_event = store.events(id).unwrap().into_iter().find(|e| e.kind == EventKind::SlaPaused).unwrap();
    assert_eq!(paused_event.note.as_deref(), Some("waiting_customer"));
}

#[test]
fn a_breach_is_recorded_once() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 1, 1, monday_nine()); // P1: response 15m
    assert!(store.record_breaches(monday_nine() + Duration::minutes(10)).unwrap().is_empty());
    assert_eq!(store.record_breaches(monday_nine() + Duration::minutes(20)).unwrap(), vec![id]);
    assert!(store.record_breaches(monday_nine() + Duration::minutes(30)).unwrap().is_empty());
    let breaches: Vec<_> = store.events(id).unwrap().into_iter().filter(|e| e.kind == EventKind::SlaBreached).collect();
    assert_eq!(breaches.len(), 1);
    assert_eq!(breaches[0].field.as_deref(), Some("response"));
    assert_eq!(breaches[0].at, monday_nine() + Duration::minutes(15));
    // Starting work late does not record it again.
    store
        .update_ticket(
            "bram",
            monday_nine() + Duration::hours(1),
            id,
            None,
            &[(Field::Status, Some("in_progress".into()))],
        )
        .unwrap();
    let count = store.events(id).unwrap().iter().filter(|e| e.kind == EventKind::SlaBreached).count();
    assert_eq!(count, 1);
}

#[test]
fn resolving_late_without_a_watcher_still_records_the_breach() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 1, 1, monday_nine());
    let late = monday_nine() + Duration::hours(6);
    store.update_ticket("bram", late, id, None, &[(Field::Status, Some("resolved".into()))]).unwrap();
    let kinds: Vec<_> = store
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::SlaBreached)
        .map(|e| e.field.unwrap())
        .collect();
    assert_eq!(kinds, vec!["response".to_string(), "resolution".to_string()]);
    let sla = store.ticket_sla(id).unwrap().unwrap();
    let cal = store.policy().calendars.get(&sla.calendar);
    assert_eq!(standing(&sla.clocks.resolution, cal, 0.75, late).0, Standing::MetLate);
}

#[test]
fn deadlines_are_kept_when_the_policy_changes_until_reclassified() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 2, 2, monday_nine());
    let before = store.ticket_sla(id).unwrap().unwrap();
    drop(store);
    // A stricter policy later: P2 resolution in 1 hour.
    let mut sla = SlaPolicy::default();
    sla.targets[1].resolution_secs = 3600;
    let policy = Policy { sla, ..Policy::default() };
    let store = Store::open(&path).unwrap().with_policy(policy);
    store.seed_reference(&Default::default()).unwrap();
    store
        .update_ticket(
            "bram",
            monday_nine() + Duration::minutes(5),
            id,
            None,
            &[(Field::Status, Some("in_progress".into()))],
        )
        .unwrap();
    let after = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(after.clocks.resolution.due, before.clocks.resolution.due, "kept");
    // Reclassifying applies the policy of the new priority and records old and new deadlines.
    let c = Classification {
        category: None,
        subcategory: None,
        service: None,
        impact: Level::new(1).unwrap(),
        urgency: Level::new(1).unwrap(),
        overridden: None,
    };
    store.classify("bram", monday_nine() + Duration::minutes(10), id, None, &c).unwrap();
    let events = store.events(id).unwrap();
    let moved: Vec<_> = events.iter().filter(|e| e.kind == EventKind::Deadline).collect();
    assert!(moved.iter().any(|e| e.field.as_deref() == Some("resolution") && e.old.is_some() && e.new.is_some()));
    let now = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(now.calendar, "always");
    assert_eq!(now.clocks.resolution.due, Some(monday_nine() + Duration::hours(4)));
}

#[test]
fn overriding_the_matrix_needs_a_reason_which_is_recorded() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = store.create_ticket("anna", monday_nine(), &incident("Board room beamer", "CEO")).unwrap().id;
    let mut c = Classification {
        category: Some("Hardware".into()),
        subcategory: None,
        service: None,
        impact: Level::new(4).unwrap(),
        urgency: Level::new(4).unwrap(),
        overridden: Some((Priority::P1, " ".into())),
    };
    let err = store.classify("anna", monday_nine(), id, None, &c).unwrap_err();
    assert!(matches!(err, StoreError::Classification(_)), "{err}");
    assert_eq!(store.ticket(id).unwrap().unwrap().priority, None, "nothing stored");
    c.overridden = Some((Priority::P1, "Board meeting in ten minutes".into()));
    let (t, _) = store.classify("anna", monday_nine(), id, None, &c).unwrap();
    assert_eq!(t.priority, Some(Priority::P1));
    let o = store.events(id).unwrap().into_iter().find(|e| e.kind == EventKind::Override).expect("override event");
    assert_eq!((o.old.as_deref(), o.new.as_deref()), (Some("P4"), Some("P1")));
    assert_eq!(o.note.as_deref(), Some("Board meeting in ten minutes"));
}

#[test]
fn sorting_by_most_urgent_puts_the_earliest_running_deadline_first() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let p4 = classified(&store, 4, 4, monday_nine());
    let p1 = classified(&store, 1, 1, monday_nine() + Duration::minutes(1));
    let _plain = store.create_ticket("anna", monday_nine(), &incident("unclassified", "x")).unwrap();
    let viewer = meldpunt::domain::queue::Viewer { login: "x".into() };
    let numbers = meldpunt::domain::NumberFormat::default();
    let filter = meldpunt::domain::queue::QueueFilter::default();
    let sort = meldpunt::domain::queue::Sort { column: meldpunt::domain::queue::SortColumn::Due, ascending: true };
    let request = meldpunt::domain::queue::PageRequest {
        filter: &filter,
        sort,
        viewer: &viewer,
        numbers: &numbers,
        cursor: &meldpunt::domain::queue::Cursor::First,
        limit: 10,
    };
    let ids: Vec<i64> = store.queue_page(&request).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![p1, p4, 3]);
}

#[test]
fn the_wizard_classifies_with_a_few_keys_and_shows_the_clocks() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", Utc::now(), &incident("VPN drops", "Piet")).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("i");
    assert_eq!(h.state.screen, Screen::Wizard);
    h.chars("netw");
    h.key(KeyCode::Enter); // category Network
    h.chars("1"); // subcategory: the first (Internet)
    h.chars("vpn");
    h.key(KeyCode::Enter); // service VPN
    h.chars("2"); // impact
    h.chars("1"); // urgency
    assert_eq!(h.state.wizard.as_ref().unwrap().step, meldpunt::panes::wizard::state::Step::Result);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.screen, Screen::Detail);
    assert!(matches!(&h.state.message, Some(Message::Info(m)) if m.contains("P2 high")));
    let t = h.store().ticket(1).unwrap().unwrap();
    assert_eq!(
        (t.category.as_deref(), t.subcategory.as_deref(), t.service.as_deref()),
        (Some("Network"), Some("Internet"), Some("VPN"))
    );
    assert_eq!(t.priority, Some(Priority::P2));
    assert!(h.state.detail.as_ref().unwrap().sla.is_some());
}

#[test]
fn the_wizard_goes_back_and_overrides_with_a_reason() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", Utc::now(), &incident("Beamer", "CEO")).unwrap();
    }
    let mut h = Harness::new(&path, "nl", 120, 30);
    h.chars("i");
    h.chars("3"); // Hardware: no subcategory step? It has some: pick the first
    h.chars("1");
    h.key(KeyCode::Backspace); // back to subcategory
    assert_eq!(h.state.wizard.as_ref().unwrap().step, meldpunt::panes::wizard::state::Step::Subcategory);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter); // service: keep empty
    h.chars("44"); // impact 4, urgency 4 → P4
    h.chars("1"); // choose P1 instead
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.message, Some(Message::Error(m)) if m.contains("reden")), "{:?}", h.state.message);
    h.chars("Directie");
    h.key(KeyCode::Enter);
    assert_eq!(h.store().ticket(1).unwrap().unwrap().priority, Some(Priority::P1));
    let o = h.store().events(1).unwrap().into_iter().find(|e| e.kind == EventKind::Override).unwrap();
    assert_eq!(o.note.as_deref(), Some("Directie"));
}

#[test]
fn an_unclassified_registration_goes_on_to_the_wizard() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("n");
    h.chars("Piet");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("Printer jammed");
    h.key_with(KeyCode::Char('s'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    assert_eq!(h.state.screen, Screen::Wizard);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Detail);
}

/// A ticket whose kept targets are absurd (a damaged or foreign file) is
/// changed in a moment: the clocks count such a target as a year at most.
#[test]
fn huge_kept_targets_never_hold_up_a_change() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 3, 3, monday_nine());
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE tickets SET sla_response_secs = 1000000000000, sla_resolution_secs = 1000000000000,
             sla_update_secs = 1000000000000, resolution_left = 1000000000000, update_left = 1000000000000",
            [],
        )
        .unwrap();
    let at = |h: i64| monday_nine() + Duration::hours(h);
    let started = std::time::Instant::now();
    for (h, status) in [(1, "in_progress"), (2, "waiting_customer"), (3, "in_progress")] {
        store.update_ticket("bram", at(h), id, None, &[(Field::Status, Some(status.into()))]).unwrap();
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    let sla = store.ticket_sla(id).unwrap().unwrap();
    let due = sla.clocks.resolution.due.expect("a deadline within a hundred years");
    assert!(due > at(3) + Duration::days(366), "{due}");
}

/// A breach found later is recorded at the moment it happened, and the
/// timeline lists it in its place, not after what was written meanwhile.
#[test]
fn the_timeline_is_in_the_order_things_happened() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = classified(&store, 1, 1, monday_nine()); // P1: response 15m
    let later = monday_nine() + Duration::hours(2);
    store.update_ticket("anna", later, id, None, &[(Field::Title, Some("VPN down for all".into()))]).unwrap();
    store.record_breaches(later + Duration::minutes(1)).unwrap();
    let times: Vec<_> = store.events(id).unwrap().iter().map(|e| e.at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
    assert!(store.events(id).unwrap().iter().any(|e| e.kind == EventKind::SlaBreached));
}
