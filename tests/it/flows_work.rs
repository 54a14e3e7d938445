//! Working on incidents in the TUI, through update and the executor on a
//! real database: status keys, views, major incidents, notes and messages.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::app::Screen;
use meldpunt::app::state::{Message, Overlay};
use meldpunt::domain::entry::{Delivery, EntryKind};
use meldpunt::domain::{Status, TicketId};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn with(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    common::person(&store, "tester");
    for i in 1..=n {
        let mut t = incident(&format!("Ticket {i}"), &format!("Reporter {i}"));
        t.reporter.email = Some(format!("r{i}@example.nl"));
        store.create_ticket("tester", t0(), &t).unwrap();
    }
    (dir, path)
}

fn status(h: &Harness, id: TicketId) -> Status {
    h.store().ticket(id).unwrap().unwrap().status
}

#[test]
fn one_key_per_transition_from_the_queue_and_refusals_name_the_allowed() {
    let (_dir, path) = with(2);
    let mut h = Harness::new(&path, "en", 120, 30);
    // The newest (2) is selected.
    h.chars("W");
    assert_eq!(status(&h, 2), Status::InProgress);
    // A wait pauses the SLA: asked first, and only y (or j) says yes.
    h.chars("C");
    assert_eq!(status(&h, 2), Status::InProgress);
    h.key(KeyCode::Enter);
    assert_eq!(status(&h, 2), Status::InProgress);
    h.chars("Cy");
    assert_eq!(status(&h, 2), Status::WaitingCustomer);
    h.chars("X"); // waiting → closed is not allowed
    assert!(
        matches!(&h.state.message, Some(Message::Error(m)) if m.contains("allowed: In progress")),
        "{:?}",
        h.state.message
    );
    assert_eq!(status(&h, 2), Status::WaitingCustomer);
    h.chars("R");
    assert_eq!(status(&h, 2), Status::WaitingCustomer, "asked first");
    h.chars("j");
    assert_eq!(status(&h, 2), Status::Resolved);
    // Resolved tickets leave the open view; in "all" it can be reopened.
    h.chars("o");
    assert_eq!(h.state.queue.selected_row().map(|r| r.id), Some(2));
    h.chars("O");
    assert_eq!(status(&h, 2), Status::InProgress);
}

#[test]
fn views_for_me_my_team_escalated_and_waiting() {
    let (_dir, path) = with(3);
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.ask_lead("tester", t0(), 1, "VIP", None).unwrap();
    store
        .update_ticket("tester", t0(), 2, None, &[(meldpunt::domain::Field::Assignee, Some("tester".into()))])
        .unwrap();
    store
        .update_ticket("tester", t0(), 3, None, &[(meldpunt::domain::Field::Status, Some("in_progress".into()))])
        .unwrap();
    store
        .update_ticket("tester", t0(), 3, None, &[(meldpunt::domain::Field::Status, Some("waiting_supplier".into()))])
        .unwrap();
    drop(store);
    let mut h = Harness::new(&path, "en", 120, 30);
    let ids = |h: &Harness| h.state.queue.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    h.chars("4");
    assert_eq!(ids(&h), vec![1]);
    assert!(h.state.queue.rows[0].marks.lead_attention);
    h.chars("2");
    assert_eq!(ids(&h), vec![2]);
    h.chars("5");
    assert_eq!(ids(&h), vec![3]);
    h.chars("1");
    assert_eq!(ids(&h), vec![3, 2, 1]);
}

#[test]
fn a_work_note_from_the_detail_pane() {
    let (_dir, path) = with(1);
    let mut h = Harness::new(&path, "en", 120, 30);
    h.key(KeyCode::Enter);
    h.chars("t");
    assert_eq!(h.state.screen, Screen::Compose);
    h.chars("Rebooted the router");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.state.screen, Screen::Detail);
    let entries = h.store().entries(1).unwrap();
    assert_eq!((entries[0].kind, entries[0].body.as_str()), (EntryKind::Note, "Rebooted the router"));
    assert_eq!(h.state.detail.as_ref().unwrap().entries.len(), 1);
}

#[test]
fn without_a_mail_command_the_main_key_records_and_nothing_is_kept_as_not_sent() {
    let (_dir, path) = with(1);
    let mut h = Harness::new(&path, "nl", 120, 30);
    h.key(KeyCode::Enter);
    h.chars("m");
    h.key(KeyCode::Enter); // confirmation template
    let body = h.state.compose.as_ref().unwrap().body_text();
    assert!(body.contains("Beste Reporter 1") && body.contains("INC-000001"), "{body}");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(!matches!(&h.state.message, Some(Message::Error(_))), "{:?}", h.state.message);
    let entries = h.store().entries(1).unwrap();
    assert_eq!(entries[0].delivery, Some(Delivery::Recorded), "recorded, not a permanent NOT SENT");
    h.chars("m");
    h.key(KeyCode::Enter);
    h.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(h.store().entries(1).unwrap()[1].delivery, Some(Delivery::Recorded));
}

#[test]
fn a_major_incident_informs_and_resolves_its_children() {
    let (_dir, path) = with(3);
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.promote_major("tester", t0(), 1, "tester", "tester").unwrap();
    store.link_child("tester", t0(), 2, 1).unwrap();
    store.link_child("tester", t0(), 3, 1).unwrap();
    drop(store);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("G"); // the oldest: the major incident
    h.key(KeyCode::Enter);
    assert_eq!(h.state.detail.as_ref().unwrap().children.len(), 2);
    // One update to every reporter, recorded.
    h.chars("m");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.key_with(KeyCode::Char('a'), KeyModifiers::CONTROL);
    assert!(h.state.compose.as_ref().unwrap().to_children);
    h.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    for id in 1..=3 {
        assert_eq!(h.store().entries(id).unwrap().len(), 1, "ticket {id}");
    }
    // Resolving asks about the children, listing them first.
    h.chars("R");
    assert!(matches!(h.state.overlay, Some(Overlay::Confirm(_))));
    h.chars("y");
    for id in 1..=3 {
        assert_eq!(status(&h, id), Status::Resolved, "ticket {id}");
    }
}

