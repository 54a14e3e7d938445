//! SQLite and PostgreSQL side by side, in the same run, on the same
//! generated tickets (1,000,000 unless `MELDPUNT_BENCH_TICKETS` says
//! otherwise): the first queue frame, page down, a filter change, every key
//! of a typed search, the daily overview, a year's times report, the
//! ServiceNow import, and 50 writer processes × 100 edits of the same
//! tickets. Each figure is the median of its runs, from the key press (or
//! start) to the drawn frame, through the same code as the TUI.
//!
//! The server: `MELDPUNT_BENCH_PG` (a conninfo of a server, without a
//! database, as a login that may create databases), else one of its own in target/bench/pg, made with `initdb`
//! once and kept, started for the run and stopped after it (as `nobody`
//! when run as root). The generated SQLite file is copied into it once
//! (`meldpunt copy`'s code), and again when the ticket count differs.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use meldpunt::app::executor::Executor;
use meldpunt::app::run::{dispatch, run_effects};
use meldpunt::app::state::{AppState, Context};
use meldpunt::app::{Action, update};
use meldpunt::config::{Config, Environment};
use meldpunt::domain::Field;
use meldpunt::domain::report::{ReportFilter, ReportName, ReportQuery};
use meldpunt::store::files::OpenOptions;
use meldpunt::store::postgres::{Env, Server};
use meldpunt::store::{Existing, Location, Store, StoreError};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const WRITERS: usize = 50;
const EDITS: usize = 100;
const EDITED: i64 = 5;
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data/servicenow-incident-event-log.csv.gz");

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A server of the benchmark's own, kept in target/bench/pg.
struct OwnServer {
    data: PathBuf,
    bin: PathBuf,
    run_as: Option<(u32, u32)>,
}

fn bin_dir() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (apt-get install postgresql)")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop().expect("an initdb")
}

impl OwnServer {
    fn command(&self, program: &str) -> Command {
        match self.run_as {
            Some((uid, gid)) => {
                let mut c = Command::new("setpriv");
                c.args([format!("--reuid={uid}"), format!("--regid={gid}"), "--clear-groups".into()]);
                c.arg(self.bin.join(program));
                c
            }
            None => Command::new(self.bin.join(program)),
        }
    }

    fn start() -> OwnServer {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/pg");
        std::fs::create_dir_all(&dir).unwrap();
        let run_as = nix::unistd::geteuid().is_root().then(|| {
            let nobody = nix::unistd::User::from_name("nobody").unwrap().unwrap();
            nix::unistd::chown(&dir, Some(nobody.uid), Some(nobody.gid)).unwrap();
            (nobody.uid.as_raw(), nobody.gid.as_raw())
        });
        let server = OwnServer { data: dir.join("data"), bin: bin_dir(), run_as };
        if !server.data.exists() {
            let made = server
                .command("initdb")
                .args(["-D", server.data.to_str().unwrap(), "-U", "meldpunt_bench", "-A", "trust", "-E", "UTF8"])
                .arg("--locale=C.UTF-8")
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(made.success(), "initdb");
        }
        // Commits as SQLite's write-ahead log makes them (synchronous=NORMAL):
        // durable at the next flush, never torn.
        let options = format!(
            "-k {} -c listen_addresses='' -c shared_buffers=2GB -c work_mem=64MB -c synchronous_commit=off \
             -c max_connections=200",
            dir.display()
        );
        let _ = server.command("pg_ctl").args(["-D", server.data.to_str().unwrap(), "-m", "fast", "stop"]).output();
        let started = server
            .command("pg_ctl")
            .args(["-D", server.data.to_str().unwrap(), "-w", "-o", &options, "-l"])
            .arg(dir.join("server.log"))
            .arg("start")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(started.success(), "the benchmark's server starts");
        server
    }

    fn conninfo(&self, dbname: &str) -> String {
        format!("host={} dbname={dbname} user=meldpunt_bench", self.data.parent().unwrap().display())
    }

    fn stop(&self) {
        let _ = self.command("pg_ctl").args(["-D", self.data.to_str().unwrap(), "-m", "fast", "stop"]).output();
    }
}

fn server_of(conninfo: &str) -> Location {
    Location::Server(Box::new(Server::parse(conninfo, false, &Env::default()).unwrap()))
}

/// A fresh, empty database of that name on the server.
fn fresh(admin: &str, dbname: &str) -> Location {
    let mut client = postgres::Client::connect(admin, postgres::NoTls).unwrap();
    // One at a time: neither may run inside a transaction, which one batch is.
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {dbname}")).unwrap();
    let conninfo = admin.replace("dbname=postgres", &format!("dbname={dbname}"));
    server_of(&conninfo)
}

fn open(location: &Location) -> Store {
    Store::open_at(location, OpenOptions::default()).unwrap()
}

fn config() -> Config {
    let login = meldpunt::domain::demo::vocabulary("en").agents()[5].login.clone();
    let env = Environment { lang: Some("en_GB.UTF-8".into()), os_user: Some(login), ..Default::default() };
    Config::from_toml("", None, &env).unwrap()
}

