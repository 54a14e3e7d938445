//! Every report on the generated database of 1,000,000 tickets (a year of
//! a large servicedesk): over last month, and over the whole year.
//! Targets: every report over a year within 500 ms (the daily overview
//! within 300 ms), holding at most 64 MiB of its own memory.
//! Before the timings it prints the private memory a year's times report
//! holds: the heap it allocates (counted by the allocator below) and the
//! growth of the process's anonymous resident memory (RssAnon, sampled
//! every millisecond; the database file mapped in is RssFile, apart).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::{Duration, Utc};
use criterion::Criterion;
use meldpunt::domain::report::{Period, PeriodName, ReportFilter, ReportName, ReportQuery};
use meldpunt::domain::{NumberFormat, Policy};
use meldpunt::i18n::Language;
use meldpunt::report::{Context, build};
use meldpunt::store::Store;

/// From, to.
type Range = (chrono::DateTime<Utc>, chrono::DateTime<Utc>);

/// The system allocator, counting the bytes held now and the most held.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(held, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let held = HELD.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(held, Ordering::Relaxed);
            } else {
                HELD.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A field of /proc/self/status, in KiB.
fn status_kib(name: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Runs `f` once and prints the private memory it held: the heap at its
/// most above what was held before, and the peak growth of RssAnon (which
/// also sees SQLite's own allocations), besides RssFile before and after.
fn private_memory(label: &str, f: impl FnOnce()) {
    let (anon_before, file_before) = (status_kib("RssAnon:"), status_kib("RssFile:"));
    let held_before = HELD.load(Ordering::Relaxed);
    PEAK.store(held_before, Ordering::Relaxed);
    let done = AtomicBool::new(false);
    let anon_peak = std::thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(status_kib("RssAnon:"));
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            peak
        });
        f();
        done.store(true, Ordering::Relaxed);
        sampler.join().unwrap_or(0)
    });
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "{label}: heap peak {:.1} MiB above before; RssAnon peak {:.1} MiB above before ({:.1} → {:.1} MiB); \
         RssFile {:.1} → {:.1} MiB",
        (PEAK.load(Ordering::Relaxed).saturating_sub(held_before)) as f64 / (1024.0 * 1024.0),
        mib(anon_peak.saturating_sub(anon_before)),
        mib(anon_before),
        mib(status_kib("RssAnon:")),
        mib(file_before),
        mib(status_kib("RssFile:")),
    );
}

fn main() {
    let path = common::bench_db();
    let store = Store::open(&path).unwrap();
    let policy = Policy::default();
    let numbers = NumberFormat::default();
    let cx = Context { t: Language::En.catalogue(), policy: &policy, numbers: &numbers, tz: &chrono::Local };
    let now = Utc::now();
    let month = Period::Named(PeriodName::LastMonth).range(&chrono::Local, now);
    let year = (now - Duration::days(365), now);
    let times_year = ReportQuery { name: ReportName::Times, from: year.0, to: year.1, filter: Default::default(), now };
    // Once to map the file in and warm SQLite's statement cache, then measured.
    build(&store, &cx, &times_year).unwrap();
    private_memory("private memory of a year's times report", || {
        build(&store, &cx, &times_year).unwrap();
    });
    let mut c =
        Criterion::default().configure_from_args().sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    for name in ReportName::ALL {
        let periods: &[(&str, Range)] =
            if *name == ReportName::Daily { &[("today", month)] } else { &[("last month", month), ("a year", year)] };
        for (label, (from, to)) in periods {
            let query = ReportQuery { name: *name, from: *from, to: *to, filter: ReportFilter::default(), now };
            c.bench_function(&format!("report: {}, {label}", name.code()), |b| {
                b.iter(|| build(&store, &cx, &query).unwrap());
            });
        }
    }
    // A filtered report: one team over the year.
    let query = ReportQuery {
        name: ReportName::Times,
        from: year.0,
        to: year.1,
        filter: ReportFilter { team: Some("Network".into()), ..Default::default() },
        now,
    };
    c.bench_function("report: times, a year, one team", |b| b.iter(|| build(&store, &cx, &query).unwrap()));
    c.final_summary();
}
