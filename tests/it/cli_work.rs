//! Working a ticket on the command line as on the screen: a priority set by
//! hand, a lead's attention, major incidents, the JSON of list and show.

use crate::sandbox;

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
    assert!(err.contains("needs a reason. (--reason)"), "{err}");
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

/// A major incident with two linked incidents, one of them already resolved.
fn major_with_linked(s: &Sandbox) -> (String, String, String) {
    s.ok(&with_db(&s.db(), &["agent", "add", "coord", "--name", "Cora Ord", "--role", "lead"]));
    let major = incident(s, "Mail down for everyone");
    let open = incident(s, "No mail on laptop");
    let done = incident(s, "Phone mail stuck");
    s.ok(&with_db(&s.db(), &["ticket", "major", &major, "--coordinator", "coord", "--communication", "coord"]));
    for child in [&open, &done] {
        s.ok(&with_db(&s.db(), &["ticket", "link", child, "--major", &major]));
    }
    s.ok(&with_db(&s.db(), &["ticket", "status", &done, "resolved"]));
    (major, open, done)
}

#[test]
fn resolving_a_major_incident_names_its_open_linked_incidents() {
    let s = Sandbox::new();
    let (major, open, done) = major_with_linked(&s);
    let out = s.ok(&with_db(&s.db(), &["ticket", "status", &major, "resolved"]));
    assert!(out.contains("Linked incidents still open (--with-linked resolves them with it):"), "{out}");
    assert!(out.contains(&open) && out.contains("No mail on laptop"), "{out}");
    assert!(!out.contains(&done), "a resolved one is not listed: {out}");
    assert_eq!(json(&s, &["ticket", "show", &major, "--json"])["status"], "resolved");
    assert_eq!(json(&s, &["ticket", "show", &open, "--json"])["status"], "new");
}

#[test]
fn with_linked_resolves_the_open_linked_incidents_in_the_same_go() {
    let s = Sandbox::new();
    let (major, open, _) = major_with_linked(&s);
    let out = s.ok(&with_db(&s.db(), &["ticket", "status", &major, "resolved", "--with-linked"]));
    assert!(out.contains(&format!("Resolved with it: {open}")), "{out}");
    assert!(!out.contains("still open"), "{out}");
    assert_eq!(json(&s, &["ticket", "show", &open, "--json"])["status"], "resolved");

    let err = fails(&s, &["ticket", "status", &open, "in_progress", "--with-linked"]);
    assert!(err.contains("--with-linked goes with the status resolved"), "{err}");
}

#[test]
fn ticket_list_json_gives_every_column_of_the_queue() {
    let s = Sandbox::new();
    let (major, open, _) = major_with_linked(&s);
    s.ok(&with_db(&s.db(), &["ticket", "escalate", &open, "--to", "lead", "--reason", "Reporter is the CEO"]));
    let rows = json(&s, &["ticket", "list", "--json"]);
    let row = |n: &str| rows.as_array().unwrap().iter().find(|r| r["number"] == n).unwrap().clone();
    let child = row(&open);
    for key in ["version", "created_at", "escalated", "lead_attention", "major", "linked_to_major", "due", "sla"] {
        assert!(child.get(key).is_some(), "no {key} in {child}");
    }
    assert_eq!(child["lead_attention"], true);
    assert_eq!(child["linked_to_major"], true);
    assert_eq!(row(&major)["major"], true);
    assert_eq!(child["sla"]["calendar"], "office");
    assert!(child["sla"]["resolution"]["state"].is_string(), "{child}");
    assert!(child["due"].is_string(), "{child}");
}

