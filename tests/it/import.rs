//! Importing ServiceNow's incident audit log with the real binary: the real
//! public data set, and broken files that import nothing.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data/servicenow-incident-event-log.csv.gz");

const HEADER: &str = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";

fn row(number: &str, state: &str, updated: &str) -> String {
    format!(
        "{number},{state},true,0,0,0,true,Caller 1,Opened by  8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,Updated by 21,{updated},Phone,Location 1,Category 5,Subcategory 7,Symptom 9,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 1,29/2/2016 11:29,5/3/2016 12:00"
    )
}

fn tickets(s: &Sandbox, db: &std::path::Path) -> usize {
    let listed = s.ok(&with_db(db, &["ticket", "list", "--all", "--json"]));
    serde_json::from_str::<serde_json::Value>(&listed).unwrap().as_array().unwrap().len()
}

/// The first `lines` rows of the public log, as a file of its own, with the
/// numbers of the tickets they hold.
fn slice_of_the_log(s: &Sandbox, lines: usize) -> (std::path::PathBuf, std::collections::BTreeSet<String>) {
    use std::io::BufRead;
    let file = std::fs::File::open(DATA).unwrap();
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let kept: Vec<String> = reader.lines().take(lines + 1).map(Result::unwrap).collect();
    let numbers = kept[1..].iter().map(|l| l.split(',').next().unwrap().to_string()).collect();
    let path = s.dir.path().join("slice.csv");
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    (path, numbers)
}

