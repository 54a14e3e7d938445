//! Every pane drawn with ratatui's TestBackend, read back as text.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::{Field, Priority};
use meldpunt::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;

fn draw(h: &Harness) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(h.state.width, h.state.height)).unwrap();
    terminal.draw(|f| meldpunt::ui::render(f, &h.state)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn with_tickets(lang: &str, width: u16, height: u16) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        common::person(&store, "jbakker");
        let mut a = incident("Printer on 3rd floor jammed", "Sanne Jansen");
        a.priority = Some(Priority::P1);
        a.team = Some("Workplace".into());
        a.assignee = Some("jbakker".into());
        a.reporter.department = Some("Finance".into());
        a.description = "Paper jam.\nSecond line of symptoms.".into();
        store.create_ticket("anna", t0() - chrono::Duration::hours(3), &a).unwrap();
        let mut b = incident("VPN drops", "Piet Pieters");
        b.priority = Some(Priority::P3);
        store.create_ticket("anna", t0(), &b).unwrap();
        store.update_ticket("bram", t0(), 1, None, &[(Field::Status, Some("in_progress".into()))]).unwrap();
    }
    let h = Harness::new(&path, lang, width, height);
    (dir, h)
}

#[test]
fn queue_shows_rows_columns_counts_and_hints() {
    let (_dir, h) = with_tickets("en", 130, 24);
    let screen = text(&draw(&h));
    for expected in [
        "Number",
        "Pri",
        "Status",
        "Title",
        "Team",
        "Assignee",
        "Age",
        "Resp",
        "Solve",
        "Upd",
        "INC-000002",
        "INC-000001",
        "P1",
        "P3",
        "In progress",
        "Printer on 3rd floor jammed",
        "Workplace",
        "jbakker",
        "3h",
        "2 tickets",
        "open 2",
        "unassigned 1",
        "P1 1",
        "Enter open",
        "n new",
        "/ search",
        "? help",
        "q quit",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
    // Newest first, the selected row marked so it reads without colour.
    let first = screen.lines().position(|l| l.contains("INC-000002")).unwrap();
    let second = screen.lines().position(|l| l.contains("INC-000001")).unwrap();
    assert!(first < second);
    assert!(screen.lines().nth(first).unwrap().starts_with('▶'));
}

#[test]
fn queue_in_dutch() {
    let (_dir, h) = with_tickets("nl", 100, 24);
    let screen = text(&draw(&h));
    for expected in ["Nummer", "Titel", "Behandelaar", "In behandeling", "2 meldingen", "niet toegewezen 1", "n nieuw"]
    {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn first_run_screen_says_how_to_start() {
    let (_dir, path) = temp_db();
    let h = Harness::new(&path, "en", 80, 24);
    let screen = text(&draw(&h));
    assert!(screen.contains("No incidents yet."), "{screen}");
    assert!(screen.contains("Press n to register an incident, or d to load demo data."), "{screen}");
}

#[test]
fn detail_shows_fields_description_and_timeline() {
    let (_dir, mut h) = with_tickets("en", 100, 30);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    let screen = text(&draw(&h));
    for expected in [
        "INC-000001 · Printer on 3rd floor jammed",
        "In progress",
        "P1 critical",
        "Workplace",
        "jbakker",
        "Sanne Jansen · Finance",
        "Paper jam.",
        "Second line of symptoms.",
        "Timeline",
        "registered the incident",
        "Status: Assigned → In progress",
        "bram",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn register_form_shows_required_fields_and_inline_problems() {
    let (_dir, mut h) = with_tickets("en", 80, 24);
    h.key(KeyCode::Char('n'));
    let screen = text(&draw(&h));
    for expected in ["Register incident", "Reporter*", "Title*", "Channel*", "Phone ▾", "Description", "Ctrl-s save"]
    {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let screen = text(&draw(&h));
    assert_eq!(screen.matches("is required").count(), 2, "{screen}");
    assert!(screen.contains("Some fields need attention."));
}

#[test]
fn pick_list_drops_down_filtered_options() {
    let (_dir, mut h) = with_tickets("en", 80, 24);
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab); // department
    for c in "fi".chars() {
        h.key(KeyCode::Char(c));
    }
    let screen = text(&draw(&h));
    assert!(screen.contains("│Finance"), "{screen}");
    assert!(!screen.contains("│Marketing"), "{screen}");
}

#[test]
fn help_is_generated_from_the_keymap() {
    let (_dir, mut h) = with_tickets("en", 120, 40);
    h.key(KeyCode::Char('?'));
    let screen = text(&draw(&h));
    for expected in ["Keys", "j, Down", "Move down", "Enter, l", "Open the incident", "q, Ctrl-c", "Quit meldpunt"] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn a_small_terminal_gets_a_message_not_a_broken_layout() {
    let (_dir, mut h) = with_tickets("en", 100, 24);
    h.state.width = 50;
    h.state.height = 12;
    let screen = text(&draw(&h));
    assert!(screen.contains("Terminal too small: 50×12"), "{screen}");
    assert!(!screen.contains("INC-000001"));
}

#[test]
fn works_at_eighty_by_twenty_four_in_every_pane() {
    let (_dir, mut h) = with_tickets("nl", 80, 24);
    assert!(text(&draw(&h)).contains("INC-000002"));
    h.key(KeyCode::Enter);
    assert!(text(&draw(&h)).contains("Tijdlijn"));
    h.key(KeyCode::Char('n'));
    let screen = text(&draw(&h));
    assert!(screen.contains("Melding registreren") && screen.contains("Urgentie"), "{screen}");
}

#[test]
fn control_characters_from_users_are_drawn_inert() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("Evil title", "Mal Ory");
        t.description = "line\u{1b}[31m red".into();
        store.create_ticket("x\u{1b}[1m", t0(), &t).unwrap();
    }
    // A title and reporter stored before one-line fields refused control characters.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE tickets SET title = ?1, reporter_name = ?2",
            ["Evil \u{1b}]0;pwned\u{7} title \u{1b}[2J \u{202e}txt.exe", "Mal \u{9b}31m Ory"],
        )
        .unwrap();
    let mut h = Harness::new(&path, "en", 160, 30);
    let queue = draw(&h);
    h.key(KeyCode::Enter);
    let detail = draw(&h);
    for buffer in [&queue, &detail] {
        for cell in buffer.content() {
            assert!(!cell.symbol().chars().any(|c| c.is_control()), "raw control character drawn: {:?}", cell.symbol());
        }
    }
    // Escape sequences and direction overrides are shown as visible symbols.
    assert!(text(&queue).contains("Evil ␛]0;pwned␇ title ␛[2J \u{FFFD}txt.exe"), "{}", text(&queue));
    assert!(!text(&queue).contains('\u{202e}'));
    assert!(text(&detail).contains("line␛[31m red"));
}

#[test]
fn no_color_draws_without_colours_but_keeps_meaning() {
    let (_dir, mut h) = with_tickets("en", 100, 24);
    h.state.ctx.color = false;
    let buffer = draw(&h);
    for cell in buffer.content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "coloured cell {cell:?}");
    }
    let screen = text(&buffer);
    assert!(screen.contains("P1") && screen.contains('▶'));
    // With colour, P1 is red.
    h.state.ctx.color = true;
    let buffer = draw(&h);
    assert!(buffer.content().iter().any(|c| c.fg == Color::Red));
}

#[test]
fn wizard_steps_and_result_with_targets_and_due_times() {
    let (_dir, mut h) = with_tickets("en", 120, 30);
    h.key(KeyCode::Char('i'));
    let screen = text(&draw(&h));
    for expected in ["Classify INC-000002", "[Category]", "Subcategory", "Result", "1 Access", "Network"] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
    // Nine categories and three subcategories: a digit picks and goes on.
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Char('1'));
    // Twelve services: 1 could start 12, so the number waits for Enter.
    h.key(KeyCode::Char('2'));
    let screen = text(&draw(&h));
    assert!(screen.contains("[Service]") && screen.contains("number + Enter picks"), "{screen}");
    h.key(KeyCode::Enter);
    // Impact shows each level's number once.
    let screen = text(&draw(&h));
    assert!(screen.contains("1 whole organisation") && !screen.contains("1 1 "), "{screen}");
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('1'));
    let screen = text(&draw(&h));
    assert!(screen.contains("[Result]"), "{screen}");
    for expected in [
        "P2 high",
        "impact 2 × urgency 1",
        "response 30m",
        "resolution 8h",
        "update every 2h",
        "(office)",
        "Response",
        "Customer update",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn detail_explains_the_clocks() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("VPN down", "Piet");
        t.impact = meldpunt::domain::Level::new(1);
        t.urgency = meldpunt::domain::Level::new(1);
        t.priority = Some(Priority::P1);
        let created = t0() - chrono::Duration::hours(2);
        store.create_ticket("anna", created, &t).unwrap();
        store
            .update_ticket(
                "bram",
                created + chrono::Duration::minutes(10),
                1,
                None,
                &[(Field::Status, Some("in_progress".into()))],
            )
            .unwrap();
        store
            .update_ticket(
                "bram",
                created + chrono::Duration::hours(1),
                1,
                None,
                &[(Field::Status, Some("waiting_customer".into()))],
            )
            .unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 40);
    h.key(KeyCode::Enter);
    let screen = text(&draw(&h));
    for expected in [
        "Service level",
        "✓ met",
        "‖ paused · 3h left",
        "SLA clocks · calendar always",
        "Response",
        "responded",
        "Customer update",
        "running",
        "paused: Waiting for customer",
        "Resolution clock paused",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn queue_marks_breached_and_at_risk_clocks_in_text() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let mut t = incident("Old P1", "Piet");
        t.impact = meldpunt::domain::Level::new(1);
        t.urgency = meldpunt::domain::Level::new(1);
        t.priority = Some(Priority::P1);
        store.create_ticket("anna", t0() - chrono::Duration::hours(5), &t).unwrap();
    }
    let mut h = Harness::new(&path, "en", 140, 20);
    h.state.ctx.color = false;
    let screen = text(&draw(&h));
    assert!(screen.contains("✗4h45m"), "response 15m, five hours ago:\n{screen}");
    assert!(screen.contains("✗1h"), "resolution 4h:\n{screen}");
}

