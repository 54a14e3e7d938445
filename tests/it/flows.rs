//! Whole user flows through `update` and the executor on a real database
//! file: keys in, state and stored records out.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::app::Screen;
use meldpunt::app::state::{Message, Overlay};
use meldpunt::domain::queue::{QueueFilter, Scope};
use meldpunt::domain::{Channel, EventKind, Priority};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn seeded(n: usize) -> (tempfile::TempDir, Harness) {
    let (dir, path) = temp_db();
    {
        let store = meldpunt::store::Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        for i in 1..=n {
            let mut t = incident(&format!("Ticket number {i}"), "Kees Reporter");
            t.team = Some(if i % 2 == 0 { "Network".into() } else { "Workplace".into() });
            store.create_ticket("tester", t0(), &t).unwrap();
        }
    }
    let h = Harness::new(&path, "en", 100, 30);
    (dir, h)
}

#[test]
fn register_an_incident_with_keys_only() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    assert!(h.state.empty_database);
    h.chars("n");
    assert_eq!(h.state.screen, Screen::Register);
    // The form opens on the reporter's name.
    h.chars("Sanne Jansen");
    h.key(KeyCode::Tab);
    h.chars("fin"); // department, type-to-filter
    h.key(KeyCode::Tab);
    h.chars("020 555 1234");
    h.key(KeyCode::Tab);
    h.chars("s.jansen@example.nl");
    h.key(KeyCode::Tab);
    h.chars("VPN drops every ten minutes");
    h.key(KeyCode::Tab);
    h.chars("Since this morning.");
    h.key(KeyCode::Enter);
    h.chars("Whole team affected.");
    h.key(KeyCode::Tab);
    h.chars("vpn"); // service
    h.key(KeyCode::Tab);
    h.chars("netw"); // category
    h.key(KeyCode::Tab);
    h.chars("vpn"); // subcategory of Network
    h.key(KeyCode::Tab);
    h.chars("2"); // impact
    h.key(KeyCode::Tab);
    h.chars("2"); // urgency
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);

    assert_eq!(h.state.screen, Screen::Detail);
    assert_eq!(h.state.message, Some(Message::Info("Registered INC-000001.".into())));
    let t = h.store().ticket(1).unwrap().expect("stored");
    assert_eq!(t.title, "VPN drops every ten minutes");
    assert_eq!(t.description, "Since this morning.\nWhole team affected.");
    assert_eq!(t.reporter.name, "Sanne Jansen");
    assert_eq!(t.reporter.department.as_deref(), Some("Finance"));
    assert_eq!(t.reporter.phone.as_deref(), Some("020 555 1234"));
    assert_eq!(t.reporter.email.as_deref(), Some("s.jansen@example.nl"));
    assert_eq!(t.channel, Channel::Phone);
    assert_eq!(t.service.as_deref(), Some("VPN"));
    assert_eq!((t.category.as_deref(), t.subcategory.as_deref()), (Some("Network"), Some("VPN")));
    assert_eq!(t.priority, Some(Priority::P2));
    assert_eq!(t.created_at, t0());
    let events = h.store().events(1).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].kind, events[0].actor.as_str()), (EventKind::Created, "tester"));

    // Back in the queue, the new incident is there.
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Queue);
    assert_eq!(h.state.queue.rows.first().map(|r| r.id), Some(1));
    assert!(!h.state.empty_database);
}

#[test]
fn saving_with_missing_fields_names_them_and_stores_nothing() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    h.chars("n");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let form = h.state.register.as_ref().expect("still on the form");
    let fields: Vec<_> = form.problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, vec![meldpunt::domain::Field::Title, meldpunt::domain::Field::ReporterName]);
    assert!(matches!(h.state.message, Some(Message::Error(_))));
    assert!(!h.store().has_tickets().unwrap());
}

#[test]
fn escape_asks_before_throwing_input_away() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    h.chars("n");
    h.chars("Piet");
    h.key(KeyCode::Esc);
    assert!(matches!(h.state.overlay, Some(Overlay::Confirm(_))));
    h.chars("n"); // no: keep typing
    assert_eq!(h.state.screen, Screen::Register);
    assert!(h.state.register.is_some());
    h.key(KeyCode::Esc);
    h.chars("y");
    assert_eq!(h.state.screen, Screen::Queue);
    assert!(h.state.register.is_none());
    // An untouched form closes at once.
    h.chars("n");
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Queue);
}

#[test]
fn quitting_with_unsaved_input_asks_first() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    h.chars("n");
    h.chars("q"); // text, not quit
    assert!(!h.state.quit);
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!h.state.quit);
    h.chars("y");
    assert!(h.state.quit);
}

