//! What the closing and learning panes draw: the checklist, the closing
//! section of an incident, problems and knowledge.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::Field;
use meldpunt::domain::knowledge::NewArticle;
use meldpunt::domain::knowledge::ProblemEdit;
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

fn screen(h: &Harness) -> String {
    h.screen()
}

/// One resolved printer incident with two ticks, and a known error and an
/// article about printers.
fn printer_world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    let mut t = incident("Printer jams on floor 3", "Kees");
    t.service = Some("Printing".into());
    t.category = Some("Hardware".into());
    store.create_ticket("anna", t0(), &t).unwrap();
    for s in ["in_progress", "resolved"] {
        store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    store.tick("anna", t0(), 1, "service_restored", true).unwrap();
    store.tick("anna", t0(), 1, "cause_recorded", true).unwrap();
    // Another printer incident, linked to a known error.
    let other = store.create_ticket("anna", t0(), &t).unwrap();
    let problem = store.create_problem("anna", t0(), "Rollers wear out", &[other.id]).unwrap();
    let edit = ProblemEdit {
        workaround: Some("Use tray 2".into()),
        status: Some(meldpunt::domain::knowledge::ProblemStatus::KnownError),
        ..Default::default()
    };
    store.update_problem(t0(), problem.id, &edit).unwrap();
    let article = NewArticle {
        title: "Clearing a printer jam".into(),
        body: "Open the side panel of the printer.".into(),
        tags: vec!["printer".into()],
        service: Some("Printing".into()),
        category: None,
    };
    store.add_article("anna", t0(), &article).unwrap();
    // A third, new and not linked yet: number 3.
    store.create_ticket("anna", t0(), &t).unwrap();
    (dir, path)
}

fn open_first(h: &mut Harness) {
    h.chars("o"); // every status
    h.chars("G"); // the oldest, number 1
    h.key(KeyCode::Enter);
}

#[test]
fn the_closure_pane_marks_required_items_and_shows_ticks() {
    let (_dir, path) = printer_world();
    let mut h = Harness::new(&path, "en", 110, 36);
    open_first(&mut h);
    h.chars("X");
    let s = screen(&h);
    assert!(s.contains("Close INC-000001"), "{s}");
    assert!(s.contains("[x] Service restored and verified *"), "{s}");
    assert!(s.contains("[ ] Reporter confirmed it works *"), "{s}");
    assert!(s.contains("[ ] Feedback asked") && !s.contains("Feedback asked *"), "{s}");
    assert!(s.contains("Closure code"), "{s}");
}

#[test]
fn the_closure_pane_in_dutch_at_eighty_by_twenty_four() {
    let (_dir, path) = printer_world();
    let mut h = Harness::new(&path, "nl", 80, 24);
    open_first(&mut h);
    h.chars("X");
    let s = screen(&h);
    assert!(s.contains("[x] Dienst hersteld en gecontroleerd *"), "{s}");
    // Moving to the last row scrolls it into view.
    for _ in 0..11 {
        h.key(KeyCode::Tab);
    }
    let s = screen(&h);
    assert!(s.contains("Feedback"), "{s}");
}

#[test]
fn an_incident_shows_its_checklist_the_known_error_and_suggested_knowledge() {
    let (_dir, path) = printer_world();
    let mut h = Harness::new(&path, "en", 120, 50);
    open_first(&mut h);
    let s = screen(&h);
    assert!(s.contains("Checklist    2/7"), "two of seven ticked: {s}");
    // The newest, open and like the known error's incidents.
    h.key(KeyCode::Esc);
    h.chars("g");
    h.key(KeyCode::Enter);
    let s = screen(&h);
    assert!(s.contains("PRB-000001") && s.contains("Use tray 2"), "known error with workaround: {s}");
    assert!(s.contains("KB-000001  Clearing a printer jam"), "suggested article: {s}");
}

#[test]
fn problem_and_knowledge_lists() {
    let (_dir, path) = printer_world();
    let mut h = Harness::new(&path, "en", 100, 24);
    h.chars("P");
    let s = screen(&h);
    assert!(s.contains("Rollers wear out") && s.contains("known error"), "{s}");
    h.key(KeyCode::Esc);
    h.chars("K");
    let s = screen(&h);
    assert!(s.contains("KB-") && s.contains("Clearing a printer jam") && s.contains("printer"), "{s}");
    h.chars("/nothing-like-this");
    let s = screen(&h);
    assert!(!s.contains("Clearing a printer jam"), "{s}");
}

#[test]
fn knowledge_is_suggested_while_an_incident_is_registered() {
    let (_dir, path) = printer_world();
    let mut h = Harness::new(&path, "en", 110, 40);
    h.chars("n");
    h.chars("Sanne");
    for _ in 0..4 {
        h.key(KeyCode::Tab); // department, phone, e-mail, title
    }
    let s = screen(&h);
    assert!(!s.contains("Knowledge that may help"), "nothing typed to go on yet: {s}");
    h.chars("Printer makes a noise");
    h.key(KeyCode::Tab);
    let s = screen(&h);
    assert!(s.contains("Knowledge that may help") && s.contains("KB-000001  Clearing a printer jam"), "{s}");
}

#[test]
fn the_review_is_written_next_to_the_timeline() {
    let (_dir, path) = printer_world();
    for (width, height) in [(140, 30), (90, 40)] {
        let mut h = Harness::new(&path, "en", width, height);
        open_first(&mut h);
        h.chars("V");
        let s = screen(&h);
        assert!(s.contains("Post-incident review of INC-000001") && s.contains("What happened"), "{s}");
        assert!(s.contains("Timeline") && s.contains("ticked: Cause recorded"), "{width}×{height}: {s}");
    }
}
