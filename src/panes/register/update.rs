//! The registration form: typing, moving between fields, saving.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::effect::Effect;
use crate::app::state::{AppState, DetailState, Message, Overlay, Question, Screen};
use crate::domain::text::as_typed;
use crate::domain::{Field, Ticket};
use crate::keymap::{Command, Layer};
use crate::panes::queue::update as queue;
use crate::panes::register::state::{Input, RegisterForm};

pub fn open(state: &mut AppState) -> Vec<Effect> {
    // Said before a whole call is typed, not when it is saved.
    if state.ctx.read_only {
        state.message = Some(Message::Error(state.t().err.read_only.to_string()));
        return Vec::new();
    }
    if state.permissions.is_some() && !state.may(crate::domain::access::Permission::Register) {
        state.message = Some(Message::Info(state.t().edit.may_not_register.to_string()));
        return Vec::new();
    }
    if state.register.is_none() {
        let mut form =
            RegisterForm::new(state.t(), &state.pick_lists, &state.ctx.policy.matrix, state.ctx.language.code());
        form.came_from = state.screen;
        state.register = Some(form);
    }
    state.screen = Screen::Register;
    Vec::new()
}

/// The same form on the ticket of the incident pane, pre-filled, with the
/// fields the user's role may change.
pub fn edit(state: &mut AppState) -> Vec<Effect> {
    let Some(ticket) = state.detail.as_ref().and_then(|d| d.ticket.clone()) else { return Vec::new() };
    if state.register.is_some() {
        state.screen = Screen::Register;
        return Vec::new();
    }
    let language = state.ctx.language.code();
    let form = crate::panes::register::edit::form(state.t(), &state.pick_lists, language, &ticket, |p| state.may(p));
    match form {
        Some(mut form) => {
            form.came_from = Screen::Detail;
            state.register = Some(form);
            state.screen = Screen::Register;
        }
        None if state.ctx.read_only => state.message = Some(Message::Error(state.t().err.read_only.to_string())),
        None => state.message = Some(Message::Error(state.t().edit.not_allowed.to_string())),
    }
    Vec::new()
}

