//! Answers that come while the user goes on: effects run beside the screen,
//! so an answer may find the user elsewhere than where they asked.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::app::action::{Action, DialogData, Failure, Origin, Outcome};
use crate::app::dialog::DialogKind;
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Screen};
use crate::app::testing::{on_ticket, state, ticket};
use crate::domain::Status;

fn press(s: &mut AppState, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    update(s, Action::Key(KeyEvent::new(code, modifiers)))
}

fn assign_dialog(id: i64) -> Action {
    Action::DialogLoaded(Box::new(DialogData {
        kind: DialogKind::Assign,
        ticket: Some(ticket(id, Status::InProgress)),
        teams: Vec::new(),
        agents: Vec::new(),
        problems: Vec::new(),
        articles: Vec::new(),
    }))
}

fn changed(id: i64) -> Action {
    Action::TicketChanged { id, outcome: Outcome::NoteAdded }
}

#[test]
fn a_dialog_answered_after_the_user_left_does_not_open() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    let asked = press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(asked.contains(&Effect::LoadDialog { kind: DialogKind::Assign, id: 1 }), "{asked:?}");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Queue);
    update(&mut s, assign_dialog(1));
    assert!(s.dialog.is_none(), "the user left the incident: nothing pops up over the queue");

    // Still there, it opens.
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    assert!(s.dialog.as_ref().is_some_and(|d| d.ticket_id == 1));
}

#[test]
fn a_change_to_another_ticket_leaves_the_open_dialog_alone() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    // A message to ticket 2, sent before, is delivered now.
    update(&mut s, changed(2));
    assert!(s.dialog.is_some(), "the dialog on ticket 1 stays");
    assert_eq!(s.message, Some(Message::Info(s.t().note_added.into())));
    update(&mut s, changed(1));
    assert!(s.dialog.is_none(), "a change to its own ticket closes it");
}

/// The incident pane with a note written and saved (Ctrl-S): it is on its way.
fn note_on_its_way() -> AppState {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Compose);
    for c in "Called back".chars() {
        press(&mut s, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(effects, vec![Effect::AddNote { id: 1, body: "Called back".into() }]);
    s
}

#[test]
fn a_note_on_its_way_can_be_left_and_is_gone_once_stored() {
    let mut s = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!((s.screen, s.overlay), (Screen::Detail, None), "left without a question: it is being saved");
    assert!(s.compose.as_ref().is_some_and(|c| c.saving));
    // Quitting now asks nothing either: what is under way is waited for.
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit);
    update(&mut s, changed(1));
    assert!(s.compose.is_none());
    assert_eq!(s.screen, Screen::Detail, "the user stays where they went");
}

#[test]
fn a_note_left_on_its_way_comes_back_when_it_is_refused() {
    let mut s = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    update(&mut s, Action::Failed(Origin::Message(1), Failure::Stopped));
    assert_eq!(s.screen, Screen::Compose, "what was typed is shown again");
    let compose = s.compose.as_ref().unwrap();
    assert!(!compose.saving);
    assert_eq!(compose.body_text(), "Called back");
    assert_eq!(s.message, Some(Message::Error(s.t().busy.stopped.into())));
}

#[test]
fn a_second_note_waits_for_the_first_on_its_way() {
    let mut s = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // The note key shows the one on its way again, rather than a new one over it.
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Compose);
    assert_eq!(s.compose.as_ref().unwrap().body_text(), "Called back");
    press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(s.compose.as_ref().unwrap().body_text(), "Called back", "nothing is typed into it meanwhile");
    update(&mut s, changed(1));
    assert_eq!((s.screen, s.compose.is_none()), (Screen::Detail, true));
}

#[test]
fn keys_work_while_demo_data_loads_and_it_is_loaded_once() {
    let mut s = state("en");
    s.empty_database = true;
    let count = s.ctx.demo_count;
    assert_eq!(press(&mut s, KeyCode::Char('d'), KeyModifiers::NONE), vec![Effect::LoadDemo { count }]);
    assert!(s.busy.is_some());
    assert!(press(&mut s, KeyCode::Char('d'), KeyModifiers::NONE).is_empty(), "under way already");
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Register, "a call can be taken meanwhile");
}

#[test]
fn a_failure_of_other_work_leaves_a_note_on_its_way_alone() {
    let mut s = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // A page load on the other lane fails meanwhile.
    update(&mut s, Action::Failed(Origin::Other, Failure::Stopped));
    assert_eq!(s.screen, Screen::Detail, "the note is not given back: it is still on its way");
    assert!(s.compose.as_ref().is_some_and(|c| c.saving));
    update(&mut s, changed(1));
    assert!(s.compose.is_none(), "stored once, and only once");
}

#[test]
fn a_note_stored_for_one_ticket_leaves_a_dialog_saving_on_another_open() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    s.dialog.as_mut().unwrap().saving = true;
    update(&mut s, changed(2));
    assert!(s.dialog.is_some(), "the note on ticket 2 says nothing about the assignment of ticket 1");
}

#[test]
fn a_dialog_asked_for_on_one_incident_does_not_open_over_the_next() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    // The user moves on to ticket 8 and asks there too, before ticket 1's answer came.
    let detail = s.detail.as_mut().unwrap();
    detail.id = 8;
    detail.ticket = Some(ticket(8, Status::InProgress));
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    assert!(s.dialog.is_none(), "ticket 1's dialog does not open over ticket 8");
    update(&mut s, assign_dialog(8));
    assert!(s.dialog.as_ref().is_some_and(|d| d.ticket_id == 8));
}
