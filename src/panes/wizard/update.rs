//! Keys and results of the classification wizard.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::action::TicketDetail;
use crate::app::effect::Effect;
use crate::app::state::{AppState, DetailState, Message, Screen};
use crate::domain::sla::History;
use crate::domain::{EventKind, Priority, Ticket};
use crate::keymap::Command;
use crate::panes::queue::update as queue;
use crate::panes::wizard::state::{Step, Wizard};

/// The ticket is loaded: open the wizard on it.
pub fn loaded(state: &mut AppState, loaded: TicketDetail) -> Vec<Effect> {
    let ticket = &loaded.ticket;
    let changes = loaded.events.iter().filter(|e| e.kind == EventKind::Changed && e.field.as_deref() == Some("status"));
    let history = History::from_status_changes(
        ticket.created_at,
        ticket.status,
        changes.map(|e| (e.at, e.old.as_deref(), e.new.as_deref())),
        loaded.entries.iter().filter(|e| e.reached_the_reporter()).map(|e| e.at).collect(),
    );
    let t = state.t();
    let language = state.ctx.language.code();
    state.wizard =
        Some(Wizard::new(ticket, history, &state.pick_lists, &state.ctx.policy.matrix, language, t.empty_value));
    state.screen = Screen::Wizard;
    Vec::new()
}

/// The classification is stored: show the ticket with its clocks.
pub fn saved(state: &mut AppState, ticket: Ticket) -> Vec<Effect> {
    let number = state.ctx.numbers.format(ticket.id);
    let t = state.t();
    let priority = ticket.priority.map(|p| format!("{p} {}", t.priority_name(p.get()))).unwrap_or_default();
    state.message = Some(Message::Info((t.classified)(&number, &priority)));
    state.wizard = None;
    let id = ticket.id;
    state.detail = Some(DetailState { ticket: Some(ticket), ..DetailState::loading(id) });
    state.screen = Screen::Detail;
    let mut effects = vec![Effect::LoadTicket(id)];
    effects.extend(queue::reload_in_place(state));
    effects
}

pub fn close(state: &mut AppState) {
    state.wizard = None;
    state.screen = if state.detail.is_some() { Screen::Detail } else { Screen::Queue };
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let t = state.t();
    let empty = t.empty_value;
    let add_key = state.ctx.keymap.key_for(crate::keymap::Layer::Wizard, Command::AddChoice);
    let may_add = state.may(crate::domain::access::Permission::ReferenceData);
    let matrix = state.ctx.policy.matrix.clone();
    let Some(wizard) = state.wizard.as_mut() else { return Vec::new() };
    if wizard.saving.is_some() {
        return Vec::new();
    }
    match command {
        Command::Cancel => close(state),
        Command::Up | Command::Down => {
            if let Some(list) = wizard.list_mut() {
                list.move_highlight(if command == Command::Down { 1 } else { -1 });
            }
        }
        Command::StepBack => {
            let typed = match wizard.step {
                Step::Result => wizard.reason.pop().is_some(),
                _ if wizard.number.pop().is_some() => {
                    let n = wizard.number.parse().unwrap_or(0);
                    if !wizard.pick_number(n)
                        && let Some(list) = wizard.list_mut()
                    {
                        list.highlight_chosen();
                    }
                    true
                }
                _ => wizard.list_mut().is_some_and(|l| l.filter.pop().is_some()),
            };
            if !typed {
                wizard.step_back();
            }
        }
        Command::OverridePriority if wizard.step == Step::Result => wizard.cycle_priority(&matrix),
        Command::AddChoice => return add_choice(state),
        Command::Confirm if wizard.step == Step::Result => return save(state),
        Command::Confirm => {
            // Letters that match nothing are not silently dropped.
            if let Some(list) = wizard.list()
                && !list.filter.trim().is_empty()
                && list.matches().is_empty()
            {
                let typed = crate::domain::text::inert(list.filter.trim()).into_owned();
                let back = state.ctx.keymap.name(crate::keymap::Layer::Wizard, Command::StepBack);
                let words = match add_key {
                    Some(key) if may_add && wizard.field().is_some() => {
                        (t.edit.wizard_not_in_list_add)(&typed, &back, &key.to_string())
                    }
                    _ => (t.edit.wizard_not_in_list)(&typed, &back),
                };
                state.message = Some(Message::Error(words));
                return Vec::new();
            }
            wizard.confirm_step(&state.pick_lists, empty)
        }
        _ => {}
    }
    Vec::new()
}

