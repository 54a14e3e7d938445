//! End to end: slow work (a message being delivered, a database another
//! program holds) runs beside the screen, which keeps answering keys and
//! says what it waits for.

use crate::pty;

use meldpunt::domain::entry::Delivery;
use meldpunt::domain::{Channel, Status};
use meldpunt::store::Store;
use pty::{CTRL_S, DOWN, ENTER, ESC, Session};

/// A home whose config names the user and, if given, a mail command.
fn home(mail: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".config/meldpunt");
    std::fs::create_dir_all(&config).unwrap();
    let mail = mail.map(|command| format!("[mail]\ncommand = {command:?}\n")).unwrap_or_default();
    std::fs::write(config.join("config.toml"), format!("user = \"operator1\"\n{mail}")).unwrap();
    dir
}

/// A database with three incidents, each with a reporter's address.
fn three_incidents(db: &std::path::Path) {
    let store = Store::open(db).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for (title, name) in [("VPN keeps dropping", "Piet"), ("Printer jams", "Kees"), ("Mail is slow", "Anna")] {
        let mut t = meldpunt::domain::NewTicket::new(title, name, Channel::Phone);
        t.reporter.email = Some(format!("{}@example.nl", name.to_lowercase()));
        store.create_ticket("operator1", chrono::Utc::now(), &t).unwrap();
    }
}

/// How many messages the database records as sent.
fn sent(db: &std::path::Path) -> usize {
    let store = Store::open(db).unwrap();
    (1..=3).flat_map(|id| store.entries(id).unwrap()).filter(|e| e.delivery == Some(Delivery::Sent)).count()
}

/// A message to the first incident's reporter, saved and on its way through
/// a mail command that takes `seconds` (as a slow mail server would): the
/// folders (kept for the session's life), the outbox, the database, the session.
fn message_on_its_way(seconds: u32) -> ([tempfile::TempDir; 2], std::path::PathBuf, std::path::PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.txt");
    let home = home(Some(&format!("sleep {seconds}; cat > {}", outbox.display())));
    let db = home.path().join("w.db");
    three_incidents(&db);
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 120, 36);
    s.wait_for("1/3");
    s.send(ENTER);
    s.wait_for("@example.nl");
    s.send("m");
    s.wait_for("Start from which message?");
    s.send(ENTER);
    s.wait_for("Dear");
    s.send(CTRL_S);
    ([dir, home], outbox, db, s)
}

#[test]
fn the_screen_answers_keys_while_a_message_is_delivered() {
    let (_dirs, outbox, db, mut s) = message_on_its_way(3);
    s.wait_for("Sending the message…");
    // Leave it sending: back to the incident, then the queue, and move there.
    s.send(ESC);
    s.send(ESC);
    s.wait_for("1/3");
    s.send(DOWN);
    let moved = s.wait_for("2/3");
    assert!(moved.contains("Sending the message…"), "still under way:\n{moved}");
    assert!(!outbox.exists(), "the mail command is still busy");
    let done = s.wait_for("Message sent.");
    assert!(!done.contains("Sending the message"), "the spinner goes when it is done:\n{done}");
    assert!(done.contains("2/3"), "the queue stayed where the user moved it:\n{done}");
    s.send("q");
    assert!(s.wait_exit());
    assert!(std::fs::read_to_string(&outbox).unwrap().contains("Dear"));
    assert_eq!(sent(&db), 1, "the message is recorded as sent, once");
}

#[test]
fn the_screen_answers_keys_while_another_program_holds_the_database() {
    let home = home(None);
    let db = home.path().join("w.db");
    three_incidents(&db);
    let mut s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 120, 36);
    s.wait_for("1/3");
    s.send(ENTER);
    s.wait_for("@example.nl");
    // Another program takes the write lock and keeps it.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.send("W");
    s.wait_for("Waiting for the database…");
    s.send(ESC);
    s.wait_for("1/3");
    s.send(DOWN);
    let moved = s.wait_for("2/3");
    assert!(moved.contains("Waiting for the database…"), "{moved}");
    assert!(!moved.contains("Status is now"), "nothing was written yet:\n{moved}");
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    s.wait_for("Status is now In progress.");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open(&db).unwrap();
    let started: Vec<_> =
        (1..=3).filter(|id| store.ticket(*id).unwrap().unwrap().status == Status::InProgress).collect();
    assert_eq!(started.len(), 1, "the change landed once the lock was let go");
}

#[test]
fn quitting_while_a_message_is_delivered_waits_for_it() {
    let (_dirs, outbox, db, mut s) = message_on_its_way(2);
    s.send(ESC);
    s.send("q");
    s.wait_for("Quitting when done.");
    assert!(s.wait_exit());
    assert!(std::fs::read_to_string(&outbox).unwrap().contains("Dear"), "the message went out");
    assert_eq!(sent(&db), 1, "and is recorded as sent");
}

/// A second connection opened beside the first keeps the locks of this
/// process: another program still waits for the one holding the file.
#[test]
fn a_connection_beside_keeps_the_lock_another_connection_holds() {
    let home = home(None);
    let db = home.path().join("w.db");
    three_incidents(&db);
    let store = Store::open(&db).unwrap();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let beside = store.reopen().unwrap();
    assert_eq!(beside.ticket(1).unwrap().unwrap().title, "VPN keeps dropping", "it reads the same file");
    drop(beside);
    let mut other = std::process::Command::new(env!("CARGO_BIN_EXE_meldpunt"))
        .args(["--db", db.to_str().unwrap(), "ticket", "update", "1", "--title", "VPN fixed"])
        .env("HOME", home.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(other.try_wait().unwrap().is_none(), "the other program waits for the lock this process holds");
    holder.execute_batch("COMMIT").unwrap();
    assert!(other.wait().unwrap().success());
    assert_eq!(store.ticket(1).unwrap().unwrap().title, "VPN fixed");
}

#[test]
fn a_connection_beside_a_read_only_one_is_read_only() {
    let home = home(None);
    let db = home.path().join("w.db");
    three_incidents(&db);
    let options = meldpunt::store::files::OpenOptions { read_only: true, ..Default::default() };
    let store = Store::open_with(&db, options).unwrap();
    let beside = store.reopen().unwrap();
    assert!(beside.is_read_only());
    let t = meldpunt::domain::NewTicket::new("Nope", "Kees", Channel::Phone);
    assert!(beside.create_ticket("operator1", chrono::Utc::now(), &t).is_err());
    assert!(Store::open(&db).unwrap().ticket(4).unwrap().is_none());
}
