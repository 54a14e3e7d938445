//! The store on real temporary database files.

use crate::common;

use chrono::Duration;
use common::{incident, t0, temp_db};
use meldpunt::domain::people::AgentRecord;
use meldpunt::domain::queue::PageRequest;
use meldpunt::domain::queue::{Cursor, QueueFilter, Scope, Sort, SortColumn, Viewer};
use meldpunt::domain::{EventKind, Field, NumberFormat, Priority, Status};
use meldpunt::store::{Opened, SCHEMA_VERSION, Store, StoreError};
use std::fs;

#[test]
fn a_new_file_is_created_with_its_folder_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/meldpunt.db");
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    assert_eq!(store.opened(), &Opened::Created);
    assert!(path.exists());
    drop(store);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.opened(), &Opened::Current);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(mode, "wal");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let (_dir, path) = temp_db();
    fs::write(&path, b"name,phone\nPiet,0612345678\n").unwrap();
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let (dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Piet');").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let files_before = fs::read_dir(dir.path()).unwrap().count();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), files_before, "no side files left behind");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    match &err {
        StoreError::TooNew { found, supported, .. } => {
            assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("newer"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn an_older_database_is_backed_up_then_migrated() {
    let (dir, path) = temp_db();
    {
        // A meldpunt file from before the first schema: stamped, no tables yet.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", meldpunt::store::APPLICATION_ID).unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept');").unwrap();
    }
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let Opened::Migrated { from, backup } = store.opened().clone() else { panic!("{:?}", store.opened()) };
    assert_eq!(from, 0);
    assert_eq!(backup.parent(), Some(dir.path()));
    let copy = rusqlite::Connection::open(&backup).unwrap();
    let kept: String = copy.query_row("SELECT text FROM notes", [], |r| r.get(0)).unwrap();
    let version: u32 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!((kept.as_str(), version), ("kept", 0));
    store.create_ticket("tester", t0(), &incident("after migration", "Piet")).unwrap();
}

#[test]
fn every_change_appends_an_event_with_old_and_new_values() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let created = store.create_ticket("anna", t0(), &incident("Printer jammed", "Piet")).unwrap();
    assert_eq!((created.id, created.version, created.status), (1, 1, Status::New));
    let later = t0() + Duration::minutes(5);
    let edits = [(Field::Team, Some("Workplace".to_string())), (Field::Status, Some("assigned".to_string()))];
    let (ticket, changes) = store.update_ticket("bram", later, 1, Some(1), &edits).unwrap();
    assert_eq!((ticket.version, changes.len()), (2, 2));
    let events = store.events(1).unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!((events[0].kind, events[0].actor.as_str(), events[0].at), (EventKind::Created, "anna", t0()));
    let status = events.iter().find(|e| e.field.as_deref() == Some("status")).unwrap();
    assert_eq!((status.old.as_deref(), status.new.as_deref()), (Some("new"), Some("assigned")));
    assert_eq!((status.actor.as_str(), status.at), ("bram", later));
    let team = events.iter().find(|e| e.field.as_deref() == Some("team")).unwrap();
    assert_eq!((team.old.as_deref(), team.new.as_deref()), (None, Some("Workplace")));
    // Setting a field to its current value changes nothing and logs nothing.
    let (same, none) = store.update_ticket("bram", later, 1, None, &[(Field::Team, Some("Workplace".into()))]).unwrap();
    assert!(none.is_empty());
    assert_eq!((same.version, store.events(1).unwrap().len()), (2, 3));
}

#[test]
fn a_stale_edit_is_a_conflict_and_changes_nothing() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
    store.update_ticket("anna", t0(), 1, Some(1), &[(Field::Title, Some("VPN down".into()))]).unwrap();
    let err = store.update_ticket("bram", t0(), 1, Some(1), &[(Field::Title, Some("VPN slow".into()))]).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { expected: 1, current: 2 }), "{err}");
    assert_eq!(store.ticket(1).unwrap().unwrap().title, "VPN down");
}

