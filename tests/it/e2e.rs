//! End to end: the real binary in a pseudo-terminal, driven by keys only.

use crate::pty;

use meldpunt::domain::queue::PageRequest;
use meldpunt::domain::queue::{Cursor, QueueFilter, Scope, Sort, Viewer};
use meldpunt::domain::{Channel, NumberFormat, Priority, Status};
use meldpunt::store::Store;
use pty::{CTRL_S, DOWN, ENTER, ESC, Session, TAB, home};

#[test]
fn register_an_incident_find_it_in_the_queue_and_in_the_database() {
    let home = home();
    let db = home.path().join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    let mut s = Session::start(home.path(), &["--db", db_arg], &[], 100, 30);
    s.wait_for("No incidents yet.");
    crate::pty::fill_in_vpn_incident(&mut s);
    s.send(CTRL_S);
    let detail = s.wait_for("Registered INC-000001.");
    assert!(detail.contains("VPN drops every ten minutes"), "{detail}");
    assert!(detail.contains("P2 high"), "{detail}");
    assert!(detail.contains("operator1"), "{detail}");

    s.send(ESC);
    s.wait_for("1 ticket ·");
    s.send("/");
    s.type_text("vpn");
    let queue = s.wait_for("Search: vpn");
    assert!(queue.contains("INC-000001") && queue.contains("VPN drops every ten"), "{queue}");
    s.send(ENTER); // leave the search field
    s.send(ENTER); // open the incident
    s.wait_for("Sanne Jansen · Finance");
    s.send(ESC);
    s.send("q");
    assert!(s.wait_exit(), "meldpunt exits cleanly");
    assert!(!s.in_alternate_screen(), "the terminal is restored");

    let store = Store::open(&db).unwrap();
    let t = store.ticket(1).unwrap().expect("the incident is stored");
    assert_eq!(t.title, "VPN drops every ten minutes");
    assert_eq!(t.reporter.name, "Sanne Jansen");
    assert_eq!(t.reporter.department.as_deref(), Some("Finance"));
    assert_eq!(t.reporter.email.as_deref(), Some("s.jansen@example.nl"));
    assert_eq!(t.channel, Channel::Phone);
    assert_eq!(t.service.as_deref(), Some("VPN"));
    assert_eq!(t.category.as_deref(), Some("Network"));
    assert_eq!(t.priority, Some(Priority::P2));
    assert_eq!(t.status, Status::New);
    assert_eq!(store.events(1).unwrap()[0].actor, "operator1");
}

#[test]
fn first_run_loads_demo_data_with_one_key_and_browses_it() {
    let home = home();
    let db = home.path().join("demo.db");
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[("LANG", "nl_NL.UTF-8")], 80, 24);
    s.wait_for("Nog geen meldingen.");
    s.send("d");
    s.wait_for("demomeldingen geladen");
    s.wait_for("INC-002000");
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("Servicenorm");
    s.send("G"); // scroll to the end of the incident: its timeline, or after a long one its service-level clocks
    let end = s.wait_for_any(&["Tijdlijn", "SLA-klokken"]);
    assert!(!end.contains("Servicenorm") || end.contains("Tijdlijn"), "{end}");
    s.send(ESC);
    s.send("o"); // all tickets
    s.wait_for("alle");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    let viewer = Viewer { login: "x".into() };
    let all = QueueFilter { scope: Scope::All, ..Default::default() };
    let counts = store.queue_counts(&all, &viewer, &NumberFormat::default()).unwrap();
    assert_eq!(counts.matching, 2_000);
    let request = PageRequest {
        filter: &all,
        sort: Sort::default(),
        viewer: &viewer,
        numbers: &NumberFormat::default(),
        cursor: &Cursor::First,
        limit: 1,
    };
    assert_eq!(store.queue_page(&request).unwrap()[0].id, 2_000);
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_gets_a_message() {
    let home = home();
    let db = home.path().join("r.db");
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 100, 30);
    s.wait_for("No incidents yet.");
    s.resize(40, 10);
    s.wait_for("Terminal too small");
    s.resize(90, 26);
    s.wait_for("No incidents yet.");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_config_error_is_shown_before_the_screen_is_taken() {
    let home = home();
    std::fs::write(home.path().join(".config/meldpunt/config.toml"), "[keymap.queue]\n\"x\" = \"explode\"\n").unwrap();
    let mut s = Session::start(home.path(), &[], &[], 100, 30);
    assert!(!s.wait_exit());
    let screen = s.screen();
    assert!(screen.contains("line 2") && screen.contains("explode"), "{screen}");
    assert!(!s.in_alternate_screen());
}

