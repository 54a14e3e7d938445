//! The real binary on the command line.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

#[test]
fn init_creates_the_database_and_its_folder() {
    let s = Sandbox::new();
    let db = s.db();
    let out = s.ok(&with_db(&db, &["init"]));
    assert!(out.contains("schema version"), "{out}");
    assert!(db.exists());
}

#[test]
fn without_db_option_the_platform_data_folder_is_used() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    assert!(s.dir.path().join("home/.local/share/meldpunt/meldpunt.db").exists());
}

#[test]
fn meldpunt_db_variable_selects_the_file() {
    let s = Sandbox::new();
    let db = s.dir.path().join("from-env.db");
    let out = s.run_with(&["init"], &[("MELDPUNT_DB", db.to_str().unwrap())]);
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn tickets_are_created_listed_shown_and_updated() {
    let s = Sandbox::new();
    let db = s.db();
    let out = s.ok(&with_db(
        &db,
        &[
            "ticket",
            "new",
            "--title",
            "Mailbox full",
            "--reporter",
            "Anna de Vries",
            "--channel",
            "email",
            "--impact",
            "3",
            "--urgency",
            "2",
            "--json",
        ],
    ));
    let created: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(created["number"], "INC-000001");
    assert_eq!(created["priority"], "P3");
    assert_eq!(created["channel"], "email");
    assert_eq!(created["status"], "new");

    let out =
        s.ok(&with_db(&db, &["ticket", "update", "INC-000001", "--status", "in_progress", "--team", "Infrastructure"]));
    assert!(out.contains("Updated INC-000001: 2 fields changed"), "{out}");

    let list = s.ok(&with_db(&db, &["ticket", "list"]));
    assert!(list.contains("INC-000001") && list.contains("Mailbox full") && list.contains("In progress"), "{list}");

    let shown: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    assert_eq!(shown["team"], "Infrastructure");
    assert_eq!(shown["version"], 2);
    let events = shown["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["kind"], "created");
    assert_eq!(events[0]["actor"], "tester");

    let text = s.ok(&with_db(&db, &["ticket", "show", "INC-000001"]));
    assert!(text.contains("Status: New → In progress"), "{text}");
}

#[test]
fn wrong_input_gets_a_clear_error_and_changes_nothing() {
    let s = Sandbox::new();
    let db = s.db();
    let out = s.run(&with_db(&db, &["ticket", "new", "--title", "x"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Reporter is required"));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "x", "--reporter", "y"]));
    let out = s.run(&with_db(&db, &["ticket", "update", "1", "--status", "waiting_supplier"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot go from New to Waiting for supplier; allowed: Assigned, In progress"), "{err}");
    let out = s.run(&with_db(&db, &["ticket", "update", "1", "--title", "z", "--expect-version", "7"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("someone else changed this ticket"));
    let out = s.run(&with_db(&db, &["ticket", "show", "INC-000099"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("INC-000099 does not exist"));
    let out = s.run(&with_db(&db, &["ticket", "new", "--title", "x", "--reporter", "y", "--channel", "fax"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--channel: 'fax' is not one of"));
    let shown: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    assert_eq!((shown["title"].as_str(), shown["version"].as_i64()), (Some("x"), Some(1)));
}

#[test]
fn list_filters_and_json() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "300", "--seed", "4"]));
    let all: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "list", "--all", "--limit", "1000", "--json"]))).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 300);
    let p1: serde_json::Value = serde_json::from_str(
        &s.ok(&with_db(&db, &["ticket", "list", "--all", "--priority", "P1", "--limit", "1000", "--json"])),
    )
    .unwrap();
    assert!(p1.as_array().unwrap().iter().all(|r| r["priority"] == "P1"));
    let sorted: serde_json::Value = serde_json::from_str(
        &s.ok(&with_db(&db, &["ticket", "list", "--all", "--sort", "title", "--limit", "20", "--json"])),
    )
    .unwrap();
    let titles: Vec<String> =
        sorted.as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_lowercase()).collect();
    let mut expected = titles.clone();
    expected.sort();
    assert_eq!(titles, expected);
}

#[test]
fn a_foreign_file_is_refused_untouched() {
    let s = Sandbox::new();
    let path = s.dir.path().join("notes.txt");
    std::fs::write(&path, "not a database").unwrap();
    let out = s.run(&["--db", path.to_str().unwrap(), "ticket", "list"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a SQLite database"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a database");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/config/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Each broken config is reported with its file, line and key, before anything starts.
#[test]
fn broken_configs_name_file_line_and_key() {
    let cases: &[(&str, &str, &str)] = &[
        ("unknown_key.toml", "line 3", "key 'languag'"),
        ("unknown_language.toml", "line 1", "key 'language'"),
        ("unknown_command.toml", "line 4", "key 'keymap.queue.\"x\"'"),
        ("unknown_key_name.toml", "line 2", "Hyper-x"),
        ("unknown_layer.toml", "line 2", "queu"),
        ("wrong_type.toml", "line 1", "key 'user'"),
        ("syntax_error.toml", "line 1", "config error"),
        ("unknown_seed_key.toml", "line 3", "key 'seed.service'"),
        ("command_in_wrong_layer.toml", "line 2", "does not apply in layer 'form'"),
        ("number_prefix_escape.toml", "line 1", "key 'number_prefix'"),
        ("retention_zero.toml", "line 2", "key 'retention_months'"),
        ("number_prefix_bidi.toml", "line 1", "key 'number_prefix'"),
        ("seed_team_bad_line.toml", "line 5", "key 'seed.teams"),
        ("sla_bad_duration.toml", "line 2", "key 'sla.P2.response'"),
        ("sla_target_too_long.toml", "line 2", "key 'sla.P3.resolution'"),
        ("sla_unknown_calendar.toml", "line 2", "key 'sla.P1.calendar'"),
        ("sla_at_risk.toml", "line 2", "key 'sla.at_risk'"),
        ("calendar_bad_range.toml", "line 3", "key 'calendars.office.monday'"),
        ("calendar_bad_timezone.toml", "line 2", "key 'calendars.office.timezone'"),
        ("matrix_missing_row.toml", "line ", "key 'matrix.person'"),
        ("matrix_short_row.toml", "line 3", "key 'matrix.several'"),
        ("impact_duplicate_name.toml", "line 6", "key 'impact.name'"),
        ("impact_bidi_name.toml", "line 6", "key 'impact.name'"),
        ("impact_label_escape.toml", "line 4", "key 'impact.nl'"),
        ("closure_label_bidi.toml", "line 3", "key 'closure.code.en'"),
        ("matrix_bad_priority.toml", "line 2", "key 'matrix.organisation[3]'"),
        ("closure_duplicate_item.toml", "line 6", "key 'closure.item.name'"),
        ("closure_bad_priority.toml", "line 2", "key 'closure.review_priorities[1]'"),
        ("closure_bad_code.toml", "line 2", "key 'closure.code.name'"),
    ];
    let s = Sandbox::new();
    for (file, line, key) in cases {
        let path = fixture(file);
        let out = s.run(&["--config", &path, "--db", s.db().to_str().unwrap(), "ticket", "list"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(&path), "{file}: no file name in {err}");
        assert!(err.contains(line), "{file}: no {line} in {err}");
        assert!(err.contains(key), "{file}: no {key} in {err}");
        assert!(!s.db().exists(), "{file}: the database was touched");
    }
}

#[test]
fn a_missing_explicit_config_is_an_error_but_a_missing_default_is_not() {
    let s = Sandbox::new();
    let out = s.run(&["--config", "/nonexistent/meldpunt.toml", "init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/meldpunt.toml"));
    s.ok(&with_db(&s.db(), &["init"]));
}

#[test]
fn language_comes_from_the_locale_or_the_config() {
    let s = Sandbox::new();
    let db = s.db();
    let out =
        s.run_with(&with_db(&db, &["ticket", "new", "--title", "a", "--reporter", "b"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("INC-000001 aangemaakt"));
    let out = s.run_with(
        &with_db(&db, &["ticket", "update", "1", "--status", "waiting_supplier"]),
        &[("LANG", "nl_NL.UTF-8")],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kan niet van Nieuw naar Wacht op leverancier; toegestaan: Toegewezen"), "{err}");
    let bad = s.dir.path().join("bad.toml");
    std::fs::write(&bad, "languag = 1\n").unwrap();
    let out = s.run_with(&["--config", bad.to_str().unwrap(), "init"], &[("LANG", "nl_NL.UTF-8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("regel 1") && err.contains("sleutel 'languag'"), "{err}");
    let config = s.dir.path().join("c.toml");
    std::fs::write(&config, "language = \"en\"\nnumber_prefix = \"SD-\"\n").unwrap();
    let out = s.run_with(
        &[
            "--config",
            config.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "ticket",
            "new",
            "--title",
            "a",
            "--reporter",
            "b",
        ],
        &[("LANG", "nl_NL.UTF-8")],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Created SD-000002"));
}

#[test]
fn version_help_and_completions() {
    let s = Sandbox::new();
    assert!(s.ok(&["--version"]).contains(env!("CARGO_PKG_VERSION")));
    let help = s.ok(&["--help"]);
    for word in ["init", "demo", "ticket", "completions", "--db", "--config"] {
        assert!(help.contains(word), "{word} missing from help");
    }
    assert!(s.ok(&["completions", "bash"]).contains("_meldpunt"));
}

#[test]
fn output_to_a_terminal_table_is_inert() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "bad title", "--reporter", "x"]));
    // A title from before one-line fields refused control characters.
    rusqlite::Connection::open(&db).unwrap().execute("UPDATE tickets SET title = 'bad \u{1b}[2J title'", []).unwrap();
    let out = s.ok(&with_db(&db, &["ticket", "list"]));
    assert!(!out.contains('\u{1b}'));
    assert!(out.contains("bad ␛[2J title"));
}

#[test]
fn sla_due_and_elapsed_use_the_calendars_of_the_config() {
    let s = Sandbox::new();
    // Friday 16:00 in Amsterdam + 2 office hours → Monday 09:30.
    let due = s.ok(&["sla", "due", "--calendar", "office", "--start", "2026-11-27T16:00:00+01:00", "--duration", "2h"]);
    assert_eq!(due.trim(), "2026-11-30T09:30:00+01:00");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&[
        "sla",
        "due",
        "--calendar",
        "always",
        "--start",
        "2026-11-27T16:00:00Z",
        "--duration",
        "4h30m",
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["due"], "2026-11-27T20:30:00+00:00");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&[
        "sla",
        "elapsed",
        "--calendar",
        "office",
        "--from",
        "2026-11-27T16:00:00+01:00",
        "--to",
        "2026-11-30T09:30:00+01:00",
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["seconds"], 7200);
    // A calendar from a config file, chosen with --config.
    let config = s.dir.path().join("cal.toml");
    std::fs::write(&config, "[calendars.weekend]\ntimezone = \"UTC\"\nsaturday = [\"00:00-24:00\"]\n").unwrap();
    let due = s.ok(&[
        "--config",
        config.to_str().unwrap(),
        "sla",
        "due",
        "--calendar",
        "weekend",
        "--start",
        "2026-11-23T09:00:00Z",
        "--duration",
        "90m",
    ]);
    assert_eq!(due.trim(), "2026-11-28T01:30:00+00:00");
    let out = s.run(&["sla", "due", "--calendar", "weekend", "--start", "2026-11-23T09:00:00Z", "--duration", "1h"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown calendar 'weekend'"));
    let out = s.run(&["sla", "due", "--calendar", "office", "--start", "2026-11-23T09:00:00Z", "--duration", "soon"]);
    assert!(!out.status.success());
}

/// An absurd duration is refused at once with the range, for every calendar.
#[test]
fn sla_due_refuses_a_duration_beyond_a_year_and_names_the_range() {
    let s = Sandbox::new();
    for calendar in ["office", "always"] {
        let started = std::time::Instant::now();
        let out = s.run(&[
            "sla",
            "due",
            "--calendar",
            calendar,
            "--start",
            "2026-01-01T00:00:00Z",
            "--duration",
            "30000000d",
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{calendar}");
        assert!(err.contains("'30000000d' is too long (from 0s to 366d)"), "{calendar}: {err}");
        assert!(!err.contains("ten years"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{calendar}: {:?}", started.elapsed());
    }
    let due = s.ok(&["sla", "due", "--calendar", "always", "--start", "2026-01-01T00:00:00Z", "--duration", "366d"]);
    assert_eq!(due.trim(), "2027-01-02T00:00:00+00:00");
}

#[test]
fn ticket_show_json_includes_each_targets_deadline_and_state() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "VPN", "--reporter", "Piet", "--impact", "1", "--urgency", "1"]));
    let shown: serde_json::Value =
        serde_json::from_str(&s.ok(&with_db(&db, &["ticket", "show", "1", "--json"]))).unwrap();
    let sla = &shown["sla"];
    assert_eq!(sla["calendar"], "always");
    for target in ["response", "resolution", "update"] {
        assert!(sla[target]["due"].is_string(), "{target}: {sla}");
        assert_eq!(sla[target]["state"], "ok", "{target}");
    }
    assert_eq!(sla["response"]["target_seconds"], 900);
}

#[test]
fn handing_on_working_and_informing_from_the_command_line() {
    let s = Sandbox::new();
    let db = s.db();
    let run = |args: &[&str]| s.ok(&with_db(&db, args));
    run(&["init"]);
    run(&["agent", "add", "bram", "--name", "Bram Bakker", "--line", "2", "--role", "technician", "--team", "Network"]);
    run(&[
        "ticket",
        "new",
        "--title",
        "VPN down",
        "--reporter",
        "Piet",
        "--email",
        "piet@example.nl",
        "--category",
        "Network",
    ]);
    // The routing rules pick the team when none is named.
    assert!(run(&["ticket", "assign", "1"]).contains("Assigned to Network"));
    run(&["ticket", "assign", "1", "--team", "Network", "--person", "bram"]);
    run(&["ticket", "status", "1", "in_progress"]);
    assert!(
        run(&["ticket", "escalate", "1", "--to", "line3", "--reason", "Firewall rule needed"]).contains("3rd line")
    );
    assert!(run(&["ticket", "escalate", "1", "--to", "lead", "--reason", "VIP"]).contains("lead"));
    run(&["ticket", "note", "1", "Checked the tunnel logs"]);
    assert!(run(&["ticket", "notify", "1", "--template", "progress", "--record-only"]).contains("recorded"));
    let teams: serde_json::Value = serde_json::from_str(&run(&["team", "list", "--json"])).unwrap();
    assert!(teams.as_array().unwrap().iter().any(|t| t["name"] == "Infrastructure"));
    let shown: serde_json::Value = serde_json::from_str(&run(&["ticket", "show", "1", "--json"])).unwrap();
    assert_eq!(shown["team"], "Infrastructure");
    let kinds: Vec<&str> = shown["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"escalated") && kinds.contains(&"lead_attention"), "{kinds:?}");
    let text = run(&["ticket", "show", "1"]);
    assert!(text.contains("Checked the tunnel logs") && text.contains("Dear Piet"), "{text}");
    // The same refusals as in the TUI.
    let out = s.run(&with_db(&db, &["ticket", "escalate", "1", "--to", "line2", "--reason", " "]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a reason is required"));
    let out = s.run(&with_db(&db, &["ticket", "status", "1", "new"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowed:"));
}

#[test]
fn notify_pipes_the_message_to_the_mail_command_and_records_failures() {
    let s = Sandbox::new();
    let db = s.db();
    let outbox = s.dir.path().join("outbox.txt");
    let config = s.dir.path().join("mail.toml");
    std::fs::write(
        &config,
        format!("user = \"tester\"\n[mail]\ncommand = \"cat > {}\"\nfrom = \"sd@example.nl\"\n", outbox.display()),
    )
    .unwrap();
    let c = config.to_str().unwrap();
    let d = db.to_str().unwrap();
    s.ok(&[
        "--config",
        c,
        "--db",
        d,
        "ticket",
        "new",
        "--title",
        "Printer",
        "--reporter",
        "Kees",
        "--email",
        "kees@example.nl",
    ]);
    let out = s.ok(&["--config", c, "--db", d, "ticket", "notify", "1", "--template", "confirmation"]);
    assert!(out.contains("Message sent"), "{out}");
    let mail = std::fs::read_to_string(&outbox).unwrap();
    let head: Vec<&str> = mail.split("\n\n").next().unwrap().lines().collect();
    for line in ["To: kees@example.nl", "From: sd@example.nl", "Subject: INC-000001 registered: Printer"] {
        assert!(head.contains(&line), "{mail}");
    }
    assert!(mail.contains("Dear Kees,"));
    // A failing command: the error is shown, the message kept as not sent.
    std::fs::write(&config, "user = \"tester\"\n[mail]\ncommand = \"echo 'mail server unreachable' >&2; exit 1\"\n")
        .unwrap();
    let failed = s.run(&["--config", c, "--db", d, "ticket", "notify", "1", "--template", "no_news"]);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("mail server unreachable"));
    let shown = s.ok(&["--config", c, "--db", d, "ticket", "show", "1"]);
    assert!(shown.contains("NOT SENT"), "{shown}");
}

#[test]
fn templates_in_the_config_folder_replace_the_built_in_ones() {
    let s = Sandbox::new();
    let db = s.db();
    let folder = s.dir.path().join("home/.config/meldpunt/templates/en");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("progress.txt"),
        "Subject: Our news on {number}\n\nHi {reporter}, {title} is {status}.\n",
    )
    .unwrap();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    s.ok(&with_db(&db, &["ticket", "notify", "1", "--template", "progress", "--record-only"]));
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1"]));
    assert!(shown.contains("Our news on INC-000001"), "{shown}");
    assert!(shown.contains("Hi Kees, Printer is New."), "{shown}");
}
