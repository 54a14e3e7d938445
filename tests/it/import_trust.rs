//! Importing other people's files with the real binary: an import grants
//! nothing, every row stays with its ticket, and every value is checked as
//! the command line checks it; one bad value imports nothing.

use crate::exports;
use crate::sandbox;

use exports::{exported, import, line_of, target, tickets, write};

use sandbox::{Sandbox, with_db};
use serde_json::{Value, json};

#[test]
fn a_bad_date_is_refused_naming_ticket_field_and_line_and_nothing_changes() {
    let s = Sandbox::new();
    let (_, mut export) = exported(&s);
    export["tickets"][1]["ticket"]["created_at"] = json!("yesterday");
    let file = write(&s, &export);
    let db = target(&s);
    let before = tickets(&s, &db);

    let out = import(&s, &db, &file, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = line_of(&file, "\"yesterday\"");
    assert!(err.contains("INC-000002"), "{err}");
    assert!(err.contains("created_at") && err.contains(&format!("line {line}")), "{err}");
    assert!(err.contains("'yesterday' is not a time"), "{err}");
    // Nothing came in, and everything still works for everyone.
    assert_eq!(tickets(&s, &db), before);
    s.ok(&with_db(&db, &["ticket", "list"]));
    s.ok(&with_db(&db, &["report", "daily"]));
}

#[test]
fn values_are_checked_as_the_command_line_checks_them() {
    let s = Sandbox::new();
    let (_, export) = exported(&s);
    let db = target(&s);
    let cases: [(&str, Value, &str); 7] = [
        ("closure_code", json!("bogus"), "'bogus' is not a closure code here; these are: "),
        ("impact", json!(7), "is not an impact here; these are: 1, 2, 3, 4"),
        ("status", json!("done"), "new, assigned"),
        ("priority", json!(9), "from 0 to 4"),
        ("title", json!("Printer\nBcc: x@example.com"), "must be one line"),
        ("team", json!("Nobody's team"), "is not a team here"),
        ("reporter_name", json!("x".repeat(70_000)), "longer than 200"),
    ];
    for (field, value, expected) in cases {
        let mut bad = export.clone();
        bad["tickets"][0]["ticket"][field] = value;
        let out = import(&s, &db, &write(&s, &bad), &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{field}");
        assert!(err.contains(&format!("tickets.{field}")) && err.contains(expected), "{field}: {err}");
    }
    let mut bad = export.clone();
    bad["tickets"][0]["reviews"] = json!([{"ticket_id": 1, "updated_at": 0, "updated_by": "tester"}]);
    bad["tickets"][0]["review_actions"] = json!([{"description": "Fix", "owner": "bram", "due": "soon", "done": 0}]);
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("review_actions.due: 'soon' is not a day"), "{err}");
    let mut bad = export.clone();
    bad["tickets"][0]["ticket"].as_object_mut().unwrap().remove("created_at");
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("tickets.created_at: created_at is missing"), "{err}");
    let count = s.ok(&with_db(&db, &["ticket", "list", "--all", "--json"]));
    assert_eq!(serde_json::from_str::<Vec<Value>>(&count).unwrap().len(), 1, "nothing came in");
}

#[test]
fn a_row_under_one_ticket_cannot_reach_another() {
    let s = Sandbox::new();
    let (_, mut export) = exported(&s);
    let db = target(&s);
    // Ticket 2 of the file carries a back-dated note for ticket 1 of the target.
    export["tickets"].as_array_mut().unwrap().remove(0);
    let mut note = export["tickets"][0]["events"][0].clone();
    note["ticket_id"] = json!(1);
    note["at"] = json!(0);
    note["actor"] = json!("the boss");
    export["tickets"][0]["events"].as_array_mut().unwrap().push(note);
    let file = write(&s, &export);
    let out = import(&s, &db, &file, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("events.ticket_id") && err.contains("INC-000002"), "{err}");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]));
    assert!(!shown.contains("the boss"), "{shown}");
}

