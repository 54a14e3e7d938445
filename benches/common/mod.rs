//! The generated database the benchmarks share: 1,000,000 demo tickets in
//! target/bench/, made once (about two minutes) and again whenever the
//! schema or the generator changes.
#![allow(dead_code)]

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use meldpunt::service::demo::load_demo;
use meldpunt::store::Store;

pub const TICKETS: u64 = 1_000_000;

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("demo-{TICKETS}-{:016x}.db", fingerprint()));
    let ready = Store::open(&path).ok().and_then(|s| s.ticket(TICKETS as i64).ok().flatten()).is_some();
    if !ready {
        // Older generations are removed: each is a gigabyte.
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".db") || name.ends_with(".db-wal") || name.ends_with(".db-shm") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        eprintln!("generating {TICKETS} tickets into {} …", path.display());
        let store = Store::open(&path).unwrap();
        let started = Instant::now();
        load_demo(&store, &Default::default(), "en", TICKETS, 1, Utc::now(), |_| {}).unwrap();
        eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
    }
    path
}
