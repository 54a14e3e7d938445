//! The generated database the benchmarks share: 1,000,000 demo tickets in
//! target/bench/, made once (about two minutes) and again whenever the
//! schema or the generator changes. `MELDPUNT_BENCH_TICKETS=3000000` measures
//! three million instead; `MELDPUNT_BENCH_DB` names a file to use (made there
//! when it does not hold that many tickets yet).
#![allow(dead_code)]

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use meldpunt::service::demo::load_demo;
use meldpunt::store::Store;

/// How many tickets the benchmarks run on.
pub fn tickets() -> u64 {
    std::env::var("MELDPUNT_BENCH_TICKETS").ok().and_then(|n| n.replace('_', "").parse().ok()).unwrap_or(1_000_000)
}

/// A fingerprint of what the generated file depends on.
fn fingerprint() -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("src/store/sqlite/migrations"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.extend(
        ["src/domain/demo.rs", "src/domain/figures.rs", "src/store/bulk.rs", "src/store/sqlite/housekeeping.rs"]
            .map(|f| root.join(f)),
    );
    for f in files {
        std::fs::read(&f).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

pub fn bench_db() -> PathBuf {
    let tickets = tickets();
    if let Some(path) = std::env::var_os("MELDPUNT_BENCH_DB").map(PathBuf::from) {
        if !path.exists() {
            generate(&path, tickets);
        }
        assert!(holds(&path, tickets), "{} holds fewer than {tickets} tickets", path.display());
        return path;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    demo_db(&dir, tickets)
}

/// The generated file of that many tickets in `dir`, made when it is not
/// there yet (or the schema or the generator changed).
pub fn demo_db(dir: &Path, tickets: u64) -> PathBuf {
    let path = dir.join(format!("demo-{tickets}-{:016x}.db", fingerprint()));
    if !holds(&path, tickets) {
        // This size's older generations are removed: each is a gigabyte or
        // more. The other size's file stays usable.
        let prefix = format!("demo-{tickets}-");
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        generate(&path, tickets);
    }
    path
}

/// Whether the file holds that many tickets already.
fn holds(path: &Path, tickets: u64) -> bool {
    path.exists() && Store::open(path).ok().and_then(|s| s.ticket(tickets as i64).ok().flatten()).is_some()
}

fn generate(path: &Path, tickets: u64) {
    eprintln!("generating {tickets} tickets into {} …", path.display());
    let store = Store::open(path).unwrap();
    // Nothing else reads the file while it is made.
    store.set_alone(true);
    let started = Instant::now();
    load_demo(&store, &Default::default(), "en", tickets, 1, Utc::now(), |_| {}).unwrap();
    eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
}
