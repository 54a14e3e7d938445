//! The queue on a generated database of 1,000,000 tickets: first frame,
//! paging, filtering and searching, each measured from the key press (or
//! start) to the drawn frame. Also prints the real binary's time to its
//! first frame and its resident memory.
//!
//! The database is generated once into target/bench/ (about a minute).

mod common;

use common::{bench_db, tickets};
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::Criterion;
use meldpunt::app::executor::Executor;
use meldpunt::app::run::{dispatch, run_effects};
use meldpunt::app::state::{AppState, Context};
use meldpunt::app::{Action, update};
use meldpunt::config::{Config, Environment};
use meldpunt::domain::queue::PageRequest;
use meldpunt::domain::queue::{Cursor, QueueFilter, Sort, SortColumn, Viewer};
use meldpunt::domain::sla::{Target, standing};
use meldpunt::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn config() -> Config {
    // A technician of the demo data, so "mine" and "my team" have tickets.
    let login = meldpunt::domain::demo::vocabulary("en").agents()[5].login.clone();
    let env = Environment { lang: Some("en_GB.UTF-8".into()), os_user: Some(login), ..Default::default() };
    Config::from_toml("", None, &env).unwrap()
}

/// Opens the database and draws the first queue frame, as the TUI does.
fn open_and_draw(path: &Path, terminal: &mut Terminal<TestBackend>) -> (AppState, Executor) {
    let config = config();
    // As the technician, so that restricted tickets are left out as for any user.
    let store =
        Store::open(path).unwrap().with_policy(config.policy.clone()).as_user(&config.user, false, None).unwrap();
    let mut executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone());
    let mut state = AppState::new(Context::from_config(&config, path.to_path_buf(), true), WIDTH, HEIGHT, Utc::now());
    let mut effects = update::startup(&mut state);
    run_effects(&mut state, &mut executor, &mut effects);
    terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
    (state, executor)
}

fn key(state: &mut AppState, executor: &mut Executor, code: KeyCode) {
    dispatch(state, executor, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    // A key that left the queue (a pane's key on a row opens the incident)
    // would measure something else, and the loops below would never end.
    assert_eq!(state.screen, meldpunt::app::state::Screen::Queue, "{code:?} left the queue");
}

fn benches(c: &mut Criterion, path: &Path) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    c.bench_function("queue: open database and draw first frame", |b| {
        b.iter(|| open_and_draw(path, &mut terminal));
    });

    let (mut state, mut executor) = open_and_draw(path, &mut terminal);
    c.bench_function("queue: page down", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                if !state.queue.has_next {
                    key(&mut state, &mut executor, KeyCode::Char('g'));
                }
                let started = Instant::now();
                key(&mut state, &mut executor, KeyCode::PageDown);
                terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
                spent += started.elapsed();
            }
            spent
        });
    });

    for (name, filter_key) in [
        ("priority (cycles P1..P4, all)", 'p'),
        ("mine", '@'),
        ("my team", '#'),
        ("open/all", 'o'),
        ("status (cycles)", 'f'),
    ] {
        key(&mut state, &mut executor, KeyCode::Char('c'));
        c.bench_function(&format!("queue: filter change, {name}"), |b| {
            b.iter(|| {
                key(&mut state, &mut executor, KeyCode::Char(filter_key));
                terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
            });
        });
    }
    key(&mut state, &mut executor, KeyCode::Char('c'));

    // Most urgent first: an indexed sort on the stored earliest deadline.
    key(&mut state, &mut executor, KeyCode::Char('c'));
    while state.queue.sort.column != SortColumn::Due {
        key(&mut state, &mut executor, KeyCode::Char('s'));
    }
    c.bench_function("queue: sort by most urgent deadline (first page)", |b| {
        b.iter(|| {
            key(&mut state, &mut executor, KeyCode::Char('S'));
            terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
        });
    });
    c.bench_function("queue: page down, sorted by most urgent deadline", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                if !state.queue.has_next {
                    key(&mut state, &mut executor, KeyCode::Char('g'));
                }
                let started = Instant::now();
                key(&mut state, &mut executor, KeyCode::PageDown);
                terminal.draw(|f| meldpunt::ui::render(f, &state)).unwrap();
                spent += started.elapsed();
            }
            spent
        });
    });
    // The clocks' standing for a page of 50 rows, as the queue computes it per frame.
    let rows = {
        let viewer = Viewer { login: "bench".into() };
        let filter = QueueFilter::default();
        // The newest open tickets: their clocks run, so every standing is worked out.
        let sort = Sort::default();
        let numbers = meldpunt::domain::NumberFormat::default();
        let request = PageRequest {
            filter: &filter,
            sort,
            viewer: &viewer,
            numbers: &numbers,
            cursor: &Cursor::First,
            limit: 50,
        };
        executor.store().queue_page(&request).unwrap()
    };
    assert_eq!(rows.len(), 50);
    let policy = executor.store().policy().clone();
    let now = Utc::now();
    c.bench_function("sla: standing of all targets for a page of 50 tickets", |b| {
        b.iter(|| {
            let mut n = 0;
            for row in &rows {
                if let Some(sla) = &row.sla {
                    let calendar = policy.calendars.get(&sla.calendar);
                    for target in Target::ALL {
                        let (standing, _) = standing(sla.clocks.get(*target), calendar, policy.sla.at_risk, now);
                        n += standing as usize;
                    }
                }
            }
            n
        });
    });
    key(&mut state, &mut executor, KeyCode::Char('c'));
    // Searches in the default order, newest first.
    while state.queue.sort.column != SortColumn::Number {
        key(&mut state, &mut executor, KeyCode::Char('s'));
    }
    if state.queue.sort.ascending {
        key(&mut state, &mut executor, KeyCode::Char('S'));
    }

    c.bench_function("queue: search, last key of \"INC-000123\"", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| typed(&mut state, &mut executor, &mut terminal, "INC-000123")).sum());
    });
}

