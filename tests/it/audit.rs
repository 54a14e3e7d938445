//! The audit trail of everything that is not a ticket, the schema step that
//! adds it, and `check` noticing when its guards are gone.

use crate::common;

use common::{t0, temp_db};
use meldpunt::domain::knowledge::NewArticle;
use meldpunt::domain::knowledge::ProblemEdit;
use meldpunt::domain::reference::{CategorySeed, ReferenceData};
use meldpunt::store::{Opened, SCHEMA_VERSION, Store};

/// A change as kind, field, old and new.
type Change = (String, Option<String>, Option<String>, Option<String>);

fn changes(store: &Store, subject: &str) -> Vec<Change> {
    let mut found: Vec<_> = store
        .audit(1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.subject == subject)
        .map(|e| (e.kind, e.field, e.old, e.new))
        .collect();
    found.reverse();
    found
}

#[test]
fn problems_articles_and_reference_data_are_audited_with_old_and_new() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap().as_user("anna", false, None).unwrap();
    let reference = ReferenceData {
        categories: vec![CategorySeed { name: "Network".into(), subcategories: vec!["VPN".into()] }],
        services: vec!["Mail".into()],
        departments: vec!["Finance".into()],
        ..Default::default()
    };
    store.seed_reference(&reference).unwrap();
    let problem = store.create_problem("anna", t0(), "VPN drops", &[]).unwrap();
    let edit = ProblemEdit { root_cause: Some("An old client".into()), ..Default::default() };
    store.update_problem(t0(), problem.id, &edit).unwrap();
    let article = NewArticle { title: "Restart the VPN".into(), body: "Click reconnect".into(), ..Default::default() };
    let saved = store.add_article("anna", t0(), &article).unwrap();
    let changed = NewArticle { body: "Reinstall the client".into(), ..article };
    store.update_article(t0(), saved.id, &changed).unwrap();

    let some = |s: &str| Some(s.to_string());
    assert!(changes(&store, "problem").contains(&(
        "changed".into(),
        some("root_cause"),
        some(""),
        some("An old client")
    )));
    assert!(changes(&store, "knowledge").contains(&(
        "changed".into(),
        some("body"),
        some("Click reconnect"),
        some("Reinstall the client")
    )));
    for subject in ["category", "subcategory", "service", "department"] {
        assert_eq!(changes(&store, subject).len(), 1, "{subject}");
    }
    let all = store.audit(1000).unwrap();
    assert!(all.iter().all(|e| e.actor.as_deref() == Some("anna")), "who did it: {all:?}");
}

#[test]
fn a_change_made_straight_in_the_file_is_audited_without_a_name() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.add_team("Network", 2).unwrap();
    rusqlite::Connection::open(&path).unwrap().execute_batch("UPDATE teams SET line = 3").unwrap();
    let last = &store.audit(1).unwrap()[0];
    assert_eq!((last.field.as_deref(), last.old.as_deref(), last.new.as_deref()), (Some("line"), Some("2"), Some("3")));
    assert_eq!(last.actor, None, "not by anyone meldpunt knows");
    store.add_team("Security", 2).unwrap();
    assert_eq!(store.audit(2).unwrap()[1].actor, None, "and a later change in meldpunt does not claim it");
    assert_eq!(store.audit(3).unwrap()[2].actor.as_deref(), Some(meldpunt::store::audit::PROGRAM));
}

#[test]
fn a_database_of_schema_two_gets_the_audit_trail() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../src/store/sqlite/migrations/001_init.sql"),
            include_str!("../../src/store/sqlite/migrations/002_shared.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "application_id", meldpunt::store::APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch("INSERT INTO teams (name, line) VALUES ('Service Desk', 1)").unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(matches!(store.opened(), Opened::Migrated { from: 2, .. }), "{:?}", store.opened());
    assert_eq!(SCHEMA_VERSION, 5);
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
    assert!(store.audit(10).unwrap().is_empty(), "the old rows are not changes");
    store.remove_team("Service Desk").unwrap();
    assert_eq!(store.audit(10).unwrap().len(), 1);
}
