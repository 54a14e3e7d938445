//! The reports pane through update and the executor on a real database:
//! choosing reports, periods, filters and dates, drilling down into the
//! queue, and what the pane draws.

use crate::common;

use chrono::Duration;
use common::{Harness, incident, t0, temp_db};
use meldpunt::app::state::Message;
use meldpunt::app::{Action, Effect, Screen, update};
use meldpunt::domain::report::{Period, PeriodName, ReportName};
use meldpunt::domain::{Field, Priority};
use meldpunt::panes::reports::Focus;
use meldpunt::report::Cell;
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Today (t0): three incidents, two for Network (one resolved) and one
/// for Workplace; a week ago, one more for Network.
fn world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let new = |title: &str, team: &str| {
        let mut t = incident(title, "Kees");
        t.team = Some(team.into());
        t.priority = Some(Priority::P3);
        t.category = Some("Network".into());
        t
    };
    let earlier = t0() - Duration::hours(2);
    store.create_ticket("tester", earlier, &new("VPN drops", "Network")).unwrap();
    let wifi = store.create_ticket("tester", earlier, &new("Wifi slow", "Network")).unwrap();
    store.create_ticket("tester", earlier, &new("Laptop broken", "Workplace")).unwrap();
    for s in ["in_progress", "resolved"] {
        store
            .update_ticket("tester", t0() - Duration::hours(1), wifi.id, None, &[(Field::Status, Some(s.into()))])
            .unwrap();
    }
    store.create_ticket("tester", t0() - Duration::days(8), &new("Old outage", "Network")).unwrap();
    (dir, path)
}

fn screen(h: &Harness) -> String {
    h.screen()
}

/// The count cells of the row whose first cell reads `label`.
fn row_counts(h: &Harness, label: &str) -> Vec<u64> {
    let report = h.state.panes.reports.report.as_ref().expect("a report");
    let row = report
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .find(|r| r.cells.first() == Some(&Cell::Text(label.into())))
        .unwrap_or_else(|| panic!("no row {label}"));
    row.cells.iter().filter_map(|c| if let Cell::Count(n) = c { Some(*n) } else { None }).collect()
}

fn backspaces(h: &mut Harness, n: usize) {
    for _ in 0..n {
        h.key(KeyCode::Backspace);
    }
}

#[test]
fn the_pane_opens_on_the_daily_overview_and_a_row_leads_to_its_tickets() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    assert_eq!(h.state.screen, Screen::Reports);
    let r = &h.state.panes.reports;
    assert!(!r.running, "computed in place by the test executor");
    assert_eq!(r.report.as_ref().unwrap().name, ReportName::Daily);
    assert_eq!(row_counts(&h, "Registered today"), vec![3]);
    assert_eq!(row_counts(&h, "Resolved today"), vec![1]);
    assert_eq!(row_counts(&h, "Open now"), vec![3], "the old outage is still open");

    // Tab to the rows; the first row is "Registered today".
    h.key(KeyCode::Tab);
    assert_eq!(h.state.panes.reports.focus, Focus::Rows);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.screen, Screen::Queue);
    let counts = h.state.queue.counts.unwrap();
    assert_eq!(counts.matching, 3, "exactly the tickets registered today");
    let titles: Vec<&str> = h.state.queue.rows.iter().map(|r| r.title.as_str()).collect();
    assert!(!titles.contains(&"Old outage"), "{titles:?}");
    assert!(titles.contains(&"Wifi slow"), "resolved ones too: {titles:?}");
    let shown = screen(&h);
    assert!(shown.contains("from report: Daily overview"), "{shown}");

    // Clearing the filters lets the whole queue back in.
    h.chars("c");
    assert!(h.state.queue.filter.slice.is_none());
    assert_eq!(h.state.queue.counts.unwrap().matching, 3, "the open ones");

    // Back to the reports: the same report, the cursor where it was.
    h.chars("v");
    assert_eq!(h.state.screen, Screen::Reports);
    assert_eq!(h.state.panes.reports.focus, Focus::Rows);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.panes.reports.focus, Focus::List);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Queue);
}

#[test]
fn moving_through_the_list_runs_each_report_and_the_period_and_filters_apply() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    // Down to "Volume" (the 7th report).
    for _ in 0..6 {
        h.chars("j");
    }
    assert_eq!(h.state.panes.reports.report.as_ref().unwrap().name, ReportName::Volume);
    assert_eq!(row_counts(&h, "Network")[0], 3, "last 7 days: not the old outage");

    h.chars("p");
    assert_eq!(h.state.panes.reports.period, Period::Named(PeriodName::ThisMonth));
    assert_eq!(row_counts(&h, "Network")[0], 4, "this month: all four");

    // Filter on the team Workplace.
    h.chars("f");
    assert!(h.state.dialog.is_some());
    h.key(KeyCode::Enter); // Team, the first choice
    h.chars("workpl");
    h.key(KeyCode::Enter);
    assert!(h.state.dialog.is_none());
    assert_eq!(h.state.panes.reports.filter.team.as_deref(), Some("Workplace"));
    assert_eq!(row_counts(&h, "Network")[0], 1, "only the laptop");
    let shown = screen(&h);
    assert!(shown.contains("Team: Workplace"), "{shown}");

    h.chars("c");
    assert!(h.state.panes.reports.filter.is_empty());
    assert_eq!(row_counts(&h, "Network")[0], 4);
}

