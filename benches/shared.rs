//! Write latency on a shared database: 20 processes each make 200 edits to
//! the same five tickets at once (the test `tests/shared.rs` checks that
//! none is lost). Target: p99 ≤ 50 ms.

#[path = "../tests/it/stress/mod.rs"]
mod stress;

fn main() {
    if stress::worker_if_asked() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    stress::prepare(&db);
    let started = std::time::Instant::now();
    let results = stress::run_workers(&db, &[]);
    let elapsed = started.elapsed();
    let mut latencies: Vec<u64> = results.iter().flat_map(|r| r.latencies.iter().copied()).collect();
    latencies.sort_unstable();
    let at = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)] as f64 / 1000.0;
    let conflicts: u64 = results.iter().map(|r| r.conflicts).sum();
    println!(
        "{} processes × {} edits: {} stored in {:.1} s, {conflicts} conflicts retried",
        stress::WORKERS,
        stress::EDITS,
        latencies.len(),
        elapsed.as_secs_f64()
    );
    println!("write latency: p50 {:.2} ms · p99 {:.2} ms · max {:.2} ms", at(0.5), at(0.99), at(1.0));
}
