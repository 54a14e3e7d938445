//! The reports pane as drawn at 80×24 and 120×40 in both languages: tables
//! that fit (no number cut), the cell under the cursor leading to exactly
//! its tickets, Esc out of a drill-down, dates typed over their suggestion
//! and the daily overview's period.

use crate::common;

use std::collections::HashSet;

use chrono::Duration;
use common::{Harness, incident, t0, temp_db};
use meldpunt::app::Screen;
use meldpunt::domain::report::{Period, ReportName};
use meldpunt::domain::{Field, Priority};
use meldpunt::report::output::{human, period};
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

/// Six P1 incidents of two hours ago: two answered within their quarter of
/// an hour, four not; and a P3 one resolved.
fn world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let earlier = t0() - Duration::hours(2);
    for i in 0..6 {
        let mut t = incident(&format!("Outage {i}"), "Kees");
        t.team = Some("Network".into());
        t.priority = Some(Priority::P1);
        let id = store.create_ticket("tester", earlier, &t).unwrap().id;
        if i < 2 {
            let at = earlier + Duration::minutes(5);
            store.update_ticket("tester", at, id, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
        }
    }
    let mut t = incident("Printer jams", "Kees");
    t.team = Some("Workplace".into());
    t.priority = Some(Priority::P3);
    let id = store.create_ticket("tester", earlier, &t).unwrap().id;
    for s in ["in_progress", "resolved"] {
        store.update_ticket("tester", t0() - Duration::hours(1), id, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    (dir, path)
}

/// Selects a report in the list (the pane opens on the first).
fn select(h: &mut Harness, name: ReportName) {
    while h.state.panes.reports.name() != name {
        h.chars("j");
    }
}

/// Every word a report may show whole: its cells, columns, titles and
/// chart labels and numbers, its period.
fn words(h: &Harness) -> HashSet<String> {
    let t = h.state.t();
    let report = h.state.panes.reports.report.as_ref().expect("a report");
    let mut texts = vec![report.title.clone(), period(t, report)];
    for s in &report.sections {
        texts.push(s.title.clone());
        texts.extend(s.columns.iter().cloned());
        texts.extend(s.rows.iter().flat_map(|r| r.cells.iter().map(|c| human(t, c))));
        if let Some(chart) = &s.chart {
            texts.push(chart.title.clone());
            texts.extend(chart.bars.iter().flat_map(|(l, n)| [l.clone(), n.to_string()]));
        }
    }
    texts.extend([t.report.nothing.to_string()]);
    texts.iter().flat_map(|x| x.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect()
}

/// The words in the report's part of the screen that are not whole.
fn cut_words(h: &Harness) -> Vec<String> {
    let known = words(h);
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let from = if h.state.width >= 110 { 32 } else { 26 };
    // Between the title bar and the status and hint bands.
    lines[1..lines.len() - 3]
        .iter()
        .flat_map(|l| {
            l.chars().skip(from).collect::<String>().split_whitespace().map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|w| !known.contains(w) && !w.ends_with('…') && !["‹", "›"].contains(&w.as_str()))
        .filter(|w| !w.chars().all(|c| c == '█'))
        .collect()
}

#[test]
fn every_report_fits_at_80_and_120_columns_in_both_languages_without_a_cut_number() {
    let (_dir, path) = world();
    for lang in ["en", "nl"] {
        for (w, hgt) in [(80, 24), (120, 40)] {
            let mut h = Harness::new(&path, lang, w, hgt);
            h.chars("v");
            for name in ReportName::ALL.iter().copied() {
                select(&mut h, name);
                assert!(h.state.panes.reports.shows_selected());
                let cut = cut_words(&h);
                assert!(cut.is_empty(), "{lang} {w}x{hgt} {name:?}: cut {cut:?}\n{}", h.screen());
            }
        }
    }
}

#[test]
fn the_sla_table_scrolls_sideways_to_the_columns_that_do_not_fit() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 80, 24);
    h.chars("v");
    select(&mut h, ReportName::Sla);
    let shown = h.screen();
    assert!(shown.contains('›'), "more columns to the right are marked:\n{shown}");
    assert!(!shown.contains("Resolution met"), "{shown}");
    for _ in 0..6 {
        h.key(KeyCode::Right);
    }
    let shown = h.screen();
    assert!(shown.contains('‹'), "{shown}");
    assert!(shown.contains("Resolution met") || shown.contains("Resolution missed"), "{shown}");
    assert!(shown.contains("P1"), "the first column stays:\n{shown}");
}

#[test]
fn a_missed_cell_leads_to_the_tickets_that_missed_not_the_whole_row() {
    let (_dir, path) = world();
    for lang in ["en", "nl"] {
        let mut h = Harness::new(&path, lang, 120, 40);
        h.chars("v");
        select(&mut h, ReportName::Sla);
        h.key(KeyCode::Tab);
        // The first row is P1; the whole row holds all six.
        h.key(KeyCode::Enter);
        assert_eq!(h.state.screen, Screen::Queue);
        assert_eq!(h.state.queue.counts.unwrap().matching, 6);
        h.key(KeyCode::Esc);
        assert_eq!(h.state.screen, Screen::Reports, "Esc leaves the drill-down");
        // Two cells to the right: response missed.
        h.key(KeyCode::Right);
        h.key(KeyCode::Right);
        h.key(KeyCode::Enter);
        assert_eq!(h.state.screen, Screen::Queue);
        let matching = h.state.queue.counts.unwrap().matching;
        assert_eq!(matching, 4, "{lang}: the four that missed their response");
        let titles: Vec<&str> = h.state.queue.rows.iter().map(|r| r.title.as_str()).collect();
        assert!(!titles.contains(&"Outage 0") && !titles.contains(&"Outage 1"), "{titles:?}");
        let missed = if lang == "en" { "Response missed" } else { "Reactie gemist" };
        let shown = h.screen();
        assert!(shown.contains(missed) || h.state.queue.slice_label.contains(missed), "{shown}");
        h.key(KeyCode::Esc);
        // One to the left: response met, the two answered in time.
        h.key(KeyCode::Left);
        assert_eq!(h.state.panes.reports.col, 1);
        h.key(KeyCode::Enter);
        assert_eq!(h.state.queue.counts.unwrap().matching, 2, "{lang} {}", h.state.queue.slice_label);
    }
}

#[test]
fn esc_leaves_a_drill_down_and_gives_the_queue_back_as_it_was() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("@"); // the queue filtered on "mine" before the report
    let before = h.state.queue.filter.clone();
    h.chars("v");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.screen, Screen::Queue);
    assert!(h.state.queue.filter.slice.is_some());
    let shown = h.screen();
    assert!(shown.contains("Esc"), "the footer offers the way back:\n{shown}");
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Reports);
    assert_eq!(h.state.queue.filter, before, "the queue's own filters are back");
}