fn open_and_draw(location: &Location, terminal: &mut Terminal<TestBackend>) -> (AppState, Executor) {
    let config = config();
    let store = open(location).with_policy(config.policy.clone()).as_user(&config.user, false, None).unwrap();
    let mut executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone());
    let context = Context::from_config(&config, PathBuf::from("bench"), true);
    let mut state = AppState::new(context, WIDTH, HEIGHT, Utc::now());
    let mut effects = update::startup(&mut state);
    run_effects(&mut state, &mut executor, &mut effects);
    terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
    (state, executor)
}

fn key(state: &mut AppState, executor: &mut Executor, terminal: &mut Terminal<TestBackend>, code: KeyCode) -> f64 {
    let started = Instant::now();
    dispatch(state, executor, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    terminal.draw(|f| meldpunt::ui::render(f, state)).unwrap();
    ms(started.elapsed())
}

/// The figures of one engine, in milliseconds, in the order of `MEASURES`.
fn measure(location: &Location) -> Vec<f64> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut out = Vec::new();
    let first: Vec<f64> = (0..7)
        .map(|_| {
            let started = Instant::now();
            open_and_draw(location, &mut terminal);
            ms(started.elapsed())
        })
        .collect();
    out.push(median(first));
    let (mut state, mut executor) = open_and_draw(location, &mut terminal);
    let t = &mut terminal;
    let pages: Vec<f64> = (0..40).map(|_| key(&mut state, &mut executor, t, KeyCode::PageDown)).collect();
    out.push(median(pages));
    key(&mut state, &mut executor, t, KeyCode::Char('g'));
    let filters: Vec<f64> = (0..20).map(|_| key(&mut state, &mut executor, t, KeyCode::Char('p'))).collect();
    out.push(median(filters));
    key(&mut state, &mut executor, t, KeyCode::Char('c'));
    // A typed search, every key, five times over: the first key and the slowest.
    let word = "printer";
    let mut per_key = vec![Vec::new(); word.len()];
    for _ in 0..5 {
        key(&mut state, &mut executor, t, KeyCode::Char('/'));
        for (i, c) in word.chars().enumerate() {
            per_key[i].push(key(&mut state, &mut executor, t, KeyCode::Char(c)));
        }
        key(&mut state, &mut executor, t, KeyCode::Esc);
        key(&mut state, &mut executor, t, KeyCode::Char('c'));
    }
    let keys: Vec<f64> = per_key.into_iter().map(median).collect();
    out.push(keys[0]);
    out.push(keys.iter().copied().fold(0.0, f64::max));
    let store = open(location);
    let policy = meldpunt::domain::Policy::default();
    let numbers = meldpunt::domain::NumberFormat::default();
    let language = meldpunt::i18n::Language::En;
    let cx =
        meldpunt::report::Context { t: language.catalogue(), policy: &policy, numbers: &numbers, tz: &chrono::Local };
    let now = Utc::now();
    for (name, days, runs) in [(ReportName::Daily, 1, 5), (ReportName::Times, 365, 3)] {
        let query = ReportQuery {
            name,
            from: now - chrono::Duration::days(days),
            to: now,
            filter: ReportFilter::default(),
            now,
        };
        meldpunt::report::build(&store, &cx, &query).unwrap();
        let times: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                meldpunt::report::build(&store, &cx, &query).unwrap();
                ms(started.elapsed())
            })
            .collect();
        out.push(median(times));
    }
    out
}

/// The ServiceNow log read and stored into an empty database, in ms.
fn import_into(location: &Location) -> f64 {
    let started = Instant::now();
    let input = meldpunt::import::open(Path::new(DATA)).unwrap();
    let read = meldpunt::import::servicenow(input, Path::new(DATA), &chrono::Utc, |_| {}).unwrap();
    let store = open(location);
    store.bulk_load(&Default::default(), &[], read.tickets, Existing::Skip, |_| {}).unwrap();
    store.analyze().unwrap();
    ms(started.elapsed())
}

const WORKER: &str = "MELDPUNT_BENCH_WRITER";
const WORKER_DB: &str = "MELDPUNT_BENCH_WRITER_DB";

/// As a writer process: its edits of the same tickets, each read, edited on
/// its version and read again when someone was first; the microseconds of
/// each stored edit, the conflicts, and the errors a user would have seen.
fn writer_if_asked() -> bool {
    let (Ok(worker), Ok(db)) = (std::env::var(WORKER), std::env::var(WORKER_DB)) else { return false };
    let location = Location::parse(std::ffi::OsStr::new(&db), false, &Env::default()).unwrap();
    let store = open(&location);
    let (mut latencies, mut conflicts, mut errors) = (Vec::new(), 0u64, 0u64);
    for i in 0..EDITS {
        let id = 1 + (i as i64 % EDITED);
        loop {
            let started = Instant::now();
            let version = store.ticket_version(id).unwrap().unwrap();
            let title = format!("writer {worker} edit {i}");
            match store.update_ticket(
                &format!("w{worker}"),
                Utc::now(),
                id,
                Some(version),
                &[(Field::Title, Some(title))],
            ) {
                Ok(_) => {
                    latencies.push(started.elapsed().as_micros().to_string());
                    break;
                }
                Err(StoreError::Conflict { .. }) => conflicts += 1,
                Err(_) => {
                    errors += 1;
                    break;
                }
            }
        }
    }
    println!("RESULT {conflicts} {errors} {}", latencies.join(","));
    true
}