#[test]
fn people_and_settings_never_come_in_unasked_and_roles_never_rise() {
    let s = Sandbox::new();
    let (_, mut export) = exported(&s);
    let db = target(&s);
    export["reference"]["agents"] = json!([
        {"id": 1, "login": "mallory", "name": "Mallory", "email": null, "line": 1, "role": "admin", "active": 1},
        {"id": 2, "login": "bram", "name": "Bram", "email": null, "line": 1, "role": "admin", "active": 1},
    ]);
    export["reference"]["settings"] =
        json!([{"key": "trust_config_user", "value": "yes"}, {"key": "unknown_user_role", "value": "admin"}]);
    let file = write(&s, &export);
    let settings = s.ok(&with_db(&db, &["setting", "list"]));

    let out = import(&s, &db, &file, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("2 people in the file were left out") && err.contains("2 settings in the file were ignored"));
    let people = s.ok(&with_db(&db, &["agent", "list"]));
    assert!(!people.contains("mallory"), "{people}");

    // An operator may not bring people in at all.
    let args = ["import", file.to_str().unwrap(), "--format", "json", "--with-people", "--existing", "update"];
    let bram = s.dir.path().join("bram/.config");
    std::fs::create_dir_all(bram.join("meldpunt")).unwrap();
    std::fs::write(bram.join("meldpunt/config.toml"), "user = \"bram\"\n").unwrap();
    let out = s.run_with(&with_db(&db, &args), &[("XDG_CONFIG_HOME", bram.to_str().unwrap())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bram is operator"), "{err}");
    assert!(!out.status.success());

    // An admin may; someone already here keeps their role, and nobody
    // comes in as an admin.
    s.ok(&with_db(&db, &args));
    let people = s.ok(&with_db(&db, &["agent", "list", "--json"]));
    let people: Vec<Value> = serde_json::from_str(&people).unwrap();
    let role = |login: &str| people.iter().find(|p| p["login"] == login).map(|p| p["role"].clone());
    assert_eq!(role("bram"), Some(json!("operator")));
    assert_eq!(role("mallory"), Some(json!("operator")));
    assert_eq!(s.ok(&with_db(&db, &["setting", "list"])), settings, "no setting changed");
}

#[test]
fn a_csv_title_with_a_line_break_names_its_line() {
    let s = Sandbox::new();
    let db = s.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let mapping = db.with_file_name("mapping.toml");
    std::fs::write(
        &mapping,
        "date_format = \"%Y-%m-%d\"\n[columns]\ntitle = \"Subject\"\nreporter = \"Caller\"\ncreated_at = \"Opened\"\nimpact = \"Impact\"\n",
    )
    .unwrap();
    let rows = db.with_file_name("rows.csv");
    std::fs::write(
        &rows,
        "Subject,Caller,Opened,Impact\nFine,Anna,2026-11-01,1\n\"Printer\nBcc: x@example.com\",Kees,2026-11-02,2\n",
    )
    .unwrap();
    let out = s.run(&with_db(&db, &["import", rows.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("line 3") && err.contains("title") && err.contains("one line"), "{err}");

    // A level the matrix does not have is refused too.
    std::fs::write(&rows, "Subject,Caller,Opened,Impact\nFine,Anna,2026-11-01,7\n").unwrap();
    let out = s.run(&with_db(&db, &["import", rows.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("line 2: impact") && err.contains("1, 2, 3, 4"), "{err}");

    // So is a team, a person or a category this servicedesk does not have.
    let mapping_with = |column: &str| {
        let text = format!(
            "date_format = \"%Y-%m-%d\"\n[columns]\ntitle = \"Subject\"\nreporter = \"Caller\"\ncreated_at = \"Opened\"\n{column} = \"Where\"\n"
        );
        std::fs::write(&mapping, text).unwrap();
    };
    for (column, value, expected) in [
        ("team", "Sales", "'Sales' is not a team here"),
        ("assignee", "nobody", "'nobody' is not a person here"),
        ("category", "Hardwear", "'Hardwear' is not a category here"),
    ] {
        mapping_with(column);
        std::fs::write(&rows, format!("Subject,Caller,Opened,Where\nFine,Anna,2026-11-01,{value}\n")).unwrap();
        let out = s.run(&with_db(&db, &["import", rows.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains("line 2") && err.contains(expected), "{err}");
    }
    assert!(s.ok(&with_db(&db, &["ticket", "list", "--all", "--json"])).trim() == "[]");
}

#[test]
fn history_may_name_a_team_that_has_gone_and_it_stays_gone() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["team", "add", "Old desk"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--team", "Old desk"]));
    s.ok(&with_db(&db, &["team", "remove", "Old desk"]));
    let export: Value = serde_json::from_str(&s.ok(&with_db(&db, &["export"]))).unwrap();
    let file = write(&s, &export);
    let copy = db.with_file_name("copy.db");
    let out = import(&s, &copy, &file, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let teams: Vec<Value> = serde_json::from_str(&s.ok(&with_db(&copy, &["team", "list", "--json"]))).unwrap();
    let old = teams.iter().find(|t| t["name"] == "Old desk").expect("the team came along");
    assert_eq!(old["active"], false);
    // A new ticket cannot go to it.
    let out =
        s.run(&with_db(&copy, &["ticket", "new", "--title", "Again", "--reporter", "Kees", "--team", "Old desk"]));
    assert!(!out.status.success());
}

#[test]
fn links_stay_within_the_file_and_problems_get_numbers_of_their_own() {
    let s = Sandbox::new();
    let (source, _) = exported(&s);
    s.ok(&with_db(&source, &["problem", "new", "--title", "Theirs", "--incident", "2"]));
    let mut export: Value = serde_json::from_str(&s.ok(&with_db(&source, &["export"]))).unwrap();
    let db = target(&s);
    s.ok(&with_db(&db, &["problem", "new", "--title", "Ours"]));
    let problem_of = |ticket: i64| -> Option<String> {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT p.title FROM tickets t JOIN problems p ON p.id = t.problem_id WHERE t.id = ?1",
            [ticket],
            |r| r.get(0),
        )
        .ok()
    };
    // A ticket of the file may not make itself a child of one of ours.
    let mut bad = export.clone();
    bad["tickets"][1]["ticket"]["parent_id"] = json!(1);
    bad["tickets"].as_array_mut().unwrap().remove(0);
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("tickets.parent_id") && err.contains("INC-000002"), "{err}");

    // The file's problem 1 is its own, not ours.
    export["tickets"].as_array_mut().unwrap().remove(0);
    let out = import(&s, &db, &write(&s, &export), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(problem_of(2).as_deref(), Some("Theirs"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ours: String = conn.query_row("SELECT title FROM problems WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(ours, "Ours");
    // Again: nothing twice.
    let again = import(&s, &db, &write(&s, &export), &[]);
    assert!(again.status.success());
    let count: i64 = conn.query_row("SELECT count(*) FROM problems", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 2);
}

#[test]
fn a_name_already_here_is_passed_over_and_a_null_where_a_value_is_needed_is_refused() {
    let s = Sandbox::new();
    let (_, mut export) = exported(&s);
    let db = target(&s);
    let before = tickets(&s, &db);

    // A status left empty: the column has a default, but is never empty.
    let mut bad = export.clone();
    bad["tickets"][1]["ticket"]["status"] = Value::Null;
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("INC-000002") && err.contains("tickets.status: status is missing"), "{err}");
    // A note without its kind.
    let mut bad = export.clone();
    bad["tickets"][0]["entries"][0]["kind"] = Value::Null;
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("entries.kind: kind is missing"), "{err}");
    // A restriction to no team at all: part of its row's key.
    let mut bad = export.clone();
    bad["tickets"][1]["ticket_access"] = json!([{"team": null}]);
    let out = import(&s, &db, &write(&s, &bad), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("ticket_access.team: team is missing"), "{err}");
    assert_eq!(tickets(&s, &db), before, "nothing came in");

    // The same team and service twice over, under other ids: both are
    // here already, so they are passed over and the tickets come in.
    for list in ["teams", "services"] {
        let reference = export["reference"][list].as_array_mut().expect("a list");
        let mut again = reference[0].clone();
        again["id"] = json!(900);
        reference.push(again);
    }
    let team = export["reference"]["teams"][0]["name"].as_str().unwrap().to_string();
    let out = import(&s, &db, &write(&s, &export), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let list = s.ok(&with_db(&db, &["ticket", "list", "--all", "--json"]));
    // The target's own ticket and the file's second: its first has a
    // number the target has already, and is skipped.
    assert_eq!(serde_json::from_str::<Vec<Value>>(&list).unwrap().len(), 2, "{list}");
    assert!(list.contains("VPN down") && list.contains("Our own ticket"), "{list}");
    let teams = s.ok(&with_db(&db, &["team", "list"]));
    assert_eq!(teams.lines().filter(|l| l.split_whitespace().next() == Some(team.as_str())).count(), 1, "{teams}");
}
