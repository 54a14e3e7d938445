//! The "my work" pane on a real database: what is assigned to me and what
//! my teams have not handed out, drawn whole at 80×24 and 120×40 in both
//! languages, and following an assignment made on the screen.

use crate::common;

use common::fit::checked;
use common::{Harness, incident, t0, temp_db};
use meldpunt::app::Screen;
use meldpunt::domain::people::AgentRecord;
use meldpunt::domain::{Level, Priority};
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

/// The tester in Workplace, with `mine` tickets assigned to them (the first
/// a P1), `team` of Workplace's with nobody, and one of Network's.
fn world(mine: usize, team: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let record = AgentRecord {
        login: "tester".into(),
        name: "Tess Ter".into(),
        email: None,
        line: 1,
        role: "operator".into(),
        teams: vec!["Workplace".into()],
    };
    store.ensure_agent(&record).unwrap();
    let mut id = 0;
    let mut add = |title: String, team: &str, assignee: Option<&str>, p1: bool| {
        let mut t = incident(&title, "Sanne Jansen-de Vries van den Berg");
        if p1 {
            t.priority = Some(Priority::P1);
            t.impact = Level::new(1);
            t.urgency = Level::new(1);
        }
        t.team = Some(team.into());
        t.assignee = assignee.map(str::to_string);
        store.create_ticket("anna", t0() - chrono::Duration::minutes(id), &t).unwrap();
        id += 1;
    };
    for i in 0..mine {
        add(
            format!("Outlook keeps asking for the password after the weekend update, case {i}"),
            "Workplace",
            Some("tester"),
            i == 0,
        );
    }
    for i in 0..team {
        add(format!("Printer {i} on the third floor jams on every second page"), "Workplace", None, false);
    }
    add("Switch in the basement is down".into(), "Network", None, false);
    (dir, path)
}

#[test]
fn my_work_lists_both_sections_with_counts_and_fits() {
    for lang in ["en", "nl"] {
        for (w, height) in [(80, 24), (120, 40)] {
            let (_dir, path) = world(3, 25);
            let mut h = Harness::new(&path, lang, w, height);
            h.chars("y");
            assert_eq!(h.state.screen, Screen::MyWork);
            let words = h.state.t().panes;
            let s = checked(&h);
            if std::env::var_os("DUMP").is_some() {
                std::fs::write(format!("/tmp/fit-my-work-full-{lang}-{w}.txt"), s.text()).unwrap();
            }
            s.assert_footer_has_help_and_quit(&h.state);
            s.assert_whole(words.my_work_title);
            s.assert_whole(&(words.my_work_mine)("3", 1));
            assert!(s.text().contains("P1"), "{}", s.text());
            let (mine, team) = (&h.state.panes.my_work.mine, &h.state.panes.my_work.team);
            assert_eq!((mine.matching, mine.p1, team.matching), (3, 1, 25), "Network's ticket is not mine");
            assert!(team.rows.iter().all(|r| r.assignee.is_none() && r.team.as_deref() == Some("Workplace")));
            assert_eq!(mine.rows[0].priority, Some(Priority::P1), "the most pressing first");
            if height >= 40 {
                s.assert_whole(&(words.my_work_team)("25", 0));
            }
            // Down into the second section: it has the cursor, and its title shows.
            for _ in 0..4 {
                h.key(KeyCode::Down);
            }
            let s = checked(&h);
            s.assert_whole(&(words.my_work_team)("25", 0));
            let selected = h.state.panes.my_work.selected().unwrap();
            h.key(KeyCode::Enter);
            assert_eq!((h.state.screen, h.state.detail.as_ref().map(|d| d.id)), (Screen::Detail, Some(selected)));
            h.key(KeyCode::Esc);
            assert_eq!(h.state.screen, Screen::MyWork);
            h.key(KeyCode::Esc);
            assert_eq!(h.state.screen, Screen::Queue);
        }
    }
}

#[test]
fn an_empty_pane_says_so_in_both_sections() {
    for lang in ["en", "nl"] {
        let (_dir, path) = world(0, 0);
        let mut h = Harness::new(&path, lang, 80, 24);
        h.chars("y");
        let s = checked(&h);
        let words = h.state.t().panes;
        s.assert_whole(&(words.my_work_mine)("0", 0));
        assert!(s.text().contains(words.my_work_empty), "{}", s.text());
    }
}

#[test]
fn a_ticket_assigned_on_the_screen_shows_in_my_work() {
    let (_dir, path) = world(0, 0);
    let mut h = Harness::new(&path, "en", 120, 30);
    // Ticket 1 is Network's: give it to Workplace, to nobody in particular.
    h.chars("G");
    let network = h.state.queue.selected_row().map(|r| r.id).unwrap();
    h.chars("a");
    h.chars("Workpl");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    assert_eq!(h.store().ticket(network).unwrap().unwrap().team.as_deref(), Some("Workplace"));
    h.chars("y");
    let ids = |h: &Harness| h.state.panes.my_work.rows().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&h), vec![network], "my team's, assigned to nobody");
    assert!(h.state.panes.my_work.mine.rows.is_empty());
    // Now to me: it moves to the first section.
    h.key(KeyCode::Esc);
    h.chars("a");
    h.key(KeyCode::Enter);
    h.chars("tester");
    h.key(KeyCode::Enter);
    assert_eq!(h.store().ticket(network).unwrap().unwrap().assignee.as_deref(), Some("tester"));
    h.chars("y");
    assert_eq!(h.state.panes.my_work.mine.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![network]);
    assert!(h.state.panes.my_work.team.rows.is_empty());
    assert!(h.screen().contains("Switch in the basement"), "{}", h.screen());
}