#[test]
fn custom_dates_are_asked_for_and_a_wrong_one_is_refused() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    h.chars("d");
    backspaces(&mut h, 10);
    h.chars("2026-11-10");
    h.key(KeyCode::Enter);
    backspaces(&mut h, 10);
    h.chars("2026-11-16");
    h.key(KeyCode::Enter);
    let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    assert_eq!(h.state.panes.reports.period, Period::Dates { from, to });
    // The daily overview is about today; the next report shows the dates.
    h.chars("j");
    let shown = screen(&h);
    assert!(shown.contains("Custom dates"), "{shown}");
    h.chars("k");

    h.chars("d");
    backspaces(&mut h, 10);
    h.chars("10-11-2026");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.message, Some(Message::Error(e)) if e.contains("10-11-2026")), "{:?}", h.state.message);
    assert_eq!(h.state.panes.reports.period, Period::Dates { from, to }, "unchanged");
    assert!(h.state.dialog.is_some(), "the dialog stays open to put it right");
}

#[test]
fn while_a_report_computes_keys_work_and_only_the_latest_settings_run() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    let state = &mut h.state;
    // As the terminal's executor does: the answer comes later.
    state.panes.reports.running = true;
    let key = |c| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert!(update(state, key('j')).is_empty(), "waits for the one computing");
    assert!(update(state, key('j')).is_empty());
    assert!(state.panes.reports.pending);
    assert_eq!(state.panes.reports.selected, 2, "the cursor moved meanwhile");
    let shown = screen(&h);
    assert!(shown.contains("Computing…"), "{shown}");
    let state = &mut h.state;
    let old = Action::ReportReady { generation: 1, result: Err(meldpunt::app::action::Failure::Stopped), millis: 5 };
    let effects = update(state, old);
    assert!(state.message.is_none(), "an out-of-date answer is dropped");
    match effects.as_slice() {
        [Effect::RunReport { generation, query }] => {
            assert_eq!(*generation, state.panes.reports.generation);
            assert_eq!(query.name, ReportName::Times, "the report now selected");
        }
        other => panic!("{other:?}"),
    }
    update(state, Action::Spin);
    assert_eq!(state.panes.reports.frame, 1, "the spinner turns");
}

#[test]
fn a_report_that_fails_says_why_in_the_users_language() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "nl", 120, 40);
    h.chars("v");
    let state = &mut h.state;
    let generation = state.panes.reports.generation;
    let failed =
        Action::ReportReady { generation, result: Err(meldpunt::app::action::Failure::ReportStopped), millis: 0 };
    update(state, failed);
    let said = (state.t().err.database)(state.t().refusals.report_stopped);
    assert_eq!(state.message, Some(Message::Error(said)));
    assert!(state.panes.reports.report.is_none(), "no figures of other settings are left standing");
}

#[test]
fn the_pane_fits_80_by_24_and_speaks_dutch() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "nl", 80, 24);
    h.chars("v");
    let shown = screen(&h);
    for text in ["Rapportages", "Dagoverzicht", "altijd vandaag", "Vandaag geregistreerd", "berekend in"] {
        assert!(shown.contains(text), "{text} missing:\n{shown}");
    }
    // Rows scroll into view as the cursor goes down.
    h.key(KeyCode::Tab);
    h.key(KeyCode::End);
    let shown = screen(&h);
    let last = h.state.panes.reports.current().unwrap();
    let report = h.state.panes.reports.report.as_ref().unwrap();
    let Cell::Text(label) = &report.sections[last.0].rows[last.1].cells[0] else { panic!() };
    assert!(shown.contains(label.as_str()), "{label} not in view:\n{shown}");
}

#[test]
fn an_answer_for_a_report_left_behind_is_not_shown_and_its_rows_cannot_be_entered() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    h.chars("jj");
    let times = h.state.panes.reports.report.clone().unwrap();
    assert_eq!(times.name, ReportName::Times);
    h.chars("k");
    assert_eq!(h.state.panes.reports.report.as_ref().unwrap().name, ReportName::Sla);
    // As if the times report were still computing when the list came back to SLA.
    let state = &mut h.state;
    state.panes.reports.running = true;
    let generation = state.panes.reports.generation;
    update(state, Action::ReportReady { generation, result: Ok(Box::new(times)), millis: 1 });
    assert_eq!(state.panes.reports.report.as_ref().unwrap().name, ReportName::Sla, "what the list says");

    // While one computes, Tab does not enter rows of what is on screen.
    state.panes.reports.running = true;
    update(state, Action::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    assert_eq!(state.panes.reports.focus, Focus::List);
}

#[test]
fn a_period_of_more_than_five_years_is_refused_and_scrolling_stops_at_the_end() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 80, 24);
    h.chars("v");
    h.chars("d");
    backspaces(&mut h, 10);
    h.chars("2001-01-01");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.message, Some(Message::Error(e)) if e.contains("5 years")), "{:?}", h.state.message);
    h.key(KeyCode::Esc);

    // The daily overview is longer than 24 lines: End scrolls to its end, no further.
    h.key(KeyCode::End);
    let bottom = h.state.panes.reports.scroll;
    assert!(bottom > 0);
    let shown = screen(&h);
    assert!(shown.contains("Open work by assignee"), "the last section in view: {shown}");
    h.key(KeyCode::PageDown);
    assert_eq!(h.state.panes.reports.scroll, bottom);
    h.key(KeyCode::PageUp);
    assert!(h.state.panes.reports.scroll < bottom, "one page up moves at once");
}