/// Adds the letters typed into the step's list to that list, for whom may
/// add reference data.
fn add_choice(state: &mut AppState) -> Vec<Effect> {
    let may = state.may(crate::domain::access::Permission::ReferenceData);
    let t = state.t();
    let Some(wizard) = state.wizard.as_mut() else { return Vec::new() };
    let name = wizard.list().map(|l| l.filter.trim().to_string()).unwrap_or_default();
    let category = wizard.category.value().map(str::to_string);
    let field = wizard.field();
    let list = field.and_then(|f| crate::domain::reference::ChoiceList::of(f, category.as_deref()));
    match (field, list) {
        (Some(field), Some(list)) if may && !name.is_empty() => {
            let ask = crate::app::effect::Ask::next(&mut state.asks);
            wizard.saving = Some(ask);
            vec![Effect::AddChoice { field, list, name }.asked(ask)]
        }
        _ => {
            let refusal = if may { t.edit.add_nothing } else { t.edit.ask_admin };
            state.message = Some(Message::Error(refusal.to_string()));
            Vec::new()
        }
    }
}

fn save(state: &mut AppState) -> Vec<Effect> {
    let t = state.t();
    let Some(wizard) = state.wizard.as_mut() else { return Vec::new() };
    let Some(classification) = wizard.classification() else { return Vec::new() };
    if let Err(e) = classification.priority(&state.ctx.policy.matrix) {
        let text = match e {
            crate::domain::classification::ClassificationError::ReasonRequired => {
                t.form.wizard_reason_required.to_string()
            }
            crate::domain::classification::ClassificationError::NoCell(impact, urgency) => {
                (t.refusals.no_cell)(impact, urgency)
            }
            crate::domain::classification::ClassificationError::Unclassified => {
                t.work.err_priority_unclassified.to_string()
            }
        };
        state.message = Some(Message::Error(text));
        return Vec::new();
    }
    let ask = crate::app::effect::Ask::next(&mut state.asks);
    wizard.saving = Some(ask);
    let effect =
        Effect::Classify { id: wizard.ticket_id, version: wizard.version, classification: Box::new(classification) };
    vec![effect.asked(ask)]
}

/// Typed characters: a digit picks an option (or a priority in the result
/// step), letters narrow the list (or write the reason for an override).
pub fn input(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let empty = state.t().empty_value;
    let matrix = state.ctx.policy.matrix.clone();
    let Some(wizard) = state.wizard.as_mut() else { return Vec::new() };
    if wizard.saving.is_some() || key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return Vec::new();
    }
    let KeyCode::Char(c) = key.code else { return Vec::new() };
    match wizard.step {
        Step::Result => match c.to_digit(10).and_then(|d| Priority::new(d as u8)) {
            Some(p) if wizard.reason.is_empty() => wizard.choose_priority(p, &matrix),
            _ if wizard.override_priority.is_some() => wizard.reason.push(c),
            _ => {}
        },
        _ => match c.to_digit(10) {
            Some(d) if wizard.list().is_some_and(|l| l.filter.is_empty()) => {
                wizard.type_digit(d, &state.pick_lists, empty);
            }
            _ if !wizard.number.is_empty() => {}
            _ => {
                if let Some(list) = wizard.list_mut() {
                    list.type_char(c);
                }
            }
        },
    }
    Vec::new()
}