#[test]
fn assigning_through_the_dialog_suggests_the_routed_team() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("Laptop broken", "Piet");
        t.category = Some("Hardware".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("a");
    let dialog = h.state.dialog.as_ref().expect("dialog open");
    assert_eq!(dialog.answer(0).as_deref(), Some("Workplace"), "Hardware is routed to Workplace");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter); // nobody: the team
    assert!(h.state.dialog.is_none());
    let t = h.store().ticket(1).unwrap().unwrap();
    assert_eq!((t.team.as_deref(), t.assignee.as_deref(), t.status), (Some("Workplace"), None, Status::Assigned));
}

#[test]
fn teams_and_people_are_managed_from_the_admin_pane() {
    let (_dir, path) = with(1);
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("T");
    assert_eq!(h.state.screen, Screen::Admin);
    assert!(h.state.panes.admin.teams.iter().any(|t| t.name == "Servicedesk"));
    h.chars("a");
    h.chars("Facilities");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter); // line 2, preselected
    assert!(h.state.panes.admin.teams.iter().any(|t| t.name == "Facilities" && t.line == 2));
    h.key(KeyCode::Tab); // people
    h.chars("a");
    for answer in ["dvries", "Daan de Vries", "daan@example.nl"] {
        h.chars(answer);
        h.key(KeyCode::Enter);
    }
    h.key(KeyCode::Enter); // line 1
    h.key(KeyCode::Enter); // operator
    h.chars("facil");
    h.key(KeyCode::Enter);
    let daan = h.store().agents().unwrap().into_iter().find(|a| a.login == "dvries").expect("added");
    assert_eq!((daan.name.as_str(), daan.teams.clone()), ("Daan de Vries", vec!["Facilities".to_string()]));
    h.chars("d");
    assert!(!h.store().agents().unwrap().iter().any(|a| a.login == "dvries" && a.active));
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Queue);
}

/// Ticket 1, a harness with the assign dialog open on it (Workplace
/// suggested), and meanwhile someone else hands it to Network.
fn changed_meanwhile() -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("Laptop broken", "Piet");
        t.category = Some("Hardware".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("a");
    let other = Store::open(&path).unwrap();
    other.seed_reference(&Default::default()).unwrap();
    let edit = [(meldpunt::domain::Field::Team, Some("Network".to_string()))];
    other.update_ticket("bram", t0(), 1, None, &edit).unwrap();
    (dir, h)
}

fn team(h: &Harness) -> Option<String> {
    h.store().ticket(1).unwrap().unwrap().team
}

#[test]
fn a_conflicting_edit_shows_both_values_and_saves_only_what_is_chosen() {
    let (_dir, mut h) = changed_meanwhile();
    // Assign to Workplace, on the version read before bram's change.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    assert_eq!(team(&h).as_deref(), Some("Network"), "nothing overwritten yet");
    assert!(matches!(h.state.overlay, Some(Overlay::Confirm(meldpunt::app::state::Question::Conflict))));
    let c = h.state.conflict.as_ref().unwrap();
    assert_eq!(c.changed_by, "bram");
    let team_row = c.fields.iter().find(|(f, ..)| *f == meldpunt::domain::Field::Team).unwrap();
    assert_eq!((team_row.1.as_deref(), team_row.2.as_deref()), (Some("Workplace"), Some("Network")));
    let shown = h.screen();
    for text in ["bram changed INC-000001", "Workplace", "Network", "save yours over it", "keep theirs"] {
        assert!(shown.contains(text), "{text} missing: {shown}");
    }

    // Keep theirs: nothing of the edit is saved.
    h.chars("n");
    assert_eq!(team(&h).as_deref(), Some("Network"));
    assert!(h.state.dialog.is_none() && h.state.conflict.is_none());
    assert!(matches!(&h.state.message, Some(Message::Info(m)) if m.contains("Their change was kept")));
}

#[test]
fn choosing_ones_own_value_saves_it_on_top_of_the_other_change() {
    let (_dir, mut h) = changed_meanwhile();
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    h.chars("y");
    assert_eq!(team(&h).as_deref(), Some("Workplace"));
    let events = h.store().events(1).unwrap();
    let teams: Vec<_> =
        events.iter().filter(|e| e.field.as_deref() == Some("team")).map(|e| e.actor.as_str()).collect();
    assert_eq!(teams, vec!["bram", "tester"], "both changes are in the timeline, in order");
}

#[test]
fn the_assign_dialog_offers_the_people_of_a_team_with_a_comma_in_its_name() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.add_team("Sales, EMEA", 1).unwrap();
        let bram = meldpunt::domain::people::AgentRecord {
            login: "bram".into(),
            name: "Bram Bakker".into(),
            email: None,
            line: 1,
            role: "operator".into(),
            teams: vec!["Sales, EMEA".into(), "Network".into()],
        };
        store.add_agent(&bram).unwrap();
        store.create_ticket("tester", t0(), &incident("Quote needed", "Piet")).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("a");
    h.chars("sales");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("Bram Bakker"), "{}", h.screen());
    h.chars("bram");
    h.key(KeyCode::Enter);
    let t = h.store().ticket(1).unwrap().unwrap();
    assert_eq!((t.team.as_deref(), t.assignee.as_deref()), (Some("Sales, EMEA"), Some("bram")));
}
