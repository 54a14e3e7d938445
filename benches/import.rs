//! Importing the public ServiceNow audit log (141,712 rows, 24,918
//! incidents) into an empty database: reading, rebuilding each incident's
//! history and storing it with its SLA clocks and report figures.
//! Target: ≤ 10 s on a 2-core machine.

use std::path::Path;
use std::time::Instant;

use meldpunt::store::{Existing, Store};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data/servicenow-incident-event-log.csv.gz");

fn main() {
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
    times.sort_by(f64::total_cmp);
    println!("import of the ServiceNow log: median {:.2} s (best {:.2} s)", times[1], times[0]);
}