/// Types `text` into the search: everything but the last key beforehand,
/// and returns the time from the last key to its drawn frame.
fn typed(state: &mut AppState, executor: &mut Executor, terminal: &mut Terminal<TestBackend>, text: &str) -> Duration {
    let (head, last) = text.split_at(text.len() - 1);
    state.queue.search_active = true;
    state.queue.search_input = head.to_string();
    state.queue.filter.search = (!head.is_empty()).then(|| head.to_string());
    let started = Instant::now();
    key(state, executor, KeyCode::Char(last.chars().next().unwrap()));
    terminal.draw(|f| meldpunt::ui::render(f, state)).unwrap();
    started.elapsed()
}

/// Every key of a typed search, in every sort order, as a technician sees
/// it (restricted tickets left out), and the counts that follow a pause.
fn searches(c: &mut Criterion, path: &Path) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let (mut state, mut executor) = open_and_draw(path, &mut terminal);
    for word in ["printer", "vpn", "jansen"] {
        for end in 1..=word.len() {
            let text = &word[..end];
            c.bench_function(&format!("queue: search, key {end} of \"{word}\" (newest first)"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| typed(&mut state, &mut executor, &mut terminal, text)).sum());
            });
        }
    }
    for column in SortColumn::ALL.into_iter().filter(|c| *c != SortColumn::Number) {
        state.queue.sort = Sort { column, ascending: column.natural_ascending() };
        for text in ["p", "v", "vp", "vpn", "jan", "printer"] {
            c.bench_function(&format!("queue: search \"{text}\", sorted by {column:?}"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| typed(&mut state, &mut executor, &mut terminal, text)).sum());
            });
        }
    }
    // Among all tickets (`o`), where the index of every ticket answers.
    state.queue.search_active = false;
    key(&mut state, &mut executor, KeyCode::Char('o'));
    assert_eq!(state.queue.filter.scope, meldpunt::domain::queue::Scope::All);
    for column in [SortColumn::Number, SortColumn::Priority, SortColumn::Status, SortColumn::Due] {
        state.queue.sort = Sort { column, ascending: column.natural_ascending() };
        for text in ["p", "jan", "printer"] {
            c.bench_function(&format!("queue: search \"{text}\" among all tickets, sorted by {column:?}"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| typed(&mut state, &mut executor, &mut terminal, text)).sum());
            });
        }
    }
    let store = executor.store();
    let viewer = Viewer { login: config().user };
    let numbers = meldpunt::domain::NumberFormat::default();
    for word in ["p", "printer", "jansen"] {
        let filter = QueueFilter { search: Some(word.into()), ..Default::default() };
        c.bench_function(&format!("queue: count the matches of \"{word}\" (when typing pauses)"), |b| {
            b.iter(|| store.queue_counts(&filter, &viewer, &numbers).unwrap());
        });
    }
}

