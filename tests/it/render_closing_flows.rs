//! Closing flows as drawn: a closed ticket's clocks, level names in the
//! timeline, empty lists, the note editor's footer.

use crate::common;

use common::{Harness, incident, ready_to_close, t0, temp_db};
use meldpunt::domain::classification::Classification;
use meldpunt::domain::{Field, Level};
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

/// A P2 incident (impact 2, urgency 1), closed.
fn closed_p2(lang: &str, width: u16, height: u16) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", t0(), &incident("Mail server down", "Kees")).unwrap();
        let c = Classification {
            category: None,
            subcategory: None,
            service: None,
            impact: Level::new(2).unwrap(),
            urgency: Level::new(1).unwrap(),
            overridden: None,
        };
        store.classify("anna", t0(), 1, None, &c).unwrap();
        for s in ["in_progress", "resolved"] {
            store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some(s.into()))]).unwrap();
        }
        ready_to_close(&store, 1);
        let review = meldpunt::domain::knowledge::Review {
            what_happened: "x".into(),
            cause: "y".into(),
            recommendations: "z".into(),
            ..Default::default()
        };
        store.save_review("anna", t0(), 1, &review, true).unwrap();
        let closing = meldpunt::domain::closure::Closing { fields: &[], feedback: None, code: "solved" };
        store.close_with("anna", t0(), 1, None, &closing).unwrap();
    }
    let h = Harness::new(&path, lang, width, height);
    (dir, h)
}

fn open_first(h: &mut Harness) {
    h.chars("o"); // every status
    h.chars("G"); // the oldest, number 1
    h.key(KeyCode::Enter);
}

#[test]
fn a_closed_ticket_has_no_update_deadline_and_its_timeline_names_levels_and_codes() {
    let matrix = meldpunt::domain::PriorityMatrix::default();
    let level = |l: u8| Level::new(l).unwrap();
    for (lang, closure_label) in [("en", "Solved permanently"), ("nl", "Definitief opgelost")] {
        for (width, height) in [(120, 60), (100, 60)] {
            let (_dir, mut h) = closed_p2(lang, width, height);
            open_first(&mut h);
            let screen = h.screen();
            let impact = matrix.impact_info(level(2)).unwrap().description(lang);
            let urgency = matrix.urgency_info(level(1)).unwrap().description(lang);
            for expected in
                [format!("→ 2 {impact}"), format!("→ 1 {urgency}"), "→ P2 ".to_string(), format!("→ {closure_label}")]
            {
                assert!(screen.contains(&expected), "{lang}: missing {expected:?} in\n{screen}");
            }
            let update = if lang == "en" { "Customer update" } else { "Klantupdate" };
            let line = screen.lines().find(|l| l.contains(update)).unwrap_or_default();
            assert!(!line.contains("11:00"), "no update is due on a closed ticket: {line:?}\n{screen}");
        }
    }
}

#[test]
fn empty_problem_and_knowledge_lists_say_so_and_how_to_fill_them() {
    for (lang, problems, articles) in [
        ("en", "No problems recorded yet: a records one", "no articles yet: a writes one"),
        ("nl", "Nog geen problemen vastgelegd: a legt er een vast", "nog geen artikelen: a schrijft er een"),
    ] {
        for (width, height) in [(80, 24), (120, 40)] {
            let (_dir, path) = temp_db();
            Store::open(&path).unwrap().seed_reference(&Default::default()).unwrap();
            let mut h = Harness::new(&path, lang, width, height);
            h.chars("B");
            let screen = h.screen();
            assert!(screen.contains(problems), "{lang} {width}\n{screen}");
            h.key(KeyCode::Esc);
            h.chars("b");
            let screen = h.screen();
            assert!(screen.contains(articles), "{lang} {width}\n{screen}");
        }
    }
}

/// One resolved incident, with its cause recorded.
fn resolved_with_cause(lang: &str) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", t0(), &incident("Printer jams", "Kees")).unwrap();
        for s in ["in_progress", "resolved"] {
            store.update_ticket("anna", t0(), 1, None, &[(Field::Status, Some(s.into()))]).unwrap();
        }
        store.update_ticket("anna", t0(), 1, None, &[(Field::Cause, Some("Worn rollers".into()))]).unwrap();
    }
    (dir, Harness::new(&path, lang, 120, 40))
}

#[test]
fn the_review_starts_from_the_recorded_cause() {
    let (_dir, mut h) = resolved_with_cause("en");
    open_first(&mut h);
    h.chars("V");
    let screen = h.screen();
    assert!(screen.contains("Worn rollers"), "{screen}");
}

#[test]
fn filling_in_the_measures_ticks_their_checklist_item() {
    let (_dir, mut h) = resolved_with_cause("en");
    open_first(&mut h);
    h.chars("X");
    assert!(h.screen().contains("Measures taken recorded"), "{}", h.screen());
    let rows = h.store().policy().closure.items.len();
    // The checklist, the closure code, the cause, then the measures.
    for _ in 0..rows + 2 {
        h.key(KeyCode::Tab);
    }
    h.chars("Replaced the rollers");
    h.key(KeyCode::Tab);
    let pane = &h.state.record.as_ref().unwrap().fields;
    assert!(pane.is_on("measures_recorded"), "{}", h.screen());
    // The cause was recorded already, and is ticked as soon as the pane is left by a field.
    assert!(pane.is_on("cause_recorded"));
    assert!(!pane.is_on("solution_recorded"));
    // Stored with its text when the incident closes, never a tick alone.
    let ticked: Vec<String> = h.store().checklist(1).unwrap().into_iter().map(|t| t.item).collect();
    assert!(!ticked.contains(&"measures_recorded".to_string()), "{ticked:?}");
}

#[test]
fn a_note_is_saved_not_sent_and_an_untouched_template_closes_without_asking() {
    for (lang, save, send) in [("en", "Ctrl-s save", "send"), ("nl", "Ctrl-s opslaan", "versturen")] {
        let (_dir, mut h) = resolved_with_cause(lang);
        open_first(&mut h);
        h.chars("t");
        let screen = h.screen();
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains(save) && !footer.contains(send), "{footer:?}");
        h.key(KeyCode::Esc);
        h.chars("m");
        h.key(KeyCode::Enter); // the template offered first, filled in
        assert!(h.screen().contains("Kees"), "{}", h.screen());
        h.key(KeyCode::Esc);
        assert!(h.state.overlay.is_none(), "nothing typed, nothing to discard");
        assert_eq!(h.state.screen, meldpunt::app::state::Screen::Detail);
    }
}
