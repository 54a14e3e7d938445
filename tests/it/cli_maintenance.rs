//! `meldpunt backup` and `meldpunt check` with the real binary.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

#[test]
fn backup_writes_a_checked_copy_and_check_finds_a_broken_reference() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    let copy = db.with_file_name("copy.db");
    let out = s.ok(&with_db(&db, &["backup", copy.to_str().unwrap()]));
    assert!(out.contains("Backup written to") && out.contains("checked"), "{out}");
    let listed = s.ok(&with_db(&copy, &["ticket", "list", "--json"]));
    assert!(listed.contains("Mail down"), "the copy holds the ticket: {listed}");

    // Not over an existing file.
    let again = s.run(&with_db(&db, &["backup", copy.to_str().unwrap()]));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"), "{again:?}");

    let out = s.ok(&with_db(&db, &["check"]));
    assert!(out.contains("The database is sound") && out.contains("1 tickets"), "{out}");

    // An event of a ticket that does not exist, written past the foreign keys.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO events (ticket_id, at, actor, kind) VALUES (999, 0, 'x', 'changed');",
    )
    .unwrap();
    drop(conn);
    let broken = s.run(&with_db(&copy, &["check"]));
    assert!(!broken.status.success(), "a problem fails the command");
    let stdout = String::from_utf8_lossy(&broken.stdout);
    assert!(stdout.contains("events row") && stdout.contains("tickets"), "{stdout}");
    assert!(String::from_utf8_lossy(&broken.stderr).contains("1 problem"), "{broken:?}");
}

#[test]
fn setting_up_people_makes_one_an_admin_and_strangers_may_only_look() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    // The config names "tester"; setting up the first person makes tester an admin.
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--role", "technician"]));
    let people = s.ok(&with_db(&db, &["agent", "list", "--json"]));
    assert!(people.contains("\"tester\"") && people.contains("\"admin\""), "{people}");
    let settings = s.ok(&with_db(&db, &["setting", "list"]));
    assert!(settings.contains("trust_config_user = yes"), "{settings}");

    // Once config names are no longer believed, this login is a stranger here.
    s.ok(&with_db(&db, &["setting", "set", "trust_config_user", "no"]));
    let refused = s.run(&with_db(&db, &["ticket", "new", "--title", "Another", "--reporter", "Piet"]));
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("goes by login names") && stderr.contains("you can look, not change"), "{stderr}");
    let listed = s.ok(&with_db(&db, &["ticket", "list", "--json"]));
    assert!(listed.contains("Mail down"), "looking is fine: {listed}");
}

#[test]
fn privacy_requests_on_the_command_line_are_logged() {
    let s = Sandbox::new();
    let db = s.db();
    let run = |args: &[&str]| s.ok(&with_db(&db, args));
    run(&["ticket", "new", "--title", "Mail down", "--reporter", "Sanne Jansen", "--email", "s.jansen@example.nl"]);
    let held = run(&["privacy", "export", "--reporter", "s.jansen@example.nl"]);
    let held: serde_json::Value = serde_json::from_str(&held).unwrap();
    assert_eq!(held["tickets"][0]["ticket"]["reporter"]["name"], "Sanne Jansen");
    assert!(run(&["privacy", "erase", "--reporter", "s.jansen@example.nl"]).contains("anonymised"));
    assert!(run(&["ticket", "show", "1"]).contains("(erased)"));
    let no_period = s.run(&with_db(&db, &["privacy", "retention"]));
    assert!(String::from_utf8_lossy(&no_period.stderr).contains("retention_months"));
    assert!(run(&["privacy", "retention", "--months", "12"]).contains("0 tickets"));
    let log = run(&["privacy", "log"]);
    assert!(log.contains("erase") && log.contains("export") && log.contains("tester"), "{log}");
    assert!(!log.contains("jansen"), "{log}");
}