/// The real binary in a pseudo-terminal: time until the newest ticket is on
/// screen, and its peak resident memory after paging a little.
fn real_binary(path: &Path) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    let pair =
        native_pty_system().openpty(PtySize { rows: HEIGHT, cols: WIDTH, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_meldpunt"));
    cmd.args(["--db", path.to_str().unwrap(), "--config", "/dev/null"]);
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let pid = child.process_id().unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(HEIGHT.try_into().unwrap(), WIDTH.try_into().unwrap(), 0);
        let mut buf = [0u8; 8192];
        let mut sent = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            // The cursor on the newest ticket the viewer sees.
            if !sent && parser.screen().contents().contains("▶INC-") {
                let _ = tx.send(Instant::now());
                sent = true;
            }
        }
    });
    let first_frame = rx.recv_timeout(Duration::from_secs(30)).expect("first frame");
    for _ in 0..20 {
        writer.write_all(b"\x1b[6~").unwrap(); // PageDown
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_default();
        line.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
    };
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    // Its own memory (anonymous) apart from the database file mapped in.
    println!(
        "real binary: first queue frame after {:.1} ms; resident {} (peak {}): private {}, mapped file {}",
        (first_frame - started).as_secs_f64() * 1e3,
        field("VmRSS:"),
        field("VmHWM:"),
        field("RssAnon:"),
        field("RssFile:"),
    );
}

/// The first key of a search, in every sort order among the open tickets,
/// must draw its frame within the target (16 ms up to a million and a half
/// tickets, 30 ms beyond): the median of 15 runs each, or the bench fails,
/// naming every key and order over it.
fn guard_first_keys(path: &Path) {
    let target = if tickets() <= 1_500_000 { Duration::from_millis(16) } else { Duration::from_millis(30) };
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let (mut state, mut executor) = open_and_draw(path, &mut terminal);
    let mut over = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for column in SortColumn::ALL {
        state.queue.sort = Sort { column, ascending: column.natural_ascending() };
        for letter in ["p", "v", "j", "a", "s"] {
            let mut times: Vec<Duration> =
                (0..15).map(|_| typed(&mut state, &mut executor, &mut terminal, letter)).collect();
            times.sort_unstable();
            let median = times[times.len() / 2];
            let what = format!("{letter:?} sorted by {column:?}");
            if median > slowest.0 {
                slowest = (median, what.clone());
            }
            if median > target {
                over.push(format!("{what}: {:.1} ms", median.as_secs_f64() * 1e3));
            }
        }
    }
    assert!(over.is_empty(), "first keys over {target:?}: {over:?}");
    println!(
        "first keys of a search: slowest {} in {:.2} ms (target {target:?})",
        slowest.1,
        slowest.0.as_secs_f64() * 1e3
    );
}

