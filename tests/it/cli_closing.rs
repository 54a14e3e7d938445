//! Closing, reviews, problems and knowledge on the command line, with the
//! real binary.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

/// A sandbox with one resolved P1 incident (number 1) and a database path.
fn resolved_p1() -> (Sandbox, String) {
    let s = Sandbox::new();
    let db = s.db().to_str().unwrap().to_string();
    s.ok(&with_db(
        &s.db(),
        &["ticket", "new", "--title", "Mail down", "--reporter", "Piet", "--email", "piet@example.nl"],
    ));
    s.ok(&with_db(&s.db(), &["ticket", "update", "1", "--impact", "1", "--urgency", "1"]));
    s.ok(&with_db(&s.db(), &["ticket", "status", "1", "in_progress"]));
    s.ok(&with_db(&s.db(), &["ticket", "status", "1", "resolved"]));
    (s, db)
}

#[test]
fn closing_on_the_command_line_follows_the_checklist_and_the_review() {
    let (s, db) = resolved_p1();
    let run = |args: &[&str]| s.ok(&[&["--db", db.as_str()], args].concat());
    let fail = |args: &[&str]| {
        let out = s.run(&[&["--db", db.as_str()], args].concat());
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).to_string()
    };

    // Refused while the checklist is open; the message names what is missing.
    let refused = fail(&["ticket", "close", "1", "--code", "solved"]);
    assert!(refused.contains("Service restored and verified") && refused.contains("review"), "{refused}");
    let refused = fail(&["ticket", "check", "1", "service_restord"]);
    assert!(refused.contains("service_restored"), "known names are listed: {refused}");

    let list = run(&["ticket", "check", "1"]);
    assert!(list.contains("[ ]  service_restored") && list.contains("feedback_asked"), "{list}");
    run(&["ticket", "check", "1", "service_restored", "reporter_confirmed", "cause_recorded"]);
    run(&["ticket", "check", "1", "measures_recorded", "solution_recorded"]);
    // The summary template ticks its item when it is recorded.
    run(&["ticket", "update", "1", "--cause", "Certificate expired"]);
    run(&["ticket", "notify", "1", "--template", "summary", "--record-only"]);
    let list = run(&["ticket", "check", "1"]);
    assert!(list.contains("[x]  summary_sent"), "{list}");
    let shown = run(&["ticket", "show", "1"]);
    assert!(shown.contains("Certificate expired"), "the summary carries the cause: {shown}");

    // A P1 needs its review.
    let refused = fail(&["ticket", "close", "1", "--code", "solved"]);
    assert!(refused.contains("review") && !refused.contains("not ticked"), "{refused}");
    let incomplete = fail(&["review", "set", "1", "--what-happened", "No mail", "--complete"]);
    assert!(incomplete.contains("recommendations"), "{incomplete}");
    assert!(fail(&["review", "show", "1"]).contains("no post-incident review"), "a refused review stores nothing");
    run(&[
        "review",
        "set",
        "1",
        "--what-happened",
        "No mail",
        "--cause",
        "Certificate expired",
        "--recommendations",
        "Monitor expiry dates",
        "--action",
        "Alert 30 days ahead | bram | 2026-12-01",
        "--complete",
    ]);
    let review: serde_json::Value = serde_json::from_str(&run(&["review", "show", "1", "--json"])).unwrap();
    assert_eq!(review["what_happened"], "No mail");
    assert_eq!(review["actions"][0]["owner"], "bram");

    assert!(run(&["ticket", "close", "1", "--code", "solved", "--solution", "Renewed, monitored"]).contains("Closed"));
    let shown: serde_json::Value = serde_json::from_str(&run(&["ticket", "show", "1", "--json"])).unwrap();
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["closure_code"], "solved");
    run(&["feedback", "1", "--score", "5", "--comment", "Quick"]);
    assert!(fail(&["feedback", "1", "--score", "9"]).contains('9'));

    // The review as a document, with the timeline.
    let path = s.dir.path().join("review.md");
    run(&["review", "export", "1", "--output", path.to_str().unwrap()]);
    let doc = std::fs::read_to_string(&path).unwrap();
    assert!(doc.starts_with("# Post-incident review: INC-000001 Mail down"), "{doc}");
    assert!(doc.contains("| Alert 30 days ahead | bram | 2026-12-01 | no |"), "{doc}");
    assert!(doc.contains("## Timeline") && doc.contains("ticked: Service restored and verified"), "{doc}");
    assert!(doc.contains("Status: Resolved → Closed"), "{doc}");
    assert!(doc.contains("## Messages to reporters"), "{doc}");
}