#[test]
fn classify_an_incident_and_see_its_sla_columns() {
    let home = home();
    let db = home.path().join("c.db");
    {
        let store = Store::open(&db).unwrap();
        let t = meldpunt::domain::NewTicket::new("Mail server down", "Anna", Channel::Email);
        store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    }
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 140, 30);
    let queue = s.wait_for("Mail server down");
    assert!(queue.contains("Resp") && queue.contains("Solve") && queue.contains("Upd"), "{queue}");
    s.send("i");
    s.wait_for("[Category]");
    s.type_text("e-m");
    s.send(ENTER); // E-mail
    s.type_text("1"); // Calendar? the first subcategory
    s.type_text("e-m");
    s.send(ENTER); // service E-mail
    s.type_text("1"); // impact: whole organisation
    s.type_text("1"); // urgency: work has stopped
    s.wait_for("P1 critical");
    s.send(ENTER);
    s.wait_for("classified: P1 critical");
    let detail = s.wait_for("Service level");
    assert!(detail.contains("Response"), "{detail}");
    s.send(ESC);
    let queue = s.wait_for("P1 ");
    // Fresh P1: 15 minutes to respond, 4 hours to resolve, an update within 30 minutes.
    assert!(queue.contains("14m") || queue.contains("15m"), "{queue}");
    assert!(queue.contains("3h59m") || queue.contains("4h"), "{queue}");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.ticket(1).unwrap().unwrap().priority, Some(Priority::P1));
    assert!(store.ticket_sla(1).unwrap().is_some());
}

#[test]
fn assign_escalate_send_an_update_and_resolve() {
    let home = home();
    let db = home.path().join("w.db");
    let outbox = home.path().join("outbox.txt");
    std::fs::write(
        home.path().join(".config/meldpunt/config.toml"),
        format!("user = \"operator1\"\n[mail]\ncommand = \"cat > {}\"\n", outbox.display()),
    )
    .unwrap();
    {
        let store = Store::open(&db).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store
            .add_agent(&meldpunt::domain::people::AgentRecord {
                login: "bram".into(),
                name: "Bram Bakker".into(),
                email: None,
                line: 2,
                role: "technician".into(),
                teams: vec!["Network".into()],
            })
            .unwrap();
        // operator1 is a person of this servicedesk, named by the config.
        let operator = meldpunt::domain::people::AgentRecord {
            login: "operator1".into(),
            name: "Olga Operator".into(),
            email: None,
            line: 1,
            role: "operator".into(),
            teams: Vec::new(),
        };
        store.add_agent(&operator).unwrap();
        store.set_setting(meldpunt::domain::access::Setting::TrustConfigUser, "yes").unwrap();
        let mut t = meldpunt::domain::NewTicket::new("VPN keeps dropping", "Piet Pieters", Channel::Phone);
        t.reporter.email = Some("piet@example.nl".into());
        store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    }
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 120, 36);
    s.wait_for("VPN keeps dropping");
    s.send(ENTER);
    s.wait_for("Piet Pieters");
    s.send("a");
    s.wait_for("Assign INC-000001");
    s.type_text("netw");
    s.send(ENTER);
    s.type_text("bram");
    s.send(ENTER);
    s.wait_for("Assigned to Network · bram");
    s.send("e");
    s.wait_for("Escalate INC-000001");
    s.send(DOWN); // 3rd line
    s.send(ENTER);
    s.send(ENTER); // its team
    s.type_text("Needs a firewall change");
    s.send(ENTER);
    s.wait_for("Escalated to 3rd line");
    s.send("m");
    s.wait_for("Start from which message?");
    s.send(ENTER); // work under way: the progress update is offered first
    s.wait_for("Dear Piet Pieters");
    s.send(CTRL_S);
    s.wait_for("Message sent.");
    // Resolving asks first, and Enter is no yes.
    s.send("R");
    s.wait_for("Set INC-000001 to “Resolved”?");
    s.wait_for("y/j yes · n/Esc/Enter no");
    s.send(ENTER);
    s.send("c"); // a key that means nothing here: once it is answered, Enter was handled
    s.wait_for("c does nothing here");
    assert_eq!(Store::open(&db).unwrap().ticket(1).unwrap().unwrap().status, Status::Assigned);
    s.send("R");
    s.wait_for("Set INC-000001 to “Resolved”?");
    s.send("y");
    s.wait_for("Status is now Resolved.");
    s.send("q");
    assert!(s.wait_exit());

    let mail = std::fs::read_to_string(&outbox).unwrap();
    assert!(mail.lines().any(|l| l == "To: piet@example.nl"), "{mail}");
    assert!(mail.contains("Subject: INC-000001 update: VPN keeps dropping"), "{mail}");
    let store = Store::open(&db).unwrap();
    let t = store.ticket(1).unwrap().unwrap();
    assert_eq!(t.status, Status::Resolved);
    assert_eq!(t.team.as_deref(), Some("Infrastructure"));
    let h = store.handling(1).unwrap().unwrap();
    assert_eq!(h.escalation, Some(meldpunt::domain::escalation::Escalation::Line3));
    let entries = store.entries(1).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].delivery, Some(meldpunt::domain::entry::Delivery::Sent));
}

