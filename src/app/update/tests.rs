//! The keys that keep a call and a ticket safe, through the pure update.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::app::testing::{on_ticket, row, state};
use crate::domain::Status;
use crate::domain::queue::{Cursor, QueueCounts, SortColumn};

fn press(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    update(s, Action::Key(KeyEvent::new(code, modifiers)))
}

fn ctrl(s: &mut AppState, c: char) -> Vec<Effect> {
    update(s, Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn typed(s: &mut AppState, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// The registration form with a name typed and the focus on the department list.
fn form_on_a_pick_list() -> AppState {
    let mut s = state("en");
    s.pick_lists.departments = vec!["Finance".into(), "Facilities".into()];
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.screen, Screen::Register);
    typed(&mut s, "Sanne Jansen");
    press(&mut s, KeyCode::Tab);
    let form = s.register.as_ref().unwrap();
    assert!(
        matches!(form.focused().input, crate::panes::register::state::Input::Pick(_)),
        "the department is a pick list"
    );
    assert!(form.list_open, "the list opens with the focus");
    s
}

#[test]
fn esc_closes_an_open_pick_list_and_keeps_the_form() {
    let mut s = form_on_a_pick_list();
    typed(&mut s, "fa");
    press(&mut s, KeyCode::Esc);
    let form = s.register.as_ref().expect("the form is still there");
    assert_eq!((s.screen, s.overlay), (Screen::Register, None));
    assert!(!form.list_open);
    assert!(form.is_dirty(), "what was typed is kept");
    // Only the next Esc asks about leaving the form.
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.overlay, Some(Overlay::Confirm(Question::DiscardForm)));
    // A closed list opens again with an arrow key.
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Down);
    assert!(s.register.as_ref().unwrap().list_open);
}

#[test]
fn enter_never_discards_only_y_or_j_does() {
    for (key, discarded) in [(KeyCode::Enter, false), (KeyCode::Esc, false), (KeyCode::Char('n'), false)]
        .into_iter()
        .chain([(KeyCode::Char('y'), true), (KeyCode::Char('j'), true)])
    {
        let mut s = form_on_a_pick_list();
        press(&mut s, KeyCode::Esc);
        press(&mut s, KeyCode::Esc);
        assert_eq!(s.overlay, Some(Overlay::Confirm(Question::DiscardForm)));
        press(&mut s, key);
        assert_eq!(s.overlay, None, "{key:?} answers");
        assert_eq!(s.register.is_none(), discarded, "{key:?}");
    }
}

#[test]
fn quitting_with_a_form_open_asks_and_enter_keeps_editing() {
    let mut s = form_on_a_pick_list();
    ctrl(&mut s, 'c');
    assert_eq!(s.overlay, Some(Overlay::Confirm(Question::QuitWithUnsavedForm)));
    press(&mut s, KeyCode::Enter);
    assert!(!s.quit && s.register.is_some());
    ctrl(&mut s, 'c');
    press(&mut s, KeyCode::Char('j'));
    assert!(s.quit, "j (ja) quits");
}

#[test]
fn cancelling_a_new_ticket_goes_back_where_it_was_started() {
    // From the queue, even while an incident is still loaded behind it.
    let mut s = on_ticket(state("en"), Status::InProgress);
    s.screen = Screen::Queue;
    press(&mut s, KeyCode::Char('n'));
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.screen, Screen::Queue);
    // From the incident pane: back to the incident.
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.screen, Screen::Register);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.screen, Screen::Detail);
}

fn set_status(effects: &[Effect]) -> Option<Status> {
    effects.iter().find_map(|e| match e {
        Effect::SetStatus { status, .. } => Some(*status),
        _ => None,
    })
}

#[test]
fn c_in_the_incident_pane_does_not_pause_the_sla_and_says_so() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    let effects = press(&mut s, KeyCode::Char('c'));
    assert_eq!(set_status(&effects), None);
    assert_eq!(s.overlay, None);
    let Some(Message::Info(text)) = &s.message else { panic!("no word about c: {:?}", s.message) };
    assert!(text.contains("c does nothing here") && text.contains("? shows the keys"), "{text}");
}

