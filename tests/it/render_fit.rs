//! Nothing is cut off: every pane at 80×24 and 120×40, in English and in
//! Dutch, with long texts, drawn and checked by `common::fit` (no text at
//! the right edge, messages whole, help and quit in the footer).

use crate::common;

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
    let long = format!("{LONG_TITLE} and the calendar sync on the phones stops with it");
    store.create_problem("anna", t0(), &long, &[1]).unwrap();
    let article = meldpunt::domain::knowledge::NewArticle {
        title: long.clone(),
        body: NOTE.into(),
        tags: vec!["outlook".into(), "password".into(), "weekend-update".into()],
        service: Some("E-mail".into()),
        category: None,
    };
    store.add_article("anna", t0(), &article).unwrap();
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
    for lang in LANGUAGES {
        for (w, h) in SIZES {
            // A world of its own each time: no draft of the one before.
            let (_dir, path) = world();
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
        // The last page ends with the SLA clocks below the timeline, and End goes there too.
        let last = all.last().unwrap();
        assert!(last.text().contains(t.target(meldpunt::domain::sla::Target::Update)), "{}", last.text());
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

const TYPED: &str = "The laptop loses its network every ten minutes while docked; see \
    https://intranet.example.nl/afdelingen/ict/netwerk/documentatie/firewall/regels/uitzonderingen.html and call back";

#[test]
fn what_is_typed_in_the_registration_form_wraps() {
    each(|lang, w, _, h| {
        h.key(KeyCode::Char('n'));
        for _ in 0..5 {
            h.key(KeyCode::Tab); // to the description
        }
        h.chars(TYPED);
        let s = checked(h);
        dump("register", lang, w, &s);
        s.assert_whole(TYPED);
        // Unfocused, it still wraps.
        h.key(KeyCode::BackTab);
        let s = checked(h);
        dump("register-left", lang, w, &s);
        s.assert_whole(TYPED);
        // A one-line field too long for its row ends in `…` once left.
        let form = h.state.register.as_ref().unwrap();
        let title = form.fields.iter().position(|f| f.field == meldpunt::domain::Field::Title).unwrap();
        while h.state.register.as_ref().unwrap().focus != title {
            h.key(KeyCode::Tab);
        }
        h.chars(&TYPED[..150]);
        h.key(KeyCode::Tab);
        let s = Screen::of(h);
        assert!(s.text().lines().any(|l| l.contains(&TYPED[..20]) && l.trim_end().ends_with('…')), "{}", s.text());
    });
}

#[test]
fn a_note_wraps_as_it_is_typed() {
    each(|lang, w, _, h| {
        open(h, 1);
        h.key(KeyCode::Char('t'));
        h.chars(TYPED);
        let s = checked(h);
        dump("note", lang, w, &s);
        s.assert_whole(TYPED);
    });
}

#[test]
fn a_message_wraps_as_it_is_typed() {
    each(|lang, w, _, h| {
        open(h, 1);
        h.key(KeyCode::Char('m'));
        let s = checked(h);
        dump("message-templates", lang, w, &s);
        h.state.compose.as_mut().unwrap().recipient =
            Some(format!("{}, sanne.jansen-devries@afdeling-financien.example.nl", "x".repeat(60)));
        h.key(KeyCode::Enter);
        h.chars(TYPED);
        let s = checked(h);
        dump("message", lang, w, &s);
        s.assert_whole(TYPED);
        let cancel = format!("Esc {}", h.state.t().hint(meldpunt::keymap::Command::Cancel));
        assert!(s.rows.last().unwrap().concat().contains(&cancel), "the footer keeps the way out");
        // A long subject wraps in its box too.
        h.key(KeyCode::Tab);
        h.chars(" ");
        h.chars(SUBJECT);
        let s = checked(h);
        dump("message-subject", lang, w, &s);
        s.assert_whole(SUBJECT);
    });
}

const SUBJECT: &str = "VPN drops every ten minutes: the proxy in front of the firewall resets sessions";

#[test]
fn the_closing_pane_wraps_the_cause_and_a_refusal_lists_all_that_is_missing() {
    each(|lang, w, _, h| {
        open(h, 2);
        h.key(KeyCode::Char('X'));
        for _ in 0..8 {
            h.key(KeyCode::Tab); // past the checklist and the code, to the cause
        }
        h.chars(TYPED);
        let s = checked(h);
        dump("closing", lang, w, &s);
        s.assert_whole(TYPED);
        h.key_with(KeyCode::Char('s'), ratatui::crossterm::event::KeyModifiers::CONTROL);
        let s = checked(h);
        dump("closing-refused", lang, w, &s);
        let Some(meldpunt::app::state::Message::Error(refusal)) = &h.state.message else {
            panic!("no refusal:\n{}", s.text())
        };
        // Every missing required item and the missing review, in one go, whole on screen
        // (the cause was written down, which ticks its item).
        let t = h.state.t();
        let policy = h.state.ctx.policy.closure.clone();
        let done = ["service_restored", "cause_recorded"];
        for item in policy.items.iter().filter(|i| i.required && !done.contains(&i.name.as_str())) {
            let label = item.label(t.code);
            assert!(refusal.contains(label), "{label:?} missing from {refusal:?}");
        }
        assert!(refusal.contains(t.block_review), "{refusal:?}");
        assert!(!refusal.contains(policy.items.iter().find(|i| i.name == "cause_recorded").unwrap().label(t.code)));
        s.assert_whole(refusal);
    });
}

#[test]
fn the_review_wraps_its_texts_and_its_timeline() {
    each(|lang, w, _, h| {
        open(h, 1);
        h.key(KeyCode::Char('V'));
        h.chars(TYPED);
        let s = checked(h);
        dump("review", lang, w, &s);
        s.assert_whole(TYPED);
        // The timeline beside or below the form: its events wrap, not cut.
        let t = h.state.t();
        let event = format!("{}: ", t.field(Field::Cause));
        assert!(s.text().contains(&event) || h.state.height < 30, "{}", s.text());
    });
}

#[test]
fn every_other_pane_fits() {
    each(|lang, w, _, h| {
        let visit = |name: &str, keys: &str, h: &mut Harness, help_and_quit: bool| {
            // The report tables are checked by the reports' own tests.
            let check = |h: &Harness| if name == "reports" { Screen::of(h) } else { checked(h) };
            for c in keys.chars() {
                h.key(match c {
                    '\n' => KeyCode::Enter,
                    '\x1b' => KeyCode::Esc,
                    c => KeyCode::Char(c),
                });
            }
            let s = check(h);
            dump(name, lang, w, &s);
            if help_and_quit {
                s.assert_footer_has_help_and_quit(&h.state);
            }
        };
        visit("help", "?", h, false);
        visit("queue-again", "\x1b", h, true);
        let cancel = format!("Esc {}", h.state.t().hint(meldpunt::keymap::Command::Cancel));
        visit("assign", "a", h, false);
        assert!(Screen::of(h).text().contains(&cancel), "the dialog says how to cancel");
        visit("queue-3", "\x1b", h, true);
        visit("wizard", "i", h, false);
        assert!(Screen::of(h).rows.last().unwrap().concat().contains(&cancel), "the wizard says how to cancel");
        visit("queue-4", "\x1b", h, true);
        visit("reports", "v", h, true);
        visit("queue-5", "\x1b", h, true);
        visit("admin", "T", h, true);
        visit("queue-6", "\x1b", h, true);
        visit("my-work", "y", h, true);
        visit("queue-6b", "\x1b", h, true);
        visit("problems", "B", h, true);
        let ended = |h: &Harness| Screen::of(h).text().lines().any(|l| l.contains("Outlook on the") && l.contains('…'));
        assert!(ended(h), "a long problem title ends in …");
        visit("queue-7", "\x1b", h, true);
        visit("knowledge", "b", h, true);
        assert!(ended(h), "a long article title ends in …");
        visit("queue-8", "\x1b", h, true);
        // A question over the incident pane.
        visit("confirm", "G\nC", h, false);
        // (A long wait is said on the message line: see `work_under_way_is_said_whole_below_the_message`.)
    });
}

#[test]
fn the_checker_sees_what_is_cut() {
    let screen = |rows: &[&str]| Screen {
        rows: rows.iter().map(|r| r.chars().map(|c| c.to_string()).collect()).collect(),
        width: rows[0].chars().count(),
    };
    let wrapped = screen(&["Cause   the proxy reset ", "        every session   ", "│ a box │ with text    "]);
    assert!(wrapped.find_whole("the proxy reset every session"));
    wrapped.assert_nothing_at_the_edge();
    let cut = screen(&["Cause   the proxy reset e", "                         "]);
    assert!(!cut.find_whole("the proxy reset every session"));
    assert!(std::panic::catch_unwind(|| cut.assert_nothing_at_the_edge()).is_err(), "text at the edge is cut");
    let boxed = screen(&["┌──────┐  ", "│ text │  ", "│ cut t│  ", "└──────┘  "]);
    assert!(std::panic::catch_unwind(|| boxed.assert_nothing_at_a_box_edge()).is_err(), "text at a box edge is cut");
    let shortened = screen(&["Title   the proxy re…    "]);
    assert!(!shortened.find_whole("the proxy reset"));
    shortened.assert_nothing_at_the_edge();
}

#[test]
fn the_keys_help_shows_every_description_whole() {
    each(|lang, w, _, h| {
        h.key(KeyCode::Char('?'));
        let t = h.state.t();
        // Scroll through it all, collecting what was shown.
        let mut seen = String::new();
        for _ in 0..40 {
            seen.push_str(&Screen::of(h).text());
            h.key(KeyCode::Down);
        }
        for (command, _) in h.state.ctx.keymap.bindings(meldpunt::keymap::Layer::Queue) {
            let said = t.command(command);
            assert!(seen.contains(said), "{lang} {w}: {said:?} not shown whole");
        }
    });
}

#[test]
fn work_under_way_is_said_whole_below_the_message() {
    use meldpunt::app::effect::{Effect, Outgoing};
    use std::time::{Duration, Instant};
    each(|lang, w, _, h| {
        open(h, 1);
        let out = Outgoing {
            ticket_id: 1,
            subject: "s".into(),
            body: "b".into(),
            record_only: false,
            to_linked: true,
            template: None,
        };
        let asked = Instant::now() - Duration::from_secs(1);
        assert!(h.state.work.submit(Effect::SendMessage(Box::new(out)), asked).is_some());
        assert!(h.state.work.submit(Effect::LoadTicket(3), asked).is_some());
        h.state.work.refresh(Instant::now());
        let t = h.state.t();
        h.state.message = Some(meldpunt::app::state::Message::Error((t.busy.no_lane)(LONG_PATH)));
        let s = checked(h);
        dump("working", lang, w, &s);
        s.assert_whole(&(t.busy.sending)(true));
        h.state.quit = true;
        let s = checked(h);
        s.assert_whole(&(t.busy.quitting)(&(t.busy.sending)(true)));
    });
}
