//! Every report on a small week of tickets whose figures are worked out by
//! hand below. Times are UTC; Amsterdam office hours (08:30–17:00) are
//! 07:30–16:00 UTC in November. The week is Monday 2 to Sunday 8 November
//! 2026; reports are asked on Sunday 8 November at 12:00.
//!
//! T0  P3 Access/Identity, HR, phone. Registered Sun 1 Nov 12:00 (before the
//!     week) by anna, team Workplace Mon 07:50, in progress Mon 08:00 (bram),
//!     resolved Mon 12:00 (bram). Response: 30 min business (office opens
//!     07:30). Resolution: Mon 07:30–12:00 = 4h30 business, 24 h wall.
//! T1  P3 Network/VPN, Finance, phone. Mon 09:00 by anna, in progress 09:05,
//!     resolved 09:20 by anna: first contact. Closed Tue 09:00, rated 5.
//!     Response 5 min, resolution 20 min, close Mon 7h + Tue 1h30 = 8h30
//!     business, 24 h wall.
//! T2  P3 Network/VPN, Sales, e-mail. Mon 10:00 by anna, team Network 10:10,
//!     Workplace 11:00 (a reassignment), in progress 12:00 (bram), resolved
//!     Tue 10:00, closed Wed 10:00, rated 3, linked to a problem. Response
//!     2 h; resolution Mon 6h + Tue 2h30 = 8h30 business, 24 h wall; close
//!     6h + 8h30 + 2h30 = 17 h business, 48 h wall.
//! T3  P2 Hardware/Printing, Finance, portal. Tue 09:00 by portal,
//!     escalated to the 2nd line (Network) 09:30, in progress 09:45 (bram),
//!     resolved Wed 09:00. P2 response 30 min: missed (45 min). Resolution
//!     8 h business, due Wed 08:30: missed. Resolution took 8h30 business.
//! T4  P4 Software/ERP, Sales, phone, team Applications. Wed 09:00, still
//!     open without a response: its response (due Thu 08:30) is missed, its
//!     resolution (due next Tuesday) still runs.
//! T5  unclassified Network/VPN, Finance, phone. Thu 09:00 by anna, closed
//!     09:10 as a duplicate of T1: counted as registered, never as resolved
//!     work, recurring or rated.

use crate::common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::{incident, temp_db};
use meldpunt::domain::report::{Period, ReportFilter, ReportName, ReportQuery};
use meldpunt::domain::{Channel, Field, NumberFormat, Policy, Priority};
use meldpunt::i18n::Language;
use meldpunt::report::{Cell, Context, Report, build};
use meldpunt::store::Store;

fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    at(8, 12, 0)
}

struct Ticket<'a> {
    title: &'a str,
    priority: Option<Priority>,
    category: &'a str,
    service: &'a str,
    department: &'a str,
    channel: Channel,
    team: Option<&'a str>,
}

fn create(store: &Store, who: &str, when: DateTime<Utc>, t: Ticket) -> i64 {
    let mut n = incident(t.title, "Reporter");
    n.priority = t.priority;
    n.category = Some(t.category.into());
    n.service = Some(t.service.into());
    n.reporter.department = Some(t.department.into());
    n.channel = t.channel;
    n.team = t.team.map(str::to_string);
    store.create_ticket(who, when, &n).unwrap().id
}

fn status(store: &Store, who: &str, when: DateTime<Utc>, id: i64, to: &str) {
    store.update_ticket(who, when, id, None, &[(Field::Status, Some(to.into()))]).unwrap();
}

