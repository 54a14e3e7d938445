use super::*;

const AMS: Tz = chrono_tz::Europe::Amsterdam;
const H: i64 = 3_600;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn weekdays(tz: &str, ranges: &[&str]) -> CalendarSpec {
    CalendarSpec {
        timezone: Some(tz.to_string()),
        monday: strings(ranges),
        tuesday: strings(ranges),
        wednesday: strings(ranges),
        thursday: strings(ranges),
        friday: strings(ranges),
        ..Default::default()
    }
}

fn every_day(tz: &str, ranges: &[&str]) -> CalendarSpec {
    CalendarSpec { saturday: strings(ranges), sunday: strings(ranges), ..weekdays(tz, ranges) }
}

fn cal(spec: CalendarSpec) -> Calendar {
    Calendar::from_spec(&spec).expect("valid spec")
}

fn office() -> Calendar {
    cal(weekdays("Europe/Amsterdam", &["08:30-17:00"]))
}

/// A local wall-clock time in `tz` (earliest instant if ambiguous).
fn at(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0).earliest().expect("local time exists").with_timezone(&Utc)
}

fn ams(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    at(AMS, y, mo, d, h, mi)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    at(Tz::UTC, y, mo, d, h, mi)
}

fn check_stretches(c: &Calendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Stretch> {
    let parts = c.stretches(from, to);
    assert_eq!(parts.first().unwrap().start, from);
    assert_eq!(parts.last().unwrap().end, to);
    for pair in parts.windows(2) {
        assert_eq!(pair[0].end, pair[1].start);
        assert_ne!(pair[0].open, pair[1].open);
    }
    let open: i64 = parts.iter().filter(|s| s.open).map(Stretch::secs).sum();
    assert_eq!(open, c.elapsed(from, to));
    parts
}

#[test]
fn errors_name_the_field() {
    let err = |spec: CalendarSpec| Calendar::from_spec(&spec).unwrap_err();
    let e = err(CalendarSpec { monday: strings(&["25:00-26:00"]), ..Default::default() });
    assert_eq!(e.field, "monday");
    assert_eq!(e.to_string(), r#"monday: "25:00-26:00" is not a time range (HH:MM-HH:MM)"#);
    let e = err(CalendarSpec { timezone: Some("Europe/Amsterdm".into()), ..Default::default() });
    assert_eq!(e.field, "timezone");
    assert!(e.to_string().contains("Europe/Amsterdm"), "{e}");
    let e = err(CalendarSpec { holidays: strings(&["2026-12-25", "2026-02-30"]), ..Default::default() });
    assert_eq!(e.to_string(), r#"holidays: "2026-02-30" is not a date (YYYY-MM-DD)"#);
    let e = err(CalendarSpec { wednesday: strings(&["11:00-13:00", "08:30-12:00"]), ..Default::default() });
    assert_eq!(e.to_string(), r#"wednesday: "08:30-12:00" overlaps "11:00-13:00""#);
    let e = err(CalendarSpec { friday: strings(&["17:00-08:30"]), ..Default::default() });
    assert_eq!(e.field, "friday");
    for bad in ["24:00-24:00", "08:60-09:00", "08:30", "8h-9h", "24:30-25:00", "-1:00-2:00"] {
        let e = err(CalendarSpec { sunday: strings(&[bad]), ..Default::default() });
        assert_eq!(e.field, "sunday", "{bad}");
        assert!(e.message.contains(bad), "{e}");
    }
    for bad in ["2026-1-05", "26-01-05", "2026/01/05", ""] {
        let e = err(CalendarSpec { holidays: strings(&[bad]), ..Default::default() });
        assert_eq!(e.field, "holidays", "{bad}");
    }
}

#[test]
fn accepts_lenient_but_valid_forms() {
    let c = cal(CalendarSpec {
        timezone: Some("America/New_York".into()),
        monday: strings(&["12:30-17:00", "8:30 - 12:00", "17:00-24:00"]),
        holidays: strings(&[" 2026-12-25 ", "2026-12-25"]),
        ..Default::default()
    });
    assert_eq!(c.timezone(), chrono_tz::America::New_York);
    assert_eq!(c.week[0], vec![(510, 720), (750, 1020), (1020, 1440)]);
    assert_eq!(Calendar::from_spec(&CalendarSpec::default()).unwrap().timezone(), Tz::UTC);
}

#[test]
fn office_friday_afternoon_rolls_to_monday() {
    let c = office();
    assert_eq!(c.due(ams(2026, 1, 9, 16, 0), 2 * H), Some(ams(2026, 1, 12, 9, 30)));
}

#[test]
fn start_outside_hours_counts_from_next_opening() {
    let c = office();
    assert_eq!(c.due(ams(2026, 1, 10, 10, 0), H), Some(ams(2026, 1, 12, 9, 30)));
    assert_eq!(c.due(ams(2026, 1, 12, 7, 0), 30 * 60), Some(ams(2026, 1, 12, 9, 0)));
    // Zero: nothing to wait for, even out of hours.
    assert_eq!(c.due(ams(2026, 1, 10, 10, 0), 0), Some(ams(2026, 1, 10, 10, 0)));
    assert_eq!(c.due(ams(2026, 1, 10, 10, 0), -5), Some(ams(2026, 1, 10, 10, 0)));
}

#[test]
fn split_day_skips_lunch() {
    let c = cal(weekdays("Europe/Amsterdam", &["08:30-12:00", "12:30-17:00"]));
    let start = ams(2026, 1, 12, 11, 0);
    assert_eq!(c.due(start, 2 * H), Some(ams(2026, 1, 12, 13, 30)));
    assert_eq!(c.elapsed(start, ams(2026, 1, 12, 13, 30)), 2 * H);
    assert!(!c.is_open(ams(2026, 1, 12, 12, 15)));
    assert_eq!(c.next_change(ams(2026, 1, 12, 12, 0)), Some(ams(2026, 1, 12, 12, 30)));
}

#[test]
fn target_at_closing_time_is_due_at_closing() {
    let c = office();
    let due = c.due(ams(2026, 1, 12, 15, 0), 2 * H).unwrap();
    assert_eq!(due, ams(2026, 1, 12, 17, 0));
    assert!(!c.is_open(due));
    assert!(c.is_open(due - TimeDelta::seconds(1)));
    // One second more spills into the next morning.
    let next = c.due(ams(2026, 1, 12, 15, 0), 2 * H + 1).unwrap();
    assert_eq!(next, ams(2026, 1, 13, 8, 30) + TimeDelta::seconds(1));
}

#[test]
fn holidays_are_skipped() {
    let c = cal(CalendarSpec {
        holidays: strings(&["2026-12-25", "2026-12-26"]),
        ..weekdays("Europe/Amsterdam", &["08:30-17:00"])
    });
    // Thu 24th: 1h, Fri 25th holiday, weekend, Mon 28th: 3h from 08:30.
    assert_eq!(c.due(ams(2026, 12, 24, 16, 0), 4 * H), Some(ams(2026, 12, 28, 11, 30)));
    assert!(!c.is_open(ams(2026, 12, 25, 10, 0)));
    assert_eq!(c.elapsed(ams(2026, 12, 24, 0, 0), ams(2026, 12, 29, 0, 0)), 17 * H);
}

#[test]
fn whole_day_calendar_across_dst() {
    let far_holiday =
        CalendarSpec { holidays: strings(&["2030-01-01"]), ..every_day("Europe/Amsterdam", &["00:00-24:00"]) };
    let plain = cal(every_day("Europe/Amsterdam", &["00:00-24:00"]));
    assert!(plain.is_always());
    let c = cal(far_holiday);
    assert!(!c.is_always());
    for c in [&plain, &c] {
        assert_eq!(c.elapsed(ams(2026, 3, 29, 0, 0), ams(2026, 3, 30, 0, 0)), 23 * H);
        assert_eq!(c.elapsed(ams(2026, 10, 25, 0, 0), ams(2026, 10, 26, 0, 0)), 25 * H);
        assert_eq!(c.due(ams(2026, 3, 29, 0, 0), 3 * H), Some(ams(2026, 3, 29, 4, 0)));
        // 3h after midnight CEST is 02:00 CET, the second 02:00 of the night.
        assert_eq!(c.due(ams(2026, 10, 25, 0, 0), 3 * H), Some(utc(2026, 10, 25, 1, 0)));
        check_stretches(c, ams(2026, 3, 28, 0, 0), ams(2026, 3, 31, 0, 0));
    }
    // Consecutive whole days join into one open stretch.
    let parts = check_stretches(&c, ams(2026, 3, 28, 0, 0), ams(2026, 3, 31, 0, 0));
    assert_eq!(parts.len(), 1);
    assert!(parts[0].open);
}

#[test]
fn office_hours_across_dst() {
    let c = office();
    // Fri 16:00 CET + 8h: 1h on Friday, 7h on Monday (CEST by then).
    assert_eq!(c.due(ams(2026, 3, 27, 16, 0), 8 * H), Some(ams(2026, 3, 30, 15, 30)));
    assert_eq!(c.due(ams(2026, 3, 27, 16, 0), 8 * H), Some(utc(2026, 3, 30, 13, 30)));
    assert_eq!(c.due(ams(2026, 10, 23, 16, 0), 8 * H), Some(utc(2026, 10, 26, 14, 30)));

    let daily = cal(every_day("Europe/Amsterdam", &["08:30-17:00"]));
    for (m, d) in [(3, 29), (10, 25)] {
        let day = daily.elapsed(ams(2026, m, d, 0, 0), ams(2026, m, d + 1, 0, 0));
        assert_eq!(day, 8 * H + 30 * 60);
    }
    // Sat 16:00 CET + 2h → Sun 09:30 CEST = 07:30 UTC.
    assert_eq!(daily.due(ams(2026, 3, 28, 16, 0), 2 * H), Some(utc(2026, 3, 29, 7, 30)));
    // Sat 16:00 CEST + 2h → Sun 09:30 CET = 08:30 UTC.
    assert_eq!(daily.due(ams(2026, 10, 24, 16, 0), 2 * H), Some(utc(2026, 10, 25, 8, 30)));
}

#[test]
fn ranges_in_the_dst_gap_and_overlap() {
    // 02:30 does not exist on 2026-03-29: the range opens at 03:00 CEST.
    let gap = cal(CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        sunday: strings(&["02:30-04:00"]),
        ..Default::default()
    });
    assert_eq!(gap.elapsed(ams(2026, 3, 29, 0, 0), ams(2026, 3, 30, 0, 0)), H);
    assert_eq!(gap.next_change(ams(2026, 3, 29, 0, 0)), Some(utc(2026, 3, 29, 1, 0)));
    assert_eq!(gap.elapsed(ams(2026, 3, 22, 0, 0), ams(2026, 3, 23, 0, 0)), 90 * 60);

    // The repeated hour: a start takes the first 02:15, an end the second.
    let repeated = cal(CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        sunday: strings(&["02:15-02:45"]),
        ..Default::default()
    });
    let sun = (ams(2026, 10, 25, 0, 0), ams(2026, 10, 26, 0, 0));
    assert_eq!(repeated.elapsed(sun.0, sun.1), 90 * 60);
    assert_eq!(repeated.next_change(sun.0), Some(utc(2026, 10, 25, 0, 15)));
    assert_eq!(repeated.next_change(utc(2026, 10, 25, 0, 15)), Some(utc(2026, 10, 25, 1, 45)));

    // Two touching ranges that overlap in UTC are counted once and joined.
    let touching = cal(CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        sunday: strings(&["01:00-02:15", "02:15-03:00"]),
        ..Default::default()
    });
    assert_eq!(touching.elapsed(sun.0, sun.1), 3 * H);
    let parts = check_stretches(&touching, sun.0, sun.1);
    assert_eq!(parts.len(), 3);
    assert_eq!((parts[1].start, parts[1].end), (utc(2026, 10, 24, 23, 0), utc(2026, 10, 25, 2, 0)));
}

#[test]
fn always_calendar() {
    let c = Calendar::always();
    assert!(c.is_always() && c.has_working_time());
    let start = utc(2026, 3, 29, 1, 23);
    for d in [0, 1, 3_600, 30 * 86_400] {
        assert_eq!(c.due(start, d), Some(start + TimeDelta::seconds(d)));
    }
    let to = utc(2026, 11, 2, 7, 0);
    assert_eq!(c.elapsed(start, to), (to - start).num_seconds());
    assert_eq!(c.elapsed(to, start), 0);
    assert!(c.is_open(start));
    assert_eq!(c.next_change(start), None);
    let parts = check_stretches(&c, start, to);
    assert_eq!(parts, vec![Stretch { start, end: to, open: true }]);
    assert!(c.stretches(to, start).is_empty());
    assert_eq!(Calendar::default(), c);
}

#[test]
fn stretches_alternate_over_a_weekend() {
    let c = cal(weekdays("Europe/Amsterdam", &["08:30-12:00", "12:30-17:00"]));
    let parts = check_stretches(&c, ams(2026, 1, 9, 11, 0), ams(2026, 1, 12, 12, 45));
    let expected = [
        (ams(2026, 1, 9, 11, 0), true),
        (ams(2026, 1, 9, 12, 0), false),
        (ams(2026, 1, 9, 12, 30), true),
        (ams(2026, 1, 9, 17, 0), false),
        (ams(2026, 1, 12, 8, 30), true),
        (ams(2026, 1, 12, 12, 0), false),
        (ams(2026, 1, 12, 12, 30), true),
    ];
    let got: Vec<_> = parts.iter().map(|s| (s.start, s.open)).collect();
    assert_eq!(got, expected);
    // Starting while closed begins with a closed stretch.
    let parts = check_stretches(&c, ams(2026, 1, 10, 9, 0), ams(2026, 1, 12, 9, 0));
    assert!(!parts[0].open && parts.len() == 2);
}

#[test]
fn next_change_is_strictly_after() {
    let c = office();
    assert_eq!(c.next_change(ams(2026, 1, 9, 16, 0)), Some(ams(2026, 1, 9, 17, 0)));
    assert_eq!(c.next_change(ams(2026, 1, 9, 17, 0)), Some(ams(2026, 1, 12, 8, 30)));
    assert_eq!(c.next_change(ams(2026, 1, 12, 8, 30)), Some(ams(2026, 1, 12, 17, 0)));
    let mon_tue = cal(CalendarSpec {
        timezone: Some("Europe/Amsterdam".into()),
        monday: strings(&["00:00-24:00"]),
        tuesday: strings(&["00:00-24:00"]),
        ..Default::default()
    });
    assert_eq!(mon_tue.next_change(ams(2026, 1, 12, 10, 0)), Some(ams(2026, 1, 14, 0, 0)));
    assert_eq!(mon_tue.next_change(ams(2026, 1, 14, 0, 0)), Some(ams(2026, 1, 19, 0, 0)));
}

#[test]
fn no_working_time_gives_none() {
    let closed = Calendar::from_spec(&CalendarSpec::default()).unwrap();
    let t = utc(2026, 1, 1, 0, 0);
    assert!(!closed.has_working_time());
    assert_eq!(closed.due(t, 1), None);
    assert_eq!(closed.due(t, 0), Some(t));
    assert_eq!(closed.elapsed(t, utc(2027, 1, 1, 0, 0)), 0);
    assert!(!closed.is_open(t));
    assert_eq!(closed.next_change(t), None);
    assert_eq!(closed.stretches(t, t + TimeDelta::days(3)).len(), 1);

    // Only Mondays, and every Monday for twelve years is a holiday.
    let mut monday = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut holidays = Vec::new();
    while monday.year() < 2038 {
        holidays.push(monday.format("%Y-%m-%d").to_string());
        monday += TimeDelta::days(7);
    }
    let blocked = cal(CalendarSpec { monday: strings(&["09:00-17:00"]), holidays, ..Default::default() });
    assert!(blocked.has_working_time());
    assert_eq!(blocked.due(t, H), None);
    assert_eq!(blocked.next_change(t), None);
}

#[test]
fn an_absurd_duration_gives_up_quickly_instead_of_walking_for_minutes() {
    let t = utc(2026, 1, 1, 0, 0);
    let huge = 30_000_000 * 86_400;
    let started = std::time::Instant::now();
    assert_eq!(office().due(t, huge), None);
    assert_eq!(office().due(t, 1_000_000_000_000), None);
    assert_eq!(Calendar::always().due(t, huge), None);
    assert!(office().elapsed(t, DateTime::<Utc>::MAX_UTC) > 0);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    // A year of office hours is still found, about four years on.
    let year = office().due(t, 366 * 86_400).unwrap();
    assert!(year.year() >= 2029 && year.year() < 2031, "{year}");
    assert_eq!(Calendar::always().due(t, 366 * 86_400), Some(t + TimeDelta::days(366)));
}