#[test]
fn esc_closes_an_open_pick_list_and_a_typed_call_is_never_lost_by_enter() {
    let home = home();
    let db = home.path().join("call.db");
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 80, 24);
    s.wait_for("No incidents yet.");
    s.send("n");
    s.wait_for("Register incident");
    s.type_text("Sanne Jansen");
    s.send(TAB);
    s.type_text("fi");
    s.wait_for("Finance");
    s.send(ESC); // closes the department list, nothing else
    s.send(ENTER); // on to the next field; never a yes to a question
    s.send(ESC);
    s.wait_for("Discard what you typed?");
    s.wait_for("y/j discard · n/Esc/Enter keep editing");
    s.send(ENTER); // keep editing
    s.type_text("020 555 1234");
    let form = s.wait_for("020 555 1234");
    assert!(form.contains("Sanne Jansen"), "{form}");
    s.send("\x03"); // Ctrl-c
    s.wait_for("Quit meldpunt? What you typed is lost.");
    s.wait_for("y/j quit · n/Esc/Enter keep editing");
    s.send(ENTER);
    s.type_text("x");
    s.wait_for("020 555 1234x");
    s.send("\x03");
    s.wait_for("Quit meldpunt?");
    s.send("j");
    assert!(s.wait_exit(), "j quits");
}

/// Waits until a file holds this text (or is gone, for None).
fn wait_for_file(path: &std::path::Path, text: Option<&str>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now = std::fs::read_to_string(path).ok();
        let done = match text {
            Some(text) => now.as_deref().is_some_and(|n| n.contains(text)),
            None => now.is_none(),
        };
        if done {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{path:?} holds {now:?}, not {text:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_call_typed_when_the_session_dies_is_offered_back_on_the_next_start() {
    let home = home();
    let db = home.path().join("draft.db");
    let draft = home.path().join("draft.db.draft-operator1.json");
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 80, 24);
    s.wait_for("No incidents yet.");
    s.send("n");
    s.wait_for("Register incident");
    s.type_text("Sanne Jansen");
    s.send(TAB);
    s.type_text("fin");
    s.send(TAB);
    s.type_text("020 555 1234");
    wait_for_file(&draft, Some("020 555 1234"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "what a caller said is for the user only");
    s.kill();

    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 80, 24);
    let back = s.wait_for("is back; it is not saved yet");
    assert!(back.contains("Sanne Jansen") && back.contains("Finance"), "{back}");
    assert!(back.contains("020 555 1234"), "{back}");
    // Given up on purpose, it is gone for good.
    s.send(ESC);
    s.wait_for("Discard what you typed?");
    s.send("y");
    s.wait_for("No incidents yet.");
    wait_for_file(&draft, None);
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn closing_is_refused_until_the_checklist_is_done_then_closes() {
    let home = home();
    let db = home.path().join("close.db");
    {
        let store = Store::open(&db).unwrap();
        let t = meldpunt::domain::NewTicket::new("Printer jams", "Kees", Channel::Phone);
        store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
        for s in ["in_progress", "resolved"] {
            let edit = [(meldpunt::domain::Field::Status, Some(s.to_string()))];
            store.update_ticket("operator1", chrono::Utc::now(), 1, None, &edit).unwrap();
        }
    }
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 120, 40);
    s.wait_for("meldpunt");
    s.send("o"); // every status: the resolved one shows
    s.wait_for("Printer jams");
    s.send(ENTER);
    s.wait_for("Timeline");
    s.send("X");
    s.wait_for("Close INC-000001");
    s.send(CTRL_S);
    let refused = s.wait_for("not ticked");
    assert!(refused.contains("Service restored and verified"), "{refused}");
    for _ in 0..6 {
        s.send(" ");
        s.send(TAB);
    }
    s.wait_for("[x] Summary sent to the reporter");
    s.send(TAB); // feedback asked is optional
    s.type_text("solv");
    s.send(TAB);
    s.type_text("Worn roller");
    s.send(CTRL_S);
    s.wait_for("Closed.");
    s.wait_for("Checklist    6/7");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    let t = store.ticket(1).unwrap().unwrap();
    assert_eq!(t.status, Status::Closed);
    assert_eq!((t.closure_code.as_deref(), t.cause.as_deref()), (Some("solved"), Some("Worn roller")));
    assert_eq!(store.checklist(1).unwrap().len(), 6);
}

#[test]
fn reports_compute_beside_the_screen_and_a_row_opens_its_tickets() {
    let home = home();
    let db = home.path().join("reports.db");
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 100, 30);
    s.wait_for("No incidents yet.");
    s.send("d");
    s.wait_for("INC-002000");
    s.send("v");
    s.wait_for("Daily overview");
    let daily = s.wait_for("computed in");
    assert!(daily.contains("Open now") && daily.contains("Oldest open tickets"), "{daily}");
    // Down the list to the volume report: it runs as the cursor arrives.
    for _ in 0..6 {
        s.send("j");
    }
    s.wait_for("Volume");
    s.wait_for("Over time");
    s.send("p"); // this month
    s.wait_for("This month");
    // Back up to the daily overview, then its third row: open now.
    for _ in 0..6 {
        s.send("k");
    }
    s.wait_for("Registered today");
    s.send(TAB);
    s.send(DOWN);
    s.send(DOWN);
    s.send(ENTER);
    let queue = s.wait_for("from report: Daily overview");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    let viewer = Viewer { login: "x".into() };
    let open = store.queue_counts(&QueueFilter::default(), &viewer, &NumberFormat::default()).unwrap();
    assert!(queue.contains(&format!("{} tickets", open.matching)), "{queue}");
}

#[test]
fn a_change_made_by_another_process_shows_within_seconds() {
    let home = home();
    let db = home.path().join("shared.db");
    let store = Store::open(&db).unwrap();
    let t = meldpunt::domain::NewTicket::new("Printer on fire", "Kees", Channel::Phone);
    store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 100, 30);
    s.wait_for("Printer on fire");
    // Another process: the command line, on the same file.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_meldpunt"))
        .args(["--db", db.to_str().unwrap(), "ticket", "update", "1", "--title", "Printer fixed"])
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    s.wait_for("Printer fixed");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_read_only_session_says_so_and_changes_nothing() {
    let home = home();
    let db = home.path().join("look.db");
    let store = Store::open(&db).unwrap();
    let t = meldpunt::domain::NewTicket::new("Printer on fire", "Kees", Channel::Phone);
    store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    drop(store);
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap(), "--read-only"], &[], 100, 30);
    s.wait_for("[read-only]");
    s.wait_for("Printer on fire");
    s.send("W"); // start work: refused
    s.wait_for("read-only for you");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.ticket(1).unwrap().unwrap().status, Status::New);
}

