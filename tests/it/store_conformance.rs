//! What the store does, whatever engine is beneath it: every test runs on
//! each engine of `backends()`. A new engine adds one entry there (a way to
//! make a fresh database, open it, and run a statement past the store) and
//! must pass all of these unchanged.

use std::path::{Path, PathBuf};

use chrono::Duration;

use crate::common::{incident, pg, t0};
use meldpunt::domain::entry::NewEntry;
use meldpunt::domain::queue::{Cursor, PageRequest, QueueFilter, Scope, Sort, SortColumn, Viewer};
use meldpunt::domain::{EventKind, Field, NumberFormat, Status};
use meldpunt::store::files::OpenOptions;
use meldpunt::store::{Location, Store, StoreError};

/// One fresh database of an engine, for one test.
trait Database {
    /// A connection to it, as a user who may change everything.
    fn open(&self) -> Store;
    /// A connection to it that may only read (`--read-only`).
    fn open_read_only(&self) -> Store;
    /// Runs one statement past the store, as someone with the engine's own
    /// client would: what the database itself allows or refuses.
    fn execute_raw(&self, sql: &str) -> Result<usize, String>;
    /// Where a backup of it may be written, and how to open that copy.
    fn backup_target(&self) -> PathBuf;
    fn open_backup(&self, target: &Path) -> Store;
}

/// An engine the store runs on.
struct Engine {
    name: &'static str,
    fresh: fn() -> Box<dyn Database>,
}

fn backends() -> Vec<Engine> {
    let mut engines = vec![Engine { name: "SQLite", fresh: sqlite }];
    if pg::cluster("the store's conformance on PostgreSQL").is_some() {
        engines.push(Engine { name: "PostgreSQL", fresh: postgres });
    }
    engines
}

/// A fresh database on the tests' PostgreSQL server.
struct PostgresDatabase {
    db: pg::Database,
    dir: tempfile::TempDir,
}

fn postgres() -> Box<dyn Database> {
    let cluster = pg::cluster("the store's conformance on PostgreSQL").expect("checked in backends()");
    Box::new(PostgresDatabase { db: cluster.fresh(), dir: tempfile::tempdir().unwrap() })
}

impl Database for PostgresDatabase {
    fn open(&self) -> Store {
        Store::open_at(&Location::Server(Box::new(self.db.server(pg::OWNER))), OpenOptions::default()).unwrap()
    }

    fn open_read_only(&self) -> Store {
        let options = OpenOptions { read_only: true, ..Default::default() };
        Store::open_at(&Location::Server(Box::new(self.db.server(pg::OWNER))), options).unwrap()
    }

    fn execute_raw(&self, sql: &str) -> Result<usize, String> {
        self.db.client().execute(sql, &[]).map(|n| n as usize).map_err(|e| e.to_string())
    }

    fn backup_target(&self) -> PathBuf {
        self.dir.path().join("copy.dump")
    }

    fn open_backup(&self, target: &Path) -> Store {
        let copy = self.db.cluster.fresh();
        let restored = std::process::Command::new(self.db.cluster.bin.join("pg_restore"))
            .args(["--no-owner", "-d", &copy.url()])
            .arg(target)
            .output()
            .unwrap();
        assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
        let store =
            Store::open_at(&Location::Server(Box::new(copy.server(pg::OWNER))), OpenOptions::default()).unwrap();
        // The copy's database goes when the test ends.
        std::mem::forget(copy);
        store
    }
}

/// A SQLite file in a folder of its own.
struct SqliteFile {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn sqlite() -> Box<dyn Database> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meldpunt.db");
    Box::new(SqliteFile { dir, path })
}

impl Database for SqliteFile {
    fn open(&self) -> Store {
        Store::open(&self.path).unwrap()
    }

    fn open_read_only(&self) -> Store {
        Store::open_with(&self.path, OpenOptions { read_only: true, ..Default::default() }).unwrap()
    }

    fn execute_raw(&self, sql: &str) -> Result<usize, String> {
        let conn = rusqlite::Connection::open(&self.path).map_err(|e| e.to_string())?;
        conn.execute(sql, []).map_err(|e| e.to_string())
    }