fn week() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let p3 = Some(Priority::P3);
    let t0 = create(
        &store,
        "anna",
        at(1, 12, 0),
        Ticket {
            title: "Password",
            priority: p3,
            category: "Access",
            service: "Identity",
            department: "HR",
            channel: Channel::Phone,
            team: None,
        },
    );
    store.assign("anna", at(2, 7, 50), t0, None, "Workplace", None).unwrap();
    status(&store, "bram", at(2, 8, 0), t0, "in_progress");
    status(&store, "bram", at(2, 12, 0), t0, "resolved");

    let t1 = create(
        &store,
        "anna",
        at(2, 9, 0),
        Ticket {
            title: "VPN 1",
            priority: p3,
            category: "Network",
            service: "VPN",
            department: "Finance",
            channel: Channel::Phone,
            team: None,
        },
    );
    status(&store, "anna", at(2, 9, 5), t1, "in_progress");
    status(&store, "anna", at(2, 9, 20), t1, "resolved");
    common::ready_to_close(&store, t1);
    store.close("anna", at(3, 9, 0), t1, None, "solved").unwrap();
    store.feedback("anna", at(3, 9, 0), t1, 5, "").unwrap();

    let t2 = create(
        &store,
        "anna",
        at(2, 10, 0),
        Ticket {
            title: "VPN 2",
            priority: p3,
            category: "Network",
            service: "VPN",
            department: "Sales",
            channel: Channel::Email,
            team: None,
        },
    );
    store.assign("anna", at(2, 10, 10), t2, None, "Network", None).unwrap();
    store.assign("anna", at(2, 11, 0), t2, None, "Workplace", None).unwrap();
    status(&store, "bram", at(2, 12, 0), t2, "in_progress");
    status(&store, "bram", at(3, 10, 0), t2, "resolved");
    common::ready_to_close(&store, t2);
    store.close("bram", at(4, 10, 0), t2, None, "workaround").unwrap();
    store.feedback("bram", at(4, 10, 0), t2, 3, "").unwrap();
    store.create_problem("bram", at(4, 11, 0), "VPN drops", &[t2]).unwrap();

    let t3 = create(
        &store,
        "portal",
        at(3, 9, 0),
        Ticket {
            title: "Printer",
            priority: Some(Priority::P2),
            category: "Hardware",
            service: "Printing",
            department: "Finance",
            channel: Channel::Portal,
            team: None,
        },
    );
    let line2 = meldpunt::domain::escalation::Escalation::Line2;
    store.escalate("anna", at(3, 9, 30), t3, None, line2, Some("Network"), None, "Needs a technician").unwrap();
    status(&store, "bram", at(3, 9, 45), t3, "in_progress");
    status(&store, "bram", at(4, 9, 0), t3, "resolved");

    create(
        &store,
        "anna",
        at(4, 9, 0),
        Ticket {
            title: "ERP",
            priority: Some(Priority::P4),
            category: "Software",
            service: "ERP",
            department: "Sales",
            channel: Channel::Phone,
            team: Some("Applications"),
        },
    );

    let t5 = create(
        &store,
        "anna",
        at(5, 9, 0),
        Ticket {
            title: "VPN again",
            priority: None,
            category: "Network",
            service: "VPN",
            department: "Finance",
            channel: Channel::Phone,
            team: None,
        },
    );
    store.mark_duplicate("anna", at(5, 9, 10), t5, t1).unwrap();
    (dir, store)
}

fn report(store: &Store, name: ReportName) -> Report {
    let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let (from, to) = Period::Dates { from: d(2), to: d(8) }.range(&Utc, now());
    let query = ReportQuery { name, from, to, filter: ReportFilter::default(), now: now() };
    let policy = Policy::default();
    let numbers = NumberFormat::default();
    let cx = Context { t: Language::En.catalogue(), policy: &policy, numbers: &numbers, tz: &Utc };
    build(store, &cx, &query).unwrap()
}

/// The cells of the row whose first cell (or first two) reads `label`.
fn row<'a>(r: &'a Report, section: usize, label: &str) -> &'a [Cell] {
    let s = &r.sections[section];
    let found = s.rows.iter().find(|row| match &row.cells[..] {
        [Cell::Text(a), Cell::Text(b), ..] if format!("{a} {b}") == label => true,
        [Cell::Text(a), ..] => a == label,
        _ => false,
    });
    &found.unwrap_or_else(|| panic!("no row '{label}' in '{}': {:#?}", s.title, s.rows)).cells
}

fn counts(cells: &[Cell]) -> Vec<u64> {
    cells.iter().filter_map(|c| if let Cell::Count(n) = c { Some(*n) } else { None }).collect()
}

fn shares(cells: &[Cell]) -> Vec<Option<f64>> {
    cells
        .iter()
        .filter_map(|c| if let Cell::Share(s) = c { Some(s.map(|x| (x * 1000.0).round() / 1000.0)) } else { None })
        .collect()
}