#[test]
fn illegal_transitions_and_missing_tickets_are_refused() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
    let err = store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some("waiting_supplier".into()))]);
    assert!(err.unwrap_err().to_string().contains("allowed: assigned, in_progress"));
    assert_eq!(store.events(1).unwrap().len(), 1);
    assert!(matches!(store.update_ticket("anna", t0(), 99, None, &[]).unwrap_err(), StoreError::NotFound(99)));
    // Resolving stamps the time; closing keeps it.
    let (resolved, _) =
        store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some("resolved".into()))]).unwrap();
    assert_eq!(resolved.resolved_at, Some(t0()));
    assert_eq!(store.ticket(1).unwrap().unwrap().resolved_at, Some(t0()));
}

#[test]
fn text_is_stored_exactly_as_given() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let hostile = "Screen \u{1b}[2J cleared\u{7} \u{202e}gnp.exe";
    // A title is one line: control characters are refused, not stored.
    let refused = store.create_ticket("anna", t0(), &incident(hostile, "Piet"));
    assert!(matches!(refused, Err(StoreError::Incomplete(_))), "{refused:?}");
    assert!(!store.has_tickets().unwrap());
    let mut t = incident("Screen \u{202e}gnp.exe", "Piet");
    t.description = hostile.into();
    let t = store.create_ticket("anna", t0(), &t).unwrap();
    let stored = store.ticket(t.id).unwrap().unwrap();
    assert_eq!((stored.title.as_str(), stored.description.as_str()), ("Screen \u{202e}gnp.exe", hostile));
}

fn page(store: &Store, filter: &QueueFilter, sort: Sort, cursor: Cursor, limit: usize) -> Vec<i64> {
    let viewer = Viewer { login: "kees".into() };
    let numbers = NumberFormat::default();
    let request = PageRequest { filter, sort, viewer: &viewer, numbers: &numbers, cursor: &cursor, limit };
    store.queue_page(&request).unwrap().into_iter().map(|r| r.id).collect()
}

/// Tickets with varied values in every sortable column, ties included.
fn varied_store() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store
        .ensure_agent(&AgentRecord {
            login: "kees".into(),
            name: "Kees".into(),
            email: None,
            line: 2,
            role: "technician".into(),
            teams: vec!["Network".into()],
        })
        .unwrap();
    common::person(&store, "anna");
    let titles = ["alpha", "Bravo", "charlie", "delta", "Echo"];
    let teams = [None, Some("Network"), Some("Workplace")];
    let people = [None, Some("kees"), Some("anna")];
    for i in 0..47i64 {
        let mut t = incident(titles[(i % 5) as usize], "Reporter");
        t.priority = Priority::new((i % 4) as u8 + 1).filter(|_| i % 9 != 0);
        t.team = teams[(i % 3) as usize].map(str::to_string);
        t.assignee = people[((i / 3) % 3) as usize].map(str::to_string);
        t.description = if i % 6 == 0 { "printer on floor three".into() } else { "vpn issue".into() };
        let created = t0() + Duration::minutes((i * 7919) % 500);
        let ticket = store.create_ticket("anna", created, &t).unwrap();
        if i % 5 == 0 {
            store.update_ticket("anna", created, ticket.id, None, &[(Field::Status, Some("resolved".into()))]).unwrap();
        }
    }
    (dir, store)
}