#[test]
fn the_assign_dialog_shows_workload_per_team() {
    let (_dir, mut h) = with_tickets("en", 120, 30);
    h.key(KeyCode::Char('a'));
    let screen = text(&draw(&h));
    for expected in ["Assign INC-000002", "Team", "Workplace", "line 2", "P1 1 · P2 0 · P3 0 · P4 0", "Esc cancel"] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn notes_and_messages_on_the_timeline() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
        store
            .add_entry("anna", t0(), 1, &meldpunt::domain::entry::NewEntry::note("Tunnel reset\nsecond line"))
            .unwrap();
        let mut failed = meldpunt::domain::entry::NewEntry::message(
            Some("piet@example.nl"),
            "INC-000001 update",
            "Hello Piet",
            meldpunt::domain::entry::Delivery::Failed,
        );
        failed.error = Some("relay refused".into());
        store.add_entry("anna", t0(), 1, &failed).unwrap();
        store.ask_lead("anna", t0(), 1, "VIP caller", None).unwrap();
    }
    let mut h = Harness::new(&path, "en", 120, 40);
    h.key(KeyCode::Enter);
    let screen = text(&draw(&h));
    for expected in [
        "✎ work note",
        "│ Tunnel reset",
        "│ second line",
        "✉ message to piet@example.nl (NOT SENT: relay refused): INC-000001 update",
        "⚑ a lead's attention is asked",
        "asked a lead's attention: VIP caller",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn composing_a_message_from_a_template() {
    let (_dir, mut h) = with_tickets("nl", 120, 30);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('m'));
    let screen = text(&draw(&h));
    assert!(screen.contains("Met welk bericht beginnen?") && screen.contains("Bericht van oplossing"), "{screen}");
    h.key(KeyCode::Enter);
    let screen = text(&draw(&h));
    for expected in [
        "Bericht over INC-000002",
        "Aan:",
        "(geen e-mailadres: alleen vastleggen)",
        "Onderwerp",
        "INC-000002 geregistreerd: VPN drops",
        "Beste Piet Pieters",
    ] {
        assert!(screen.contains(expected), "missing {expected:?} in\n{screen}");
    }
}