/// The physical limit: SQLite alone, in this process, running by hand the
/// query that gives the same page (the same columns, filters and order) or
/// count, without meldpunt's layers, its plans or drawing the frame.
fn sqlite_alone(c: &mut Criterion, path: &Path) {
    const COLUMNS: &str = "t.id, t.priority, t.status, t.title, t.team, t.assignee, t.created_at, t.version,
        t.resolved_at, t.is_open, t.response_due, t.resolution_due, t.urgent_due, t.escalation, t.lead_attention,
        t.major, t.parent_id, t.source_ref";
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.execute_batch("PRAGMA mmap_size = 4294967296;").unwrap();
    let run = |sql: &str, params: &[(&str, &dyn rusqlite::ToSql)]| -> usize {
        let mut stmt = conn.prepare_cached(sql).unwrap();
        let mut rows = stmt.query(params).unwrap();
        let mut n = 0;
        while let Some(row) = rows.next().unwrap() {
            for i in 0..row.as_ref().column_count() {
                n += matches!(row.get_ref(i).unwrap(), rusqlite::types::ValueRef::Null) as usize;
            }
            n += 1;
        }
        n
    };
    let page =
        format!("SELECT {COLUMNS} FROM tickets t WHERE t.is_open = 1 AND t.id < :kid ORDER BY t.id DESC LIMIT 50");
    // Page after page down the open tickets, newest first, from the top again at the end.
    let mut kid = i64::MAX;
    c.bench_function("sqlite: page down", |b| {
        b.iter(|| {
            let mut stmt = conn.prepare_cached(&page).unwrap();
            let mut rows = stmt.query(rusqlite::named_params! { ":kid": kid }).unwrap();
            let mut n = 0;
            while let Some(row) = rows.next().unwrap() {
                kid = row.get(0).unwrap();
                n += (1..18).filter(|i| row.get_ref(*i).unwrap() == rusqlite::types::ValueRef::Null).count() + 1;
            }
            if n == 0 {
                kid = i64::MAX;
            }
            n
        });
    });
    let counts = "SELECT (SELECT count(*) FROM tickets WHERE is_open = 1),
        (SELECT count(*) FROM tickets WHERE is_open = 1 AND assignee = ''),
        (SELECT count(*) FROM tickets WHERE is_open = 1 AND priority = 1),
        (SELECT count(*) FROM (SELECT 1 FROM tickets LIMIT 100001))";
    let all_page = format!("SELECT {COLUMNS} FROM tickets t ORDER BY t.id DESC LIMIT 50");
    c.bench_function("sqlite: filter change, open/all (page and counts)", |b| {
        b.iter(|| run(&all_page, &[]) + run(counts, &[]));
    });
    for (index, scope, label) in
        [("open_tickets_fts", " AND t.is_open = 1", ""), ("tickets_fts", "", " among all tickets")]
    {
        let words: &[&str] =
            if scope.is_empty() { &["p", "jan", "printer"] } else { &["p", "v", "jan", "printer", "jansen"] };
        for word in words {
            let fts = format!("\"{word}\"*");
            let newest = format!(
                "SELECT {COLUMNS} FROM {index} JOIN tickets t ON t.id = {index}.rowid
                 WHERE {index} MATCH :fts{scope} ORDER BY {index}.rowid DESC LIMIT 50"
            );
            c.bench_function(&format!("sqlite: search \"{word}\"{label} (newest first)"), |b| {
                b.iter(|| run(&newest, rusqlite::named_params! { ":fts": fts }));
            });
            for (column, key) in [
                (SortColumn::Priority, "t.priority"),
                (SortColumn::Status, "t.status_rank"),
                (SortColumn::Title, "t.title"),
                (SortColumn::Team, "t.team"),
                (SortColumn::Assignee, "t.assignee"),
                (SortColumn::Age, "t.created_at"),
                (SortColumn::Due, "t.urgent_due"),
            ] {
                // Among all tickets, a sorted search takes SQLite alone
                // a fifth of a second or more: three orders show it.
                if scope.is_empty() && !matches!(column, SortColumn::Priority | SortColumn::Status | SortColumn::Due) {
                    continue;
                }
                let sorted = format!(
                    "SELECT {COLUMNS} FROM tickets t WHERE t.id IN (SELECT rowid FROM {index} WHERE {index} MATCH :fts)
                     {scope} ORDER BY {key}, t.id LIMIT 50"
                );
                c.bench_function(&format!("sqlite: search \"{word}\"{label}, sorted by {column:?}"), |b| {
                    b.iter(|| run(&sorted, rusqlite::named_params! { ":fts": fts }));
                });
            }
            let count = format!(
                "SELECT count(*) FROM (SELECT 1 FROM {index} JOIN tickets t ON t.id = {index}.rowid
                 WHERE {index} MATCH :fts{scope} LIMIT 10001)"
            );
            c.bench_function(&format!("sqlite: count the matches of \"{word}\"{label}"), |b| {
                b.iter(|| run(&count, rusqlite::named_params! { ":fts": fts }));
            });
        }
    }
}

/// A servicedesk keeps some tickets (security incidents) to one team: here
/// one in 5,000, to Security, which the benchmarks' technician is not in, so
/// that every page and count leaves them out as it does for the users.
fn restrict_some(path: &Path) {
    const STEP: i64 = 5_000;
    let store = Store::open(path).unwrap();
    if !store.restricted_to(STEP).unwrap().is_empty() {
        return;
    }
    let now = Utc::now();
    for id in (STEP..=tickets() as i64).step_by(STEP as usize) {
        store.restrict("bench", now, id, &["Security".to_string()]).unwrap();
    }
}

/// Counts as the technician (the restricted tickets left out) and as a
/// viewer who sees everything.
fn restricted_counts(c: &mut Criterion, path: &Path) {
    let technician = Store::open(path).unwrap().as_user(&config().user, false, None).unwrap();
    let everything = Store::open(path).unwrap();
    let viewer = Viewer { login: config().user };
    let numbers = meldpunt::domain::NumberFormat::default();
    for (who, store) in [("technician", &technician), ("unrestricted", &everything)] {
        for scope in [meldpunt::domain::queue::Scope::Open, meldpunt::domain::queue::Scope::All] {
            let filter = QueueFilter { scope, ..Default::default() };
            c.bench_function(&format!("queue: counts, {scope:?}, {who}"), |b| {
                b.iter(|| store.queue_counts(&filter, &viewer, &numbers).unwrap());
            });
        }
    }
}

fn main() {
    let path = bench_db();
    restrict_some(&path);
    real_binary(&path);
    guard_first_keys(&path);
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &path);
    searches(&mut c, &path);
    restricted_counts(&mut c, &path);
    sqlite_alone(&mut c, &path);
    c.final_summary();
}