fn secs(cells: &[Cell]) -> Vec<Option<f64>> {
    cells.iter().filter_map(|c| if let Cell::Secs(s) = c { Some(*s) } else { None }).collect()
}

fn labels(r: &Report, section: usize) -> Vec<String> {
    r.sections[section]
        .rows
        .iter()
        .map(|row| match &row.cells[0] {
            Cell::Text(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn volume_counts_what_was_registered_in_the_week() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Volume);
    // Trend per day: Mon 2 (T1, T2), Tue T3, Wed T4, Thu T5, then nothing.
    assert_eq!(
        r.sections[0].rows.iter().map(|row| counts(&row.cells)[0]).collect::<Vec<_>>(),
        vec![2, 1, 1, 1, 0, 0, 0]
    );
    // By category: Network 3 of 5.
    assert_eq!(labels(&r, 1), vec!["Network", "Hardware", "Software"]);
    assert_eq!((counts(row(&r, 1, "Network")), shares(row(&r, 1, "Network"))), (vec![3], vec![Some(0.6)]));
    assert_eq!(labels(&r, 2), vec!["VPN", "ERP", "Printing"]);
    assert_eq!(counts(row(&r, 3, "Finance")), vec![3]);
    assert_eq!(counts(row(&r, 4, "Phone")), vec![3]);
    assert_eq!(counts(row(&r, 4, "E-mail")), vec![1]);
    // By team now: T1 and T5 have none.
    assert_eq!(counts(row(&r, 5, "(empty)")), vec![2]);
    assert_eq!(counts(row(&r, 5, "Workplace")), vec![1]);
}

#[test]
fn sla_compliance_of_the_tickets_registered_in_the_week() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Sla);
    // Columns: response met, missed, share; resolution met, missed, share.
    assert_eq!(counts(row(&r, 0, "P2")), vec![0, 1, 0, 1]);
    assert_eq!(counts(row(&r, 0, "P3")), vec![2, 0, 2, 0]);
    // T4: response missed, resolution still running (counted in neither).
    assert_eq!(counts(row(&r, 0, "P4")), vec![0, 1, 0, 0]);
    assert_eq!(shares(row(&r, 0, "P4")), vec![Some(0.0), None]);
    assert_eq!(counts(row(&r, 0, "Total")), vec![2, 2, 2, 1]);
    assert_eq!(shares(row(&r, 0, "Total")), vec![Some(0.5), Some(0.667)]);
    assert_eq!(counts(row(&r, 1, "Network")), vec![0, 1, 0, 1]);
    assert_eq!(counts(row(&r, 1, "Workplace")), vec![1, 0, 1, 0]);
    // Per day of registration.
    let per_day: Vec<Vec<u64>> = r.sections[2].rows.iter().map(|row| counts(&row.cells)).collect();
    assert_eq!(&per_day[..3], &[vec![2, 0, 2, 0], vec![0, 1, 0, 1], vec![0, 1, 0, 0]]);
}

#[test]
fn times_to_respond_resolve_and_close() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Times);
    // Response: T1 5 min, T2 2 h, T3 45 min, T5 10 min (business = wall here).
    let response = row(&r, 0, "Total");
    assert_eq!(counts(response), vec![4]);
    assert_eq!(secs(response), vec![Some(2700.0), Some(1650.0), Some(2700.0), Some(1650.0)]);
    // Resolution: T0 4h30 (24 h wall), T1 20 min, T2 and T3 8h30 (24 h wall), T5 10 min.
    let resolve = row(&r, 1, "Total");
    assert_eq!(counts(resolve), vec![5]);
    assert_eq!(secs(resolve), vec![Some(15840.0), Some(16200.0), Some(52200.0), Some(86400.0)]);
    // Close: T1 8h30 (24 h), T2 17 h (48 h), T5 10 min.
    let close = row(&r, 2, "Total");
    assert_eq!(secs(close), vec![Some(30800.0), Some(30600.0), Some(86600.0), Some(86400.0)]);
    // Per priority: the P2 (T3) alone.
    assert_eq!(secs(row(&r, 1, "Priority P2")), vec![Some(30600.0), Some(30600.0), Some(86400.0), Some(86400.0)]);
    assert_eq!(counts(row(&r, 1, "Team Workplace")), vec![2], "T0 and T2");
}

