//! Editing a registered incident in place, as drawn: the same form, filled
//! in, under the incident's number; at 80×24 and 120×40, English and Dutch.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn one_incident(lang: &str, (width, height): (u16, u16)) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("VPN keeps droping", "Piet Pieters");
        t.reporter.department = Some("Finance".into());
        store.create_ticket("anna", t0(), &t).unwrap();
    }
    let mut h = Harness::new(&path, lang, width, height);
    h.key(KeyCode::Enter);
    (dir, h)
}

#[test]
fn the_edit_form_is_the_registration_form_filled_in_under_the_number() {
    for (lang, title, department) in [("en", "Edit INC-000001", "Finance"), ("nl", "INC-000001 wijzigen", "Financiën")]
    {
        for size in [(80, 24), (120, 40)] {
            let (_dir, mut h) = one_incident(lang, size);
            h.chars("w");
            let screen = h.screen();
            for expected in [title, "VPN keeps droping", "Piet Pieters", department] {
                assert!(screen.contains(expected), "{lang} {size:?}: missing {expected:?}\n{screen}");
            }
            // What the wizard classifies (impact, in both languages) is not in this form.
            assert!(!screen.lines().any(|l| l.trim_start().starts_with("Impact")), "{screen}");
            h.chars("!");
            h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
            let screen = h.screen();
            assert!(screen.contains("VPN keeps droping!"), "{lang} {size:?}\n{screen}");
            assert_eq!(h.store().ticket(1).unwrap().unwrap().title, "VPN keeps droping!");
        }
    }
}