#[test]
fn resolve_and_the_wait_states_ask_first_in_the_queue_and_the_pane() {
    for (key, status) in [('R', Status::Resolved), ('C', Status::WaitingCustomer), ('U', Status::WaitingSupplier)] {
        // The same key in the incident pane and in the queue.
        let mut pane = on_ticket(state("nl"), Status::InProgress);
        let mut queue = state("nl");
        queue.queue.rows = vec![row(1)];
        for s in [&mut pane, &mut queue] {
            let effects = press(s, KeyCode::Char(key));
            assert_eq!(set_status(&effects), None, "{key} acts only after the question");
            assert!(
                matches!(s.overlay, Some(Overlay::Confirm(Question::SetStatus { status: st, .. })) if st == status)
            );
            assert_eq!(set_status(&press(s, KeyCode::Enter)), None, "Enter is not yes");
            assert_eq!(s.overlay, None);
            press(s, KeyCode::Char(key));
            assert_eq!(set_status(&press(s, KeyCode::Char('j'))), Some(status));
        }
    }
}

#[test]
fn reopening_an_open_ticket_says_why_nothing_happens() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    let effects = press(&mut s, KeyCode::Char('O'));
    assert!(effects.is_empty());
    let Some(Message::Info(text)) = &s.message else { panic!("silent: {:?}", s.message) };
    assert!(
        text.contains("Only a resolved or closed ticket can be reopened") && text.contains("“In progress”"),
        "{text}"
    );
    let mut s = on_ticket(state("nl"), Status::Resolved);
    press(&mut s, KeyCode::Char('R'));
    let Some(Message::Info(text)) = &s.message else { panic!("silent: {:?}", s.message) };
    assert!(text.contains("De melding is al “Opgelost”"), "{text}");
}

fn queue_of(s: &mut AppState, ids: std::ops::RangeInclusive<i64>, has_next: bool) {
    s.queue.rows = ids.map(row).collect();
    s.queue.page_size = s.queue.rows.len();
    s.queue.has_next = has_next;
    s.queue.loaded = true;
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_page() {
    let mut s = state("en");
    queue_of(&mut s, 1..=20, true);
    assert!(ctrl(&mut s, 'd').is_empty());
    assert_eq!(s.queue.selected, 10);
    // Past the page: the window slides half a page, the row half a page on.
    let effects = ctrl(&mut s, 'd');
    let Some(Effect::LoadPage { cursor: Cursor::From(key), .. }) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(key.id, 11);
    ctrl(&mut s, 'u');
    ctrl(&mut s, 'u');
    assert_eq!(s.queue.selected, 0);
}

#[test]
fn the_status_bar_knows_the_row_position_across_pages() {
    let mut s = state("en");
    let page = |rows: std::ops::RangeInclusive<i64>, cursor, has_prev| crate::app::action::PageResult {
        generation: 0,
        rows: rows.map(row).collect(),
        cursor,
        has_prev,
        has_next: true,
    };
    update(&mut s, Action::PageLoaded(page(1..=20, Cursor::First, false)));
    s.queue.counts = Some(QueueCounts { matching: 1204, open: 1204, any: true, ..Default::default() });
    s.queue.selected = 4;
    assert_eq!(s.queue.position(), Some((5, 1204, false)));
    // The next page, as the store gives it.
    update(&mut s, Action::PageLoaded(page(21..=40, Cursor::After(row(20).key), true)));
    s.queue.selected = 16;
    assert_eq!(s.queue.position(), Some((37, 1204, false)));
    assert_eq!((s.t().row_position)(37, 1204, false), "37/1,204");
    assert_eq!((state("nl").t().row_position)(37, 1204, false), "37/1.204");
}

#[test]
fn newest_first_by_age_points_up() {
    let mut s = state("en");
    s.queue.sort.column = SortColumn::Age;
    s.queue.sort.ascending = SortColumn::Age.natural_ascending();
    // Created ascending: the oldest first, the age going down.
    assert!(!s.queue.sort_arrow_up());
    s.queue.sort.ascending = !s.queue.sort.ascending;
    assert!(s.queue.sort_arrow_up(), "newest first is the age going up");
    s.queue.sort.column = SortColumn::Number;
    s.queue.sort.ascending = false;
    assert!(!s.queue.sort_arrow_up(), "other columns keep their arrow");
}

fn saved_draft(effects: &[Effect]) -> Option<&crate::app::draft::Draft> {
    effects.iter().find_map(|e| match e {
        Effect::SaveDraft(_, draft) => Some(draft),
        _ => None,
    })
}

fn value<'a>(draft: &'a crate::app::draft::Draft, field: &str) -> &'a str {
    draft.fields.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str()).unwrap_or_default()
}

