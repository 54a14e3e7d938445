//! Issue 4 in the store and on the command line: the lifecycle, assignment,
//! escalation, notes and messages, major incidents, teams and people.

use crate::common;

use chrono::Duration;
use common::{incident, t0, temp_db};
use meldpunt::domain::entry::{Delivery, EntryKind, NewEntry};
use meldpunt::domain::escalation::Escalation;
use meldpunt::domain::people::AgentRecord;
use meldpunt::domain::{EventKind, Field, Level, Status};
use meldpunt::store::{Store, StoreError};

/// Every pair of statuses, and whether the lifecycle allows going from one to the other.
#[test]
fn transition_table() {
    use Status::*;
    let allowed: &[(Status, &[Status])] = &[
        (New, &[Assigned, InProgress, Resolved, Closed]),
        (Assigned, &[InProgress, WaitingCustomer, WaitingSupplier, Resolved, Closed]),
        (InProgress, &[Assigned, WaitingCustomer, WaitingSupplier, Resolved]),
        (WaitingCustomer, &[InProgress, WaitingSupplier, Resolved]),
        (WaitingSupplier, &[InProgress, WaitingCustomer, Resolved]),
        (Resolved, &[Closed, InProgress]),
        (Closed, &[InProgress]),
    ];
    for (from, targets) in allowed {
        for to in Status::ALL {
            let result = from.check_transition(*to);
            let expected = to == from || targets.contains(to);
            assert_eq!(result.is_ok(), expected, "{from} → {to}");
            if let Err(e) = result {
                for t in *targets {
                    assert!(e.to_string().contains(t.code()), "{e} names {t}");
                }
            }
        }
    }
}

fn store_with_people() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for (login, team, line) in [("anna", "Servicedesk", 1), ("bram", "Network", 2), ("cor", "Infrastructure", 3)] {
        store
            .add_agent(&AgentRecord {
                login: login.into(),
                name: login.to_uppercase(),
                email: None,
                line,
                role: "technician".into(),
                teams: vec![team.into()],
            })
            .unwrap();
    }
    (dir, store)
}

#[test]
fn assignments_are_events_and_team_changes_count_as_reassignments() {
    let (_dir, store) = store_with_people();
    let id = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap().id;
    let (t, _) = store.assign("anna", t0(), id, None, "Servicedesk", Some("anna")).unwrap();
    assert_eq!(t.status, Status::Assigned);
    assert_eq!(store.handling(id).unwrap().unwrap().reassignments, 0);
    store.assign("anna", t0(), id, None, "Network", Some("bram")).unwrap();
    store.assign("bram", t0(), id, None, "Network", None).unwrap();
    assert_eq!(store.handling(id).unwrap().unwrap().reassignments, 1, "only the team change counts");
    let teams: Vec<_> = store
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref() == Some("team"))
        .map(|e| (e.old, e.new))
        .collect();
    assert_eq!(teams, vec![(None, Some("Servicedesk".into())), (Some("Servicedesk".into()), Some("Network".into()))]);
}

#[test]
fn functional_escalation_needs_a_reason_and_moves_the_incident() {
    let (_dir, store) = store_with_people();
    let id = store.create_ticket("anna", t0(), &incident("Server down", "Piet")).unwrap().id;
    let refused = store.escalate("anna", t0(), id, None, Escalation::Line3, Some("Infrastructure"), None, "  ");
    assert!(matches!(refused, Err(StoreError::ReasonRequired)));
    store
        .escalate("anna", t0(), id, None, Escalation::Line3, Some("Infrastructure"), None, "Needs root access")
        .unwrap();
    let t = store.ticket(id).unwrap().unwrap();
    assert_eq!((t.team.as_deref(), t.assignee.as_deref()), (Some("Infrastructure"), None));
    let h = store.handling(id).unwrap().unwrap();
    assert_eq!(h.escalation, Some(Escalation::Line3));
    let e = store.events(id).unwrap().into_iter().find(|e| e.kind == EventKind::Escalated).unwrap();
    assert_eq!((e.new.as_deref(), e.note.as_deref()), (Some("line3"), Some("Needs root access")));
    // To a supplier: the incident waits for them.
    store.escalate("cor", t0(), id, None, Escalation::Supplier, None, Some("Dell"), "Disk replacement").unwrap();
    assert_eq!(store.ticket(id).unwrap().unwrap().status, Status::WaitingSupplier);
    assert_eq!(store.handling(id).unwrap().unwrap().supplier.as_deref(), Some("Dell"));
}

#[test]
fn hierarchical_escalation_marks_the_ticket_for_leads() {
    let (_dir, store) = store_with_people();
    let id = store.create_ticket("anna", t0(), &incident("CEO laptop", "CEO")).unwrap().id;
    assert!(matches!(store.ask_lead("anna", t0(), id, "", None), Err(StoreError::ReasonRequired)));
    store.ask_lead("anna", t0(), id, "Board meeting at ten", None).unwrap();
    assert!(store.handling(id).unwrap().unwrap().lead_attention);
    let filter = meldpunt::domain::queue::QueueFilter { escalated: true, ..Default::default() };
    let viewer = meldpunt::domain::queue::Viewer { login: "x".into() };
    let counts = store.queue_counts(&filter, &viewer, &Default::default()).unwrap();
    assert_eq!(counts.matching, 1);
}