#[test]
fn keyset_pages_match_a_full_sort_for_every_column_and_direction() {
    let (_dir, store) = varied_store();
    let searches = [None, Some("vpn".to_string())];
    for (scope, search) in [Scope::Open, Scope::All].into_iter().flat_map(|s| searches.clone().map(|q| (s, q))) {
        let filter = QueueFilter { scope, search, ..Default::default() };
        for column in SortColumn::ALL {
            for ascending in [true, false] {
                let sort = Sort { column, ascending };
                let everything = page(&store, &filter, sort, Cursor::First, 1000);
                // Forward, page by page.
                let viewer = Viewer { login: "kees".into() };
                let numbers = NumberFormat::default();
                let mut forward = Vec::new();
                let mut cursor = Cursor::First;
                loop {
                    let request = PageRequest {
                        filter: &filter,
                        sort,
                        viewer: &viewer,
                        numbers: &numbers,
                        cursor: &cursor,
                        limit: 6,
                    };
                    let rows = store.queue_page(&request).unwrap();
                    if rows.is_empty() {
                        break;
                    }
                    forward.extend(rows.iter().map(|r| r.id));
                    cursor = Cursor::After(rows.last().unwrap().key.clone());
                }
                assert_eq!(forward, everything, "{column:?} asc={ascending} {scope:?}");
                // Backward from the end.
                let mut backward: Vec<i64> = Vec::new();
                let mut cursor = Cursor::Last;
                loop {
                    let request = PageRequest {
                        filter: &filter,
                        sort,
                        viewer: &viewer,
                        numbers: &numbers,
                        cursor: &cursor,
                        limit: 6,
                    };
                    let rows = store.queue_page(&request).unwrap();
                    if rows.is_empty() {
                        break;
                    }
                    let mut ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                    ids.extend(backward);
                    backward = ids;
                    cursor = Cursor::Before(rows.first().unwrap().key.clone());
                }
                assert_eq!(backward, everything, "backwards {column:?} asc={ascending} {scope:?}");
            }
        }
    }
}

#[test]
fn sorting_orders_by_the_column_then_number() {
    let (_dir, store) = varied_store();
    let all = QueueFilter { scope: Scope::All, ..Default::default() };
    let ids = page(&store, &all, Sort { column: SortColumn::Priority, ascending: true }, Cursor::First, 1000);
    let priorities: Vec<u8> =
        ids.iter().map(|id| store.ticket(*id).unwrap().unwrap().priority.map_or(0, |p| p.get())).collect();
    let mut sorted = priorities.clone();
    sorted.sort();
    assert_eq!(priorities, sorted, "unclassified first, then P1..P4");
    let titles: Vec<String> =
        page(&store, &all, Sort { column: SortColumn::Title, ascending: true }, Cursor::First, 1000)
            .iter()
            .map(|id| store.ticket(*id).unwrap().unwrap().title.to_lowercase())
            .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted, "titles sort without regard to case");
}

#[test]
fn filters_select_exactly_the_matching_tickets() {
    let (_dir, store) = varied_store();
    let all_ids =
        page(&store, &QueueFilter { scope: Scope::All, ..Default::default() }, Sort::default(), Cursor::First, 1000);
    let tickets: Vec<_> = all_ids.iter().map(|id| store.ticket(*id).unwrap().unwrap()).collect();
    let check = |filter: QueueFilter, want: &dyn Fn(&meldpunt::domain::Ticket) -> bool| {
        let got = page(&store, &filter, Sort::default(), Cursor::First, 1000);
        let expected: Vec<i64> = tickets.iter().filter(|t| want(t)).map(|t| t.id).collect();
        assert_eq!(got, expected, "{filter:?}");
        let viewer = Viewer { login: "kees".into() };
        let counts = store.queue_counts(&filter, &viewer, &NumberFormat::default()).unwrap();
        assert_eq!(counts.matching as usize, expected.len());
    };
    check(QueueFilter::default(), &|t| t.is_open());
    check(QueueFilter { scope: Scope::All, mine: true, ..Default::default() }, &|t| {
        t.assignee.as_deref() == Some("kees")
    });
    check(QueueFilter { unassigned: true, ..Default::default() }, &|t| t.is_open() && t.assignee.is_none());
    check(QueueFilter { my_team: true, ..Default::default() }, &|t| {
        t.is_open() && t.team.as_deref() == Some("Network")
    });
    check(QueueFilter { priority: Some(Priority::P2), ..Default::default() }, &|t| {
        t.is_open() && t.priority == Some(Priority::P2)
    });
    check(QueueFilter { scope: Scope::All, status: Some(Status::Resolved), ..Default::default() }, &|t| {
        t.status == Status::Resolved
    });
    check(QueueFilter { scope: Scope::All, search: Some("print".into()), ..Default::default() }, &|t| {
        t.description.contains("printer")
    });
    check(QueueFilter { scope: Scope::All, search: Some("INC-000003".into()), ..Default::default() }, &|t| t.id == 3);
    check(QueueFilter { scope: Scope::All, search: Some("brav".into()), ..Default::default() }, &|t| {
        t.title == "Bravo"
    });
}

