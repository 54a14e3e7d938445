//! Editing a registered ticket from the incident pane, and pick lists that
//! never drop what was typed, through the pure update.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::app::action::{Action, Outcome};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Screen};
use crate::app::testing::{answer_to, on_ticket, plain, state};
use crate::domain::access::Permission;
use crate::domain::{Field, Status};

fn press(s: &mut AppState, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    update(s, Action::Key(KeyEvent::new(code, modifiers)))
}

fn typed(s: &mut AppState, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn w_opens_the_ticket_in_its_form_and_saving_sends_only_the_change_on_its_version() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Register);
    let form = s.register.as_ref().expect("the form opens");
    assert_eq!(form.focused().field, Field::Title, "the title is where corrections start");
    typed(&mut s, " every hour");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let edit =
        Effect::EditTicket { id: 1, version: 3, edits: vec![(Field::Title, Some("VPN drops every hour".into()))] };
    assert_eq!(plain(&effects), vec![edit]);
    // Stored: back on the incident, which loads again with the change.
    let effects =
        answer_to(&mut s, &effects, Action::TicketChanged { id: 1, outcome: Outcome::Edited(vec![Field::Title]) });
    assert_eq!((s.screen, s.register.is_none()), (Screen::Detail, true));
    assert!(effects.contains(&Effect::LoadTicket(1)), "{effects:?}");
}

#[test]
fn an_unchanged_edit_saves_nothing_and_a_role_without_the_right_is_told_why() {
    let mut s = on_ticket(state("nl"), Status::New);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.screen, Screen::Detail);
    assert_eq!(s.message, Some(Message::Info("Niets gewijzigd.".into())));

    let mut s = on_ticket(state("en"), Status::New);
    s.permissions = Some(vec![Permission::Work, Permission::Assign]);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Detail);
    assert!(matches!(&s.message, Some(Message::Error(m)) if m.contains("may not change")), "{:?}", s.message);
    assert!(!crate::panes::detail::hints::detail(&s).iter().any(|h| h.command == crate::keymap::Command::Edit));
}

#[test]
fn a_stale_edit_is_a_conflict_whose_answer_keeps_mine_on_the_new_version_or_drops_the_form() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    typed(&mut s, "!");
    let saved = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let conflict = crate::app::action::Conflict {
        id: 1,
        edit: plain(&saved)[0].clone(),
        version: 4,
        fields: vec![(Field::Title, Some("VPN drops!".into()), Some("VPN is down".into()))],
        changed_by: "bram".into(),
        changed_at: chrono::Utc::now(),
        unshared: None,
        asked_by: None,
    };
    answer_to(&mut s, &saved, Action::Conflict(Box::new(conflict.clone())));
    // Mine: the same edit, on the version there is now, still the form's save.
    let effects = press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    let mine = Effect::EditTicket { id: 1, version: 4, edits: vec![(Field::Title, Some("VPN drops!".into()))] };
    assert_eq!(plain(&effects), vec![mine]);
    assert!(s.register.as_ref().is_some_and(|f| f.saving.is_some()), "the form waits for it");
    // Theirs: the form, based on the old version, goes.
    answer_to(&mut s, &effects, Action::Conflict(Box::new(conflict)));
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!((s.screen, s.register.is_none()), (Screen::Detail, true));
}

/// A stale edit: the fields only I changed need no question and are never
/// lost; only what both changed is asked.
#[test]
fn a_stale_edit_asks_only_about_the_fields_both_changed_and_keeps_the_rest() {
    let mut s = on_ticket(state("en"), Status::InProgress);
    let read = s.detail.as_ref().unwrap().ticket.clone().unwrap();
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    typed(&mut s, "!");
    let saved = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let edit = plain(&saved).remove(0);
    let title = format!("{}!", read.title);
    let conflict = |title_now: &str| crate::app::action::Conflict {
        id: 1,
        edit: Effect::EditTicket {
            id: 1,
            version: read.version,
            edits: vec![(Field::Title, Some(title.clone())), (Field::ReporterName, Some("Piet".into()))],
        },
        version: 9,
        fields: vec![
            (Field::Title, Some(title.clone()), Some(title_now.to_string())),
            (Field::ReporterName, Some("Piet".into()), Some(read.reporter.name.clone())),
        ],
        changed_by: "bram".into(),
        changed_at: chrono::Utc::now(),
        unshared: None,
        asked_by: None,
    };
    assert!(matches!(edit, Effect::EditTicket { .. }));
    // The other changed something else: mine goes on, on the new version, unasked.
    let effects = answer_to(&mut s, &saved, Action::Conflict(Box::new(conflict(&read.title))));
    let both = vec![(Field::Title, Some(title.clone())), (Field::ReporterName, Some("Piet".into()))];
    assert_eq!(plain(&effects), vec![Effect::EditTicket { id: 1, version: 9, edits: both }]);
    assert!(s.overlay.is_none());
    // The other changed the title too: only the title is asked, and "theirs"
    // still stores my reporter.
    answer_to(&mut s, &effects, Action::Conflict(Box::new(conflict("VPN is down"))));
    assert_eq!(s.conflict.as_ref().unwrap().fields.len(), 1);
    let effects = press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    let mine = vec![(Field::ReporterName, Some("Piet".into()))];
    assert_eq!(plain(&effects), vec![Effect::EditTicket { id: 1, version: 9, edits: mine }]);
    // Stored: the form that asked goes.
    answer_to(&mut s, &effects, Action::TicketChanged { id: 1, outcome: Outcome::Edited(vec![Field::ReporterName]) });
    assert!(s.register.is_none());
}