#[test]
fn ticket_show_gives_notes_messages_and_every_clock_with_its_calendar() {
    let s = Sandbox::new();
    let n = incident(&s, "Laptop slow");
    // Times are kept to the second: the message comes a second later, so it
    // visibly starts the customer-update clock again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.ok(&with_db(&s.db(), &["ticket", "note", &n, "Asked for the model"]));
    s.ok(&with_db(&s.db(), &["ticket", "notify", &n, "--record-only", "--body", "We are on it"]));
    s.ok(&with_db(&s.db(), &["ticket", "status", &n, "in_progress"]));
    s.ok(&with_db(&s.db(), &["ticket", "status", &n, "waiting_customer"]));
    let shown = json(&s, &["ticket", "show", &n, "--json"]);
    assert_eq!(shown["notes"][0]["body"], "Asked for the model");
    assert_eq!(shown["messages"][0]["body"], "We are on it");
    assert_eq!(shown["messages"][0]["delivery"], "recorded");
    let timeline = &shown["sla_timeline"];
    assert_eq!(timeline["calendar"], "office");
    let clocks = timeline["clocks"].as_array().unwrap();
    let targets: Vec<&str> = clocks.iter().map(|c| c["target"].as_str().unwrap()).collect();
    assert_eq!(targets, ["response", "resolution", "update"]);
    let kinds = |i: usize| -> Vec<String> {
        clocks[i]["stretches"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(kinds(0).last().map(String::as_str), Some("responded"), "{timeline}");
    assert_eq!(kinds(1).last().map(String::as_str), Some("paused"), "{timeline}");
    assert!(clocks[2]["stretches"].as_array().unwrap().iter().any(|s| s["restarted"] == true), "{timeline}");

    let text = s.ok(&with_db(&s.db(), &["ticket", "show", &n]));
    for expected in ["Service level", "SLA clocks · calendar office", "Response", "Resolution", "Customer update"] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains("responded") && text.contains("paused: Waiting for customer"), "{text}");
    assert!(text.contains("restarted: the reporter heard from us"), "{text}");
    let dutch = s.run_with(&with_db(&s.db(), &["ticket", "show", &n]), &[("LANG", "nl_NL.UTF-8")]);
    let dutch = String::from_utf8(dutch.stdout).unwrap();
    assert!(dutch.contains("SLA-klokken · kalender office") && dutch.contains("gereageerd"), "{dutch}");
}

#[test]
fn the_fcr_report_counts_tickets_resolved_with_knowledge() {
    let s = Sandbox::new();
    let with = incident(&s, "Outlook will not start");
    let without = incident(&s, "Screen flickers");
    s.ok(&with_db(&s.db(), &["kb", "add", "--title", "Outlook safe mode", "--body", "Start with /safe"]));
    s.ok(&with_db(&s.db(), &["kb", "apply", "1", &with]));
    for n in [&with, &without] {
        s.ok(&with_db(&s.db(), &["ticket", "status", n, "resolved"]));
    }
    let report = json(&s, &["report", "fcr", "--period", "today", "--format", "json"]);
    let section = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Resolved with knowledge")
        .unwrap_or_else(|| panic!("no knowledge section in {report}"))
        .clone();
    assert_eq!(section["columns"], serde_json::json!(["Team", "Resolved", "With knowledge", "Knowledge %"]));
    let total = section["rows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(total, serde_json::json!(["Total", 2, 1, 0.5]));
    let table = s.ok(&with_db(&s.db(), &["report", "fcr", "--period", "today"]));
    assert!(table.contains("Resolved with knowledge") && table.contains("50.0%"), "{table}");
    let dutch = s.run_with(&with_db(&s.db(), &["report", "fcr", "--period", "today"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(String::from_utf8(dutch.stdout).unwrap().contains("Opgelost met kennis"));
}

const SN_HEADER: &str = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";

fn sn_row(number: &str, state: &str, problem: &str, code: &str) -> String {
    format!(
        "{number},{state},true,0,0,0,true,Caller 1,Opened by  8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,Updated by 21,5/3/2016 12:00,Phone,Location 1,Category 5,Subcategory 7,Symptom 9,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,{problem},?,?,?,{code},Resolved by 1,29/2/2016 11:29,5/3/2016 12:00"
    )
}

#[test]
fn a_servicenow_number_is_shown_and_found_and_its_closure_code_and_problem_are_kept() {
    let s = Sandbox::new();
    let file = s.dir.path().join("sn.csv");
    let lines = [
        SN_HEADER.to_string(),
        sn_row("INC0000045", "Closed", "Problem ID 2", "code 5"),
        sn_row("INC0000047", "Closed", "Problem ID 2", "code 7"),
        sn_row("INC0000050", "Active", "?", "?"),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    s.ok(&with_db(&s.db(), &["import", file.to_str().unwrap()]));

    for search in ["INC0000045", "inc0000045"] {
        let found = json(&s, &["ticket", "list", "--all", "--search", search, "--json"]);
        let found = found.as_array().unwrap();
        assert_eq!(found.len(), 1, "{search}: {found:?}");
        assert_eq!(found[0]["source_ref"], "INC0000045");
    }
    let listed = s.ok(&with_db(&s.db(), &["ticket", "list", "--all"]));
    assert!(listed.contains("Imported as") && listed.contains("INC0000047"), "{listed}");

    let first = json(&s, &["ticket", "show", "1", "--json"]);
    assert_eq!(first["source_ref"], "INC0000045");
    assert_eq!(first["closure_code"], "code 5", "ServiceNow's closure code is kept");
    assert_eq!(json(&s, &["ticket", "show", "2", "--json"])["closure_code"], "code 7");
    assert!(json(&s, &["ticket", "show", "3", "--json"])["closure_code"].is_null(), "an open one has none");
    let text = s.ok(&with_db(&s.db(), &["ticket", "show", "1"]));
    assert!(text.contains("Imported as") && text.contains("INC0000045"), "{text}");

    let problems = json(&s, &["problem", "list", "--json"]);
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 1, "one problem for both incidents: {problems:?}");
    assert_eq!(problems[0]["problem"]["title"], "Problem ID 2", "{problems:?}");
    assert_eq!(problems[0]["incidents"], 2, "both incidents are linked to it: {problems:?}");
}

#[test]
fn asking_a_lead_names_them_shows_in_their_listing_and_can_be_marked_handled() {
    let s = Sandbox::new();
    let run = |args: &[&str]| s.ok(&with_db(&s.db(), args));
    run(&["agent", "add", "nina", "--name", "Nina Lead", "--role", "lead", "--team", "Network"]);
    run(&["agent", "add", "otto", "--name", "Otto Lead", "--role", "lead"]);
    run(&["agent", "add", "tech", "--name", "Tech Nician", "--role", "technician"]);
    let n = incident(&s, "Core switch flapping");
    run(&["ticket", "assign", &n, "--team", "Network"]);

    // Not named: the team's lead.
    let out = run(&["ticket", "escalate", &n, "--to", "lead", "--reason", "Needs a vendor call"]);
    assert!(out.contains("nina's attention is asked"), "{out}");
    let shown = json(&s, &["ticket", "show", &n, "--json"]);
    let ask = shown["events"].as_array().unwrap().iter().find(|e| e["kind"] == "lead_attention").unwrap().clone();
    assert_eq!(ask["new"], "nina");
    let text = run(&["ticket", "show", &n]);
    assert!(text.contains("asked nina's attention: Needs a vendor call"), "{text}");

    // In nina's listing, not in otto's.
    let config = |user: &str| {
        let path = s.dir.path().join(format!("{user}.toml"));
        std::fs::write(&path, format!("user = \"{user}\"\n")).unwrap();
        path
    };
    let listed = |user: &str| -> Vec<Value> {
        let c = config(user);
        let out = s.run(&[
            "--config",
            c.to_str().unwrap(),
            "--db",
            s.db().to_str().unwrap(),
            "ticket",
            "list",
            "--asked-of-me",
            "--json",
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
    };
    assert_eq!(listed("nina").len(), 1);
    assert_eq!(listed("otto").len(), 0, "asked of nina, not of otto");

    // Named: someone who is not a lead is refused.
    let err = fails(&s, &["ticket", "escalate", &n, "--to", "lead", "--reason", "x", "--lead", "tech"]);
    assert!(err.contains("tech is not a lead"), "{err}");
    run(&["ticket", "escalate", &n, "--to", "lead", "--reason", "Second opinion", "--lead", "otto"]);
    assert_eq!(listed("otto").len(), 1);

    // Handled: out of the listing, recorded in the timeline.
    run(&["ticket", "handled", &n, "--note", "Vendor called"]);
    assert_eq!(listed("otto").len(), 0);
    assert_eq!(json(&s, &["ticket", "list", "--json"])[0]["lead_attention"], false);
    let text = run(&["ticket", "show", &n]);
    assert!(text.contains("handled what the lead was asked: Vendor called"), "{text}");
    let err = fails(&s, &["ticket", "handled", &n]);
    assert!(err.contains("No lead's attention is asked"), "{err}");
}

#[test]
fn asking_a_lead_of_a_team_without_one_says_that_every_lead_is_asked() {
    let s = Sandbox::new();
    let run = |args: &[&str]| s.ok(&with_db(&s.db(), args));
    let n = incident(&s, "Printer offline");
    run(&["ticket", "assign", &n, "--team", "Workplace"]);
    let out = run(&["ticket", "escalate", &n, "--to", "lead", "--reason", "Budget"]);
    assert!(out.contains("no lead") && out.contains("every lead"), "{out}");
}

#[test]
fn ticket_show_json_has_the_marks_the_queue_shows() {
    let s = Sandbox::new();
    let run = |args: &[&str]| s.ok(&with_db(&s.db(), args));
    run(&["team", "add", "Second line", "--line", "2"]);
    let n = incident(&s, "Database slow");
    let shown = json(&s, &["ticket", "show", &n, "--json"]);
    assert_eq!((shown["escalated"].as_bool(), shown["major"].as_bool()), (Some(false), Some(false)), "{shown}");
    run(&["ticket", "escalate", &n, "--to", "line2", "--team", "Second line", "--reason", "Needs a DBA"]);
    let shown = json(&s, &["ticket", "show", &n, "--json"]);
    assert_eq!(shown["escalated"], true, "{shown}");
    assert_eq!(shown["escalation"], "line2", "{shown}");
    assert_eq!(shown["linked_to_major"], serde_json::Value::Null);
}