#[test]
fn a_form_being_typed_is_kept_as_a_draft_and_removed_when_given_up() {
    let mut s = state("en");
    s.pick_lists.departments = vec!["Finance".into()];
    press(&mut s, KeyCode::Char('n'));
    let effects = press(&mut s, KeyCode::Char('S'));
    let draft = saved_draft(&effects).expect("the first change is kept at once");
    assert_eq!(value(draft, "reporter_name"), "S");
    let Some(Effect::SaveDraft(path, _)) = effects.iter().find(|e| matches!(e, Effect::SaveDraft(..))) else {
        unreachable!()
    };
    assert!(path.to_string_lossy().starts_with("meldpunt.db.draft-"), "{path:?}");
    // While typing goes on, not at every key; once it pauses, at the next tick.
    let quick: Vec<Effect> = "anne".chars().flat_map(|c| press(&mut s, KeyCode::Char(c))).collect();
    assert!(saved_draft(&quick).is_none());
    let later = s.now + chrono::Duration::seconds(3);
    let effects = update(&mut s, Action::Tick(later));
    assert_eq!(value(saved_draft(&effects).expect("written after the pause"), "reporter_name"), "Sanne");
    // Given up on purpose: the draft goes.
    press(&mut s, KeyCode::Esc);
    let effects = press(&mut s, KeyCode::Char('y'));
    assert!(effects.iter().any(|e| matches!(e, Effect::RemoveDraft(_))), "{effects:?}");
}

#[test]
fn a_draft_found_at_the_start_opens_the_form_with_it() {
    let mut s = state("nl");
    s.pick_lists.departments = vec!["Finance".into()];
    let fields = vec![
        ("reporter_name".to_string(), "Sanne Jansen".to_string()),
        ("department".to_string(), "Finance".to_string()),
        ("description".to_string(), "Eerste regel\nTweede regel".to_string()),
    ];
    let draft = crate::app::draft::Draft { saved_at: s.now, fields };
    let effects = update(&mut s, Action::DraftFound(draft));
    assert!(saved_draft(&effects).is_none(), "what is on disk is not written again");
    assert_eq!(s.screen, Screen::Register);
    let form = s.register.as_ref().unwrap();
    let ticket = form.to_new_ticket(&Default::default());
    assert_eq!(ticket.reporter.name, "Sanne Jansen");
    assert_eq!(ticket.reporter.department.as_deref(), Some("Finance"));
    assert_eq!(ticket.description, "Eerste regel\nTweede regel");
    let Some(Message::Info(text)) = &s.message else { panic!("{:?}", s.message) };
    assert!(text.contains("is terug") && text.contains("nog niet opgeslagen"), "{text}");
}

#[test]
fn keys_that_cannot_act_in_the_queue_say_why() {
    let mut s = state("en");
    s.queue.loaded = true;
    for key in ['R', 'W', 'a', 'i'] {
        s.message = None;
        assert!(press(&mut s, KeyCode::Char(key)).is_empty());
        assert_eq!(s.message, Some(Message::Info("No ticket is selected: the list is empty.".into())), "{key}");
    }
    s.queue.rows = vec![row(1)];
    assert!(press(&mut s, KeyCode::Char('d')).is_empty(), "no demo data on top of tickets");
    assert_eq!(s.message, Some(Message::Info("Demo data loads only into an empty database.".into())));
}

#[test]
fn enter_on_the_last_field_says_how_to_save_and_stores_nothing() {
    let mut s = state("en");
    press(&mut s, KeyCode::Char('n'));
    typed(&mut s, "Sanne Jansen");
    let last = s.register.as_ref().unwrap().fields.len() - 1;
    s.register.as_mut().unwrap().focus = last;
    let effects = press(&mut s, KeyCode::Enter);
    assert!(effects.iter().all(|e| !matches!(e, Effect::CreateTicket(_))), "{effects:?}");
    assert_eq!(s.screen, Screen::Register);
    let Some(Message::Info(said)) = &s.message else { panic!("{:?}", s.message) };
    assert!(said.contains("Ctrl-s"), "{said}");
}

#[test]
fn a_role_that_may_not_register_is_told_so_before_typing_a_call() {
    let mut s = state("en");
    s.permissions = Some(vec![crate::domain::access::Permission::Work]);
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.screen, Screen::Queue);
    assert!(s.register.is_none());
    let Some(Message::Info(said)) = &s.message else { panic!("{:?}", s.message) };
    assert!(said.contains("may not register"), "{said}");
}