#[test]
fn a_pick_list_says_when_typed_text_is_not_in_it_in_both_languages_and_sizes() {
    for (lang, short, long) in
        [("en", "not in the list", "“Kantine” is not in the list"), ("nl", "niet in de lijst", "“Kantine” staat niet")]
    {
        for (width, height) in [(80, 24), (120, 40)] {
            let (_dir, mut h) = with_tickets(lang, width, height);
            h.key(KeyCode::Char('n'));
            h.chars("Sanne");
            h.key(KeyCode::Tab);
            h.chars("Kantine");
            h.key(KeyCode::Tab);
            let screen = text(&draw(&h));
            assert!(screen.contains(short) && screen.contains(long), "{lang} {width}\n{screen}");
        }
    }
}

#[test]
fn the_wizard_hint_says_how_digits_work_and_fits_at_eighty_columns() {
    for (lang, short, long, end) in [
        ("en", "a digit picks and goes on", "number + Enter picks", "Esc cancel"),
        ("nl", "cijfer kiest en gaat door", "nummer + Enter kiest", "Esc annuleren"),
    ] {
        let (_dir, mut h) = with_tickets(lang, 80, 24);
        h.key(KeyCode::Char('i'));
        let screen = text(&draw(&h));
        let footer = screen.lines().last().unwrap_or_default().trim_end().to_string();
        assert!(footer.contains(short) && footer.ends_with(end), "{lang}: {footer:?}");
        h.key(KeyCode::Char('4')); // nine categories: on at once
        h.key(KeyCode::Char('1')); // three subcategories
        let screen = text(&draw(&h));
        let footer = screen.lines().last().unwrap_or_default().trim_end().to_string();
        assert!(footer.contains(long) && footer.ends_with(end), "{lang}: twelve services: {footer:?}");
    }
}

