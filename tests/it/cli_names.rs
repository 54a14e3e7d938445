//! Names given on the command line are checked against what exists.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

/// Names given on the command line are checked: an escalation to the third
/// line goes to a third-line team, a report is of a team that exists.
#[test]
fn an_escalation_goes_to_a_team_of_that_line_and_a_report_to_a_known_team() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    s.ok(&with_db(&db, &["team", "add", "Sales, EMEA", "--line", "2"]));
    let out = s.run(&with_db(
        &db,
        &["ticket", "escalate", "1", "--to", "line3", "--team", "Sales, EMEA", "--reason", "Needs the vendor"],
    ));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("works on line 2, not on line 3"), "{err}");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]));
    assert!(!shown.contains("Sales, EMEA"), "{shown}");
    s.ok(&with_db(
        &db,
        &["ticket", "escalate", "1", "--to", "line2", "--team", "Sales, EMEA", "--reason", "Needs the vendor"],
    ));
    let out = s.run(&with_db(&db, &["report", "volume", "--team", "Nope"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("'Nope' is not a team here") && err.contains("\"Sales, EMEA\""), "{err}");
    s.ok(&with_db(&db, &["report", "volume", "--team", "Sales, EMEA"]));
}

/// A seed value typed by its Dutch name is the same value: stored by its
/// stable name, shown in Dutch to a Dutch user.
#[test]
fn a_department_typed_in_dutch_is_the_seed_department() {
    let s = Sandbox::new();
    let db = s.db();
    let new = ["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--department", "Financiën"];
    s.ok(&with_db(&db, &new));
    s.ok(&with_db(&db, &["ticket", "update", "1", "--service", "werkplek"]));
    let shown: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    assert_eq!(shown["reporter"]["department"], "Finance", "{shown}");
    assert_eq!(shown["service"], "Workplace", "{shown}");
    let out = s.run_with(&with_db(&db, &["ticket", "show", "1"]), &[("LANG", "nl_NL.UTF-8")]);
    let dutch = String::from_utf8_lossy(&out.stdout);
    assert!(dutch.contains("Financiën") && dutch.contains("Werkplek"), "{dutch}");
}

/// Reports name seed values in the user's language, as the screen does.
#[test]
fn a_dutch_report_names_seed_categories_and_services_in_dutch() {
    let s = Sandbox::new();
    let db = s.db();
    let new = ["ticket", "new", "--title", "Switch down", "--reporter", "Kees", "--category", "Network"];
    s.ok(&with_db(&db, &new));
    s.ok(&with_db(&db, &["ticket", "update", "1", "--service", "Workplace"]));
    let out = s.run_with(&with_db(&db, &["report", "volume"]), &[("LANG", "nl_NL.UTF-8")]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Netwerk") && shown.contains("Werkplek"), "{shown}");
    assert!(!shown.contains("Network"), "{shown}");
}
