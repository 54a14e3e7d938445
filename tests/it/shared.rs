//! Many processes on one database file: 20 processes each make 200 edits
//! to the same five tickets at once. Every edit carries the version it was
//! based on; a stale one is refused as a conflict and made again on the
//! new version. In the end every edit is there exactly once and no process
//! saw "database is locked".

use crate::common;
use crate::stress;

use common::temp_db;
use stress::{EDITS, TICKETS, WORKERS};

/// One worker, when started by the test below as a process of its own.
#[test]
#[ignore = "run as a child process by many_processes_lose_no_update"]
fn stress_worker() {
    stress::worker_if_asked();
}

#[test]
fn many_processes_lose_no_update() {
    let (_dir, path) = temp_db();
    let store = stress::prepare(&path);
    let results = stress::run_workers(
        &path,
        &["--exact", "shared::stress_worker", "--ignored", "--nocapture", "--test-threads=1"],
    );
    assert_eq!(results.len(), WORKERS);
    assert!(results.iter().all(|r| r.latencies.len() == EDITS), "every worker stored all its edits");
    assert!(results.iter().map(|r| r.conflicts).sum::<u64>() > 0, "the workers did get in each other's way");

    // Every edit made it, once: each raised its ticket's version by one and
    // left one event.
    let versions: i64 = (1..=TICKETS).map(|id| store.ticket_version(id).unwrap().unwrap() - 1).sum();
    assert_eq!(versions, (WORKERS * EDITS) as i64);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let events: i64 = conn.query_row("SELECT count(*) FROM events WHERE field = 'title'", [], |r| r.get(0)).unwrap();
    assert_eq!(events, (WORKERS * EDITS) as i64);
    // The title of each ticket is the one its last event set.
    for id in 1..=TICKETS {
        let last: String = conn
            .query_row(
                "SELECT new_value FROM events WHERE ticket_id = ?1 AND field = 'title' ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(store.ticket(id).unwrap().unwrap().title, last);
    }
}

#[test]
fn a_backup_is_taken_while_another_process_keeps_writing() {
    let (dir, path) = temp_db();
    let store = stress::prepare(&path);
    meldpunt::service::demo::load_demo(&store, &Default::default(), "en", 3_000, 1, common::t0(), |_| {}).unwrap();
    let before = store.check().unwrap().tickets;
    // Another connection writes all through the backup.
    let writer_path = path.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_writer = stop.clone();
    let writer = std::thread::spawn(move || {
        let other = meldpunt::store::Store::open(&writer_path).unwrap();
        let mut n = 0;
        while !stop_writer.load(std::sync::atomic::Ordering::Relaxed) {
            other.add_entry("w", common::t0(), 1, &meldpunt::domain::entry::NewEntry::note("still working")).unwrap();
            n += 1;
        }
        n
    });
    let copy = dir.path().join("copies/backup.db");
    store.backup_to(&copy, false).unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0, "the writer was not held up");

    let copied = meldpunt::store::Store::open(&copy).unwrap();
    let report = copied.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert!(report.tickets >= before, "{} of {before}", report.tickets);

    // An existing file is left alone.
    std::fs::write(dir.path().join("taken.db"), b"mine").unwrap();
    let refused = store.backup_to(&dir.path().join("taken.db"), false);
    assert!(
        matches!(refused, Err(meldpunt::store::StoreError::Write(meldpunt::output_file::WriteError::Exists(_)))),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(dir.path().join("taken.db")).unwrap(), b"mine");
}

#[test]
fn who_else_has_an_incident_open_is_shown_and_expires() {
    let (_dir, path) = temp_db();
    let store = stress::prepare(&path);
    let t = common::t0();
    assert!(store.be_present("anna", 1, t).unwrap().is_empty());
    let bram = meldpunt::store::Store::open(&path).unwrap();
    assert_eq!(bram.be_present("bram", 1, t).unwrap(), vec!["anna"]);
    assert_eq!(store.present("anna", 1, t).unwrap(), vec!["bram"]);
    assert!(store.present("anna", 2, t).unwrap().is_empty(), "per incident");
    // Not renewed for a while: gone.
    let later = t + chrono::Duration::seconds(meldpunt::store::PRESENCE_SECS + 1);
    assert!(store.present("anna", 1, later).unwrap().is_empty());
    bram.be_present("bram", 1, later).unwrap();
    bram.leave("bram", 1).unwrap();
    assert!(store.present("anna", 1, later).unwrap().is_empty(), "left");
}

#[test]
fn a_database_of_the_first_schema_is_upgraded_with_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.db"), &path).unwrap();
    let store = meldpunt::store::Store::open(&path).unwrap();
    let meldpunt::store::Opened::Migrated { from: 1, backup } = store.opened().clone() else {
        panic!("{:?}", store.opened())
    };
    assert!(backup.exists(), "a copy of the old file was kept");
    let vpn = store.ticket(1).unwrap().unwrap();
    assert_eq!(vpn.title, "VPN drops every ten minutes");
    assert_eq!(vpn.priority, Some(meldpunt::domain::Priority::P2));
    assert_eq!(store.ticket(2).unwrap().unwrap().status, meldpunt::domain::Status::InProgress);
    assert!(store.events(1).unwrap().iter().any(|e| e.field.as_deref() == Some("impact")), "the history came along");
    assert!(store.check().unwrap().is_ok());
    // What the new schema adds works on the old records.
    assert!(store.be_present("anna", 1, common::t0()).unwrap().is_empty());
}

#[test]
fn an_old_file_opened_read_only_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.db"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let options = meldpunt::store::files::OpenOptions { read_only: true, ..Default::default() };
    let opened = meldpunt::store::Store::open_with(&path, options);
    assert!(matches!(opened, Err(meldpunt::store::StoreError::ReadOnly)), "{:?}", opened.err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let files: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(files.iter().all(|f| !f.ends_with(".bak")), "no backup made: {files:?}");
}
