//! Property tests for business calendars over 2025–2027, including the DST
//! changes of Europe/Amsterdam and America/New_York.

use std::sync::LazyLock;

use chrono::{DateTime, TimeDelta, Utc};
use meldpunt::domain::calendar::{Calendar, CalendarSpec, Stretch};
use proptest::prelude::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

static CALENDARS: LazyLock<Vec<Calendar>> = LazyLock::new(|| {
    let split = strings(&["08:30-12:00", "12:30-17:00"]);
    let office = CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        monday: split.clone(),
        tuesday: split.clone(),
        wednesday: split.clone(),
        thursday: split.clone(),
        friday: split,
        holidays: strings(&["2025-12-25", "2025-12-26", "2026-04-06", "2026-12-25", "2026-12-28", "2027-03-29"]),
        ..Default::default()
    };
    // Whole Saturdays joined to Sundays whose ranges touch the 01:00-03:00
    // hours that DST skips or repeats in New York.
    let weekend = CalendarSpec {
        timezone: Some("America/New_York".into()),
        saturday: strings(&["00:00-24:00"]),
        sunday: strings(&["00:00-01:30", "01:30-02:30", "03:00-24:00"]),
        ..Default::default()
    };
    // Short ranges inside the Amsterdam DST hours, every day.
    let night = strings(&["01:00-02:15", "02:15-02:45", "22:00-24:00"]);
    let nights = CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        monday: night.clone(),
        tuesday: night.clone(),
        wednesday: night.clone(),
        thursday: night.clone(),
        friday: night.clone(),
        saturday: night.clone(),
        sunday: night,
        ..Default::default()
    };
    let mut all = vec![Calendar::always()];
    for spec in [office, weekend, nights] {
        all.push(Calendar::from_spec(&spec).expect("valid spec"));
    }
    all
});

const FROM_2025: i64 = 1_735_689_600; // 2025-01-01T00:00:00Z
const TO_2028: i64 = 1_830_297_600; // 2028-01-01T00:00:00Z
const MAX_D: i64 = 30 * 86_400;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn cal() -> impl Strategy<Value = &'static Calendar> {
    (0..CALENDARS.len()).prop_map(|i| &CALENDARS[i])
}

/// DST changes in 2025–2027: Europe/Amsterdam, then America/New_York.
const DST_CHANGES: [i64; 12] = [
    1_743_296_400,
    1_761_440_400,
    1_774_746_000,
    1_792_890_000,
    1_806_195_600,
    1_824_944_400,
    1_741_503_600,
    1_762_063_200,
    1_772_953_200,
    1_793_512_800,
    1_805_007_600,
    1_825_567_200,
];

/// Any instant in 2025–2027, or one within two days of a DST change.
fn start() -> impl Strategy<Value = DateTime<Utc>> {
    let near_change =
        (0..DST_CHANGES.len(), -2 * 86_400..=2 * 86_400i64).prop_map(|(i, offset)| instant(DST_CHANGES[i] + offset));
    prop_oneof![(FROM_2025..TO_2028).prop_map(instant), near_change]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn elapsed_until_due_is_the_duration(c in cal(), s in start(), d in 0..=MAX_D) {
        let due = c.due(s, d).expect("calendar has working time");
        prop_assert!(due >= s);
        prop_assert_eq!(c.elapsed(s, due), d);
    }

    #[test]
    fn due_is_in_working_time_or_at_closing(c in cal(), s in start(), d in 1..=MAX_D) {
        let due = c.due(s, d).unwrap();
        let before = due - TimeDelta::seconds(1);
        prop_assert!(c.is_open(before), "due {} for start {} d {}", due, s, d);
        prop_assert_eq!(c.elapsed(s, before), d - 1);
    }

    #[test]
    fn later_start_is_never_due_earlier(
        c in cal(), s in start(), shift in 0..=10 * 86_400i64, d in 0..=MAX_D,
    ) {
        let later = s + TimeDelta::seconds(shift);
        prop_assert!(c.due(s, d).unwrap() <= c.due(later, d).unwrap());
    }

    #[test]
    fn elapsed_is_additive(
        c in cal(), a in start(), ab in 0..=40 * 86_400i64, bc in 0..=40 * 86_400i64,
    ) {
        let b = a + TimeDelta::seconds(ab);
        let e = b + TimeDelta::seconds(bc);
        prop_assert_eq!(c.elapsed(a, e), c.elapsed(a, b) + c.elapsed(b, e));
        prop_assert_eq!(c.elapsed(e, a), 0);
    }

    #[test]
    fn stretches_cover_alternate_and_sum_to_elapsed(
        c in cal(), a in start(), len in 1..=40 * 86_400i64, probe in 0.0..1.0f64,
    ) {
        let b = a + TimeDelta::seconds(len);
        let parts = c.stretches(a, b);
        prop_assert_eq!(parts.first().unwrap().start, a);
        prop_assert_eq!(parts.last().unwrap().end, b);
        for pair in parts.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
            prop_assert_ne!(pair[0].open, pair[1].open);
        }
        prop_assert!(parts.iter().all(|p| p.start < p.end));
        let open: i64 = parts.iter().filter(|p| p.open).map(Stretch::secs).sum();
        prop_assert_eq!(open, c.elapsed(a, b));
        // is_open agrees with the stretch holding a probe instant.
        let t = a + TimeDelta::seconds((len as f64 * probe) as i64);
        let holder = parts.iter().find(|p| p.start <= t && t < p.end).unwrap();
        prop_assert_eq!(holder.open, c.is_open(t));
    }

    #[test]
    fn next_change_flips_and_nothing_changes_before_it(c in cal(), t in start()) {
        let open = c.is_open(t);
        match c.next_change(t) {
            None => prop_assert!(c.is_always()),
            Some(n) => {
                prop_assert!(n > t);
                prop_assert_ne!(c.is_open(n), open);
                let expected = if open { (n - t).num_seconds() } else { 0 };
                prop_assert_eq!(c.elapsed(t, n), expected);
            }
        }
    }
}