#[test]
fn detail_and_back_keep_position_sort_and_filters() {
    let (_dir, mut h) = seeded(60);
    h.chars("s"); // sort by priority
    h.key(KeyCode::PageDown);
    h.chars("jj");
    let before_rows: Vec<i64> = h.state.queue.rows.iter().map(|r| r.id).collect();
    let selected = h.state.queue.selected;
    h.key(KeyCode::Enter);
    assert_eq!(h.state.screen, Screen::Detail);
    let shown = h.state.detail.as_ref().unwrap().ticket.as_ref().unwrap().id;
    assert_eq!(shown, before_rows[selected]);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Queue);
    assert_eq!(h.state.queue.selected, selected);
    assert_eq!(h.state.queue.rows.iter().map(|r| r.id).collect::<Vec<_>>(), before_rows);
    assert_eq!(h.state.queue.sort.column, meldpunt::domain::queue::SortColumn::Priority);
}

#[test]
fn paging_walks_every_ticket_once_each_way() {
    let (_dir, mut h) = seeded(75);
    let page = h.state.queue.page_size;
    let mut seen: Vec<i64> = Vec::new();
    loop {
        seen.extend(h.state.queue.rows.iter().map(|r| r.id));
        if !h.state.queue.has_next {
            break;
        }
        h.key(KeyCode::PageDown);
    }
    seen.dedup();
    // Pages may overlap at the end (the last page is kept full).
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique, (1..=75).collect::<Vec<_>>());
    assert!(page < 75);
    // Line by line down from the top reaches the last ticket too.
    h.chars("g");
    for _ in 0..80 {
        h.chars("j");
    }
    assert_eq!(h.state.queue.selected_row().map(|r| r.id), Some(1));
    for _ in 0..80 {
        h.chars("k");
    }
    assert_eq!(h.state.queue.selected_row().map(|r| r.id), Some(75));
    h.chars("G");
    assert_eq!(h.state.queue.selected_row().map(|r| r.id), Some(1));
}

#[test]
fn filters_search_and_counts() {
    let (_dir, mut h) = seeded(20);
    assert_eq!(h.state.queue.counts.unwrap().matching, 20);
    h.chars("/");
    h.chars("number 7");
    assert_eq!(h.state.queue.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![7]);
    // Counting waits until typing ends.
    assert!(h.state.queue.counts_stale);
    h.key(KeyCode::Enter);
    assert!(!h.state.queue.counts_stale);
    assert_eq!(h.state.queue.counts.unwrap().matching, 1);
    assert!(!h.state.queue.search_active);
    assert_eq!(h.state.queue.filter.search.as_deref(), Some("number 7"));
    h.chars("c");
    assert_eq!(h.state.queue.filter, QueueFilter::default());
    // By number.
    h.chars("/");
    h.chars("INC-000012");
    assert_eq!(h.state.queue.rows.first().map(|r| r.id), Some(12));
    h.key(KeyCode::Esc);
    assert_eq!(h.state.queue.filter.search, None);
    // Unassigned: all of them, none is assigned to a person.
    h.chars("u");
    assert_eq!(h.state.queue.counts.unwrap().matching, 20);
    h.chars("u");
    h.chars("@");
    assert_eq!(h.state.queue.rows.len(), 0);
    h.chars("@o");
    assert_eq!(h.state.queue.filter.scope, Scope::All);
}

#[test]
fn empty_database_offers_demo_data() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "nl", 100, 30);
    h.state.ctx.demo_count = 300;
    assert!(h.state.empty_database);
    h.chars("d");
    assert!(!h.state.empty_database);
    assert!(h.store().has_tickets().unwrap());
    assert!(!h.state.queue.rows.is_empty());
    // Demo data is written in the configured language.
    let dutch = ["niet", "geen", "werkt", "nodig", "vol", "op ", "van", "kan "];
    let titles: Vec<String> = (1..=30).map(|id| h.store().ticket(id).unwrap().unwrap().title.to_lowercase()).collect();
    let in_dutch = titles.iter().filter(|t| dutch.iter().any(|w| t.contains(w))).count();
    assert!(in_dutch >= 10, "{titles:?}");
    // A second press does nothing on a filled database.
    let all = || QueueFilter { scope: Scope::All, ..Default::default() };
    let count = |h: &Harness| {
        let viewer = meldpunt::domain::queue::Viewer { login: "tester".into() };
        h.store().queue_counts(&all(), &viewer, &Default::default()).unwrap().matching
    };
    assert_eq!(count(&h), 300);
    h.chars("d");
    assert_eq!(count(&h), 300);
}