#[test]
fn a_registered_title_and_department_are_corrected_in_place_and_the_timeline_shows_it() {
    let home = home();
    let db = home.path().join("edit.db");
    {
        let store = Store::open(&db).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let operator = meldpunt::domain::people::AgentRecord {
            login: "operator1".into(),
            name: "Olga Operator".into(),
            email: None,
            line: 1,
            role: "operator".into(),
            teams: Vec::new(),
        };
        store.add_agent(&operator).unwrap();
        store.set_setting(meldpunt::domain::access::Setting::TrustConfigUser, "yes").unwrap();
        let t = meldpunt::domain::NewTicket::new("VPN keeps droping", "Piet Pieters", Channel::Phone);
        store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    }
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 120, 36);
    s.wait_for("VPN keeps droping");
    s.send(ENTER);
    let pane = s.wait_for("Piet Pieters");
    assert!(pane.contains("w edit"), "the pane offers the key: {pane}");
    s.send("w");
    s.wait_for("Edit INC-000001");
    // The title has the focus, filled in: the typo is corrected at its end.
    s.send("\x7f\x7f\x7f");
    s.type_text("ping");
    for _ in 0..3 {
        s.send("\x1b[Z"); // back to the department
    }
    s.type_text("hr");
    s.send(CTRL_S);
    s.wait_for("INC-000001 changed: Title, Department.");
    let pane = s.wait_for("Department: (empty) → HR");
    assert!(pane.contains("Title: VPN keeps droping → VPN keeps dropping"), "{pane}");
    assert!(pane.contains("Department: (empty) → HR"), "{pane}");
    s.send("q");
    assert!(s.wait_exit());

    let store = Store::open(&db).unwrap();
    let t = store.ticket(1).unwrap().unwrap();
    assert_eq!(t.title, "VPN keeps dropping");
    assert_eq!(t.reporter.department.as_deref(), Some("HR"));
    assert_eq!(t.version, 2, "one edit, one version");
    let events = store.events(1).unwrap();
    assert!(events.iter().any(|e| e.field.as_deref() == Some("title") && e.actor == "operator1"), "{events:?}");
}