#[test]
fn duplicates_problems_and_knowledge_on_the_command_line() {
    let s = Sandbox::new();
    let run = |args: &[&str]| s.ok(&with_db(&s.db(), args));
    for title in ["Printer jams", "Printer jams again", "Printer jams once more"] {
        run(&[
            "ticket",
            "new",
            "--title",
            title,
            "--reporter",
            "Kees",
            "--service",
            "Printing",
            "--category",
            "Hardware",
        ]);
    }
    assert!(run(&["ticket", "duplicate", "3", "--of", "2"]).contains("INC-000002"));
    let shown: serde_json::Value = serde_json::from_str(&run(&["ticket", "show", "3", "--json"])).unwrap();
    assert_eq!((shown["status"].as_str(), shown["closure_code"].as_str()), (Some("closed"), Some("duplicate")));

    // The duplicate does not count: two remain.
    assert!(!run(&["problem", "recurring"]).contains("Printing"));
    let recurring = run(&["problem", "recurring", "--min", "2"]);
    assert!(recurring.contains("Printing") && recurring.contains("Hardware"), "{recurring}");
    assert!(run(&["problem", "new", "--title", "Rollers wear out", "--incident", "1"]).contains("PRB-000001"));
    run(&["problem", "link", "PRB-000001", "2"]);
    run(&["problem", "update", "1", "--status", "known_error", "--workaround", "Use tray 2"]);
    let bad = s.run(&with_db(&s.db(), &["problem", "update", "1", "--status", "fixed"]));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("known_error"));
    let shown = run(&["problem", "show", "PRB-000001"]);
    assert!(shown.contains("known error") && shown.contains("Use tray 2"), "{shown}");
    assert!(shown.contains("INC-000001") && shown.contains("INC-000002"), "{shown}");
    let list: serde_json::Value = serde_json::from_str(&run(&["problem", "list", "--json"])).unwrap();
    assert_eq!(list[0]["incidents"], 2);
    run(&["problem", "unlink", "2"]);
    let list: serde_json::Value = serde_json::from_str(&run(&["problem", "list", "--json"])).unwrap();
    assert_eq!(list[0]["incidents"], 1);

    run(&["kb", "add", "--title", "Clearing a jam", "--body", "Open the side panel.", "--tag", "printer"]);
    let found = run(&["kb", "search", "side", "panel"]);
    assert!(found.contains("KB-000001") && found.contains("Clearing a jam"), "{found}");
    assert!(!run(&["kb", "search", "toner"]).contains("KB-000001"));
    assert!(run(&["kb", "show", "1"]).contains("Open the side panel."));
    run(&["kb", "apply", "KB-000001", "1"]);
    let events: serde_json::Value = serde_json::from_str(&run(&["ticket", "show", "1", "--json"])).unwrap();
    let kinds: Vec<&str> = events["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"knowledge") && kinds.contains(&"problem"), "{kinds:?}");
}

#[test]
fn reports_on_the_command_line_in_every_format() {
    let s = Sandbox::new();
    let run = |args: &[&str]| s.ok(&with_db(&s.db(), args));
    for (title, dept) in [("VPN down", "Finance"), ("VPN slow", "Finance"), ("Printer", "Sales")] {
        run(&["ticket", "new", "--title", title, "--reporter", "Kees", "--department", dept, "--category", "Network"]);
    }
    let table = run(&["report", "volume", "--period", "today"]);
    assert!(table.starts_with("Volume · ") && table.contains("Finance") && table.contains("66.7%"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["report", "volume", "--period", "today", "--format", "json"])).unwrap();
    assert_eq!(json["report"], "volume");
    let by_department = json["sections"].as_array().unwrap().iter().find(|s| s["title"] == "By department").unwrap();
    assert_eq!(by_department["rows"][0], serde_json::json!(["Finance", 2, 0.6667]));
    let csv = run(&["report", "volume", "--period", "today", "--format", "csv", "--department", "Sales"]);
    assert!(csv.contains("By department\nDepartment,Tickets,Share\nSales,1,1\n"), "{csv}");
    let md = run(&["report", "daily", "--format", "markdown"]);
    assert!(md.starts_with("# Daily overview") && md.contains("| Registered today | 3 |"), "{md}");
    let bad = s.run(&with_db(&s.db(), &["report", "volumes"]));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("volume"), "the names are listed");
    let bad = s.run(&with_db(&s.db(), &["report", "sla", "--from", "2026-13-01", "--to", "2026-12-01"]));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}