#[test]
fn search_sees_edits_and_reporters_and_ignores_accents() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.create_ticket("anna", t0(), &incident("Scherm flikkert", "Zoë Hendriks")).unwrap();
    let all = QueueFilter { scope: Scope::All, search: Some("zoe".into()), ..Default::default() };
    assert_eq!(page(&store, &all, Sort::default(), Cursor::First, 10), vec![1]);
    store.update_ticket("anna", t0(), 1, None, &[(Field::Title, Some("Beeldscherm zwart".into()))]).unwrap();
    let old = QueueFilter { scope: Scope::All, search: Some("flikkert".into()), ..Default::default() };
    let new = QueueFilter { scope: Scope::All, search: Some("beeld".into()), ..Default::default() };
    assert!(page(&store, &old, Sort::default(), Cursor::First, 10).is_empty());
    assert_eq!(page(&store, &new, Sort::default(), Cursor::First, 10), vec![1]);
}

#[test]
fn pick_lists_are_seeded_once_and_kept() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let seed = meldpunt::domain::reference::ReferenceData::default();
    store.seed_reference(&seed).unwrap();
    store.seed_reference(&seed).unwrap();
    let lists = store.pick_lists().unwrap();
    assert_eq!(lists.services.len(), seed.services.len());
    assert!(lists.subcategories("Network").contains(&"VPN".to_string()));
    assert!(lists.teams.contains(&"Servicedesk".to_string()));
}

#[test]
fn demo_data_loads_in_bulk_and_is_searchable() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let n = meldpunt::service::demo::load_demo(&store, &Default::default(), "en", 500, 3, t0(), |_| {}).unwrap();
    assert_eq!(n, 500);
    let all = QueueFilter { scope: Scope::All, ..Default::default() };
    let viewer = Viewer { login: "x".into() };
    assert_eq!(store.queue_counts(&all, &viewer, &NumberFormat::default()).unwrap().matching, 500);
    let vpn = QueueFilter { scope: Scope::All, search: Some("vpn".into()), ..Default::default() };
    assert!(!page(&store, &vpn, Sort::default(), Cursor::First, 10).is_empty());
    // New tickets after a bulk load are indexed by the trigger again.
    store.create_ticket("anna", t0(), &incident("Zeppelin landed on roof", "Piet")).unwrap();
    let z = QueueFilter { scope: Scope::All, search: Some("zeppelin".into()), ..Default::default() };
    assert_eq!(page(&store, &z, Sort::default(), Cursor::First, 10), vec![501]);
    assert!(store.events(1).unwrap().len() >= 2);
}

