//! Answers that come while the user goes on: effects run beside the screen,
//! so an answer may find the user elsewhere than where they asked.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{answer, update};
use crate::app::action::{Action, DialogData, Failure, Origin, Outcome};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Screen};
use crate::app::testing::{on_ticket, state, ticket};
use crate::domain::Status;
use crate::panes::dialog::state::DialogKind;

fn press(s: &mut AppState, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    update(s, Action::Key(KeyEvent::new(code, modifiers)))
}

fn assign_dialog(id: i64) -> Action {
    Action::DialogLoaded(Box::new(DialogData {
        kind: DialogKind::Assign,
        ticket: Some(ticket(id, Status::InProgress)),
        teams: vec![crate::domain::people::TeamInfo {
            name: "Servicedesk".into(),
            line: 1,
            active: true,
            members: Vec::new(),
            open: Default::default(),
        }],
        agents: Vec::new(),
        problems: Vec::new(),
        articles: Vec::new(),
    }))
}

fn changed(id: i64) -> Action {
    Action::TicketChanged { id, outcome: Outcome::NoteAdded }
}

/// The answer to a pane's own save, as the workers give it back.
fn answer_to(s: &mut AppState, asked: &Effect, action: Action) -> Vec<Effect> {
    let Effect::Asked(ask, _) = asked else { panic!("a pane's save says whose it is: {asked:?}") };
    answer(s, Some(*ask), action)
}

/// Picks the first team and person in the assign dialog: it is saving.
fn assign_saved(s: &mut AppState) -> Effect {
    for _ in 0..3 {
        if let Some(saved) = press(s, KeyCode::Enter, KeyModifiers::NONE).pop() {
            assert!(s.dialog.as_ref().is_some_and(|d| d.saving.is_some()), "{saved:?}");
            return saved;
        }
    }
    panic!("no assignment asked for")
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
    // Nor does a change to its own ticket that it did not ask for (a note on
    // its way before the dialog was opened): what is chosen in it stays.
    update(&mut s, changed(1));
    assert!(s.dialog.is_some(), "the dialog on ticket 1 stays for the answer to its own save");
}

#[test]
fn only_its_own_answer_closes_a_saving_dialog() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    let saved = assign_saved(&mut s);
    // A status change asked before, now answered, for ticket 1 and for another.
    update(&mut s, Action::TicketChanged { id: 1, outcome: Outcome::Ticked });
    update(&mut s, changed(2));
    assert!(s.dialog.as_ref().is_some_and(|d| d.saving.is_some()), "still waiting for its own answer");
    // Work of no pane fails (a watcher on a busy file): the dialog cannot be saved twice.
    update(&mut s, Action::Failed(Origin::Other, Failure::Stopped));
    assert!(s.dialog.as_ref().is_some_and(|d| d.saving.is_some()));
    assert!(press(&mut s, KeyCode::Enter, KeyModifiers::NONE).is_empty(), "no second save");
    // Its own answer: refused, it can be used again; stored, it closes.
    answer_to(&mut s, &saved, Action::Failed(Origin::Other, Failure::Stopped));
    assert!(s.dialog.as_ref().is_some_and(|d| d.saving.is_none()));
    let saved = assign_saved(&mut s);
    answer_to(&mut s, &saved, changed(1));
    assert!(s.dialog.is_none());
}

/// The incident pane with a note written and saved (Ctrl-S): it is on its
/// way, as this effect.
fn note_on_its_way() -> (AppState, Effect) {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Compose);
    for c in "Called back".chars() {
        press(&mut s, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let mut effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let note = effects.pop().expect("the note");
    assert!(effects.is_empty());
    let (_, inner) = note.clone().take_ask();
    assert_eq!(inner, Effect::AddNote { id: 1, body: "Called back".into() });
    (s, note)
}

#[test]
fn a_note_on_its_way_can_be_left_and_is_gone_once_stored() {
    let (mut s, note) = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!((s.screen, s.overlay), (Screen::Detail, None), "left without a question: it is being saved");
    assert!(s.compose.as_ref().is_some_and(|c| c.saving.is_some()));
    // Quitting now asks nothing either: what is under way is waited for.
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit);
    answer_to(&mut s, &note, changed(1));
    assert!(s.compose.is_none());
    assert_eq!(s.screen, Screen::Detail, "the user stays where they went");
}

#[test]
fn a_note_left_on_its_way_comes_back_when_it_is_refused() {
    let (mut s, note) = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    answer_to(&mut s, &note, Action::Failed(Origin::Other, Failure::Stopped));
    assert_eq!(s.screen, Screen::Compose, "what was typed is shown again");
    let compose = s.compose.as_ref().unwrap();
    assert!(compose.saving.is_none());
    assert_eq!(compose.body_text(), "Called back");
    assert_eq!(s.message, Some(Message::Error(s.t().busy.stopped.into())));
}

#[test]
fn a_second_note_waits_for_the_first_on_its_way() {
    let (mut s, note) = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // The note key shows the one on its way again, rather than a new one over it.
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Compose);
    assert_eq!(s.compose.as_ref().unwrap().body_text(), "Called back");
    press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(s.compose.as_ref().unwrap().body_text(), "Called back", "nothing is typed into it meanwhile");
    answer_to(&mut s, &note, changed(1));
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
    let (mut s, note) = note_on_its_way();
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // A page load on the other lane fails meanwhile.
    update(&mut s, Action::Failed(Origin::Other, Failure::Stopped));
    assert_eq!(s.screen, Screen::Detail, "the note is not given back: it is still on its way");
    assert!(s.compose.as_ref().is_some_and(|c| c.saving.is_some()));
    // Nor does another note's answer for the same ticket take it away.
    update(&mut s, changed(1));
    assert!(s.compose.as_ref().is_some_and(|c| c.saving.is_some()));
    answer_to(&mut s, &note, changed(1));
    assert!(s.compose.is_none(), "stored once, and only once");
}

#[test]
fn a_note_stored_for_one_ticket_leaves_a_dialog_saving_on_another_open() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    update(&mut s, assign_dialog(1));
    assign_saved(&mut s);
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