#[test]
fn first_contact_resolution() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Fcr);
    // Resolved in the week, duplicates aside: T0, T1, T2, T3; only T1 at first contact.
    assert_eq!(counts(row(&r, 0, "Total")), vec![4, 1]);
    assert_eq!(shares(row(&r, 0, "Total")), vec![Some(0.25)]);
    assert_eq!(counts(row(&r, 0, "Workplace")), vec![2, 0]);
    assert_eq!(counts(row(&r, 1, "Phone")), vec![2, 1]);
    assert_eq!(shares(row(&r, 1, "Phone")), vec![Some(0.5)]);
}

#[test]
fn reassignments() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Reassignments);
    assert_eq!(r.sections[0].rows.iter().map(|row| counts(&row.cells)[0]).collect::<Vec<_>>(), vec![3, 1, 0, 0]);
    assert_eq!(counts(row(&r, 1, "Workplace")), vec![2, 1]);
    assert_eq!(shares(row(&r, 1, "Total")), vec![Some(0.25)]);
}

#[test]
fn satisfaction() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Satisfaction);
    // Closed in the week, the duplicate aside: T1 (5) and T2 (3).
    let total = row(&r, 0, "Total");
    assert_eq!(counts(total), vec![2, 2]);
    assert_eq!(shares(total), vec![Some(1.0)]);
    assert!(matches!(total.last(), Some(Cell::Score(Some(s))) if (*s - 4.0).abs() < 1e-9));
    assert_eq!(r.sections[1].rows.iter().map(|row| counts(&row.cells)[0]).collect::<Vec<_>>(), vec![0, 0, 1, 0, 1]);
}

#[test]
fn recurring_combinations_and_their_problems() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Recurring);
    assert_eq!(row(&r, 0, "VPN")[..2], [Cell::Text("VPN".into()), Cell::Text("Network".into())]);
    // T1 and T2 (the duplicate T5 does not count); T2 has a problem.
    assert_eq!(counts(row(&r, 0, "VPN")), vec![2, 1]);
    assert_eq!(shares(row(&r, 0, "VPN")), vec![Some(0.5)]);
    assert_eq!(labels(&r, 0), vec!["VPN", "ERP", "Printing"]);
}

#[test]
fn backlog_per_day() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Backlog);
    // T0 is open when the week starts. Columns: open at the end, registered, resolved.
    let days: Vec<Vec<u64>> = r.sections[0].rows.iter().map(|row| counts(&row.cells)).collect();
    assert_eq!(
        days,
        vec![vec![1, 2, 2], vec![1, 1, 1], vec![1, 1, 1], vec![1, 1, 1], vec![1, 0, 0], vec![1, 0, 0], vec![1, 0, 0]]
    );
}

#[test]
fn the_daily_overview_of_sunday() {
    let (_dir, store) = week();
    let r = report(&store, ReportName::Daily);
    assert_eq!(r.from, at(8, 0, 0), "today, whatever the period");
    assert_eq!(counts(row(&r, 0, "Registered today")), vec![0]);
    assert_eq!(counts(row(&r, 0, "Open now")), vec![1]);
    assert_eq!(counts(row(&r, 0, "Open with a missed SLA target")), vec![1], "T4's response");
    assert_eq!(counts(row(&r, 0, "Open with an SLA target at risk")), vec![0]);
    assert_eq!(counts(row(&r, 0, "Customer update overdue")), vec![1], "T4: due Friday");
    assert_eq!(counts(row(&r, 0, "Open and escalated")), vec![0], "T3 is resolved");
    // Open by priority and status: T4, P4, assigned.
    assert_eq!(counts(row(&r, 1, "P4")), vec![0, 1, 0, 0, 0, 1]);
    assert_eq!(row(&r, 3, "INC-000005")[5], Cell::Text("ERP".into()));
    assert_eq!(counts(row(&r, 4, "Applications")), vec![0, 0, 0, 1, 0, 1]);
}