// The whole public log is imported once; the dry run and the second import
// show what they show on a slice of it.
#[test]
fn the_public_servicenow_log_imports_with_its_history_and_only_once() {
    let s = Sandbox::new();
    let db = s.db();
    let (slice, numbers) = slice_of_the_log(&s, 3000);
    let dry = s.run(&with_db(&db, &["import", slice.to_str().unwrap(), "--dry-run"]));
    assert!(dry.status.success(), "{dry:?}");
    let said = format!("3000 rows read: {} tickets, 0 errors", numbers.len());
    assert!(String::from_utf8_lossy(&dry.stderr).contains(&said), "{said}: {dry:?}");
    assert!(!db.exists() || tickets(&s, &db) == 0, "a dry run stores nothing");

    let out = s.run(&with_db(&db, &["import", DATA]));
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("141712 rows read: 24918 tickets, 0 errors"), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 24918 tickets"), "{out:?}");
    let check = s.ok(&with_db(&db, &["check"]));
    assert!(check.contains("24918 tickets"), "{check}");
    // INC0000045 in the file: opened 29/2/2016 01:16, resolved, then closed 5/3/2016 12:00.
    let json =
        s.ok(&with_db(&db, &["report", "volume", "--from", "2016-02-29", "--to", "2016-02-29", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let registered: u64 =
        report["sections"][0]["rows"].as_array().unwrap().iter().map(|r| r[1].as_u64().unwrap()).sum();
    assert!(registered > 0, "the reports see the imported history: {json}");
    let times =
        s.ok(&with_db(&db, &["report", "fcr", "--from", "2016-01-01", "--to", "2017-12-31", "--format", "csv"]));
    assert!(times.contains("Group 56"), "resolved tickets per group: {times}");

    // Again: every number is there already.
    let again = s.ok(&with_db(&db, &["import", slice.to_str().unwrap()]));
    let skipped = format!("{} already there were skipped", numbers.len());
    assert!(again.contains("Imported 0 tickets") && again.contains(&skipped), "{skipped}: {again}");
}

fn import_fails(lines: &[String], expected: &[&str]) {
    let s = Sandbox::new();
    let db = s.db();
    let file = db.with_file_name("broken.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = s.run(&with_db(&db, &["import", file.to_str().unwrap()]));
    assert!(!out.status.success(), "{lines:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for text in expected {
        assert!(stderr.contains(text), "{text} missing: {stderr}");
    }
    assert!(!db.exists() || tickets(&s, &db) == 0, "all or nothing: {stderr}");
}

#[test]
fn a_broken_file_names_the_line_and_imports_nothing() {
    let good = row("INC1", "New", "29/2/2016 01:23");
    // A bad date on line 3.
    import_fails(
        &[HEADER.into(), good.clone(), row("INC2", "New", "31/2/2016 01:23")],
        &["line 3", "sys_updated_at", "not a date"],
    );
    // An incident whose rows are not together.
    import_fails(
        &[HEADER.into(), good.clone(), row("INC2", "New", "29/2/2016 01:23"), row("INC1", "Active", "29/2/2016 02:00")],
        &["line 4", "INC1 comes back"],
    );
    // A missing column.
    import_fails(
        &[HEADER.replace(",assignment_group", ""), good.replace(",Group 56", "")],
        &["assignment_group is missing"],
    );
    // A row with a column too few.
    import_fails(&[HEADER.into(), good.replace(",Group 56", "")], &["line 2"]);
}

#[test]
fn invalid_utf8_is_a_problem_of_its_line() {
    let s = Sandbox::new();
    let db = s.db();
    let file = db.with_file_name("latin1.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let mut bytes = format!("{HEADER}\n{}\n", row("INC1", "New", "29/2/2016 01:23")).into_bytes();
    bytes.extend(row("INC2", "New", "29/2/2016 01:23").replace("Caller 1", "Caller \u{1}").into_bytes());
    let at = bytes.iter().rposition(|b| *b == 1).unwrap();
    bytes[at] = 0xE9; // é in Latin-1, not UTF-8
    std::fs::write(&file, bytes).unwrap();
    let out = s.run(&with_db(&db, &["import", file.to_str().unwrap()]));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("caller_id") && stderr.contains("UTF-8"), "{stderr}");
}

/// Every row of a table, in order, as text: what "the same" means here.
fn table(db: &std::path::Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn an_export_imports_into_an_empty_database_as_it_was() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "300"]));
    s.ok(&with_db(&db, &["ticket", "note", "7", "Called the reporter back"]));
    let json = s.ok(&with_db(&db, &["export"]));
    assert!(json.starts_with(r#"{"format":"meldpunt-export""#), "{}", &json[..80]);
    let file = db.with_file_name("export.json");
    std::fs::write(&file, &json).unwrap();

    let copy = db.with_file_name("copy.db");
    // The target's own admin brings the people in; its settings stay its own.
    s.ok(&with_db(&copy, &["agent", "add", "tester", "--name", "Tess", "--role", "operator"]));
    let out = s.ok(&with_db(&copy, &["import", file.to_str().unwrap(), "--format", "json", "--with-people"]));
    assert!(out.contains("Imported 300 tickets"), "{out}");
    let tickets = "SELECT * FROM tickets ORDER BY id";
    let events =
        "SELECT ticket_id, at, actor, kind, field, old_value, new_value, note FROM events ORDER BY ticket_id, id";
    let entries = "SELECT ticket_id, at, actor, kind, recipient, subject, body, delivery, error FROM entries ORDER BY ticket_id, id";
    for sql in [tickets, events, entries, "SELECT * FROM checklist ORDER BY ticket_id, item"] {
        let (a, b) = (table(&db, sql), table(&copy, sql));
        assert!(!a.is_empty() || sql.contains("checklist"), "{sql}");
        assert_eq!(a, b, "{sql}");
    }
    // Again: all there, all skipped; the search index was filled too.
    let again = s.ok(&with_db(&copy, &["import", file.to_str().unwrap(), "--format", "json"]));
    assert!(again.contains("300 already there were skipped"), "{again}");
    let found = s.ok(&with_db(&copy, &["ticket", "list", "--all", "--search", "note", "--json"]));
    assert!(found.starts_with('['), "{found}");

    let csv = s.ok(&with_db(&db, &["export", "--format", "csv"]));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("number,kind,title,status,priority"));
    assert_eq!(lines.count(), 300);
}

#[test]
fn a_broken_export_is_refused_whole() {
    let s = Sandbox::new();
    let db = s.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let file = db.with_file_name("broken.json");
    let try_import = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let out = s.run(&with_db(&db, &["import", file.to_str().unwrap(), "--format", "json"]));
        assert!(!out.status.success(), "{text}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    assert!(try_import("{\"format\": \"meldpunt-export\",\n \"tickets\": [").contains("line 2"));
    assert!(try_import("{\"tickets\": []}").contains("not a meldpunt export"));
    let unknown = r#"{"format":"meldpunt-export","schema":2,"tickets":[
        {"ticket":{"id":1,"title":"A","reporter_name":"K","channel":"phone","created_at":0,"updated_at":0}},
        {"ticket":{"id":2,"title":"B","reporter_name":"K","channel":"phone","created_at":0,"updated_at":0,"colour":"red"}}]}"#;
    let err = try_import(unknown);
    assert!(err.contains("tickets has no column colour"), "{err}");
    assert!(!db.exists() || tickets(&s, &db) == 0, "the first ticket was not kept either");
}