#[test]
fn a_demo_loaded_alone_is_the_same_and_the_file_is_shared_again_after() {
    let load = |alone: bool, reader: bool| {
        let (dir, path) = temp_db();
        let store = Store::open(&path).unwrap();
        store.set_alone(alone);
        // Someone reading the whole time: the load keeps the log and still succeeds.
        let other = rusqlite::Connection::open(&path).unwrap();
        let tx = reader.then(|| {
            other.execute_batch("BEGIN").unwrap();
            other.query_row("SELECT count(*) FROM tickets", [], |r| r.get::<_, i64>(0)).unwrap()
        });
        let n = meldpunt::service::demo::load_demo(&store, &Default::default(), "en", 300, 5, t0(), |_| {}).unwrap();
        assert_eq!((n, tx), (300, reader.then_some(0)));
        drop(other);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal", "alone {alone}, reader {reader}");
        let rows = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap();
            let cols = stmt.column_count();
            stmt.query_map([], |r| {
                Ok((0..cols).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|"))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
        };
        let found = rows("SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH 'v*' ORDER BY rowid");
        (rows("SELECT * FROM tickets ORDER BY id"), rows("SELECT * FROM events ORDER BY id"), found, dir)
    };
    let (tickets, events, found, _a) = load(false, false);
    assert_eq!(tickets.len(), 300);
    assert!(!found.is_empty());
    for (alone, reader) in [(true, false), (true, true)] {
        let (t, e, f, _d) = load(alone, reader);
        assert!(t == tickets && e == events && f == found, "alone {alone}, reader {reader}");
    }
}

#[test]
fn the_status_rank_in_sql_follows_the_lifecycle_order() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rank = || -> i64 { conn.query_row("SELECT status_rank FROM tickets WHERE id = 1", [], |r| r.get(0)).unwrap() };
    assert_eq!(rank(), Status::New.rank());
    common::ready_to_close(&store, 1);
    store.update_ticket("anna", t0(), 1, None, &[(Field::ClosureCode, Some("solved".into()))]).unwrap();
    for status in &Status::ALL[1..] {
        store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some(status.code().into()))]).unwrap();
        assert_eq!(rank(), status.rank(), "{status}");
    }
}

#[test]
fn a_database_of_schema_three_gets_one_letter_search_prefixes_and_an_index_of_the_open_tickets() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.create_ticket("olga", t0(), &incident("VPN drops every hour", "Kees")).unwrap();
        store.create_ticket("olga", t0(), &incident("Printer jams", "Vera")).unwrap();
    }
    {
        // As schema 3 left it: prefixes of two and three letters only, and
        // no index of the open tickets.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER open_tickets_fts_insert;
             DROP TRIGGER open_tickets_fts_delete;
             DROP TRIGGER open_tickets_fts_update;
             DROP TABLE open_tickets_fts;
             DROP TABLE tickets_fts;
             CREATE VIRTUAL TABLE tickets_fts USING fts5(title, description, reporter_name, content = 'tickets',
                 content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = none);
             INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(matches!(store.opened(), Opened::Migrated { from: 3, .. }), "{:?}", store.opened());
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let index: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'tickets_fts'", [], |r| r.get(0)).unwrap();
    assert!(index.contains("prefix = '1 2 3'"), "{index}");
    let viewer = Viewer { login: "olga".into() };
    for (key, expected) in [("v", vec![2, 1]), ("p", vec![2]), ("vp", vec![1])] {
        for column in [SortColumn::Number, SortColumn::Due] {
            let filter = QueueFilter { search: Some(key.into()), ..Default::default() };
            let numbers = NumberFormat::default();
            let sort = Sort { column, ascending: false };
            let req = PageRequest {
                filter: &filter,
                sort,
                viewer: &viewer,
                numbers: &numbers,
                cursor: &Cursor::First,
                limit: 10,
            };
            let mut found: Vec<i64> = store.queue_page(&req).unwrap().iter().map(|r| r.id).collect();
            found.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(found, expected, "{key:?} sorted by {column:?}");
        }
    }
    // The tickets added after the migration are found as well.
    store.create_ticket("olga", t0(), &incident("Wifi slow", "Wim")).unwrap();
    let filter = QueueFilter { search: Some("w".into()), ..Default::default() };
    assert_eq!(store.queue_counts(&filter, &viewer, &NumberFormat::default()).unwrap().matching, 1);
    let all = QueueFilter { scope: Scope::All, ..filter };
    assert_eq!(store.queue_counts(&all, &viewer, &NumberFormat::default()).unwrap().matching, 1);
}
