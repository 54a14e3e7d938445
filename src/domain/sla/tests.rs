use super::*;
use crate::domain::calendar::CalendarSpec;
use chrono::{TimeZone, Timelike};

fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    // November 2026: the 23rd is a Monday. Amsterdam is UTC+1 then.
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

fn office() -> Calendars {
    Calendars::default()
}

fn targets(response_min: i64, resolution_min: i64, update_min: i64, calendar: &str) -> Targets {
    Targets {
        response_secs: response_min * 60,
        resolution_secs: resolution_min * 60,
        update_secs: update_min * 60,
        calendar: calendar.into(),
    }
}

fn history(created: DateTime<Utc>, changes: &[(DateTime<Utc>, Status)]) -> History {
    History { created_at: created, initial: Status::New, changes: changes.to_vec(), communications: vec![] }
}

fn pauses() -> Pauses {
    SlaPolicy::default().pauses
}

#[test]
fn untouched_ticket_runs_all_clocks_from_creation() {
    let h = history(at(23, 9, 0), &[]);
    let c = clocks(&h, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(c.response.due, Some(at(23, 9, 30)));
    assert_eq!(c.resolution.due, Some(at(23, 13, 0)));
    assert_eq!(c.update.due, Some(at(23, 10, 0)));
    assert_eq!(c.most_urgent_due(), Some(at(23, 9, 30)));
}

#[test]
fn office_hours_push_deadlines_to_the_next_morning() {
    // 16:00 local (15:00 UTC) + 2 business hours at 08:30-17:00 → 09:30 next day local.
    let h = history(at(23, 15, 0), &[]);
    let c = clocks(&h, &targets(120, 120, 120, OFFICE), &office(), &pauses());
    assert_eq!(c.response.due, Some(at(24, 8, 30)));
}

#[test]
fn starting_work_meets_the_response_target() {
    let h = history(at(23, 9, 0), &[(at(23, 9, 10), Status::InProgress)]);
    let c = clocks(&h, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(c.response.stopped_at, Some(at(23, 9, 10)));
    let (standing, _) = standing(&c.response, &Calendar::always(), 0.75, at(23, 12, 0));
    assert_eq!(standing, Standing::Met);
    // Late work is met late.
    let late = history(at(23, 9, 0), &[(at(23, 10, 0), Status::InProgress)]);
    let c = clocks(&late, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(standing_of(&c.response, at(23, 12, 0)), Standing::MetLate);
}

fn standing_of(c: &Clock, now: DateTime<Utc>) -> Standing {
    standing(c, &Calendar::always(), 0.75, now).0
}

#[test]
fn a_message_to_the_reporter_is_a_response_and_restarts_the_update_clock() {
    let mut h = history(at(23, 9, 0), &[]);
    h.communications = vec![at(23, 9, 5), at(23, 11, 0)];
    let c = clocks(&h, &targets(30, 240, 30, ALWAYS), &office(), &pauses());
    assert_eq!(c.response.stopped_at, Some(at(23, 9, 5)));
    assert_eq!(c.update.due, Some(at(23, 11, 30)));
}

#[test]
fn waiting_for_the_customer_pauses_resolution_and_shifts_its_deadline() {
    let h = history(
        at(23, 9, 0),
        &[
            (at(23, 9, 30), Status::InProgress),
            (at(23, 10, 0), Status::WaitingCustomer),
            (at(23, 12, 0), Status::InProgress),
        ],
    );
    let c = clocks(&h, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    // One hour used before the pause, three left from 12:00.
    assert_eq!(c.resolution.due, Some(at(23, 15, 0)));
    // While waiting, the clock is paused with what was left.
    let waiting = history(at(23, 9, 0), &[(at(23, 10, 0), Status::WaitingCustomer)]);
    let c = clocks(&waiting, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!((c.resolution.due, c.resolution.paused_left_secs), (None, Some(3 * 3600)));
    assert_eq!(standing_of(&c.resolution, at(24, 9, 0)), Standing::Paused);
}

#[test]
fn resolving_stops_and_reopening_resumes_the_resolution_clock() {
    let resolved = history(at(23, 9, 0), &[(at(23, 10, 0), Status::InProgress), (at(23, 11, 0), Status::Resolved)]);
    let c = clocks(&resolved, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(c.resolution.stopped_at, Some(at(23, 11, 0)));
    assert_eq!(c.resolution.due, Some(at(23, 13, 0)));
    assert_eq!(standing_of(&c.resolution, at(23, 20, 0)), Standing::Met);
    let mut reopened = resolved.clone();
    reopened.changes.push((at(23, 14, 0), Status::InProgress));
    let c = clocks(&reopened, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    // Two hours used before resolving; two left from the reopening.
    assert_eq!((c.resolution.stopped_at, c.resolution.due), (None, Some(at(23, 16, 0))));
}

#[test]
fn standing_goes_ok_then_at_risk_then_breached() {
    let h = history(at(23, 9, 0), &[]);
    let c = clocks(&h, &targets(60, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(standing(&c.response, &Calendar::always(), 0.75, at(23, 9, 30)), (Standing::Ok, 1800));
    assert_eq!(standing(&c.response, &Calendar::always(), 0.75, at(23, 9, 45)), (Standing::AtRisk, 900));
    assert_eq!(standing(&c.response, &Calendar::always(), 0.75, at(23, 10, 10)), (Standing::Breached, -600));
}

#[test]
fn resolved_straight_from_waiting_is_measured_up_to_the_pause() {
    let h = history(
        at(23, 9, 0),
        &[
            (at(23, 9, 30), Status::InProgress),
            (at(23, 10, 0), Status::WaitingCustomer),
            (at(25, 10, 0), Status::Resolved),
        ],
    );
    let c = clocks(&h, &targets(30, 240, 60, ALWAYS), &office(), &pauses());
    assert_eq!(standing_of(&c.resolution, at(26, 9, 0)), Standing::Met);
}

#[test]
fn timeline_explains_running_paused_and_out_of_hours_time() {
    let h = history(at(23, 15, 0), &[(at(24, 9, 0), Status::WaitingSupplier), (at(24, 10, 0), Status::InProgress)]);
    let cal = office();
    let line = clock_timeline(&h, cal.get(OFFICE), &pauses().resolution, at(24, 11, 0));
    let kinds: Vec<&StretchKind> = line.iter().map(|s| &s.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &StretchKind::Running,
            &StretchKind::OutOfHours,
            &StretchKind::Running,
            &StretchKind::Paused(Status::WaitingSupplier),
            &StretchKind::Running
        ]
    );
    assert_eq!(line.first().unwrap().start, at(23, 15, 0));
    assert_eq!(line.last().unwrap().end, at(24, 11, 0));
    assert!(line.windows(2).all(|w| w[0].end == w[1].start));
    // 17:00 local is 16:00 UTC.
    assert_eq!(line[0].end.hour(), 16);
}

#[test]
fn a_weekend_calendar_from_config_is_used_by_name() {
    let spec = CalendarSpec {
        timezone: Some("UTC".into()),
        saturday: vec!["00:00-24:00".into()],
        sunday: vec!["00:00-24:00".into()],
        ..Default::default()
    };
    let mut map = BTreeMap::new();
    map.insert("weekend".to_string(), Calendar::from_spec(&spec).unwrap());
    let cals = Calendars::new(map);
    assert!(cals.contains(ALWAYS));
    // Monday 09:00 + 1h on a weekend-only calendar → Saturday 01:00.
    let h = history(at(23, 9, 0), &[]);
    let c = clocks(&h, &targets(60, 60, 60, "weekend"), &cals, &pauses());
    assert_eq!(c.response.due, Some(at(28, 1, 0)));
}

#[test]
fn a_huge_kept_target_is_worked_out_as_the_longest_allowed_one_in_no_time() {
    let h = history(at(23, 9, 0), &[(at(23, 10, 0), Status::WaitingCustomer), (at(23, 11, 0), Status::InProgress)]);
    let huge = Targets {
        response_secs: 1_000_000_000_000,
        resolution_secs: 1_000_000_000_000,
        update_secs: 1_000_000_000_000,
        calendar: OFFICE.into(),
    };
    let started = std::time::Instant::now();
    let c = clocks(&h, &huge, &office(), &pauses());
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(c.resolution.target_secs, MAX_TARGET_SECS);
    let due = c.resolution.due.expect("a year of office hours ends");
    assert!(due > at(23, 9, 0) + chrono::TimeDelta::days(366), "{due}");
    let (_, left) = standing(&c.resolution, office().get(OFFICE), 0.75, at(23, 12, 0));
    assert!(left <= MAX_TARGET_SECS);
}