    fn backup_target(&self) -> PathBuf {
        self.dir.path().join("copy.db")
    }

    fn open_backup(&self, target: &Path) -> Store {
        Store::open(target).unwrap()
    }
}

/// Runs `test` on a fresh, seeded database of every engine.
fn on_every_engine(test: impl Fn(&str, &dyn Database, &Store)) {
    for engine in backends() {
        let db = (engine.fresh)();
        let store = db.open();
        store.seed_reference(&Default::default()).unwrap();
        test(engine.name, db.as_ref(), &store);
    }
}

fn page(store: &Store, filter: &QueueFilter, sort: Sort, cursor: &Cursor, limit: usize) -> Vec<(i64, Cursor)> {
    let viewer = Viewer { login: "kees".into() };
    let numbers = NumberFormat::default();
    let request = PageRequest { filter, sort, viewer: &viewer, numbers: &numbers, cursor, limit };
    store.queue_page(&request).unwrap().into_iter().map(|r| (r.id, Cursor::After(r.key))).collect()
}

fn found(store: &Store, search: &str) -> Vec<i64> {
    let filter = QueueFilter { scope: Scope::All, search: Some(search.into()), ..Default::default() };
    page(store, &filter, Sort::default(), &Cursor::First, 50).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn a_registered_ticket_reads_back_as_it_was_given() {
    on_every_engine(|engine, _, store| {
        assert!(!store.has_tickets().unwrap(), "{engine}");
        let mut new = incident("Printer on the third floor jams", "Piet de Vries");
        new.description = "Paper tray 2, every morning. Ünïcödé — kept as given.".into();
        let created = store.create_ticket("anna", t0(), &new).unwrap();
        let read = store.ticket(created.id).unwrap().expect("stored");
        assert_eq!(read.title, "Printer on the third floor jams", "{engine}");
        assert_eq!(read.description, new.description, "{engine}");
        assert_eq!(read.reporter.name, "Piet de Vries", "{engine}");
        assert_eq!((read.status, read.version, read.created_at), (Status::New, 1, t0()), "{engine}");
        assert!(store.has_tickets().unwrap(), "{engine}");
        assert_eq!(store.ticket(created.id + 1).unwrap(), None, "{engine}");
    });
}

#[test]
fn an_edit_based_on_an_old_version_is_a_conflict_and_changes_nothing() {
    on_every_engine(|engine, _, store| {
        let t = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
        let (edited, _) =
            store.update_ticket("anna", t0(), t.id, Some(1), &[(Field::Title, Some("VPN down".into()))]).unwrap();
        assert_eq!(edited.version, 2, "{engine}");
        let stale = store.update_ticket("bram", t0(), t.id, Some(1), &[(Field::Title, Some("VPN slow".into()))]);
        assert!(matches!(stale, Err(StoreError::Conflict { expected: 1, current: 2 })), "{engine}: {stale:?}");
        let now = store.ticket(t.id).unwrap().unwrap();
        assert_eq!((now.title.as_str(), now.version), ("VPN down", 2), "{engine}");
    });
}

#[test]
fn pages_follow_the_sort_without_gaps_or_repeats_and_counts_agree() {
    on_every_engine(|engine, _, store| {
        for i in 0..23i64 {
            let t = store
                .create_ticket("anna", t0() + Duration::minutes(i), &incident(&format!("Call {i}"), "Piet"))
                .unwrap();
            if i % 4 == 0 {
                store.update_ticket("anna", t0(), t.id, None, &[(Field::Status, Some("resolved".into()))]).unwrap();
            }
        }
        let all = QueueFilter { scope: Scope::All, ..Default::default() };
        let newest_first = Sort { column: SortColumn::Number, ascending: false };
        let mut seen = Vec::new();
        let mut cursor = Cursor::First;
        loop {
            let rows = page(store, &all, newest_first, &cursor, 5);
            let Some((_, last)) = rows.last() else { break };
            cursor = last.clone();
            seen.extend(rows.iter().map(|(id, _)| *id));
        }
        assert_eq!(seen, (1..=23).rev().collect::<Vec<_>>(), "{engine}");
        let viewer = Viewer { login: "kees".into() };
        let counts = store.queue_counts(&all, &viewer, &NumberFormat::default()).unwrap();
        assert_eq!((counts.matching, counts.more, counts.open, counts.any), (23, false, 17, true), "{engine}");
        let open = QueueFilter { scope: Scope::Open, ..Default::default() };
        assert_eq!(store.queue_counts(&open, &viewer, &NumberFormat::default()).unwrap().matching, 17, "{engine}");
    });
}

#[test]
fn search_finds_words_by_their_start_without_regard_to_accents_or_case() {
    on_every_engine(|engine, _, store| {
        store.create_ticket("anna", t0(), &incident("Scherm flikkert", "Zoë Hendriks")).unwrap();
        store.create_ticket("anna", t0(), &incident("Café printer offline", "Jan")).unwrap();
        assert_eq!(found(store, "zoe"), vec![1], "{engine}");
        assert_eq!(found(store, "FLIK"), vec![1], "{engine}");
        assert_eq!(found(store, "cafe print"), vec![2], "{engine}");
        assert_eq!(found(store, "café"), vec![2], "{engine}");
        assert!(found(store, "kert").is_empty(), "{engine}: only the start of a word matches");
        // The index follows edits.
        store.update_ticket("anna", t0(), 1, None, &[(Field::Title, Some("Beeldscherm zwart".into()))]).unwrap();
        assert!(found(store, "flikkert").is_empty(), "{engine}");
        assert_eq!(found(store, "beeld"), vec![1], "{engine}");
    });
}

/// The open tickets a search finds, in two orders (the index's own and
/// another), with their count.
fn found_open(store: &Store, search: &str) -> Vec<i64> {
    let filter = QueueFilter { scope: Scope::Open, search: Some(search.into()), ..Default::default() };
    let newest: Vec<i64> =
        page(store, &filter, Sort::default(), &Cursor::First, 50).into_iter().map(|(id, _)| id).collect();
    let by_title = Sort { column: SortColumn::Title, ascending: true };
    let mut titled: Vec<i64> =
        page(store, &filter, by_title, &Cursor::First, 50).into_iter().map(|(id, _)| id).collect();
    titled.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(newest, titled, "{search:?}: the same tickets in every order");
    let viewer = Viewer { login: "kees".into() };
    let counted = store.queue_counts(&filter, &viewer, &NumberFormat::default()).unwrap().matching;
    assert_eq!(counted, newest.len() as u64, "{search:?}: the count agrees");
    newest
}

#[test]
fn a_search_among_the_open_tickets_follows_each_ticket_as_it_is_resolved_reopened_and_edited() {
    on_every_engine(|engine, _, store| {
        let set = |id: i64, field: Field, value: &str| {
            store.update_ticket("anna", t0(), id, None, &[(field, Some(value.into()))]).unwrap();
        };
        store.create_ticket("anna", t0(), &incident("Printer jams", "Zoë")).unwrap();
        store.create_ticket("anna", t0(), &incident("Printer offline", "Jan")).unwrap();
        store.create_ticket("anna", t0(), &incident("VPN drops", "Jan")).unwrap();
        assert_eq!(found_open(store, "print"), vec![2, 1], "{engine}");
        assert_eq!(found_open(store, "j"), vec![3, 2, 1], "{engine}");
        set(2, Field::Status, "resolved");
        assert_eq!(found_open(store, "print"), vec![1], "{engine}: a resolved ticket leaves");
        assert_eq!(found(store, "print"), vec![2, 1], "{engine}: and is still found among all");
        set(2, Field::Status, "in_progress");
        assert_eq!(found_open(store, "print"), vec![2, 1], "{engine}: a reopened ticket comes back");
        set(1, Field::Title, "Scanner jams");
        set(1, Field::Status, "in_progress");
        assert_eq!(found_open(store, "print"), vec![2], "{engine}: an edited title is searched as it is now");
        assert_eq!(found_open(store, "scan"), vec![1], "{engine}");
        set(3, Field::Status, "in_progress");
        set(3, Field::Status, "waiting_customer");
        assert_eq!(found_open(store, "vpn"), vec![3], "{engine}: waiting is still open");
        set(3, Field::Status, "resolved");
        assert_eq!(found_open(store, "vpn"), Vec::<i64>::new(), "{engine}");
        assert_eq!(found_open(store, "zoe jams"), vec![1], "{engine}: every word, accents folded");
    });
}

#[test]
fn every_change_appends_to_a_history_that_cannot_be_rewritten() {
    on_every_engine(|engine, db, store| {
        let t = store.create_ticket("anna", t0(), &incident("Printer", "Piet")).unwrap();
        let later = t0() + Duration::minutes(5);
        store.update_ticket("bram", later, t.id, None, &[(Field::Team, Some("Workplace".into()))]).unwrap();
        let first = store.events(t.id).unwrap();
        store.update_ticket("bram", later, t.id, None, &[(Field::Title, Some("Printer jams".into()))]).unwrap();
        let events = store.events(t.id).unwrap();
        assert_eq!(events[..first.len()], first[..], "{engine}: what was there stays as it was");
        assert_eq!((events[0].kind, events[0].actor.as_str()), (EventKind::Created, "anna"), "{engine}");
        let team = events.iter().find(|e| e.field.as_deref() == Some("team")).expect("the team's change");
        assert_eq!((team.actor.as_str(), team.at, team.new.as_deref()), ("bram", later, Some("Workplace")), "{engine}");
        let title = events[first.len()..].iter().find(|e| e.field.as_deref() == Some("title")).expect("appended");
        assert_eq!(title.new.as_deref(), Some("Printer jams"), "{engine}");
        // Notes are kept as written, even against the engine's own client.
        let note = store.add_entry("anna", later, t.id, &NewEntry::note("Called back, no answer")).unwrap();
        assert!(db.execute_raw("UPDATE entries SET body = 'nothing happened'").is_err(), "{engine}");
        assert!(db.execute_raw("DELETE FROM entries").is_err(), "{engine}");
        let entries = store.entries(t.id).unwrap();
        assert_eq!(
            entries.iter().map(|e| (e.id, e.body.as_str())).collect::<Vec<_>>(),
            [(note.id, "Called back, no answer")],
            "{engine}"
        );
        assert_eq!(store.events(t.id).unwrap(), events, "{engine}");
    });
}

#[test]
fn a_read_only_connection_shows_everything_and_changes_nothing() {
    on_every_engine(|engine, db, store| {
        store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
        let looking = db.open_read_only();
        assert!(looking.is_read_only(), "{engine}");
        assert_eq!(looking.ticket(1).unwrap().unwrap().title, "VPN", "{engine}");
        let refused = looking.create_ticket("anna", t0(), &incident("Another", "Piet"));
        assert!(matches!(refused, Err(StoreError::ReadOnly)), "{engine}: {refused:?}");
        // A second connection made from it (a report's) may not write either.
        let again = looking.reopen().unwrap();
        assert!(again.is_read_only(), "{engine}");
        let refused = again.update_ticket("anna", t0(), 1, None, &[(Field::Title, Some("x".into()))]);
        assert!(matches!(refused, Err(StoreError::ReadOnly)), "{engine}: {refused:?}");
        assert_eq!(store.ticket(1).unwrap().unwrap().version, 1, "{engine}");
    });
}

#[test]
fn reads_in_one_snapshot_agree_whatever_others_commit_meanwhile() {
    on_every_engine(|engine, db, store| {
        store.create_ticket("anna", t0(), &incident("First", "Piet")).unwrap();
        let other = db.open();
        let (before, during) = store
            .snapshot(|s| {
                let before = s.ticket(1)?.map(|t| t.title);
                other.update_ticket("bram", t0(), 1, None, &[(Field::Title, Some("Changed".into()))])?;
                other.create_ticket("bram", t0(), &incident("Second", "Jan"))?;
                Ok((before, (s.ticket(1)?.map(|t| t.title), s.ticket(2)?.is_some())))
            })
            .unwrap();
        assert_eq!(before.as_deref(), Some("First"), "{engine}");
        assert_eq!(during, (Some("First".to_string()), false), "{engine}: the snapshot saw a later commit");
        assert_eq!(store.ticket(1).unwrap().unwrap().title, "Changed", "{engine}");
        assert!(store.ticket(2).unwrap().is_some(), "{engine}");
    });
}

#[test]
fn the_change_stamp_moves_when_another_connection_writes() {
    on_every_engine(|engine, db, store| {
        let start = store.change_stamp().unwrap();
        store.create_ticket("anna", t0(), &incident("Own write", "Piet")).unwrap();
        assert_eq!(store.change_stamp().unwrap(), start, "{engine}: its own writes leave it");
        let other = db.open();
        other.create_ticket("bram", t0(), &incident("Other write", "Jan")).unwrap();
        let moved = store.change_stamp().unwrap();
        assert_ne!(moved, start, "{engine}");
        assert_eq!(store.change_stamp().unwrap(), moved, "{engine}: nothing more happened");
    });
}

#[test]
fn a_backup_is_a_whole_copy_that_opens_on_its_own() {
    on_every_engine(|engine, db, store| {
        for title in ["One", "Two", "Three"] {
            store.create_ticket("anna", t0(), &incident(title, "Piet")).unwrap();
        }
        let target = db.backup_target();
        store.backup_to(&target, false).unwrap();
        // Refused a second time without force: the copy is not overwritten.
        assert!(store.backup_to(&target, false).is_err(), "{engine}");
        store.create_ticket("anna", t0(), &incident("After the backup", "Piet")).unwrap();
        let copy = db.open_backup(&target);
        assert_eq!(copy.ticket(3).unwrap().unwrap().title, "Three", "{engine}");
        assert_eq!(copy.ticket(4).unwrap(), None, "{engine}");
        assert!(copy.check().unwrap().is_ok(), "{engine}");
    });
}

#[test]
fn a_sound_database_passes_its_check_and_counts_what_it_holds() {
    on_every_engine(|engine, _, store| {
        let t = store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
        store.update_ticket("anna", t0(), t.id, None, &[(Field::Team, Some("Network".into()))]).unwrap();
        store.analyze().unwrap();
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{engine}: {report:?}");
        let events = store.events(t.id).unwrap().len() as u64;
        assert!(events >= 2, "{engine}");
        assert_eq!((report.tickets, report.events), (1, events), "{engine}");
    });
}

#[test]
fn a_rehearsal_checks_everything_and_keeps_nothing() {
    on_every_engine(|engine, _, store| {
        store.create_ticket("anna", t0(), &incident("Kept", "Piet")).unwrap();
        let rehearsed = store.rehearse(|s| s.create_ticket("anna", t0(), &incident("Rehearsed", "Piet"))).unwrap();
        assert_eq!(rehearsed.title, "Rehearsed", "{engine}");
        assert_eq!(store.ticket(rehearsed.id).unwrap(), None, "{engine}");
        let refused = store.rehearse(|s| s.create_ticket("anna", t0(), &incident("", "Piet")));
        assert!(matches!(refused, Err(StoreError::Incomplete(_))), "{engine}: {refused:?}");
    });
}

#[test]
fn a_connection_opened_from_another_sees_the_same_database_as_the_same_person() {
    on_every_engine(|engine, _, store| {
        store.create_ticket("anna", t0(), &incident("Shared", "Piet")).unwrap();
        let report = store.reopen().unwrap();
        assert_eq!(report.location(), store.location(), "{engine}");
        assert_eq!(report.identity(), store.identity(), "{engine}");
        assert_eq!(report.ticket(1).unwrap().unwrap().title, "Shared", "{engine}");
        report.create_ticket("anna", t0(), &incident("From the other", "Jan")).unwrap();
        assert_eq!(store.ticket(2).unwrap().unwrap().title, "From the other", "{engine}");
    });
}