/// The timeline is kept between frames, and drawn anew when the ticket is
/// loaded again (a note added by someone else) or the width changes; a long
/// history still scrolls to its last line.
#[test]
fn a_long_timeline_is_drawn_again_when_the_ticket_loads_and_scrolls_to_its_end() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
        for i in 0..150 {
            let note = meldpunt::domain::entry::NewEntry::note(&format!("Call number {i}"));
            store.add_entry("anna", t0() + chrono::Duration::minutes(i), 1, &note).unwrap();
        }
    }
    let mut h = Harness::new(&path, "en", 80, 24);
    h.key(KeyCode::Enter);
    assert!(text(&draw(&h)).contains("Call number 0"));
    let note = meldpunt::domain::entry::NewEntry::note("Someone else called back");
    h.store().add_entry("bram", t0() + chrono::Duration::hours(5), 1, &note).unwrap();
    // Refresh reloads the incident.
    h.key(KeyCode::F(5));
    // Scrolling stops at what was drawn last, as it does on screen, where every key draws.
    draw(&h);
    for _ in 0..400 {
        h.key(KeyCode::Down);
    }
    let end = text(&draw(&h));
    assert!(end.contains("Someone else called back") && !end.contains("Call number 0"), "{end}");
    h.state.width = 120;
    assert!(text(&draw(&h)).contains("Someone else called back"));
}