const MAPPING: &str = r#"date_format = "%d-%m-%Y %H:%M"
timezone = "Europe/Amsterdam"

[columns]
number = "Ticket"
title = "Subject"
reporter = "Caller"
email = "Mail"
impact = "Impact"
priority = "Prio"
status = "State"
team = "Group"
created_at = "Opened"
resolved_at = "Solved"
closed_at = "Closed"

[values.impact]
"1 - High" = "1"
"3 - Low" = "3"

[values.status]
"Open" = "new"
"Working" = "in_progress"
"Done" = "closed"
"#;

const ROWS: &str = "Ticket,Subject,Caller,Mail,Impact,Prio,State,Group,Opened,Solved,Closed
T-1,Mail down,Anna,anna@example.nl,1 - High,P1,Done,Network,01-07-2026 09:00,01-07-2026 11:00,02-07-2026 09:00
T-2,Printer jams,Piet,?,3 - Low,4,Working,Workplace,10-11-2026 09:00,,
T-3,New laptop,Kees,,,,Open,,11-11-2026 14:30,,
";

#[test]
fn any_csv_imports_through_a_mapping() {
    let s = Sandbox::new();
    let db = s.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let (mapping, file) = (db.with_file_name("mapping.toml"), db.with_file_name("tickets.csv"));
    std::fs::write(&mapping, MAPPING).unwrap();
    std::fs::write(&file, ROWS).unwrap();
    let args = |extra: &[&'static str]| {
        let mut a =
            vec!["import".to_string(), file.display().to_string(), "--mapping".into(), mapping.display().to_string()];
        a.extend(extra.iter().map(|x| x.to_string()));
        a
    };
    let run = |a: Vec<String>| s.ok(&with_db(&db, &a.iter().map(String::as_str).collect::<Vec<_>>()));
    assert!(run(args(&[])).contains("Imported 3 tickets"));
    let shown: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    let t = &shown;
    assert_eq!(
        (t["title"].as_str(), t["status"].as_str(), t["priority"].as_str()),
        (Some("Mail down"), Some("closed"), Some("P1"))
    );
    assert_eq!(t["impact"], 1);
    assert_eq!(t["created_at"], "2026-07-01T07:00:00Z", "Amsterdam summer time");
    let second: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "2", "--json"]))).unwrap();
    assert_eq!(second["created_at"], "2026-11-10T08:00:00Z", "winter time");
    assert_eq!(second["status"], "in_progress");
    assert!(run(args(&[])).contains("3 already there were skipped"), "the numbers are known");

    // A wrong mapping names its key; a bad date its line.
    std::fs::write(&mapping, MAPPING.replace("team = ", "squad = ")).unwrap();
    let out = s.run(&with_db(&db, &args(&[]).iter().map(String::as_str).collect::<Vec<_>>()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mapping.toml") && stderr.contains("squad"), "{stderr}");
    std::fs::write(&mapping, MAPPING).unwrap();
    std::fs::write(&file, ROWS.replace("T-", "U-").replace("11-11-2026 14:30", "31-11-2026 14:30")).unwrap();
    let out = s.run(&with_db(&db, &args(&[]).iter().map(String::as_str).collect::<Vec<_>>()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("line 4") && stderr.contains("created_at"), "{stderr}");
    assert_eq!(tickets(&s, &db), 3, "nothing of the broken file came in");
    std::fs::write(&file, ROWS.replace("T-", "V-").replace("V-3", "V-1")).unwrap();
    let out = s.run(&with_db(&db, &args(&[]).iter().map(String::as_str).collect::<Vec<_>>()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("line 4") && stderr.contains("V-1 is also on line 2"), "{stderr}");
    // Dates before 1970 and a number that is not one line are refused too.
    std::fs::write(&file, ROWS.replace("T-", "W-").replace("11-11-2026 14:30", "11-11-1969 14:30")).unwrap();
    let out = s.run(&with_db(&db, &args(&[]).iter().map(String::as_str).collect::<Vec<_>>()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("line 4: created_at") && stderr.contains("before 1970"),
        "{stderr}"
    );
    std::fs::write(&file, ROWS.replace("T-", "X\u{1b}[2J-")).unwrap();
    let out = s.run(&with_db(&db, &args(&[]).iter().map(String::as_str).collect::<Vec<_>>()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("line 2: number: must be one line"), "{stderr}");
    assert_eq!(tickets(&s, &db), 3, "nothing of the broken files came in");
}

#[test]
fn an_export_exported_again_after_its_import_is_the_same_document() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "400"]));
    s.ok(&with_db(&db, &["ticket", "note", "9", "Called the reporter back"]));
    let json = s.ok(&with_db(&db, &["export"]));
    let file = db.with_file_name("export.json");
    std::fs::write(&file, &json).unwrap();
    let copy = db.with_file_name("copy.db");
    let out = s.run(&with_db(&copy, &["import", file.to_str().unwrap(), "--format", "json", "--with-people"]));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("400 tickets in the file"), "{said}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 400 tickets"));
    // Every ticket with all its rows, the reference data: byte for byte.
    assert!(s.ok(&with_db(&copy, &["export"])) == json, "the round trip changed the document");
    // The search index, filled in one pass at the end, finds the same tickets.
    let found = |db: &std::path::Path| {
        let listed = s.ok(&with_db(db, &["ticket", "list", "--all", "--search", "printer", "--json"]));
        serde_json::from_str::<serde_json::Value>(&listed).unwrap().as_array().unwrap().len()
    };
    assert!(found(&db) > 0);
    assert_eq!(found(&copy), found(&db));
}