#[test]
fn next_and_previous_ticket_from_the_detail_pane() {
    let (_dir, mut h) = seeded(5);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.detail.as_ref().unwrap().id, 5);
    h.chars("J");
    assert_eq!(h.state.detail.as_ref().unwrap().ticket.as_ref().unwrap().id, 4);
    h.chars("K");
    assert_eq!(h.state.detail.as_ref().unwrap().ticket.as_ref().unwrap().id, 5);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let (_dir, mut h) = seeded(1);
    h.chars("?");
    assert_eq!(h.state.overlay, Some(Overlay::Help));
    h.chars("j"); // scrolls a long help
    assert_eq!(h.state.overlay, Some(Overlay::Help));
    h.chars("q");
    assert_eq!(h.state.overlay, None);
    assert!(!h.state.quit);
    h.chars("q");
    assert!(h.state.quit);
}

#[test]
fn choosing_from_a_pick_list_with_the_arrows_counts() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    h.chars("n");
    h.chars("Piet Pieters");
    h.key(KeyCode::BackTab); // channel
    h.key(KeyCode::Down); // phone → e-mail
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    h.chars("Mailbox full");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let t = h.store().ticket(1).unwrap().expect("stored");
    assert_eq!(t.channel, Channel::Email);
    assert_eq!(t.title, "Mailbox full");
}

#[test]
fn after_registering_the_detail_shows_the_new_ticket_whatever_the_sort() {
    let (_dir, mut h) = seeded(30);
    h.chars("ss"); // sort by status: the new ticket is not on top
    h.chars("n");
    h.chars("Zed Reporter");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.chars("Zzz last title");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Not classified in the form: the wizard comes first; leaving it shows the ticket.
    assert_eq!(h.state.screen, Screen::Wizard);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Detail);
    let shown = h.state.detail.as_ref().unwrap();
    assert_eq!(shown.id, 31);
    assert_eq!(shown.ticket.as_ref().map(|t| t.title.as_str()), Some("Zzz last title"));
}

#[test]
fn keys_work_in_the_detail_pane_after_a_search() {
    let (_dir, mut h) = seeded(10);
    h.chars("/");
    h.chars("ticket");
    h.key(KeyCode::Tab); // open while still typing in the search field
    assert_eq!(h.state.screen, Screen::Detail);
    assert!(!h.state.queue.search_active);
    h.chars("h");
    assert_eq!(h.state.screen, Screen::Queue);
    assert_eq!(h.state.queue.filter.search.as_deref(), Some("ticket"));
}

#[test]
fn page_up_returns_to_the_same_pages() {
    let (_dir, mut h) = seeded(90);
    let ids = |h: &Harness| h.state.queue.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    let first = ids(&h);
    h.key(KeyCode::PageDown);
    let second = ids(&h);
    h.key(KeyCode::PageDown);
    assert_ne!(ids(&h), second);
    h.key(KeyCode::PageUp);
    assert_eq!(ids(&h), second);
    h.key(KeyCode::PageUp);
    assert_eq!(ids(&h), first);
    assert!(!h.state.queue.has_prev);
    assert_eq!(first.len(), h.state.queue.page_size);
    assert_eq!(first[0], 90);
    assert_eq!(second[0], 90 - first.len() as i64);
}

#[test]
fn a_pasted_description_keeps_its_lines_and_drops_control_characters() {
    let (_dir, path) = temp_db();
    let mut h = Harness::new(&path, "en", 100, 30);
    h.chars("n");
    h.chars("Piet");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    dispatch_paste(&mut h, "Printer\u{1b}[2J offline");
    h.key(KeyCode::Tab);
    dispatch_paste(&mut h, "line one\rline two\r\nline three");
    h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let t = h.store().ticket(1).unwrap().expect("stored");
    assert_eq!(t.title, "Printer[2J offline");
    assert_eq!(t.description, "line one\nline two\nline three");
}

fn dispatch_paste(h: &mut Harness, text: &str) {
    meldpunt::app::run::dispatch(&mut h.state, &mut h.executor, meldpunt::app::Action::Paste(text.to_string()));
}