#[test]
fn notes_and_messages_are_kept_and_never_changed() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap().id;
    store.add_entry("anna", t0(), id, &NewEntry::note("Checked the logs")).unwrap();
    let msg = NewEntry::message(Some("piet@example.nl"), "Update", "Working on it", Delivery::Recorded);
    store.add_entry("anna", t0(), id, &msg).unwrap();
    let entries = store.entries(id).unwrap();
    assert_eq!(entries.iter().map(|e| e.kind).collect::<Vec<_>>(), vec![EntryKind::Note, EntryKind::Message]);
    // Append-only, enforced by the database itself.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let changed = conn.execute("UPDATE entries SET body = 'rewritten' WHERE id = 1", []);
    assert!(changed.unwrap_err().to_string().contains("append-only"));
    let removed = conn.execute("DELETE FROM entries WHERE id = 1", []);
    assert!(removed.is_err());
    assert_eq!(store.entries(id).unwrap()[0].body, "Checked the logs");
}

#[test]
fn a_message_to_the_reporter_is_a_response_and_moves_the_next_update() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let mut t = incident("VPN", "Piet");
    t.impact = Level::new(1);
    t.urgency = Level::new(1);
    t.priority = Some(meldpunt::domain::Priority::P1);
    let id = store.create_ticket("anna", t0(), &t).unwrap().id;
    let before = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(before.clocks.update.due, Some(t0() + Duration::minutes(30)));
    let later = t0() + Duration::minutes(20);
    let msg = NewEntry::message(None, "Update", "Still on it", Delivery::Recorded);
    store.add_entry("anna", later, id, &msg).unwrap();
    let after = store.ticket_sla(id).unwrap().unwrap();
    assert_eq!(after.clocks.response.stopped_at, Some(later));
    assert_eq!(after.clocks.update.due, Some(later + Duration::minutes(30)));
    // A message that failed to go out changes nothing.
    let failed = NewEntry::message(None, "Update", "x", Delivery::Failed);
    store.add_entry("anna", later + Duration::minutes(5), id, &failed).unwrap();
    assert_eq!(store.ticket_sla(id).unwrap().unwrap().clocks.update.due, Some(later + Duration::minutes(30)));
}

#[test]
fn major_incidents_gather_their_children() {
    let (_dir, store) = store_with_people();
    let major = store.create_ticket("anna", t0(), &incident("Network outage", "Monitoring")).unwrap().id;
    let a = store.create_ticket("anna", t0(), &incident("No internet", "Piet")).unwrap().id;
    let b = store.create_ticket("anna", t0(), &incident("Cannot print", "Kees")).unwrap().id;
    assert!(matches!(store.link_child("anna", t0(), a, major), Err(StoreError::NotMajor(_))));
    store.promote_major("anna", t0(), major, "bram", "anna").unwrap();
    store.link_child("anna", t0(), a, major).unwrap();
    store.link_child("anna", t0(), b, major).unwrap();
    assert!(matches!(store.link_child("anna", t0(), major, major), Err(StoreError::LinkToItself)));
    let children: Vec<i64> = store.children(major).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(children, vec![a, b]);
    let h = store.handling(major).unwrap().unwrap();
    assert!(h.major && h.coordinator.as_deref() == Some("bram"));
    assert_eq!(store.handling(a).unwrap().unwrap().parent_id, Some(major));
}

#[test]
fn teams_and_people_with_their_open_work() {
    let (_dir, store) = store_with_people();
    assert!(matches!(store.add_team("Network", 2), Err(StoreError::Exists(_))));
    store.add_team("Facilities", 2).unwrap();
    let id = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap().id;
    // Impact 2 and urgency 2: P2 from the matrix.
    let levels = [(Field::Impact, Some("2".into())), (Field::Urgency, Some("2".into()))];
    store.update_ticket("anna", t0(), id, None, &levels).unwrap();
    store.assign("anna", t0(), id, None, "Network", Some("bram")).unwrap();
    let teams = store.teams().unwrap();
    let network = teams.iter().find(|t| t.name == "Network").unwrap();
    assert_eq!(network.open, [0, 0, 1, 0, 0]);
    assert_eq!(network.members, vec!["bram".to_string()]);
    let bram = store.agents().unwrap().into_iter().find(|a| a.login == "bram").unwrap();
    assert_eq!(bram.open[2], 1);
    // Removing keeps history: the team leaves the pick lists only.
    store.remove_team("Facilities").unwrap();
    assert!(!store.pick_lists().unwrap().teams.contains(&"Facilities".to_string()));
    assert!(matches!(store.remove_team("Facilities"), Err(StoreError::UnknownName(_))));
    let unknown_team = AgentRecord {
        login: "dirk".into(),
        name: "Dirk".into(),
        email: None,
        line: 1,
        role: "operator".into(),
        teams: vec!["Nope".into()],
    };
    assert!(matches!(store.add_agent(&unknown_team), Err(StoreError::NotKnown { .. })));
    store.remove_agent("bram").unwrap();
    assert!(!store.agents().unwrap().iter().any(|a| a.login == "bram" && a.active));
}

#[test]
fn reopening_a_closed_incident_only_within_the_window() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let id = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap().id;
    common::ready_to_close(&store, id);
    store.close("anna", t0(), id, None, "solved").unwrap();
    let late = t0() + Duration::days(20);
    let err = store.update_ticket("anna", late, id, None, &[(Field::Status, Some("in_progress".into()))]).unwrap_err();
    assert!(err.to_string().contains("14 days"), "{err}");
    store
        .update_ticket("anna", t0() + Duration::days(3), id, None, &[(Field::Status, Some("in_progress".into()))])
        .unwrap();
    assert_eq!(store.ticket(id).unwrap().unwrap().closed_at, None);
}