/// 50 writer processes at once: p50 and p99 of a stored edit in ms, edits
/// lost (stored but not in the history), conflicts retried, errors.
fn writers(location: &Location, db_text: &str) -> (f64, f64, u64, u64, u64) {
    let store = open(location);
    for n in 0..EDITED {
        let t = meldpunt::domain::NewTicket::new(&format!("Shared {n}"), "Piet", meldpunt::domain::Channel::Phone);
        store.create_ticket("setup", Utc::now(), &t).unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WRITERS)
        .map(|w| {
            Command::new(&exe)
                .env(WORKER, w.to_string())
                .env(WORKER_DB, db_text)
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap()
        })
        .collect();
    let (mut latencies, mut conflicts, mut errors) = (Vec::new(), 0, 0);
    for child in children {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text.lines().find(|l| l.starts_with("RESULT ")).expect("a writer's result");
        let mut parts = line.split(' ').skip(1);
        conflicts += parts.next().unwrap().parse::<u64>().unwrap();
        errors += parts.next().unwrap().parse::<u64>().unwrap();
        latencies.extend(
            parts.next().unwrap_or_default().split(',').filter(|s| !s.is_empty()).map(|s| s.parse::<u64>().unwrap()),
        );
    }
    latencies.sort_unstable();
    let at = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)] as f64 / 1000.0;
    let stored = latencies.len() as u64;
    let history: u64 = (1..=EDITED)
        .map(|id| store.events(id).unwrap().iter().filter(|e| e.field.as_deref() == Some("title")).count() as u64)
        .sum();
    (at(0.5), at(0.99), stored.saturating_sub(history), conflicts, errors)
}

const MEASURES: &[&str] = &[
    "open the database, first queue frame",
    "page down",
    "filter change (priority)",
    "search, first key",
    "search, slowest key of \"printer\"",
    "daily overview",
    "times report, a year",
];

fn main() {
    if writer_if_asked() {
        return;
    }
    let sqlite = Location::File(common::bench_db());
    let tickets = common::tickets();
    let own = std::env::var("MELDPUNT_BENCH_PG").is_err().then(OwnServer::start);
    let admin = match &own {
        Some(s) => s.conninfo("postgres"),
        None => format!("{} dbname=postgres", std::env::var("MELDPUNT_BENCH_PG").unwrap()),
    };
    let bench_name = format!("bench_{tickets}");
    let pg_text = admin.replace("dbname=postgres", &format!("dbname={bench_name}"));
    let pg = server_of(&pg_text);
    let held: i64 = postgres::Client::connect(&pg_text, postgres::NoTls)
        .and_then(|mut c| c.query_one("SELECT count(*) FROM meldpunt.tickets", &[]))
        .map_or(0, |r| r.get(0));
    let holds = held as u64 == tickets;
    if !holds {
        let target = fresh(&admin, &bench_name);
        let started = Instant::now();
        let copied = open(&sqlite).copy_into(&open(&target)).unwrap();
        let rows: u64 = copied.tables.iter().map(|(_, n)| n).sum();
        println!("copied {rows} rows into PostgreSQL in {:.0} s", started.elapsed().as_secs_f64());
        open(&target).analyze().unwrap();
    }
    println!("{tickets} tickets; medians in ms");
    let (a, b) = (measure(&sqlite), measure(&pg));
    println!("| measure | SQLite | PostgreSQL | ratio |");
    println!("| --- | --- | --- | --- |");
    for (i, name) in MEASURES.iter().enumerate() {
        println!("| {name} | {:.2} | {:.2} | {:.2}× |", a[i], b[i], b[i] / a[i]);
    }
    let dir = tempfile::tempdir().unwrap();
    let (lite, server) = (Location::File(dir.path().join("snow.db")), fresh(&admin, "bench_import"));
    let (ia, ib) = (import_into(&lite), import_into(&server));
    println!("| ServiceNow import (24,918 tickets) | {ia:.0} | {ib:.0} | {:.2}× |", ib / ia);
    let file = dir.path().join("writers.db");
    let writers_pg = admin.replace("dbname=postgres", "dbname=bench_writers");
    let lite = writers(&Location::File(file.clone()), file.to_str().unwrap());
    let server = writers(&fresh(&admin, "bench_writers"), &writers_pg);
    for (engine, (p50, p99, lost, conflicts, errors)) in [("SQLite", lite), ("PostgreSQL", server)] {
        println!(
            "{engine}: {WRITERS} writers × {EDITS} edits: p50 {p50:.2} ms, p99 {p99:.2} ms, {lost} lost, \
             {conflicts} conflicts retried, {errors} errors"
        );
    }
    if let Some(own) = own {
        own.stop();
    }
}