#[test]
fn a_bad_last_ticket_refuses_the_whole_file_naming_ticket_field_and_line() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "300"]));
    let mut export: serde_json::Value = serde_json::from_str(&s.ok(&with_db(&db, &["export"]))).unwrap();
    export["tickets"][299]["ticket"]["channel"] = serde_json::json!("carrier pigeon");
    let file = db.with_file_name("late.json");
    std::fs::write(&file, serde_json::to_string_pretty(&export).unwrap()).unwrap();
    let line = crate::exports::line_of(&file, "carrier pigeon");
    assert!(line > 40_000, "the last ticket stands far into the file: line {line}");

    let copy = db.with_file_name("copy.db");
    s.ok(&with_db(&copy, &["agent", "add", "tester", "--name", "Tess", "--role", "operator"]));
    let out = s.run(&with_db(&copy, &["import", file.to_str().unwrap(), "--format", "json", "--with-people"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("INC-000300") && err.contains(&format!("line {line}")) && err.contains("tickets.channel"),
        "{err}"
    );
    assert!(err.contains("carrier pigeon"), "{err}");
    // Nothing of the file was kept: no ticket, no person, no pick-list value.
    assert_eq!(tickets(&s, &copy), 0);
    let people = s.ok(&with_db(&copy, &["agent", "list", "--json"]));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&people).unwrap().as_array().unwrap().len(), 1, "{people}");

    // The reference data after the tickets cannot be checked as they are read.
    let late = r#"{"format":"meldpunt-export","tickets":[],"reference":{}}"#;
    std::fs::write(&file, late).unwrap();
    let out = s.run(&with_db(&copy, &["import", file.to_str().unwrap(), "--format", "json"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reference data must come before the tickets"));
}

#[test]
fn a_servicenow_log_stored_while_it_is_read_keeps_nothing_when_its_last_row_is_bad() {
    let s = Sandbox::new();
    let db = s.db();
    let (slice, numbers) = slice_of_the_log(&s, 3000);
    let mut text = std::fs::read_to_string(&slice).unwrap();
    // The first incident of the file comes back at its very end.
    let first = numbers.iter().min().unwrap();
    text.push_str(&row(first, "Closed", "5/3/2016 12:00"));
    text.push('\n');
    std::fs::write(&slice, text).unwrap();
    let out = s.run(&with_db(&db, &["import", slice.to_str().unwrap()]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains(&format!("line 3002: number: {first} comes back after other incidents")), "{err}");
    assert!(err.contains("Nothing was imported"), "{err}");
    assert!(!db.exists() || tickets(&s, &db) == 0, "the tickets stored while the file was read were not kept");
}
