//! Changes of several steps are one transaction: closing with its fields,
//! feedback and code; a major incident resolved with its linked incidents.
//! When one step is refused, nothing changed.

use crate::common;
use crate::sandbox;

use common::{incident, person, ready_to_close, t0, temp_db};
use meldpunt::domain::closure::Closing;
use meldpunt::domain::{Field, Status};
use meldpunt::store::{Store, StoreError};
use sandbox::{Sandbox, with_db};

fn resolved(store: &Store, title: &str) -> i64 {
    let id = store.create_ticket("tester", t0(), &incident(title, "Kees")).unwrap().id;
    for s in ["in_progress", "resolved"] {
        store.update_ticket("tester", t0(), id, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    id
}

#[test]
fn a_close_refused_midway_leaves_the_ticket_as_it_was() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let id = resolved(&store, "Printer jams");
    let before = (store.ticket(id).unwrap().unwrap(), store.events(id).unwrap().len());
    let fields = [(Field::Cause, Some("Worn roller".to_string())), (Field::Solution, Some("Replaced".to_string()))];

    // The checklist is open: refused after the fields would have been written.
    let refused = store.close_with(
        "tester",
        t0(),
        id,
        None,
        &Closing { fields: &fields, feedback: Some((4, "Quick")), code: "solved" },
    );
    assert!(matches!(refused, Err(StoreError::NotReadyToClose(_))), "{refused:?}");
    ready_to_close(&store, id);
    let ticked = store.events(id).unwrap().len();
    // A score out of range, and an unknown code: refused too.
    let refused = store.close_with(
        "tester",
        t0(),
        id,
        None,
        &Closing { fields: &fields, feedback: Some((9, "")), code: "solved" },
    );
    assert!(matches!(refused, Err(StoreError::BadScore(9))), "{refused:?}");
    let refused = store.close_with(
        "tester",
        t0(),
        id,
        None,
        &Closing { fields: &fields, feedback: Some((4, "Quick")), code: "no_such_code" },
    );
    assert!(matches!(refused, Err(StoreError::NotReadyToClose(_))), "{refused:?}");

    let after = store.ticket(id).unwrap().unwrap();
    assert_eq!(after, before.0, "no field, code or status changed");
    assert_eq!(store.events(id).unwrap().len(), ticked, "only the ticks are in the history");
    assert_eq!(store.feedback_of(id).unwrap(), None, "no feedback stored");

    let closed = store
        .close_with(
            "tester",
            t0(),
            id,
            None,
            &Closing { fields: &fields, feedback: Some((4, "Quick")), code: "solved" },
        )
        .unwrap();
    assert_eq!((closed.status, closed.cause.as_deref()), (Status::Closed, Some("Worn roller")));
    assert_eq!(store.feedback_of(id).unwrap(), Some((4, Some("Quick".into()))));
}

#[test]
fn a_major_incident_is_resolved_with_its_linked_incidents_or_not_at_all() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    person(&store, "tester");
    let major = store.create_ticket("tester", t0(), &incident("Mail is down", "Kees")).unwrap().id;
    store.update_ticket("tester", t0(), major, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    store.promote_major("tester", t0(), major, "tester", "tester").unwrap();
    let child = store.create_ticket("tester", t0(), &incident("No mail", "Piet")).unwrap().id;
    store.update_ticket("tester", t0(), child, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    let closed = resolved(&store, "Old one");
    ready_to_close(&store, closed);
    store.close("tester", t0(), closed, None, "solved").unwrap();
    for id in [child, closed] {
        store.link_child("tester", t0(), id, major).unwrap();
    }
    // A closed one cannot be resolved: the whole change is refused.
    let refused = store.set_status_with("tester", t0(), major, None, Status::Resolved, &[child, closed]);
    assert!(refused.is_err());
    assert_eq!(store.ticket(major).unwrap().unwrap().status, Status::InProgress, "the major incident is unchanged");
    assert_eq!(store.ticket(child).unwrap().unwrap().status, Status::InProgress);

    store.set_status_with("tester", t0(), major, None, Status::Resolved, &[child]).unwrap();
    assert_eq!(store.ticket(major).unwrap().unwrap().status, Status::Resolved);
    assert_eq!(store.ticket(child).unwrap().unwrap().status, Status::Resolved);
}

#[test]
fn ticket_close_on_the_command_line_stores_nothing_when_refused() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    s.ok(&with_db(&db, &["ticket", "status", "1", "in_progress"]));
    s.ok(&with_db(&db, &["ticket", "status", "1", "resolved"]));
    let out = s.run(&with_db(&db, &["ticket", "close", "1", "--code", "solved", "--cause", "A full disk"]));
    assert!(!out.status.success(), "the checklist is open");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]));
    assert!(!shown.contains("A full disk"), "the cause was not stored: {shown}");
}