#[test]
fn changes_by_another_process_appear_within_a_tick_and_are_marked() {
    let (dir, mut h) = seeded(5);
    let path = dir.path().join("meldpunt.db");
    // The incident 3 is open; the cursor is on it.
    while h.state.queue.selected_row().map(|r| r.id) != Some(3) {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.state.screen, Screen::Detail);
    let tick = |h: &mut Harness| {
        meldpunt::app::run::dispatch(&mut h.state, &mut h.executor, meldpunt::app::Action::Tick(t0()));
    };
    tick(&mut h);
    assert!(h.state.queue.changed.is_empty(), "nothing changed yet");

    // Someone else, in another process (another connection), renames 3.
    let other = meldpunt::store::Store::open(&path).unwrap();
    other.seed_reference(&Default::default()).unwrap();
    let edit = [(meldpunt::domain::Field::Title, Some("Renamed elsewhere".to_string()))];
    other.update_ticket("bram", t0(), 3, None, &edit).unwrap();
    tick(&mut h);
    let detail = h.state.detail.as_ref().unwrap();
    assert_eq!(detail.ticket.as_ref().unwrap().title, "Renamed elsewhere", "the open incident follows");
    let row = h.state.queue.rows.iter().find(|r| r.id == 3).unwrap();
    assert_eq!(row.title, "Renamed elsewhere");
    assert_eq!(h.state.queue.selected_row().unwrap().id, 3, "the cursor stays");
    assert_eq!(h.state.queue.changed.keys().copied().collect::<Vec<_>>(), vec![3], "only that row is marked");

    // The mark goes after a few seconds; our own changes are not news.
    meldpunt::app::run::dispatch(
        &mut h.state,
        &mut h.executor,
        meldpunt::app::Action::Tick(t0() + chrono::Duration::seconds(5)),
    );
    assert!(h.state.queue.changed.is_empty());
    h.key(KeyCode::Char('w')); // start work on 3, ourselves
    tick(&mut h);
    assert!(h.state.queue.changed.is_empty(), "{:?}", h.state.queue.changed);
}

#[test]
fn the_incident_shows_who_else_has_it_open() {
    let (dir, mut h) = seeded(3);
    let path = dir.path().join("meldpunt.db");
    h.key(KeyCode::Enter); // the newest: 3
    let id = h.state.detail.as_ref().unwrap().id;
    let bram = meldpunt::store::Store::open(&path).unwrap();
    bram.seed_reference(&Default::default()).unwrap();
    assert_eq!(bram.present("bram", id, t0()).unwrap(), vec!["tester"], "opening it says so");
    bram.be_present("bram", id, t0()).unwrap();
    let tick = |h: &mut Harness, secs| {
        let at = t0() + chrono::Duration::seconds(secs);
        meldpunt::app::run::dispatch(&mut h.state, &mut h.executor, meldpunt::app::Action::Tick(at));
    };
    tick(&mut h, 10);
    assert_eq!(h.state.detail.as_ref().unwrap().others, vec!["bram"]);
    let shown = h.screen();
    assert!(shown.contains("Also open by bram"), "{shown}");
    // Bram stops renewing: after a while he is no longer shown.
    tick(&mut h, 45);
    assert!(h.state.detail.as_ref().unwrap().others.is_empty());
    // Someone else's presence alone is no reason to load the queue again.
    let before = h.state.queue.generation;
    bram.be_present("bram", id, t0() + chrono::Duration::seconds(50)).unwrap();
    tick(&mut h, 50);
    assert_eq!(h.state.queue.generation, before, "no reload for presence");
    // Leaving the incident says so at once.
    h.key(KeyCode::Esc);
    assert!(bram.present("bram", id, t0() + chrono::Duration::seconds(45)).unwrap().is_empty());
}

#[test]
fn the_incident_says_when_it_is_restricted() {
    let (dir, mut h) = seeded(2);
    let store = meldpunt::store::Store::open(&dir.path().join("meldpunt.db")).unwrap();
    store.restrict("lisa", t0(), 2, &["Network".into()]).unwrap();
    h.key(KeyCode::Enter); // the newest: 2
    let shown = h.screen();
    assert!(shown.contains("Restricted to Network"), "{shown}");
}

#[test]
fn a_pane_key_on_a_queue_row_opens_the_incident_and_acts_as_in_the_pane() {
    let (_dir, path) = temp_db();
    {
        let store = meldpunt::store::Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        for i in 1..=3 {
            let mut t = incident(&format!("Ticket number {i}"), "Kees Reporter");
            t.reporter.email = Some(format!("kees{i}@example.nl"));
            store.create_ticket("tester", t0(), &t).unwrap();
        }
    }
    let mut h = Harness::new(&path, "en", 100, 30);
    // The newest first: ticket 3. `t` writes a note on it, as in its pane.
    h.chars("t");
    assert_eq!(h.state.screen, Screen::Compose, "{:?}", h.state.message);
    assert_eq!(h.state.compose.as_ref().unwrap().ticket_id, 3);
    assert_eq!(h.state.detail.as_ref().unwrap().id, 3);
    h.key(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::Detail, "back to the incident the note was for");
    h.key(KeyCode::Esc);
    // `m` on the next row: a message to that ticket's reporter.
    h.key(KeyCode::Down);
    h.chars("m");
    let compose = h.state.compose.as_ref().expect("the message editor");
    assert_eq!(compose.ticket_id, 2);
    assert_eq!(compose.recipient.as_deref(), Some("kees2@example.nl"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    // `w` edits the selected ticket in the registration form.
    h.chars("w");
    assert_eq!(h.state.screen, Screen::Register, "{:?}", h.state.message);
}