#[test]
fn typed_dates_replace_the_suggested_ones() {
    let (_dir, path) = world();
    let mut h = Harness::new(&path, "en", 80, 24);
    h.chars("v");
    select(&mut h, ReportName::Volume);
    h.chars("d");
    h.chars("2026-11-01");
    h.key(KeyCode::Enter);
    h.chars("2026-11-20");
    h.key(KeyCode::Enter);
    assert!(h.state.dialog.is_none(), "{:?}", h.state.message);
    let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert_eq!(h.state.panes.reports.period, Period::Dates { from, to }, "not 2026-11-172026-11-01");
}

#[test]
fn the_daily_overview_shows_today_as_its_period_whatever_is_chosen() {
    let (_dir, path) = world();
    for (lang, today, last7) in [("en", "Today", "Last 7 days"), ("nl", "Vandaag", "Laatste 7 dagen")] {
        let mut h = Harness::new(&path, lang, 80, 24);
        h.chars("v");
        assert_eq!(h.state.panes.reports.name(), ReportName::Daily);
        let shown = h.screen();
        assert!(shown.contains(today), "{shown}");
        assert!(!shown.contains(last7), "the period it does not use is not shown:\n{shown}");
        h.chars("p");
        assert!(h.state.message.is_some(), "p says the daily overview stays on today");
        select(&mut h, ReportName::Volume);
        assert!(h.screen().contains(if lang == "en" { "This month" } else { "Deze maand" }));
    }
}

/// Two tickets resolved by Workplace, one of which came from Network.
fn reassigned_world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let earlier = t0() - Duration::hours(2);
    for (title, first) in [("Moved on", "Network"), ("Stayed", "Workplace")] {
        let mut t = incident(title, "Kees");
        t.team = Some(first.into());
        let id = store.create_ticket("tester", earlier, &t).unwrap().id;
        let at = earlier + Duration::minutes(10);
        store.update_ticket("tester", at, id, None, &[(Field::Team, Some("Workplace".into()))]).unwrap();
        for s in ["in_progress", "resolved"] {
            store
                .update_ticket("tester", t0() - Duration::hours(1), id, None, &[(Field::Status, Some(s.into()))])
                .unwrap();
        }
    }
    (dir, path)
}

#[test]
fn a_count_cell_of_another_report_leads_to_the_tickets_it_counts() {
    let (_dir, path) = reassigned_world();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("v");
    select(&mut h, ReportName::Reassignments);
    h.key(KeyCode::Tab);
    // The rows with tickets behind them: the team Workplace, then the total.
    let workplace = h.state.panes.reports.drills().iter().position(|(s, r, _)| {
        let row = &h.state.panes.reports.report.as_ref().unwrap().sections[*s].rows[*r];
        matches!(&row.cells[0], meldpunt::report::Cell::Text(t) if t == "Workplace")
    });
    h.state.panes.reports.row = workplace.expect("a Workplace row");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.queue.counts.unwrap().matching, 2, "the whole row: both resolved");
    h.key(KeyCode::Esc);
    // Two cells to the right: the reassigned ones.
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.queue.counts.unwrap().matching, 1);
    assert_eq!(h.state.queue.rows[0].title, "Moved on");
}
