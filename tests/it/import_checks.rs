//! What an export brought back in may hold, with the real binary: times
//! and targets within sane ranges, history that means something, people
//! who come in with no more than a technician's role, a dry run that checks
//! all the real run checks, and an update that never rewrites history.

use crate::exports;
use crate::sandbox;

use exports::{exported, import, line_of, target, tickets, write};

use sandbox::{Sandbox, with_db};
use serde_json::{Value, json};

/// Refused with the ticket, the field and its line, by the dry run and by
/// the import alike, and nothing changed.
fn refused(s: &Sandbox, db: &std::path::Path, file: &std::path::Path, field: &str, needle: &str, says: &str) {
    let before = tickets(s, db);
    let line = line_of(file, needle);
    let mut errors = Vec::new();
    for extra in [&["--dry-run"][..], &[]] {
        let out = import(s, db, file, extra);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "{extra:?} {field}: {err}");
        assert!(err.contains("INC-000002"), "{err}");
        assert!(err.contains(field) && err.contains(&format!("line {line}")), "{field} line {line}: {err}");
        assert!(err.contains(says), "{field}: {err}");
        errors.push(err);
    }
    assert_eq!(errors[0], errors[1], "the dry run reports what the import reports");
    assert_eq!(tickets(s, db), before);
}

#[test]
fn service_level_values_beyond_a_year_are_refused_naming_ticket_field_and_line() {
    let s = Sandbox::new();
    let export = exported(&s).1;
    let db = target(&s);
    let cases = [
        ("sla_resolution_secs", json!(1_000_000_000_000_i64), "from 0 to 31622400"),
        ("sla_response_secs", json!(-5), "from 0 to 31622400"),
        ("resolution_left", json!(1_000_000_000_000_i64), "from -31622400 to 31622400"),
        ("close_secs", json!(-5_076_000_000_i64), "from 0 to"),
    ];
    for (field, value, says) in cases {
        let mut export = export.clone();
        export["tickets"][1]["ticket"][field] = value.clone();
        let file = write(&s, &export);
        refused(&s, &db, &file, &format!("tickets.{field}"), &format!("\"{field}\": {value}"), says);
    }
}

#[test]
fn times_history_checklist_and_address_are_checked_as_the_command_line_would() {
    let s = Sandbox::new();
    let export = exported(&s).1;
    let db = target(&s);
    let created = export["tickets"][1]["ticket"]["created_at"].as_i64().unwrap();

    let mut far = export.clone();
    far["tickets"][1]["ticket"]["created_at"] = json!(253_402_300_000_i64);
    let file = write(&s, &far);
    refused(&s, &db, &file, "tickets.created_at", "253402300000", "is not a time from 1970 up to a day from now");

    let mut early = export.clone();
    early["tickets"][1]["ticket"]["resolved_at"] = json!(created - 3600);
    let file = write(&s, &early);
    let needle = format!("\"resolved_at\": {}", created - 3600);
    refused(&s, &db, &file, "tickets.resolved_at", &needle, "before the moment the ticket was created");

    let mut address = export.clone();
    address["tickets"][1]["ticket"]["reporter_email"] = json!("\"kees@example.com\" <attacker@evil.com>");
    let file = write(&s, &address);
    refused(&s, &db, &file, "tickets.reporter_email", "attacker@evil.com", "is not an e-mail address");

    let event = |field: &str, value: &str| {
        json!({"id": 90, "ticket_id": 2, "at": created + 60, "actor": "tester", "kind": "changed",
               "field": field, "old_value": null, "new_value": value, "note": null})
    };
    for (field, value) in [("status", "bogus"), ("priority", "P9")] {
        let mut history = export.clone();
        history["tickets"][1]["events"].as_array_mut().unwrap().push(event(field, value));
        let file = write(&s, &history);
        refused(&s, &db, &file, "events.new_value", &format!("\"{value}\""), &format!("'{value}' is not a value here"));
    }

    let mut checklist = export.clone();
    checklist["tickets"][1]["checklist"] =
        json!([{"ticket_id": 2, "item": "made_up_item", "at": created + 60, "actor": "tester"}]);
    let file = write(&s, &checklist);
    refused(&s, &db, &file, "checklist.item", "made_up_item", "'made_up_item' is not a value here");
}