/// The registration form with the focus on the department list.
fn on_department(lang: &str, permissions: Option<Vec<Permission>>) -> AppState {
    let mut s = state(lang);
    s.permissions = permissions;
    s.pick_lists.departments = vec!["Facilities".into(), "Finance".into(), "HR".into()];
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    typed(&mut s, "Sanne Jansen");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(s.register.as_ref().unwrap().focused().field, Field::Department);
    s
}

#[test]
fn a_seed_department_is_found_by_its_dutch_name_and_stored_by_its_stable_one() {
    let mut s = on_department("nl", None);
    typed(&mut s, "Financiën");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    let form = s.register.as_ref().unwrap();
    assert_eq!(form.focused().field, Field::ReporterPhone, "the department was taken");
    assert_eq!(form.value(Field::Department).as_deref(), Some("Finance"));
}

#[test]
fn text_that_matches_nothing_keeps_the_focus_says_so_and_can_be_added_by_an_admin() {
    let mut s = on_department("en", None);
    typed(&mut s, "Kantine");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    let form = s.register.as_ref().unwrap();
    assert_eq!(form.focused().field, Field::Department, "the focus stays");
    assert!(form.unmatched);
    let Some(Message::Error(said)) = &s.message else { panic!("{:?}", s.message) };
    assert!(said.contains("“Kantine” is not in the list") && said.contains("Ctrl-n adds it"), "{said}");
    // Saving does not drop it either.
    assert!(press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL).is_empty());
    assert_eq!(s.register.as_ref().unwrap().focused().field, Field::Department);

    let effects = press(&mut s, KeyCode::Char('n'), KeyModifiers::CONTROL);
    let list = crate::domain::reference::ChoiceList::Department;
    assert_eq!(plain(&effects), vec![Effect::AddChoice { field: Field::Department, list, name: "Kantine".into() }]);
    let mut lists = s.pick_lists.clone();
    lists.departments.push("Kantine".into());
    answer_to(&mut s, &effects, Action::ChoiceAdded { field: Field::Department, name: "Kantine".into(), lists });
    let form = s.register.as_ref().unwrap();
    assert_eq!(form.value(Field::Department).as_deref(), Some("Kantine"));
    assert!(!form.unmatched);
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(s.register.as_ref().unwrap().focused().field, Field::ReporterPhone);
}

#[test]
fn an_operator_who_may_not_add_is_told_whom_to_ask_and_esc_clears_the_text() {
    let mut s = on_department("nl", Some(vec![Permission::Register, Permission::Classify]));
    typed(&mut s, "Kantine");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let Some(Message::Error(said)) = &s.message else { panic!("{:?}", s.message) };
    assert!(said.contains("staat niet in de lijst") && !said.contains("Ctrl-n"), "{said}");
    assert!(press(&mut s, KeyCode::Char('n'), KeyModifiers::CONTROL).is_empty());
    assert!(matches!(&s.message, Some(Message::Error(m)) if m.contains("beheerder")), "{:?}", s.message);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    let form = s.register.as_ref().unwrap();
    assert!(!form.unmatched && form.value(Field::Department).is_none());
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(s.register.as_ref().unwrap().focused().field, Field::ReporterPhone);
}

#[test]
fn the_wizard_refuses_letters_that_match_nothing_and_an_admin_adds_them_there() {
    let mut s = on_ticket(state("en"), Status::New);
    s.pick_lists.services = vec!["E-mail".into(), "VPN".into()];
    let detail = crate::app::action::TicketDetail {
        ticket: crate::app::testing::ticket(1, Status::New),
        events: Vec::new(),
        entries: Vec::new(),
        sla: None,
        handling: None,
        children: Vec::new(),
        closing: Default::default(),
    };
    update(&mut s, Action::WizardLoaded(Box::new(detail)));
    s.wizard.as_mut().unwrap().step = crate::panes::wizard::state::Step::Service;
    typed(&mut s, "Printing");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(s.wizard.as_ref().unwrap().step, crate::panes::wizard::state::Step::Service, "not dropped, not on");
    let Some(Message::Error(said)) = &s.message else { panic!("{:?}", s.message) };
    assert!(said.contains("“Printing” is not in the list") && said.contains("Ctrl-n adds it"), "{said}");
    let effects = press(&mut s, KeyCode::Char('n'), KeyModifiers::CONTROL);
    let list = crate::domain::reference::ChoiceList::Service;
    assert_eq!(plain(&effects), vec![Effect::AddChoice { field: Field::Service, list, name: "Printing".into() }]);
    let mut lists = s.pick_lists.clone();
    lists.services.push("Printing".into());
    answer_to(&mut s, &effects, Action::ChoiceAdded { field: Field::Service, name: "Printing".into(), lists });
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let wizard = s.wizard.as_ref().unwrap();
    assert_eq!((wizard.step, wizard.service.value()), (crate::panes::wizard::state::Step::Impact, Some("Printing")));
}