#[test]
fn privacy_erase_by_phone_number_empties_the_file_and_names_the_backups_that_keep_the_person() {
    let s = Sandbox::new();
    let db = s.db();
    let new = ["ticket", "new", "--title", "Login fails for Anna de Vries", "--reporter", "Anna de Vries"];
    let mut args = with_db(&db, &new);
    args.extend(["--email", "anna@example.nl", "--phone", "020 555 1234"]);
    s.ok(&args);
    s.ok(&with_db(
        &db,
        &["ticket", "new", "--title", "VPN down", "--reporter", "Piet", "--description", "Like ANNA DE VRIES"],
    ));
    let backup = db.with_file_name("before-erase.db");
    s.ok(&with_db(&db, &["backup", backup.to_str().unwrap()]));

    let out = s.ok(&with_db(&db, &["privacy", "erase", "--reporter", "+31-20-5551234"]));
    assert!(out.contains("Erased:") && out.contains("still hold the person"), "{out}");
    assert!(out.contains("before-erase.db"), "the backup is named: {out}");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes.extend(std::fs::read(db.with_file_name("meldpunt.db-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&bytes).to_lowercase();
    assert!(!text.contains("anna de vries") && !text.contains("anna@example.nl") && !text.contains("555 1234"));
    let listed = s.ok(&with_db(&db, &["ticket", "list", "--all", "--json"]));
    assert!(listed.contains("VPN down") && !listed.to_lowercase().contains("vries"), "{listed}");
}

#[test]
fn check_reports_a_dropped_trigger_and_a_value_of_the_wrong_kind() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER entries_are_kept;").unwrap();
    drop(conn);
    let out = s.run(&with_db(&db, &["check"]));
    assert!(!out.status.success(), "a dropped trigger fails the check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("entries_are_kept") && stdout.contains("missing"), "{stdout}");

    // A ticket registered "yesterday", written past meldpunt.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO tickets (title, reporter_name, channel, created_at, updated_at, priority)
         VALUES ('Sneaked in', 'X', 'phone', 'yesterday', 0, 'high');",
    )
    .unwrap();
    drop(conn);
    let out = s.run_with(&with_db(&db, &["check"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tickets rij 2: created_at is 'yesterday', geen tijdstip"), "{stdout}");
    assert!(stdout.contains("priority is 'high', geen geheel getal"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 "), "{out:?}");
}

#[test]
fn every_change_to_people_settings_reference_data_problems_and_knowledge_is_in_the_audit() {
    let s = Sandbox::new();
    let db = s.db();
    let run = |args: &[&str]| s.ok(&with_db(&db, args));
    run(&["team", "add", "Night shift", "--line", "2"]);
    run(&["agent", "add", "bram", "--name", "Bram", "--role", "technician", "--team", "Night shift"]);
    run(&["setting", "set", "unknown_user_role", "operator"]);
    run(&["setting", "set", "unknown_user_role", "none"]);
    run(&["problem", "new", "--title", "Mail queue stalls"]);
    run(&["agent", "remove", "bram"]);
    let out = run(&["audit"]);
    for expected in [
        "team Night shift",
        "person bram",
        "technician",
        "setting unknown_user_role",
        "operator → none",
        "problem 1",
        "1 → 0",
    ] {
        assert!(out.contains(expected), "{expected} in\n{out}");
    }
    assert!(out.contains("tester"), "who did it: {out}");
    let json: serde_json::Value = serde_json::from_str(&run(&["audit", "--json"])).unwrap();
    let setting =
        json.as_array().unwrap().iter().find(|e| e["subject"] == "setting" && e["old"] == "operator").unwrap();
    assert_eq!((setting["new"].as_str(), setting["actor"].as_str()), (Some("none"), Some("tester")));
    let nl = s.run_with(&with_db(&db, &["audit"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(String::from_utf8_lossy(&nl.stdout).contains("instelling unknown_user_role"), "{nl:?}");

    // Append-only: not even the file's owner changes it with SQL.
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(conn.execute("UPDATE audit SET new_value = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM audit", []).is_err());
}

#[test]
fn check_reports_a_trigger_replaced_by_one_that_guards_nothing() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    s.ok(&with_db(&db, &["check"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER entries_are_kept;
         CREATE TRIGGER entries_are_kept BEFORE UPDATE ON entries WHEN 0 BEGIN SELECT 1; END;",
    )
    .unwrap();
    drop(conn);
    let out = s.run(&with_db(&db, &["check"]));
    assert!(!out.status.success(), "a trigger of the right name that guards nothing fails the check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("entries_are_kept") && stdout.contains("changed"), "{stdout}");

    // A privacy action left "running" by hand would switch the guards off.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER entries_are_kept;
         CREATE TRIGGER entries_are_kept BEFORE UPDATE ON entries
             WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
             SELECT RAISE(ABORT, 'entries are append-only: add a correction instead');
         END;
         INSERT INTO privacy_log (at, actor, action, subject, running) VALUES (0, 'x', 'erase', 'y', 1);",
    )
    .unwrap();
    drop(conn);
    let out = s.run(&with_db(&db, &["check"]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success() && stdout.contains("privacy_log") && stdout.contains("running"), "{stdout}");
    assert!(!stdout.contains("entries_are_kept"), "the trigger is as it should be again: {stdout}");
}
