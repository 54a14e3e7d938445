//! What the store accepts, tried with the real binary: levels of the
//! matrix, names that exist (the error lists those that do), one-line
//! titles, lengths within their limits, team names that hold a comma.

use crate::sandbox;

use sandbox::{Sandbox, with_db};
use serde_json::Value;

fn refused(s: &Sandbox, args: &[&str]) -> String {
    let out = s.run(args);
    assert!(!out.status.success(), "{args:?} was accepted");
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn no_tickets(s: &Sandbox, db: &std::path::Path) -> bool {
    s.ok(&with_db(db, &["ticket", "list", "--all", "--json"])).trim() == "[]"
}

#[test]
fn impact_and_urgency_are_levels_of_the_matrix() {
    let s = Sandbox::new();
    let db = s.db();
    let new = ["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--urgency", "2"];
    let err = refused(&s, &with_db(&db, &[&new[..], &["--impact", "7"]].concat()));
    assert!(err.contains("'7' is not an impact here; these are: 1, 2, 3, 4"), "{err}");
    assert!(no_tickets(&s, &db));
    s.ok(&with_db(&db, &[&new[..], &["--impact", "1"]].concat()));
    let err = refused(&s, &with_db(&db, &["ticket", "update", "1", "--urgency", "9"]));
    assert!(err.contains("urgency") && err.contains("1, 2, 3, 4"), "{err}");
    let shown: Value = serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    assert_eq!(shown["urgency"], 2, "{shown}");
}

#[test]
fn names_must_exist_and_the_error_lists_those_that_do() {
    let s = Sandbox::new();
    let db = s.db();
    let new = |extra: &[&str]| {
        let mut args = vec!["ticket", "new", "--title", "Printer", "--reporter", "Kees"];
        args.extend_from_slice(extra);
        with_db(&db, &args).into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| refused(&s, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let err = run(new(&["--category", "Hardwear"]));
    assert!(err.contains("'Hardwear' is not a category here") && err.contains("Hardware"), "{err}");
    let err = run(new(&["--category", "Hardware", "--subcategory", "VPN"]));
    assert!(err.contains("subcategory") && err.contains("Laptop") && !err.contains("VPN,"), "{err}");
    let err = run(new(&["--team", "Sales"]));
    assert!(err.contains("'Sales' is not a team here") && err.contains("Servicedesk"), "{err}");
    let err = run(new(&["--service", "Coffee"]));
    assert!(err.contains("service") && err.contains("Printing"), "{err}");
    let err = run(new(&["--department", "Nowhere"]));
    assert!(err.contains("department"), "{err}");
    let err = run(new(&["--assignee", "nobody"]));
    assert!(err.contains("'nobody' is not a person here"), "{err}");
    assert!(no_tickets(&s, &db));
    s.ok(&new(&["--category", "Hardware", "--subcategory", "Laptop", "--team", "Workplace"])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>());
    let err =
        refused(&s, &with_db(&db, &["ticket", "major", "1", "--coordinator", "nobody", "--communication", "nobody"]));
    assert!(err.contains("'nobody' is not a person here"), "{err}");
}

#[test]
fn a_person_works_on_a_line_that_teams_have() {
    let s = Sandbox::new();
    let db = s.db();
    let err = refused(&s, &with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--line", "4"]));
    assert!(err.contains("4 is not in 1..=3"), "{err}");
    s.ok(&with_db(&db, &["team", "remove", "Infrastructure"]));
    s.ok(&with_db(&db, &["team", "remove", "Security"]));
    let err = refused(&s, &with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--line", "3"]));
    assert!(err.contains("these are: 1, 2"), "{err}");
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--line", "2"]));
}

#[test]
fn a_team_with_a_comma_stays_one_team() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["team", "add", "Sales, EMEA"]));
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--team", "Sales, EMEA", "--team", "Network"]));
    let teams: Vec<Value> = serde_json::from_str(&s.ok(&with_db(&db, &["team", "list", "--json"]))).unwrap();
    let sales = teams.iter().find(|t| t["name"] == "Sales, EMEA").expect("the team");
    assert_eq!(sales["members"], serde_json::json!(["bram"]));
    let people: Vec<Value> = serde_json::from_str(&s.ok(&with_db(&db, &["agent", "list", "--json"]))).unwrap();
    let bram = people.iter().find(|p| p["login"] == "bram").expect("bram");
    assert_eq!(bram["teams"], serde_json::json!(["Network", "Sales, EMEA"]));
    // The ticket goes to the team, and its person can take it.
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Quote", "--reporter", "Kees"]));
    s.ok(&with_db(&db, &["ticket", "assign", "1", "--team", "Sales, EMEA", "--person", "bram"]));
}

#[test]
fn titles_are_one_line_on_every_path_of_the_command_line() {
    let s = Sandbox::new();
    let db = s.db();
    for title in ["Printer\nBcc: x@example.com", "Printer\r\nBcc: x@example.com", "bad \u{1b}[2J title"] {
        let err = refused(&s, &with_db(&db, &["ticket", "new", "--title", title, "--reporter", "Kees"]));
        assert!(err.contains("must be one line"), "{err}");
    }
    assert!(no_tickets(&s, &db));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    let err = refused(&s, &with_db(&db, &["ticket", "update", "1", "--title", "Printer\nBcc: x@example.com"]));
    assert!(err.contains("must be one line"), "{err}");
    let err = refused(&s, &with_db(&db, &["ticket", "new", "--title", "Ok", "--reporter", "Kees\nBcc: y@example.com"]));
    assert!(err.contains("must be one line"), "{err}");
}

#[test]
fn every_text_has_a_limit_named_in_the_error() {
    let s = Sandbox::new();
    let db = s.db();
    let huge = "x".repeat(65_536);
    let err = refused(&s, &with_db(&db, &["team", "add", &huge]));
    assert!(err.contains("The team is longer than 100 characters"), "{err}");
    let err = refused(&s, &with_db(&db, &["agent", "add", "bram", "--name", &huge]));
    assert!(err.contains("The name is longer than 200 characters"), "{err}");
    let err = refused(&s, &with_db(&db, &["ticket", "new", "--title", "Ok", "--reporter", &huge]));
    assert!(err.contains("longer than 200"), "{err}");
    let err = refused(&s, &with_db(&db, &["problem", "new", "--title", &huge]));
    assert!(err.contains("The problem title is longer than 200 characters"), "{err}");
    let err = refused(&s, &with_db(&db, &["kb", "add", "--title", &huge, "--body", "Restart it"]));
    assert!(err.contains("The article title is longer than 200 characters"), "{err}");
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Ok", "--reporter", "Kees"]));
    let long_note = "y".repeat(20_001);
    let err = refused(&s, &with_db(&db, &["ticket", "note", "1", &long_note]));
    assert!(err.contains("The note is longer than 20000 characters"), "{err}");
    // Nothing over-long was stored, so every table still prints.
    s.ok(&with_db(&db, &["team", "list"]));
    s.ok(&with_db(&db, &["agent", "list"]));
    s.ok(&with_db(&db, &["ticket", "list"]));
}