/// Leaves the form, throwing its input away: back where the user came from.
pub fn close(state: &mut AppState) {
    let came_from = state.register.take().map(|f| f.came_from);
    state.screen = match came_from {
        Some(Screen::Detail) if state.detail.is_some() => Screen::Detail,
        _ => Screen::Queue,
    };
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let Some(form) = state.register.as_mut() else {
        return Vec::new();
    };
    if form.saving.is_some() {
        return Vec::new();
    }
    let on_text = matches!(form.focused().input, Input::Text(_));
    let list_closed = matches!(form.focused().input, Input::Pick(_)) && !form.list_open;
    match command {
        Command::NextField => move_focus(state, 1),
        Command::PrevField => move_focus(state, -1),
        Command::Down | Command::Up => {
            let delta = if command == Command::Down { 1 } else { -1 };
            if list_closed {
                // A closed list opens again where it was.
                form.list_open = true;
                return Vec::new();
            }
            match &mut form.focused_mut().input {
                Input::Pick(pick) => pick.move_highlight(delta),
                Input::Text(area) if on_text => {
                    let code = if delta > 0 { KeyCode::Down } else { KeyCode::Up };
                    area.input(KeyEvent::from(code));
                }
                _ => return move_focus(state, delta),
            }
            Vec::new()
        }
        Command::Save => save(state),
        Command::AddChoice => add_choice(state),
        // An open pick list closes first, keeping what was chosen before.
        Command::Cancel if form.list_open && matches!(form.focused().input, Input::Pick(_)) => {
            form.list_open = false;
            form.unmatched = false;
            if let Input::Pick(pick) = &mut form.focused_mut().input {
                pick.filter.clear();
                pick.highlight_chosen();
            }
            Vec::new()
        }
        Command::Cancel => {
            if form.is_dirty() {
                state.overlay = Some(Overlay::Confirm(Question::DiscardForm));
            } else {
                close(state);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Takes what was typed into a pick list before the focus moves on. False
/// when the typed text matches nothing: it is kept, and the field says so.
fn settle_focused(state: &mut AppState) -> bool {
    let t = state.t();
    let may_add = state.may(crate::domain::access::Permission::ReferenceData);
    let add_key = state.ctx.keymap.key_for(crate::keymap::Layer::Form, Command::AddChoice).map(|k| k.to_string());
    let Some(form) = state.register.as_mut() else { return true };
    let field = form.focused().field;
    let addable = crate::domain::reference::ChoiceList::of(field, Some("")).is_some();
    if let Input::Pick(pick) = &mut form.focused_mut().input {
        if !pick.filter.trim().is_empty() && pick.matches().is_empty() {
            let typed = crate::domain::text::inert(pick.filter.trim()).into_owned();
            form.unmatched = true;
            form.list_open = true;
            let clear = state.ctx.keymap.name(crate::keymap::Layer::Form, Command::Cancel);
            let words = match add_key {
                Some(key) if may_add && addable => (t.edit.not_in_list_add)(&typed, &clear, &key),
                _ => (t.edit.not_in_list)(&typed, &clear),
            };
            state.message = Some(Message::Error(words));
            return false;
        }
        // The highlighted option is the choice, whether typed or moved to.
        pick.accept();
        if field == Field::Category {
            form.refresh_subcategories(t, &state.pick_lists);
        }
    }
    form.unmatched = false;
    form.revalidate(&state.ctx.policy.matrix);
    true
}

/// Adds what was typed into the focused pick list to that list, for whom
/// may add reference data.
fn add_choice(state: &mut AppState) -> Vec<Effect> {
    use crate::domain::access::Permission;
    let may = state.may(Permission::ReferenceData);
    let t = state.t();
    let Some(form) = state.register.as_mut() else { return Vec::new() };
    let field = form.focused().field;
    let Input::Pick(pick) = &form.focused().input else { return Vec::new() };
    let name = pick.filter.trim().to_string();
    let category = form.value(Field::Category);
    let list = crate::domain::reference::ChoiceList::of(field, category.as_deref());
    let refusal = match (&list, name.is_empty(), may) {
        (None, _, _) | (_, true, _) => t.edit.add_nothing,
        (_, _, false) => t.edit.ask_admin,
        _ => "",
    };
    if !refusal.is_empty() {
        state.message = Some(Message::Error(refusal.to_string()));
        return Vec::new();
    }
    let ask = crate::app::effect::Ask::next(&mut state.asks);
    form.saving = Some(ask);
    list.map(|list| Effect::AddChoice { field, list, name }.asked(ask)).into_iter().collect()
}

/// The value is in its list now: the field chooses it.
pub fn choice_added(
    state: &mut AppState,
    field: Field,
    name: &str,
    lists: crate::domain::reference::PickLists,
) -> Vec<Effect> {
    state.pick_lists = lists;
    let t = state.t();
    state.message = Some(Message::Info((t.edit.added)(name)));
    if state.screen == Screen::Wizard
        && let Some(wizard) = state.wizard.as_mut()
    {
        wizard.saving = None;
        wizard.added(&state.pick_lists, field, name, t.empty_value);
        return Vec::new();
    }
    let Some(form) = state.register.as_mut() else { return Vec::new() };
    form.saving = None;
    let lists = &state.pick_lists;
    let names = match field {
        Field::Department => Some(lists.departments.clone()),
        Field::Service => Some(lists.services.clone()),
        Field::Category => Some(lists.category_names()),
        _ => None,
    };
    if let Some(i) = form.index_of(field) {
        match names {
            Some(names) => {
                form.fields[i].input = Input::Pick(crate::app::picklist::PickList::named(t.empty_value, &names, t.code))
            }
            None => form.refresh_subcategories(t, lists),
        }
        if let Input::Pick(pick) = &mut form.fields[i].input {
            pick.filter.clear();
            pick.choose_value(Some(name));
            pick.highlight_chosen();
        }
    }
    if field == Field::Category {
        form.refresh_subcategories(t, lists);
    }
    form.unmatched = false;
    form.list_open = false;
    form.revalidate(&state.ctx.policy.matrix);
    Vec::new()
}

fn move_focus(state: &mut AppState, delta: isize) -> Vec<Effect> {
    if !settle_focused(state) {
        return Vec::new();
    }
    let Some(form) = state.register.as_mut() else {
        return Vec::new();
    };
    let n = form.fields.len() as isize;
    form.focus = (form.focus as isize + delta).rem_euclid(n) as usize;
    if let Input::Pick(pick) = &mut form.focused_mut().input {
        pick.highlight_chosen();
    }
    form.list_open = matches!(form.focused().input, Input::Pick(_));
    // Leaving a field is the moment to look for knowledge that may help.
    let query = form.knowledge_query();
    if query.is_some() && query != form.suggested_for {
        form.suggested_for = query.clone();
        return query.map(Effect::SuggestKnowledge).into_iter().collect();
    }
    Vec::new()
}

fn save(state: &mut AppState) -> Vec<Effect> {
    if !settle_focused(state) {
        return Vec::new();
    }
    let matrix = state.ctx.policy.matrix.clone();
    let Some(form) = state.register.as_mut() else {
        return Vec::new();
    };
    form.tried_to_save = true;
    form.revalidate(&matrix);
    if let Some(first) = form.problems.first() {
        if let Some(i) = form.index_of(first.field) {
            form.focus = i;
        }
        state.message = Some(Message::Error(state.t().form_has_problems.to_string()));
        return Vec::new();
    }
    if let Some(editing) = &form.editing {
        let edits = crate::panes::register::edit::changes(form, &editing.ticket);
        let (id, version) = (editing.id, editing.version);
        if edits.is_empty() {
            close(state);
            state.message = Some(Message::Info(state.t().edit.unchanged.to_string()));
            return Vec::new();
        }
        let ask = crate::app::effect::Ask::next(&mut state.asks);
        form.saving = Some(ask);
        return vec![Effect::EditTicket { id, version, edits }.asked(ask)];
    }
    let ask = crate::app::effect::Ask::next(&mut state.asks);
    form.saving = Some(ask);
    vec![Effect::CreateTicket(Box::new(form.to_new_ticket(&matrix))).asked(ask)]
}

/// Typing into the focused field.
pub fn input(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = state.register.as_mut() else {
        return Vec::new();
    };
    if form.saving.is_some() {
        return Vec::new();
    }
    let last = form.focus + 1 == form.fields.len();
    let mut opened = false;
    match (&mut form.focused_mut().input, key.code) {
        // Enter moves on; on the last field it says how to save, so a call
        // is never stored half-classified by a key meant for a pick list.
        (Input::Line(_) | Input::Pick(_), KeyCode::Enter) if last => {
            if !settle_focused(state) {
                return Vec::new();
            }
            let key = state.ctx.keymap.key_for(Layer::Form, Command::Save).map(|k| k.to_string()).unwrap_or_default();
            state.message = Some(Message::Info((state.t().edit.save_with)(&key)));
            return Vec::new();
        }
        (Input::Line(_) | Input::Pick(_), KeyCode::Enter) => return move_focus(state, 1),
        (Input::Line(area) | Input::Text(area), _) => {
            area.input(key);
        }
        (Input::Pick(pick), KeyCode::Char(c)) => {
            pick.type_key(c, key.modifiers);
            opened = true;
        }
        (Input::Pick(pick), KeyCode::Backspace) => pick.backspace(),
        _ => {}
    }
    form.list_open |= opened;
    if matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace) {
        form.unmatched = false;
    }
    form.revalidate(&state.ctx.policy.matrix);
    Vec::new()
}

pub fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    let Some(form) = state.register.as_mut() else {
        return Vec::new();
    };
    match &mut form.focused_mut().input {
        Input::Text(area) => {
            area.insert_str(as_typed(text, true));
        }
        Input::Line(area) => {
            area.insert_str(as_typed(text, false));
        }
        Input::Pick(pick) => text.chars().filter(|c| !c.is_control()).for_each(|c| pick.type_char(c)),
    }
    form.revalidate(&state.ctx.policy.matrix);
    Vec::new()
}

/// The ticket is stored: show it, with its new number.
pub fn created(state: &mut AppState, ticket: Ticket) -> Vec<Effect> {
    let number = state.ctx.numbers.format(ticket.id);
    state.message = Some(Message::Info((state.t().registered)(&number)));
    state.register = None;
    state.empty_database = false;
    let id = ticket.id;
    let classified = ticket.priority.is_some();
    state.detail = Some(DetailState { ticket: Some(ticket), ..DetailState::loading(id) });
    state.screen = Screen::Detail;
    let mut effects = vec![Effect::LoadTicket(id)];
    effects.extend(queue::reload_selecting(state, id));
    // A ticket the form did not classify goes on to the wizard at once.
    if !classified {
        effects.push(Effect::OpenWizard(id));
    }
    effects
}
