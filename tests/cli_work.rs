//! Working a ticket on the command line as on the screen: a priority set by
//! hand, a lead's attention, major incidents, the JSON of list and show.

mod sandbox;

use sandbox::{Sandbox, with_db};
use serde_json::Value;

fn json(s: &Sandbox, args: &[&str]) -> Value {
    serde_json::from_str(&s.ok(&with_db(&s.db(), args))).unwrap()
}

fn fails(s: &Sandbox, args: &[&str]) -> String {
    let out = s.run(&with_db(&s.db(), args));
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

/// A P3 incident (impact 3, urgency 2) with a number.
fn incident(s: &Sandbox, title: &str) -> String {
    let made = json(
        s,
        &["ticket", "new", "--title", title, "--reporter", "Anna", "--impact", "3", "--urgency", "2", "--json"],
    );
    made["number"].as_str().unwrap().to_string()
}

#[test]
fn a_priority_against_the_matrix_needs_a_reason_and_is_recorded_as_the_wizard_records_it() {
    let s = Sandbox::new();
    let n = incident(&s, "Printer jammed");
    let err = fails(&s, &["ticket", "update", &n, "--priority", "P1"]);
    assert!(err.contains("needs a reason"), "{err}");
    assert_eq!(json(&s, &["ticket", "show", &n, "--json"])["priority"], "P3", "nothing changed");

    s.ok(&with_db(&s.db(), &["ticket", "update", &n, "--priority", "P1", "--reason", "The CEO cannot print"]));
    let shown = json(&s, &["ticket", "show", &n, "--json"]);
    assert_eq!(shown["priority"], "P1");
    let events = shown["events"].as_array().unwrap();
    let over = events.iter().find(|e| e["kind"] == "override").expect("an override event");
    assert_eq!(over["field"], "priority");
    assert_eq!(over["old"], "P3");
    assert_eq!(over["new"], "P1");
    assert_eq!(over["note"], "The CEO cannot print");
    let text = s.ok(&with_db(&s.db(), &["ticket", "show", &n]));
    assert!(text.contains("set priority P1 instead of P3 (matrix): The CEO cannot print"), "{text}");

    // The matrix's own priority needs no reason.
    s.ok(&with_db(&s.db(), &["ticket", "update", &n, "--priority", "P3"]));
    // Without impact and urgency there is no matrix to differ from.
    let bare = json(&s, &["ticket", "new", "--title", "Bare", "--reporter", "Bob", "--json"]);
    let bare = bare["number"].as_str().unwrap();
    let err = fails(&s, &["ticket", "update", bare, "--priority", "P2", "--reason", "why not"]);
    assert!(err.contains("impact and urgency first"), "{err}");
}
