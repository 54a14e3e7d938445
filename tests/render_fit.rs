//! Nothing is cut off: every pane at 80×24 and 120×40, in English and in
//! Dutch, with long texts, drawn and checked by `common::fit` (no text at
//! the right edge, messages whole, help and quit in the footer).

mod common;

use common::fit::{Screen, checked};
use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::entry::NewEntry;
use meldpunt::domain::{Field, Level, Priority};
use meldpunt::store::Store;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGUAGES: [&str; 2] = ["en", "nl"];

const LONG_TITLE: &str = "Outlook on the third floor keeps asking for the password after the weekend update";
const LONG_PATH: &str =
    "https://intranet.example.nl/afdelingen/ict/netwerk/documentatie/firewall/regels/uitzonderingen.html";
const NOTE: &str = "Called the reporter back: the VPN client drops every ten minutes when the laptop is docked, \
    and the firewall logs show the session being reset by the proxy in front of the firewall/";

fn note_text(i: usize) -> String {
    format!("Note {i}: {NOTE} end-of-note-{i}")
}

/// A P1 with long texts everywhere, eight notes, a cause and measures; and
/// a second, resolved P1 with nothing ticked and no review.
fn world() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    common::person(&store, "jbakker");
    let mut a = incident(LONG_TITLE, "Sanne Jansen-de Vries van den Berg");
    a.priority = Some(Priority::P1);
    a.impact = Level::new(1);
    a.urgency = Level::new(1);
    a.team = Some("Workplace".into());
    a.assignee = Some("jbakker".into());
    a.reporter.department = Some("Finance".into());
    a.reporter.email = Some("sanne.jansen-devries@afdeling-financien.example.nl".into());
    a.reporter.phone = Some("+31 20 555 0199".into());
    a.description = format!("It stopped working after the update. See {LONG_PATH} for the rules we checked.");
    store.create_ticket("anna", t0() - chrono::Duration::hours(3), &a).unwrap();
    for i in 1..=8 {
        store
            .add_entry("jbakker", t0() - chrono::Duration::minutes(90 - i as i64), 1, &NewEntry::note(&note_text(i)))
            .unwrap();
    }
    let long = "The proxy in front of the firewall reset every session that lasted longer than ten minutes, \
        because of a rule added during the weekend maintenance window";
    store
        .update_ticket(
            "jbakker",
            t0(),
            1,
            None,
            &[(Field::Cause, Some(long.into())), (Field::Measures, Some(format!("VM's restarted. {long}")))],
        )
        .unwrap();
    let mut b = incident("Mail server down", "Piet");
    b.priority = Some(Priority::P1);
    b.impact = Level::new(1);
    b.urgency = Level::new(1);
    store.create_ticket("anna", t0() - chrono::Duration::hours(2), &b).unwrap();
    for s in ["in_progress", "resolved"] {
        store.update_ticket("anna", t0(), 2, None, &[(Field::Status, Some(s.into()))]).unwrap();
    }
    for i in 0..14 {
        store
            .create_ticket(
                "anna",
                t0() - chrono::Duration::minutes(i),
                &incident(&format!("Printer {i} jammed"), "Kees"),
            )
            .unwrap();
    }
    (dir, path)
}

fn each(mut check: impl FnMut(&str, u16, u16, &mut Harness)) {
    let (_dir, path) = world();
    for lang in LANGUAGES {
        for (w, h) in SIZES {
            let mut harness = Harness::new(&path, lang, w, h);
            check(lang, w, h, &mut harness);
        }
    }
}

fn dump(name: &str, lang: &str, w: u16, s: &Screen) {
    if std::env::var_os("DUMP").is_some() {
        std::fs::write(format!("/tmp/fit-{name}-{lang}-{w}.txt"), s.text()).unwrap();
    }
}

/// Opens incident `id` from the queue (every status shown, oldest first).
fn open(h: &mut Harness, id: usize) {
    h.chars("o");
    h.chars("G");
    for _ in 1..id {
        h.key(KeyCode::Char('k'));
    }
    h.key(KeyCode::Enter);
}

#[test]
fn the_queue_is_not_cut() {
    each(|lang, w, _, h| {
        let s = checked(h);
        dump("queue", lang, w, &s);
        s.assert_footer_has_help_and_quit(&h.state);
    });
}

#[test]
fn the_queue_ends_long_titles_in_an_ellipsis_and_keeps_its_counts_apart() {
    each(|lang, w, h, harness| {
        let s = checked(harness);
        let text = s.text();
        let row = text.lines().find(|l| l.contains("INC-000001")).unwrap();
        let shown = if w == 80 { "Outlook on the third" } else { "Outlook on the third floor keeps asking" };
        assert!(row.contains(shown) && row.contains("…"), "{text}");
        // The status bar: the sort order (if shown) and the counts apart.
        let status = &s.rows[h as usize - 2].concat();
        let count = if lang == "en" { "15 tickets" } else { "15 meldingen" };
        assert!(status.contains(count), "{status:?}");
        if let Some(at) = status.find('↓') {
            assert!(status[at + '↓'.len_utf8()..].starts_with("  "), "{status:?}");
        }
    });
}

/// Every screenful of the incident pane, from the top to the end.
fn pages(h: &mut Harness) -> Vec<Screen> {
    let mut out = vec![checked(h)];
    for _ in 0..40 {
        h.key(KeyCode::PageDown);
        let s = checked(h);
        if s.text() == out.last().unwrap().text() {
            break;
        }
        out.push(s);
    }
    out
}

#[test]
fn the_incident_pane_wraps_every_text_and_scrolls_to_its_real_end() {
    each(|lang, w, _, h| {
        open(h, 1);
        let s = checked(h);
        dump("detail", lang, w, &s);
        s.assert_footer_has_help_and_quit(&h.state);
        let t = h.state.t();
        let measures = t.field(Field::Measures);
        let all = pages(h);
        let whole = |text: &str| assert!(all.iter().any(|s| s.find_whole(text)), "{text:?} never whole");
        whole(LONG_PATH);
        whole("The proxy in front of the firewall reset every session that lasted longer than ten minutes");
        whole(&format!("{measures} VM's restarted."));
        whole("sanne.jansen-devries@afdeling-financien.example.nl · +31 20 555 0199");
        for i in 1..=8 {
            whole(&note_text(i));
        }
        // Labels stand apart from their values.
        assert!(all.iter().any(|s| s.text().contains(&format!("{measures} VM's"))), "{measures}");
        // The end of the last note is on the last page, and End goes there too.
        all.last().unwrap().assert_whole(&note_text(8));
        h.key(KeyCode::Char('g'));
        h.key(KeyCode::Char('G'));
        let end = checked(h);
        dump("detail-end", lang, w, &end);
        assert_eq!(end.text(), all.last().unwrap().text());
        // One line up from the end shows one line more at the top.
        h.key(KeyCode::Char('k'));
        assert_ne!(checked(h).text(), end.text(), "up from the end moves at once");
    });
}
