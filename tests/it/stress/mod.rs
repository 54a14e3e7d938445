//! Many processes editing the same tickets of one database file at once,
//! for the shared-database test and benchmark. The same executable is
//! started again as each worker, told so by the environment.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::Utc;
use meldpunt::domain::Field;
use meldpunt::store::{Store, StoreError};

pub const WORKERS: usize = 20;
pub const EDITS: usize = 200;
pub const TICKETS: i64 = 5;

const DB: &str = "MELDPUNT_STRESS_DB";
const WORKER: &str = "MELDPUNT_STRESS_WORKER";

/// What one worker did.
#[derive(Debug, Default)]
pub struct WorkerResult {
    pub conflicts: u64,
    /// Microseconds of each edit that was stored.
    pub latencies: Vec<u64>,
}

/// When this process was started as a worker: its edits, made and printed.
pub fn worker_if_asked() -> bool {
    let (Ok(db), Ok(worker)) = (std::env::var(DB), std::env::var(WORKER)) else { return false };
    let store = Store::open(Path::new(&db)).unwrap();
    let mut result = WorkerResult::default();
    for i in 0..EDITS {
        let id = 1 + (i as i64 % TICKETS);
        // Read, edit on that version; when someone was first, read again.
        loop {
            let version = store.ticket_version(id).unwrap().unwrap();
            let title = format!("worker {worker} edit {i}");
            let started = Instant::now();
            match store.update_ticket(
                &format!("w{worker}"),
                Utc::now(),
                id,
                Some(version),
                &[(Field::Title, Some(title))],
            ) {
                Ok(_) => {
                    result.latencies.push(started.elapsed().as_micros() as u64);
                    break;
                }
                Err(StoreError::Conflict { .. }) => result.conflicts += 1,
                Err(e) => panic!("worker {worker}: {e}"),
            }
        }
    }
    let latencies: Vec<String> = result.latencies.iter().map(|l| l.to_string()).collect();
    println!("RESULT {} {}", result.conflicts, latencies.join(","));
    true
}

/// Runs `WORKERS` copies of this executable (with `args`) as workers on
/// `db` at once, and gathers what they did.
pub fn run_workers(db: &Path, args: &[&str]) -> Vec<WorkerResult> {
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WORKERS)
        .map(|w| {
            Command::new(&exe)
                .args(args)
                .env(DB, db)
                .env(WORKER, w.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(out.status.success(), "a worker failed: {}", String::from_utf8_lossy(&out.stderr));
            let line = stdout.split("RESULT ").nth(1).expect("a worker reports").lines().next().unwrap_or("");
            let (conflicts, latencies) = line.split_once(' ').unwrap_or((line, ""));
            WorkerResult {
                conflicts: conflicts.trim().parse().unwrap(),
                latencies: latencies.split(',').filter_map(|l| l.trim().parse().ok()).collect(),
            }
        })
        .collect()
}

/// A database with the tickets the workers edit.
pub fn prepare(db: &Path) -> Store {
    let store = Store::open(db).unwrap();
    for n in 0..TICKETS {
        let t = meldpunt::domain::NewTicket::new(&format!("Shared {n}"), "Kees", meldpunt::domain::Channel::Phone);
        store.create_ticket("tester", Utc::now(), &t).unwrap();
    }
    store
}
