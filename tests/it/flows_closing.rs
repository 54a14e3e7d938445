//! Closing and learning in the TUI, through update and the executor on a
//! real database: the closure checklist, reviews, duplicates, problems and
//! the knowledge base.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::app::Screen;
use meldpunt::app::state::Message;
use meldpunt::domain::knowledge::NewArticle;
use meldpunt::domain::{Field, Status, TicketId};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// `n` resolved incidents, newest selected in the queue.
fn resolved(n: usize, priority_p1: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for i in 1..=n {
        let mut t = incident(&format!("Printer jams {i}"), "Kees");
        if priority_p1 {
            t.impact = meldpunt::domain::Level::new(1);
            t.urgency = meldpunt::domain::Level::new(1);
        }
        let id = store.create_ticket("tester", t0(), &t).unwrap().id;
        for s in ["in_progress", "resolved"] {
            store.update_ticket("tester", t0(), id, None, &[(Field::Status, Some(s.into()))]).unwrap();
        }
    }
    (dir, path)
}

fn status(h: &Harness, id: TicketId) -> Status {
    h.store().ticket(id).unwrap().unwrap().status
}

fn save(h: &mut Harness) {
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn error(h: &Harness) -> String {
    match &h.state.message {
        Some(Message::Error(m)) => m.clone(),
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn closing_goes_through_the_checklist_and_is_refused_while_items_are_open() {
    let (_dir, path) = resolved(1, false);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o"); // resolved incidents are in the "all" view
    h.key(KeyCode::Enter);
    h.chars("X");
    assert_eq!(h.state.screen, Screen::Record);

    // Nothing ticked, no code: refused, and the message names what is missing.
    save(&mut h);
    let refused = error(&h);
    assert!(refused.contains("Service restored and verified") && refused.contains("closure code"), "{refused}");
    assert_eq!(status(&h, 1), Status::Resolved);
    assert_eq!(h.state.screen, Screen::Record, "the pane stays open with what was typed");

    // Tick the six required items; each tick is stored at once.
    for _ in 0..6 {
        h.key(KeyCode::Char(' '));
        h.key(KeyCode::Tab);
    }
    assert_eq!(h.store().checklist(1).unwrap().len(), 6);
    h.key(KeyCode::Tab); // past "feedback asked"
    h.chars("solv");
    h.key(KeyCode::Tab);
    h.chars("Worn roller");
    h.key(KeyCode::Tab);
    h.chars("Roller replaced");
    h.key(KeyCode::Tab);
    h.chars("Maintenance contract extended");
    h.key(KeyCode::Tab);
    h.chars("4");
    h.key(KeyCode::Tab);
    h.chars("Quick help");
    save(&mut h);

    assert_eq!(status(&h, 1), Status::Closed, "{:?}", h.state.message);
    assert_eq!(h.state.screen, Screen::Detail);
    let t = h.store().ticket(1).unwrap().unwrap();
    assert_eq!(t.closure_code.as_deref(), Some("solved"));
    assert_eq!(t.cause.as_deref(), Some("Worn roller"));
    assert_eq!(t.solution.as_deref(), Some("Maintenance contract extended"));
    assert_eq!(h.store().feedback_of(1).unwrap(), Some((4, Some("Quick help".into()))));
}

#[test]
fn closing_work_in_progress_is_refused_without_opening_the_checklist() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.create_ticket("tester", t0(), &incident("Being worked on", "Kees")).unwrap();
    store.update_ticket("tester", t0(), 1, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    drop(store);
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("X");
    assert_eq!(h.state.screen, Screen::Queue);
    assert!(error(&h).contains("allowed"));
}

#[test]
fn a_p1_needs_a_completed_review_before_it_closes() {
    let (_dir, path) = resolved(1, true);
    common::ready_to_close(&Store::open(&path).unwrap(), 1);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o"); // resolved incidents are in the "all" view
    h.key(KeyCode::Enter);
    h.chars("X");
    for _ in 0..7 {
        h.key(KeyCode::Tab);
    }
    h.chars("solv");
    save(&mut h);
    assert!(error(&h).contains("review"), "{:?}", h.state.message);
    assert_eq!(status(&h, 1), Status::Resolved);
    // The chosen code would be lost: Esc asks first.
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Record);
    h.chars("y");
    assert_eq!(h.state.screen, Screen::Detail);

    // The review: marking it complete with empty fields is refused.
    h.chars("V");
    assert_eq!(h.state.screen, Screen::Record);
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.key(KeyCode::Char(' '));
    save(&mut h);
    assert!(error(&h).contains("recommendations"));
    for _ in 0..6 {
        h.key(KeyCode::BackTab);
    }
    h.chars("Printers down for an hour");
    h.key(KeyCode::Tab);
    h.chars("Firmware update");
    h.key(KeyCode::Tab);
    h.chars("Fast diagnosis");
    h.key(KeyCode::Tab);
    h.chars("Late notice to users");
    h.key(KeyCode::Tab);
    h.chars("Stage firmware updates");
    h.key(KeyCode::Tab);
    h.chars("[ ] Test firmware on one printer | bram | 2026-12-01");
    save(&mut h);
    let review = h.store().review(1).unwrap().expect("saved");
    assert!(review.completed_at.is_some());
    assert_eq!(review.actions.len(), 1);
    assert_eq!(review.actions[0].owner, "bram");

    h.chars("X");
    for _ in 0..7 {
        h.key(KeyCode::Tab);
    }
    h.chars("solv");
    save(&mut h);
    assert_eq!(status(&h, 1), Status::Closed, "{:?}", h.state.message);
}

#[test]
fn a_duplicate_is_closed_with_a_pointer_to_the_original() {
    let (_dir, path) = resolved(2, false);
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("o");
    h.key(KeyCode::Enter); // the newest: 2
    h.chars("D");
    h.chars("INC-000001");
    h.key(KeyCode::Enter);
    assert_eq!(status(&h, 2), Status::Closed, "{:?}", h.state.message);
    assert_eq!(h.store().duplicate_of(2).unwrap(), Some(1));
    assert_eq!(h.store().ticket(2).unwrap().unwrap().closure_code.as_deref(), Some("duplicate"));
}

#[test]
fn a_problem_is_made_from_an_incident_and_shown_in_the_problem_list() {
    let (_dir, path) = resolved(1, false);
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("P");
    h.key(KeyCode::Enter); // "new problem"
    assert_eq!(h.state.screen, Screen::Record);
    h.key(KeyCode::Tab);
    h.chars("known");
    h.key(KeyCode::Tab);
    h.chars("Roller wears out after 50k pages");
    h.key(KeyCode::Tab);
    h.chars("Use tray 2");
    save(&mut h);
    let problem = h
        .store()
        .problem_of(1)
        .unwrap()
        .unwrap_or_else(|| panic!("not linked: {:?} {:?}", h.state.message, h.store().problems().unwrap()));
    assert_eq!(problem.title, "Printer jams 1");
    assert_eq!(problem.workaround, "Use tray 2");
    assert_eq!(problem.status, meldpunt::domain::knowledge::ProblemStatus::KnownError);

    h.key(KeyCode::Esc);
    h.chars("B");
    assert_eq!(h.state.screen, Screen::Problems);
    assert_eq!(h.state.panes.library.problems.len(), 1);
    assert_eq!(h.state.panes.library.problems[0].1, 1, "one incident linked");
}

#[test]
fn knowledge_is_searched_written_and_applied() {
    let (_dir, path) = resolved(1, false);
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let article = NewArticle {
            title: "Clearing a paper jam".into(),
            body: "Open the side panel and turn the green knob.".into(),
            tags: vec!["printer".into()],
            service: None,
            category: None,
        };
        store.add_article("tester", t0(), &article).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("b");
    assert_eq!(h.state.screen, Screen::Knowledge);
    h.chars("/knob");
    assert_eq!(h.state.panes.library.articles.len(), 1);
    h.chars("zzz");
    assert!(h.state.panes.library.articles.is_empty());
    h.key(KeyCode::Esc);
    assert_eq!(h.state.panes.library.articles.len(), 1);

    // A new article from the list.
    h.chars("a");
    assert_eq!(h.state.screen, Screen::Record);
    h.chars("Replacing a toner cartridge");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("Lift the lid, pull the old cartridge.");
    save(&mut h);
    assert_eq!(h.state.screen, Screen::Knowledge);
    assert_eq!(h.store().search_articles("toner", 10).unwrap().len(), 1);

    // Applied to an incident from its pane.
    h.key(KeyCode::Esc);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("A");
    h.chars("jam");
    h.key(KeyCode::Enter);
    assert_eq!(h.store().applied_article(1).unwrap(), Some(1), "{:?}", h.state.message);
}

#[test]
fn the_closing_summary_is_offered_once_resolved_and_ticks_its_item() {
    let (_dir, path) = resolved(1, false);
    Store::open(&path)
        .unwrap()
        .update_ticket("tester", t0(), 1, None, &[(Field::Cause, Some("A worn roller".into()))])
        .unwrap();
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("m");
    h.key(KeyCode::Enter); // the summary is the first choice
    let body = h.state.compose.as_ref().unwrap().body_text();
    assert!(body.contains("Cause:\nA worn roller"), "{body}");
    h.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL); // told by phone: record only
    let ticks = h.store().checklist(1).unwrap();
    assert_eq!(ticks.iter().map(|t| t.item.as_str()).collect::<Vec<_>>(), vec!["summary_sent"]);
}

#[test]
fn an_incident_is_taken_off_its_problem_from_the_same_dialog() {
    let (_dir, path) = resolved(1, false);
    Store::open(&path).unwrap().create_problem("tester", t0(), "Rollers", &[1]).unwrap();
    let mut h = Harness::new(&path, "en", 120, 30);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("P");
    h.chars("unlink");
    h.key(KeyCode::Enter);
    assert_eq!(h.store().problem_of(1).unwrap(), None, "{:?}", h.state.message);
    assert!(matches!(&h.state.message, Some(Message::Info(m)) if m.contains("PRB-000001")), "{:?}", h.state.message);
}

#[test]
fn after_a_refusal_what_was_typed_is_kept_and_the_next_try_closes() {
    let (_dir, path) = resolved(1, false);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("X");
    for _ in 0..7 {
        h.key(KeyCode::Tab);
    }
    h.chars("solv");
    h.key(KeyCode::Tab);
    h.chars("Worn roller");
    save(&mut h);
    assert!(error(&h).contains("not ticked"));
    // Closing is one change: refused, nothing is stored, the pane keeps it.
    assert_eq!(h.store().ticket(1).unwrap().unwrap().cause, None, "nothing stored");
    for _ in 0..8 {
        h.key(KeyCode::BackTab);
    }
    for _ in 0..6 {
        h.key(KeyCode::Char(' '));
        h.key(KeyCode::Tab);
    }
    save(&mut h);
    assert_eq!(status(&h, 1), Status::Closed, "{:?}", h.state.message);
    assert_eq!(h.store().ticket(1).unwrap().unwrap().cause.as_deref(), Some("Worn roller"), "what was typed");
}

#[test]
fn the_duplicate_code_is_not_offered_to_skip_the_checklist() {
    let (_dir, path) = resolved(1, true);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("X");
    for _ in 0..7 {
        h.key(KeyCode::Tab);
    }
    h.chars("dupl");
    save(&mut h);
    assert_eq!(status(&h, 1), Status::Resolved);
    // And the store refuses it too, whoever asks.
    let refused = h.store().close("tester", t0(), 1, None, "duplicate").unwrap_err();
    assert!(format!("{refused:?}").contains("NotADuplicate"), "{refused:?}");
}

#[test]
fn a_closed_incident_keeps_a_known_code_and_reopening_clears_it() {
    let (_dir, path) = resolved(1, false);
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    common::ready_to_close(&store, 1);
    store.close("tester", t0(), 1, None, "solved").unwrap();
    assert!(store.update_ticket("tester", t0(), 1, None, &[(Field::ClosureCode, None)]).is_err());
    assert!(store.close("tester", t0(), 1, None, "whatever").is_err());
    store.close("tester", t0(), 1, None, "workaround").unwrap();
    assert_eq!(store.ticket(1).unwrap().unwrap().closure_code.as_deref(), Some("workaround"));
    store.update_ticket("tester", t0(), 1, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    assert_eq!(store.ticket(1).unwrap().unwrap().closure_code, None);
}

#[test]
fn duplicates_point_at_the_first_incident_and_never_at_themselves() {
    let (_dir, path) = resolved(3, false);
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    store.mark_duplicate("tester", t0(), 2, 1).unwrap();
    store.mark_duplicate("tester", t0(), 3, 2).unwrap();
    assert_eq!(store.duplicate_of(3).unwrap(), Some(1), "a duplicate of a duplicate points at the first");
    assert!(store.mark_duplicate("tester", t0(), 1, 3).is_err(), "no circle");
    common::ready_to_close(&store, 1);
    store.close("tester", t0(), 1, None, "solved").unwrap();
    let (_d, other) = resolved(2, false);
    let other = Store::open(&other).unwrap();
    common::ready_to_close(&other, 1);
    other.close("tester", t0(), 1, None, "solved").unwrap();
    assert!(other.mark_duplicate("tester", t0(), 1, 2).is_err(), "a solved incident is not made a duplicate");
}

#[test]
fn a_completed_review_is_kept_filled_in_and_can_be_made_a_draft_again() {
    let (_dir, path) = resolved(1, true);
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let review = meldpunt::domain::knowledge::Review {
        what_happened: "Down".into(),
        cause: "Disk".into(),
        recommendations: "Monitor".into(),
        ..Default::default()
    };
    store.save_review("anna", t0(), 1, &review, true).unwrap();
    let emptied = meldpunt::domain::knowledge::Review::default();
    assert!(store.save_review("bram", t0(), 1, &emptied, true).is_err());
    store.save_review("bram", t0(), 1, &review, true).unwrap();
    assert_eq!(store.review(1).unwrap().unwrap().completed_by.as_deref(), Some("anna"), "the first completion stays");
    store.save_review("bram", t0(), 1, &review, false).unwrap();
    assert_eq!(store.review(1).unwrap().unwrap().completed_at, None);
}

#[test]
fn tags_are_split_on_commas_and_requests_do_not_recur() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let article = NewArticle {
        title: "T".into(),
        body: "B".into(),
        tags: vec!["a,b".into(), " a ".into()],
        ..Default::default()
    };
    let saved = store.add_article("tester", t0(), &article).unwrap();
    assert_eq!(saved.tags, vec!["a".to_string(), "b".to_string()]);
    for i in 0..3 {
        let mut t = incident(&format!("New laptop {i}"), "Kees");
        t.kind = meldpunt::domain::TicketKind::ServiceRequest;
        t.service = Some("Workplace".into());
        t.category = Some("Request".into());
        store.create_ticket("tester", t0(), &t).unwrap();
    }
    assert!(store.clusters(t0() - chrono::Duration::days(1), t0(), 2).unwrap().is_empty());
}

#[test]
fn closing_with_cause_measures_and_solution_written_down_ticks_their_items_in_one_go() {
    let (_dir, path) = resolved(1, false);
    let store = Store::open(&path).unwrap();
    for item in ["service_restored", "reporter_confirmed", "summary_sent"] {
        store.tick("tester", t0(), 1, item, true).unwrap();
    }
    let fields = [
        (Field::Cause, Some("Worn rollers".to_string())),
        (Field::Measures, Some("Tray 2".to_string())),
        (Field::Solution, Some("New rollers".to_string())),
    ];
    let closing = meldpunt::domain::closure::Closing { fields: &fields, feedback: None, code: "solved" };
    let closed = store.close_with("tester", t0(), 1, None, &closing).unwrap();
    assert_eq!(closed.status, Status::Closed);
    let ticked: Vec<String> = store.checklist(1).unwrap().into_iter().map(|t| t.item).collect();
    for item in ["cause_recorded", "measures_recorded", "solution_recorded"] {
        assert!(ticked.contains(&item.to_string()), "{item} in {ticked:?}");
    }
    // An empty solution records nothing: closing is refused, and nothing is ticked.
    let (_dir, path) = resolved(1, false);
    let store = Store::open(&path).unwrap();
    let fields = [(Field::Cause, Some("Worn rollers".to_string())), (Field::Solution, Some("  ".to_string()))];
    let closing = meldpunt::domain::closure::Closing { fields: &fields, feedback: None, code: "solved" };
    assert!(store.close_with("tester", t0(), 1, None, &closing).is_err());
    assert!(store.checklist(1).unwrap().is_empty());
}

#[test]
fn a_closing_form_with_text_is_never_thrown_away_by_esc_and_stores_no_tick_without_its_text() {
    let (_dir, path) = resolved(1, false);
    let mut h = Harness::new(&path, "en", 120, 40);
    h.chars("o");
    h.key(KeyCode::Enter);
    h.chars("X");
    assert_eq!(h.state.screen, Screen::Record);
    let cause = h.state.record.as_ref().unwrap().fields.rows.iter().position(|r| r.key == "cause").unwrap();
    while h.state.record.as_ref().unwrap().fields.focus != cause {
        h.key(KeyCode::Tab);
    }
    h.chars("Loose cable");
    h.key(KeyCode::Tab);
    // Shown ticked, but nothing is stored until the closing stores the text with it.
    assert!(h.state.record.as_ref().unwrap().fields.is_on("cause_recorded"));
    let ticked = |h: &Harness| h.store().checklist(1).unwrap().iter().any(|t| t.item == "cause_recorded");
    assert!(!ticked(&h), "no tick without its text");
    // Esc asks; no keeps the text.
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.overlay, Some(meldpunt::app::state::Overlay::Confirm(_))), "{:?}", h.state.message);
    h.chars("n");
    assert_eq!(h.state.screen, Screen::Record);
    assert_eq!(h.state.record.as_ref().unwrap().fields.value("cause").as_deref(), Some("Loose cable"));
    // Ctrl-c asks too, instead of quitting at once.
    h.key_with(KeyCode::Char('c'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    assert!(!h.state.quit);
    assert!(h.state.overlay.is_some());
}
