//! Imports and exports, timed with their memory:
//!
//! - the public ServiceNow audit log (141,712 rows, 24,918 incidents) into
//!   an empty database, in process and with the real binary (target ≤ 2 s);
//! - a JSON export of a generated database (100,000 tickets by default,
//!   `MELDPUNT_IMPORT_TICKETS` for another size), beside SQLite building
//!   the same document itself (`json_object`, `json_group_array`; target:
//!   at most twice its time), and the real binary's export;
//! - that export imported by the real binary into a fresh database
//!   (target: private memory ≤ 150 MiB whatever the file's size), and
//!   exported again: the same document.
//!
//! The real binary's private memory (RssAnon) and mapped file (RssFile)
//! are sampled apart every 10 ms from /proc.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use meldpunt::store::{Existing, Store};

mod common;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data/servicenow-incident-event-log.csv.gz");

/// What a run of the real binary took: seconds, peak private and mapped MiB.
struct Run {
    secs: f64,
    private_mib: f64,
    mapped_mib: f64,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:.2} s, peak private {:.0} MiB, mapped {:.0} MiB", self.secs, self.private_mib, self.mapped_mib)
    }
}

fn kib(status: &str, name: &str) -> f64 {
    let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0.0)
}

/// Runs the real binary in `home`, its output to `out`, sampling its memory.
fn run(home: &Path, args: &[&str], out: &Path) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_meldpunt"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let (mut private, mut mapped) = (0.0f64, 0.0f64);
    let exit = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            private = private.max(kib(&status, "RssAnon:"));
            mapped = mapped.max(kib(&status, "RssFile:"));
        }
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let secs = started.elapsed().as_secs_f64();
    let mut said = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut said);
    }
    assert!(exit.success(), "meldpunt {args:?}: {said}");
    Run { secs, private_mib: private / 1024.0, mapped_mib: mapped / 1024.0 }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn servicenow(home: &Path) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let input = meldpunt::import::open(Path::new(DATA)).unwrap();
        let read = meldpunt::import::servicenow(input, Path::new(DATA), &chrono::Utc, |_| {}).unwrap();
        let read_secs = started.elapsed().as_secs_f64();
        let store = Store::open(&dir.path().join("import.db")).unwrap();
        let loaded = store.bulk_load(&Default::default(), &[], read.tickets, Existing::Skip, |_| {}).unwrap();
        store.analyze().unwrap();
        let secs = started.elapsed().as_secs_f64();
        println!("{} rows → {} tickets: read {read_secs:.2} s, in all {secs:.2} s", read.rows, loaded.stored);
        times.push(secs);
    }
    println!("import of the ServiceNow log, in process: median {:.2} s", median(times));
    let mut runs = Vec::new();
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("import.db");
        runs.push(run(home, &["--db", db.to_str().unwrap(), "import", DATA], &dir.path().join("out")));
    }
    runs.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    println!("import of the ServiceNow log, real binary: median {}", runs[1]);
}

/// The database to export: generated once per size under target/bench.
fn demo(tickets: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    common::demo_db(&dir, tickets)
}

/// The export's document built by SQLite alone: one statement, a JSON
/// object per ticket with its rows, keys in the same order as ours.
fn sqlite_reference(db: &Path, out: &mut dyn std::io::Write) -> u64 {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.execute_batch("PRAGMA mmap_size = 4294967296").unwrap();
    let columns = |table: &str| -> Vec<String> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY name").unwrap();
        stmt.query_map([table], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let object = |table: &str, alias: &str| {
        let pairs: Vec<String> = columns(table).iter().map(|c| format!("'{c}', {alias}.\"{c}\"")).collect();
        format!("json_object({})", pairs.join(", "))
    };
    let mut parts = Vec::new();
    for (table, within) in [
        ("checklist", ", x.item"),
        ("entries", ", x.id"),
        ("events", ", x.id"),
        ("review_actions", ", x.id"),
        ("reviews", ""),
        ("ticket", ""),
        ("ticket_access", ", x.team"),
    ] {
        parts.push(if table == "ticket" {
            format!("'ticket', {}", object("tickets", "t"))
        } else {
            format!(
                "'{table}', (SELECT json_group_array(json(j)) FROM (SELECT {} AS j FROM \"{table}\" x
                 WHERE x.ticket_id = t.id ORDER BY x.ticket_id{within}))",
                object(table, "x")
            )
        });
    }
    let sql = format!("SELECT json_object({}) FROM tickets t ORDER BY t.id", parts.join(", "));
    let mut stmt = conn.prepare(&sql).unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    while let Some(r) = rows.next().unwrap() {
        let text = r.get_ref(0).unwrap().as_bytes().unwrap();
        out.write_all(if n == 0 { b"[" } else { b"," }).unwrap();
        out.write_all(text).unwrap();
        n += 1;
    }
    out.write_all(b"]").unwrap();
    n
}

/// Bytes written, thrown away.
struct Sink(u64);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn export_and_import(home: &Path) {
    let tickets = std::env::var("MELDPUNT_IMPORT_TICKETS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let db = demo(tickets);
    // In process, beside SQLite building the same document.
    let store = Store::open(&db).unwrap();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let mut sink = Sink(0);
        store.export_json(&mut sink, None, None, |_| {}).unwrap();
        ours.push(started.elapsed().as_secs_f64());
        size = sink.0;
        let started = Instant::now();
        let mut sink = Sink(0);
        assert_eq!(sqlite_reference(&db, &mut sink), tickets);
        theirs.push(started.elapsed().as_secs_f64());
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "export of {tickets} tickets ({:.0} MB), in process: {ours:.2} s; SQLite building it: {theirs:.2} s; ratio {:.2}",
        size as f64 / 1e6,
        ours / theirs
    );
    drop(store);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    let db_arg = db.to_str().unwrap();
    println!("export, real binary: {}", run(home, &["--db", db_arg, "export"], &file));
    let target = dir.path().join("target.db");
    let target_arg = target.to_str().unwrap();
    let file_arg = file.to_str().unwrap();
    let args = ["--db", target_arg, "import", file_arg, "--format", "json", "--with-people"];
    println!("JSON import into an empty database, real binary: {}", run(home, &args, &dir.path().join("out")));
    let again = dir.path().join("again.json");
    run(home, &["--db", target_arg, "export"], &again);
    // The tickets with all their rows, byte for byte (the people differ by
    // whoever imported: the first user of a database is its admin).
    let tickets = |path: &Path| {
        let text = std::fs::read(path).unwrap();
        let at = text.windows(11).position(|w| w == b"\"tickets\":[").expect("tickets");
        text[at..].to_vec()
    };
    assert!(tickets(&file) == tickets(&again), "the import exported again holds the same tickets");
    println!("exported again: the same tickets, byte for byte");
}

fn main() {
    let home = tempfile::tempdir().unwrap();
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    if wanted("servicenow") {
        servicenow(home.path());
    }
    if wanted("json") {
        export_and_import(home.path());
    }
}
