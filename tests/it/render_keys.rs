//! What the keys ask and offer, as drawn: questions that say what they do
//! and which keys answer them, hints that fit the ticket and the role, the
//! queue's row position and sort arrow. At 80×24 and 120×40, in English and Dutch.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::app::executor::Executor;
use meldpunt::app::state::{AppState, Context};
use meldpunt::domain::Field;
use meldpunt::domain::people::AgentRecord;
use meldpunt::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(h: &Harness) -> String {
    let mut terminal = Terminal::new(TestBackend::new(h.state.width, h.state.height)).unwrap();
    terminal.draw(|f| meldpunt::ui::render(f, &h.state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Two tickets, the newer (2) in progress; the user has this role (None: nobody is set up).
fn queue(lang: &str, (width, height): (u16, u16), role: Option<&str>) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        if let Some(role) = role {
            let me = AgentRecord {
                login: "tester".into(),
                name: "Tess Tester".into(),
                email: None,
                line: 2,
                role: role.into(),
                teams: Vec::new(),
            };
            store.add_agent(&me).unwrap();
        }
        store.create_ticket("anna", t0() - chrono::Duration::hours(3), &incident("Printer jammed", "Sanne")).unwrap();
        store.create_ticket("anna", t0(), &incident("VPN drops", "Piet Pieters")).unwrap();
        store.update_ticket("anna", t0(), 2, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    }
    if role.is_none() {
        return (dir, Harness::new(&path, lang, width, height));
    }
    // Working as that person, as the program does once people are set up.
    let config = common::config(lang);
    let store = Store::open(&path).unwrap().with_policy(config.policy.clone()).as_user("tester", false, None).unwrap();
    let executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone())
        .with_clock(common::fixed_now);
    let ctx = Context::from_config(&config, path.clone(), true);
    let mut h = Harness { state: AppState::new(ctx, width, height, t0()), executor };
    let mut effects = meldpunt::app::update::startup(&mut h.state);
    meldpunt::app::run::run_effects(&mut h.state, &mut h.executor, &mut effects);
    (dir, h)
}

fn hints(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[test]
fn resolving_and_waiting_ask_with_the_ticket_and_the_keys() {
    let cases = [
        ("en", "Set INC-000002 to “Resolved”?", "Its SLA clock pauses.", "y/j yes · n/Esc/Enter no"),
        ("nl", "INC-000002 op “Opgelost” zetten?", "De SLA-klok pauzeert.", "y/j ja · n/Esc/Enter nee"),
    ];
    for (lang, resolve, pauses, keys) in cases {
        for size in SIZES {
            let (_dir, mut h) = queue(lang, size, None);
            h.key(KeyCode::Enter);
            h.chars("R");
            let shown = screen(&h);
            assert!(shown.contains(resolve) && shown.contains(keys), "{lang} {size:?}\n{shown}");
            assert!(!shown.contains(pauses), "resolving pauses nothing\n{shown}");
            h.key(KeyCode::Esc);
            h.chars("C");
            let shown = screen(&h);
            assert!(shown.contains(pauses) && shown.contains(keys), "{lang} {size:?}\n{shown}");
        }
    }
}

#[test]
fn the_quit_question_says_it_quits() {
    let cases = [
        ("en", "Quit meldpunt? What you typed is lost.", "y/j quit · n/Esc/Enter keep editing"),
        (
            "nl",
            "meldpunt afsluiten? Wat je hebt ingevoerd gaat verloren.",
            "y/j afsluiten · n/Esc/Enter verder invoeren",
        ),
    ];
    for (lang, question, keys) in cases {
        for size in SIZES {
            let (_dir, mut h) = queue(lang, size, None);
            h.chars("n");
            h.chars("Sanne");
            h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
            let shown = screen(&h);
            assert!(shown.contains(question) && shown.contains(keys), "{lang} {size:?}\n{shown}");
        }
    }
}

#[test]
fn an_esc_on_an_open_pick_list_closes_only_the_list() {
    for lang in ["en", "nl"] {
        for size in SIZES {
            let (_dir, mut h) = queue(lang, size, None);
            h.chars("n");
            h.chars("Sanne");
            h.key(KeyCode::Tab);
            h.chars("fi");
            let open = screen(&h);
            // The seed lists are shown in the screen's language.
            let finance = if lang == "nl" { "Financiën" } else { "Facilities" };
            assert!(open.contains(finance), "{open}");
            h.key(KeyCode::Esc);
            let closed = screen(&h);
            assert!(closed.contains("Sanne") && !closed.contains(finance), "{lang} {size:?}\n{closed}");
        }
    }
}

#[test]
fn a_resolved_ticket_offers_no_resolve_key() {
    for (lang, resolve, reopen) in [("en", " resolve", "O reopen"), ("nl", " oplossen", "O heropenen")] {
        for size in SIZES {
            let (_dir, mut h) = queue(lang, size, None);
            h.key(KeyCode::Enter);
            h.chars("Ry");
            let shown = screen(&h);
            assert!(shown.contains("Status is now") || shown.contains("Status is nu"), "resolved\n{shown}");
            h.key(KeyCode::Char('k'));
            let shown = screen(&h);
            assert!(!hints(&shown).contains(resolve), "{lang} {size:?}\n{shown}");
            if size.0 >= 120 {
                assert!(hints(&shown).contains(reopen), "{lang} {size:?}\n{shown}");
            }
        }
    }
}

#[test]
fn a_technician_is_not_offered_to_register() {
    for (lang, new) in [("en", "n new"), ("nl", "n nieuw")] {
        for size in SIZES {
            let (_dir, h) = queue(lang, size, Some("technician"));
            assert!(!hints(&screen(&h)).contains(new), "{lang} {size:?}\n{}", screen(&h));
            let (_dir, h) = queue(lang, size, Some("operator"));
            assert!(hints(&screen(&h)).contains(new), "{lang} {size:?}\n{}", screen(&h));
        }
    }
}

#[test]
fn the_queue_shows_the_row_position_and_age_points_the_way_it_reads() {
    for (lang, age) in [("en", "sorted by age"), ("nl", "gesorteerd op leeftijd")] {
        for size in SIZES {
            let (_dir, mut h) = queue(lang, size, None);
            assert!(screen(&h).contains("1/2 · "), "{lang} {size:?}\n{}", screen(&h));
            h.chars("j");
            assert!(screen(&h).contains("2/2 · "), "{lang} {size:?}\n{}", screen(&h));
            // Number, priority, status, title, team, assignee, age.
            h.chars("ssssss");
            let oldest_first = screen(&h);
            assert!(oldest_first.contains(&format!("{age} ↓")), "{lang} {size:?}\n{oldest_first}");
            h.chars("S");
            let newest_first = screen(&h);
            assert!(newest_first.contains(&format!("{age} ↑")), "{lang} {size:?}\n{newest_first}");
        }
    }
}

/// A user who rebinds a key reads that key in every hint that names it:
/// the sentences take their keys from the keymap in effect.
#[test]
fn hints_in_sentences_name_the_keys_the_user_bound() {
    for lang in ["en", "nl"] {
        let (_dir, mut h) = queue(lang, (120, 40), None);
        let text = "[dialog]\n\"Ctrl-g\" = \"cancel\"\n\"Esc\" = \"none\"\n\"Ctrl-o\" = \"step_back\"\n\"Backspace\" = \"none\"\n\
            [wizard]\n\"Ctrl-g\" = \"cancel\"\n\"Esc\" = \"none\"\n\"F9\" = \"confirm\"\n";
        let table: meldpunt::keymap::KeymapTable = toml::from_str(text).unwrap();
        h.state.ctx.keymap = meldpunt::keymap::Keymap::with_overrides(&table).unwrap();
        let cancel = h.state.t().hint(meldpunt::keymap::Command::Cancel);
        h.chars("a");
        let s = screen(&h);
        assert!(s.contains(&format!("Ctrl-g {cancel}")) && !s.contains(&format!("Esc {cancel}")), "{lang}:\n{s}");
        assert!(s.contains("Ctrl-o"), "the key that steps back: {lang}\n{s}");
        h.key_with(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert!(h.state.dialog.is_none(), "the rebound key cancels");
        h.chars("i");
        let footer = screen(&h).lines().last().unwrap().to_string();
        assert!(footer.contains(&format!("Ctrl-g {cancel}")), "{lang}: {footer}");
    }
}