#[test]
fn a_dry_run_of_a_sound_file_tells_what_would_come_in_and_keeps_nothing() {
    let s = Sandbox::new();
    let export = exported(&s).1;
    let db = target(&s);
    let file = write(&s, &export);
    let before = tickets(&s, &db);
    let out = import(&s, &db, &file, &["--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 tickets would be imported"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2 tickets in the file") && !said.contains("rows read"), "{said}");
    assert_eq!(tickets(&s, &db), before);
}

#[test]
fn people_come_in_as_technicians_at_most_and_people_here_keep_their_teams() {
    let s = Sandbox::new();
    let mut export = exported(&s).1;
    let db = target(&s);
    export["reference"]["teams"] = json!([
        {"id": 7, "name": "Security", "line": 2, "active": 1},
        {"id": 8, "name": "Desk", "line": 1, "active": 1},
    ]);
    export["reference"]["agents"] = json!([
        {"id": 1, "login": "mallory", "name": "Mallory", "email": null, "line": 1, "role": "admin", "active": 1},
        {"id": 2, "login": "lena", "name": "Lena", "email": null, "line": 2, "role": "lead", "active": 1},
        {"id": 3, "login": "tom", "name": "Tom", "email": null, "line": 2, "role": "technician", "active": 1},
        {"id": 4, "login": "bram", "name": "Bram", "email": null, "line": 1, "role": "operator", "active": 1},
    ]);
    export["reference"]["agent_teams"] = json!([
        {"agent_id": 4, "team_id": 7},
        {"agent_id": 3, "team_id": 8},
    ]);
    let file = write(&s, &export);
    // The dry run tells the same, and brings nobody in.
    let out = import(&s, &db, &file, &["--with-people", "--dry-run"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.contains("came in: mallory as operator"), "{err}");
    assert!(!s.ok(&with_db(&db, &["agent", "list"])).contains("mallory"));
    let out = import(&s, &db, &file, &["--with-people"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("came in: mallory as operator (the file says admin"), "{err}");
    assert!(err.contains("came in: lena as operator (the file says lead"), "{err}");
    assert!(err.contains("came in: tom as technician"), "{err}");
    assert!(!err.contains("came in: bram"), "{err}");
    assert!(err.contains("1 team memberships of people already here were left out"), "{err}");

    let people: Vec<Value> = serde_json::from_str(&s.ok(&with_db(&db, &["agent", "list", "--json"]))).unwrap();
    let person = |login: &str| people.iter().find(|p| p["login"] == login).cloned().unwrap();
    assert_eq!(person("mallory")["role"], json!("operator"));
    assert_eq!(person("lena")["role"], json!("operator"));
    assert_eq!(person("tom")["role"], json!("technician"));
    let teams = |login: &str| person(login)["teams"].to_string();
    assert!(!teams("bram").contains("Security"), "{}", teams("bram"));
    assert!(teams("tom").contains("Desk"), "{}", teams("tom"));
}

#[test]
fn an_update_keeps_every_note_and_event_and_adds_the_changes_as_new_events() {
    let s = Sandbox::new();
    let mut export = exported(&s).1;
    let db = target(&s);
    s.ok(&with_db(&db, &["ticket", "note", "1", "Our own note"]));
    let history = |db: &std::path::Path| -> Value {
        serde_json::from_str(&s.ok(&with_db(db, &["ticket", "show", "1", "--json"]))).unwrap()
    };
    let before = history(&db);
    // The file's ticket 1 carries a forged, back-dated event and no notes.
    export["tickets"][0]["ticket"]["title"] = json!("Printer jams on floor 2");
    export["tickets"][0]["entries"] = json!([]);
    export["tickets"][0]["events"] = json!([{"id": 1, "ticket_id": 1, "at": 1000, "actor": "mallory",
        "kind": "changed", "field": "assignee", "old_value": null, "new_value": "mallory", "note": null}]);
    let file = write(&s, &export);
    let out = import(&s, &db, &file, &["--existing", "update"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Imported 2 tickets (1 of them updating one there already)"), "{said}");

    let after = history(&db);
    assert_eq!(after["title"], json!("Printer jams on floor 2"));
    let text = after.to_string();
    assert!(!text.contains("mallory"), "nothing forged came in: {text}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let notes: Vec<String> = conn
        .prepare("SELECT body FROM entries WHERE ticket_id = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(notes, ["Our own note"], "the note here stays");
    let events = |t: &Value| t["events"].as_array().cloned().unwrap_or_default();
    let (old, new) = (events(&before), events(&after));
    assert!(!old.is_empty());
    assert_eq!(&new[..old.len()], &old[..], "earlier events stay as they were");
    let added = &new[old.len()..];
    assert!(added.iter().any(|e| e["field"] == json!("title")), "{added:?}");
    assert!(added.iter().all(|e| e["field"] != json!("updated_at")), "{added:?}");
    assert!(after["updated_at"].as_str() >= before["updated_at"].as_str(), "updated now");
    let first = old[0]["at"].as_str().map(str::to_string);
    assert!(added.iter().all(|e| e["at"].as_str().map(str::to_string) >= first), "{added:?}");
}

const HEADER: &str = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";

fn row(number: &str, state: &str, updated: &str) -> String {
    format!(
        "{number},{state},true,0,0,0,true,Caller 1,Opened by  8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,Updated by 21,{updated},Phone,Location 1,Category 5,Subcategory 7,Symptom 9,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 1,29/2/2016 11:29,5/3/2016 12:00"
    )
}

#[test]
fn a_servicenow_update_never_erases_a_note_made_here() {
    let s = Sandbox::new();
    let db = s.db();
    let file = db.with_file_name("sn.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let first = [HEADER.to_string(), row("INC1", "New", "29/2/2016 01:23")];
    std::fs::write(&file, first.join("\n")).unwrap();
    let path = file.to_str().unwrap();
    s.ok(&with_db(&db, &["import", path]));
    // The same file again replaces what it brought: nothing here is lost.
    s.ok(&with_db(&db, &["import", path, "--existing", "update"]));

    s.ok(&with_db(&db, &["ticket", "note", "1", "Called the caller back"]));
    let later = [first[0].clone(), first[1].clone(), row("INC1", "Active", "29/2/2016 02:00")];
    std::fs::write(&file, later.join("\n")).unwrap();
    for extra in [&["--dry-run"][..], &[]] {
        let mut args = vec!["import", path, "--existing", "update"];
        args.extend_from_slice(extra);
        let out = s.run(&with_db(&db, &args));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{err}");
        assert!(err.contains("INC1") && err.contains("an update would erase them"), "{err}");
    }
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1"]));
    assert!(shown.contains("Called the caller back"), "{shown}");
}

/// A ServiceNow file refused, and what its errors say.
fn servicenow_refused(s: &Sandbox, name: &str, text: &str) -> String {
    let db = s.db();
    let file = db.with_file_name(name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    let out = s.run(&with_db(&db, &["import", file.to_str().unwrap()]));
    assert!(!out.status.success(), "{name}");
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn servicenow_rows_are_checked_with_their_line_whatever_the_line_ends() {
    let s = Sandbox::new();
    let good = row("INC1", "New", "29/2/2016 01:23");
    let bad_date = row("INC2", "New", "31/2/2016 01:23");
    let crlf = format!("{HEADER}\r\n{good}\r\n{bad_date}\r\n");
    let err = servicenow_refused(&s, "crlf.csv", &crlf);
    assert!(err.contains("line 3: sys_updated_at"), "{err}");

    let early = row("INC2", "New", "28/2/1969 01:23");
    let err = servicenow_refused(&s, "early.csv", &format!("{HEADER}\n{good}\n{early}\n"));
    assert!(err.contains("line 3: sys_updated_at: '28/2/1969 01:23' lies before 1970"), "{err}");

    let actor = row("INC2", "New", "29/2/2016 01:23").replace("Updated by 21", "Mallory\u{1b}[2J");
    let err = servicenow_refused(&s, "actor.csv", &format!("{HEADER}\n{good}\n{actor}\n"));
    assert!(err.contains("line 3: sys_updated_by: must be one line"), "{err}");

    let long = "N".repeat(100_000);
    let number = row(&long, "New", "29/2/2016 01:23");
    let err = servicenow_refused(&s, "number.csv", &format!("{HEADER}\n{good}\n{number}\n"));
    assert!(err.contains("line 3: number: is longer than"), "{err}");

    let level = row("INC2", "New", "29/2/2016 01:23").replacen("2 - Medium,2 - Medium", "2 - Medium,9 - Medium", 1);
    let err = servicenow_refused(&s, "level.csv", &format!("{HEADER}\n{good}\n{level}\n"));
    assert!(err.contains("line 3: urgency: '9'"), "{err}");
    assert_eq!(s.run(&with_db(&s.db(), &["ticket", "list", "--all", "--json"])).stdout, b"[]\n");
}