#[test]
fn filters_narrow_every_figure() {
    let (_dir, store) = week();
    let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let (from, to) = Period::Dates { from: d(2), to: d(8) }.range(&Utc, now());
    let filter = ReportFilter { department: Some("Finance".into()), ..Default::default() };
    let query = ReportQuery { name: ReportName::Volume, from, to, filter, now: now() };
    let policy = Policy::default();
    let numbers = NumberFormat::default();
    let cx = Context { t: Language::En.catalogue(), policy: &policy, numbers: &numbers, tz: &Utc };
    let r = build(&store, &cx, &query).unwrap();
    // Finance: T1, T3, T5.
    assert_eq!(r.sections[0].rows.iter().map(|row| counts(&row.cells)[0]).sum::<u64>(), 3);
    assert_eq!(counts(row(&r, 1, "Network")), vec![2]);
}

/// The queue's count of the tickets a row leads to.
fn drilled(store: &Store, drill: &meldpunt::domain::report::Drill) -> u64 {
    use meldpunt::domain::queue::{QueueFilter, Scope, Viewer};
    let filter = QueueFilter { scope: Scope::All, slice: Some(Box::new(drill.clone())), ..Default::default() };
    let viewer = Viewer { login: "anna".into() };
    store.queue_counts(&filter, &viewer, &NumberFormat::default()).unwrap().matching
}

#[test]
fn every_row_leads_to_exactly_the_tickets_it_counts() {
    let (_dir, store) = week();
    let mut checked = 0;
    for name in ReportName::ALL {
        let r = report(&store, *name);
        for (i, section) in r.sections.iter().enumerate() {
            for row in &section.rows {
                let Some(drill) = &row.drill else { continue };
                let n = counts(&row.cells);
                let found = drilled(&store, drill);
                let expected = match name {
                    // SLA rows count targets decided; the row leads to every ticket with targets.
                    ReportName::Sla => {
                        assert!(found >= n[0] + n[1] && found >= n[2] + n[3], "{:?}: {found}", row.cells);
                        continue;
                    }
                    // The oldest open tickets: each row is one ticket.
                    ReportName::Daily if i > 0 => n.last().copied().unwrap_or(1),
                    _ => n[0],
                };
                assert_eq!(found, expected, "{name:?} › {} › {:?}", section.title, row.cells[0]);
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} rows lead somewhere");
    // SLA: T1 to T4 were registered in the week with targets; T5 was never classified.
    let sla = report(&store, ReportName::Sla);
    let total = row(&sla, 0, "Total");
    let drill = sla.sections[0].rows.iter().find(|r| r.cells == total).unwrap().drill.as_ref().unwrap();
    assert_eq!(drilled(&store, drill), 4);
}

/// The middle of some values as sorted, the mean of the two middle ones for an even count.
fn sorted_median(mut values: Vec<i64>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

#[test]
fn the_times_medians_are_the_sorted_middles_of_many_generated_tickets() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let now = common::t0();
    meldpunt::service::demo::load_demo(&store, &Default::default(), "en", 3_000, 1, now, |_| {}).unwrap();
    let (from, to) = (now - chrono::Duration::days(400), now + chrono::Duration::days(1));
    let query = ReportQuery { name: ReportName::Times, from, to, filter: ReportFilter::default(), now };
    let policy = Policy::default();
    let numbers = NumberFormat::default();
    let cx = Context { t: Language::En.catalogue(), policy: &policy, numbers: &numbers, tz: &Utc };
    let r = build(&store, &cx, &query).unwrap();
    // The same figures straight from the file: time to resolve, per priority and in all.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT priority, resolved_at - created_at, resolution_secs FROM tickets
              WHERE resolved_at >= ?1 AND resolved_at < ?2",
        )
        .unwrap();
    let rows: Vec<(i64, i64, Option<i64>)> = stmt
        .query_map([from.timestamp(), to.timestamp()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(rows.len() > 1_000, "most generated tickets are resolved: {}", rows.len());
    let expect = |priority: Option<i64>| {
        let rows = rows.iter().filter(|r| priority.is_none_or(|p| r.0 == p));
        let wall: Vec<i64> = rows.clone().map(|r| r.1).collect();
        let business: Vec<i64> = rows.filter_map(|r| r.2).collect();
        (wall.len() as u64, sorted_median(business), sorted_median(wall))
    };
    let got = |label: &str| {
        let cells = row(&r, 1, label);
        let s = secs(cells);
        (counts(cells)[0], s[1], s[3])
    };
    assert_eq!(got("Total"), expect(None));
    for p in 1..=4 {
        assert_eq!(got(&format!("Priority P{p}")), expect(Some(p)), "P{p}");
    }
}
