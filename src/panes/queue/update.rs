//! The queue: moving through pages, sorting, filtering and searching.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::action::PageResult;
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Screen, SelectAfterLoad};
use crate::domain::queue::{Cursor, QueueFilter, Scope};
use crate::keymap::{Command, FilterName, ViewName};
use crate::panes::detail::update as detail;
use crate::panes::register::update as register;

/// Asks for a page; answers to any earlier request will be ignored.
fn load(state: &mut AppState, cursor: Cursor, select: SelectAfterLoad) -> Effect {
    let q = &mut state.queue;
    q.generation += 1;
    q.select_after_load = select;
    Effect::LoadPage { generation: q.generation, filter: q.filter.clone(), sort: q.sort, cursor, limit: q.page_size }
}

fn counts(state: &mut AppState) -> Effect {
    state.queue.counts_stale = false;
    Effect::LoadCounts { filter: state.queue.filter.clone() }
}

/// After a filter or sort change: the first page, and new counts.
pub fn reload_from_top(state: &mut AppState) -> Vec<Effect> {
    let page = load(state, Cursor::First, SelectAfterLoad::First);
    vec![page, counts(state)]
}

/// The first page and counts, selecting this ticket if it is on it.
pub fn reload_selecting(state: &mut AppState, id: crate::domain::TicketId) -> Vec<Effect> {
    let page = load(state, Cursor::First, SelectAfterLoad::Ticket(id));
    vec![page, counts(state)]
}

/// The same place again (after a change or a resize), keeping the selected ticket.
pub fn reload_in_place(state: &mut AppState) -> Vec<Effect> {
    let q = &state.queue;
    let select = q.selected_row().map_or(SelectAfterLoad::First, |r| SelectAfterLoad::Ticket(r.id));
    let cursor = q.rows.first().map_or(Cursor::First, |r| Cursor::From(r.key.clone()));
    let page = load(state, cursor, select);
    vec![page, counts(state)]
}

/// How long a row changed by someone else stays marked.
const CHANGED_MARK_SECS: i64 = 3;

/// Someone else changed the file: the queue and an open incident are
/// loaded again where they are, and the rows that changed are marked.
pub fn refresh_after_others(state: &mut AppState) -> Vec<Effect> {
    let q = &mut state.queue;
    if q.loaded && q.before_refresh.is_none() {
        q.before_refresh = Some(q.rows.iter().map(|r| (r.id, r.version)).collect());
    }
    // A role may have changed with the file.
    let mut effects = vec![Effect::LoadPermissions];
    effects.extend(reload_in_place(state));
    if let Some(d) = &state.detail {
        effects.push(Effect::LoadTicket(d.id));
    }
    effects
}

pub fn page_loaded(state: &mut AppState, page: PageResult) -> Vec<Effect> {
    let q = &mut state.queue;
    if page.generation != q.generation {
        return Vec::new();
    }
    let short = page.rows.len() < q.page_size;
    // A page that runs out before the screen is full while there is more on
    // the other side is topped up by loading the start or the end instead.
    if short && !matches!(page.cursor, Cursor::First | Cursor::Last) {
        let select = q.select_after_load;
        if page.cursor.is_backwards() && !page.has_prev {
            return vec![load(state, Cursor::First, select)];
        }
        if !page.cursor.is_backwards() && page.has_prev {
            return vec![load(state, Cursor::Last, select)];
        }
    }
    if let Some(before) = q.before_refresh.take() {
        let until = state.now + chrono::Duration::seconds(CHANGED_MARK_SECS);
        for row in &page.rows {
            if before.get(&row.id).is_some_and(|v| *v != row.version) {
                q.changed.insert(row.id, until);
            }
        }
    }
    let previous = q.selected;
    // Follow how far down the list the page starts.
    let old_at = |key: &crate::domain::queue::SortKey| q.rows.iter().position(|r| &r.key == key);
    let new_len = page.rows.len();
    q.offset = match &page.cursor {
        _ if !page.has_prev => Some(0),
        Cursor::First => Some(0),
        Cursor::Last => None,
        Cursor::From(key) => q.offset.zip(old_at(key)).map(|(o, k)| o + k),
        Cursor::After(key) => q.offset.zip(old_at(key)).map(|(o, k)| o + k + 1),
        Cursor::Before(key) => q.offset.zip(old_at(key)).map(|(o, k)| (o + k).saturating_sub(new_len)),
        Cursor::Until(key) => q.offset.zip(old_at(key)).map(|(o, k)| (o + k + 1).saturating_sub(new_len)),
    };
    q.rows = page.rows;
    q.cursor = page.cursor;
    q.has_prev = page.has_prev;
    q.has_next = page.has_next;
    q.loaded = true;
    let last = q.rows.len().saturating_sub(1);
    q.selected = match q.select_after_load {
        SelectAfterLoad::Keep => previous.min(last),
        SelectAfterLoad::First => 0,
        SelectAfterLoad::Last => last,
        SelectAfterLoad::Ticket(id) => q.rows.iter().position(|r| r.id == id).unwrap_or(previous.min(last)),
        SelectAfterLoad::Index(i) => i.min(last),
    };
    q.select_after_load = SelectAfterLoad::Keep;
    // Only a walk with next/previous from the detail pane moves what it shows.
    if std::mem::take(&mut q.follow_in_detail) && state.screen == Screen::Detail && detail::follows_queue(state) {
        return detail::open_selected(state);
    }
    Vec::new()
}

/// Moves the selection; loads the neighbouring rows at the edges.
pub fn move_selection(state: &mut AppState, command: Command) -> Vec<Effect> {
    let q = &mut state.queue;
    let n = q.rows.len();
    if n == 0 {
        return Vec::new();
    }
    match command {
        Command::Down if q.selected + 1 < n => q.selected += 1,
        Command::Down if q.has_next => {
            // Slide the window by one row (a one-row window moves to the next).
            let cursor = if n > 1 { Cursor::From(q.rows[1].key.clone()) } else { Cursor::After(q.rows[0].key.clone()) };
            return vec![load(state, cursor, SelectAfterLoad::Last)];
        }
        Command::Up if q.selected > 0 => q.selected -= 1,
        Command::Up if q.has_prev => {
            let cursor =
                if n > 1 { Cursor::Until(q.rows[n - 2].key.clone()) } else { Cursor::Before(q.rows[0].key.clone()) };
            return vec![load(state, cursor, SelectAfterLoad::First)];
        }
        Command::PageDown if q.has_next => {
            let key = q.rows[n - 1].key.clone();
            return vec![load(state, Cursor::After(key), SelectAfterLoad::Keep)];
        }
        Command::PageDown => q.selected = n - 1,
        Command::PageUp if q.has_prev => {
            let key = q.rows[0].key.clone();
            return vec![load(state, Cursor::Before(key), SelectAfterLoad::Keep)];
        }
        Command::PageUp => q.selected = 0,
        Command::Top if q.has_prev => return vec![load(state, Cursor::First, SelectAfterLoad::First)],
        Command::Top => q.selected = 0,
        Command::Bottom if q.has_next => return vec![load(state, Cursor::Last, SelectAfterLoad::Last)],
        Command::Bottom => q.selected = n - 1,
        // Half a screen on, the window sliding along where the page ends.
        Command::HalfPageDown => {
            let half = (q.page_size / 2).max(1);
            if q.selected + half < n {
                q.selected += half;
            } else if q.has_next {
                let from = half.min(n - 1);
                let cursor = Cursor::From(q.rows[from].key.clone());
                let at = q.selected + half - from;
                return vec![load(state, cursor, SelectAfterLoad::Index(at))];
            } else {
                q.selected = n - 1;
            }
        }
        Command::HalfPageUp => {
            let half = (q.page_size / 2).max(1);
            if q.selected >= half {
                q.selected -= half;
            } else if q.has_prev {
                let until = n.saturating_sub(1 + half);
                let cursor = Cursor::Until(q.rows[until].key.clone());
                // A full page ends at `until`: the row half a page up is then here.
                let at = (q.page_size + q.selected).saturating_sub(n);
                return vec![load(state, cursor, SelectAfterLoad::Index(at))];
            } else {
                q.selected = 0;
            }
        }
        _ => {}
    }
    Vec::new()
}

/// A view replaces the filters (search included) with its own.
fn set_view(state: &mut AppState, filter: QueueFilter) -> Vec<Effect> {
    state.queue.search_input.clear();
    change_filter(state, |f| *f = filter)
}

fn change_filter(state: &mut AppState, change: impl FnOnce(&mut QueueFilter)) -> Vec<Effect> {
    change(&mut state.queue.filter);
    reload_from_top(state)
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    match command {
        Command::Up
        | Command::Down
        | Command::PageUp
        | Command::PageDown
        | Command::HalfPageUp
        | Command::HalfPageDown
        | Command::Top
        | Command::Bottom => move_selection(state, command),
        Command::Open => open(state),
        Command::NextPane => match &state.detail {
            Some(_) => {
                state.queue.search_active = false;
                state.screen = Screen::Detail;
                Vec::new()
            }
            None => open(state),
        },
        Command::Search => {
            state.queue.search_active = true;
            state.queue.search_input = state.queue.filter.search.clone().unwrap_or_default();
            Vec::new()
        }
        Command::NewTicket => register::open(state),
        Command::Classify => match state.queue.selected_row() {
            Some(row) => vec![Effect::OpenWizard(row.id)],
            None => nothing_selected(state),
        },
        Command::SortNext => {
            let column = state.queue.sort.column.next();
            state.queue.sort.column = column;
            state.queue.sort.ascending = column.natural_ascending();
            reload_from_top(state)
        }
        Command::SortReverse => {
            state.queue.sort.ascending = !state.queue.sort.ascending;
            reload_from_top(state)
        }
        Command::Filter(name) => filter(state, name),
        Command::View(name) => view(state, name),
        c if c.works_on_ticket() || c == Command::Edit => on_selected_row(state, c),
        Command::Problems => crate::panes::library::update::open_problems(state),
        Command::Knowledge => crate::panes::library::update::open_knowledge(state),
        Command::Reports => crate::panes::reports::update::open(state),
        Command::MyWork => crate::panes::my_work::update::open(state),
        Command::Admin => {
            state.screen = Screen::Admin;
            vec![Effect::LoadAdmin]
        }
        // Esc leaves a report's drill-down: back to the report, the queue
        // as it was before.
        Command::Back if state.queue.filter.slice.is_some() => {
            let before = state.queue.before_slice.take().unwrap_or_default();
            state.queue.filter = before;
            state.screen = Screen::Reports;
            reload_from_top(state)
        }
        Command::ClearFilters => {
            state.queue.search_input.clear();
            change_filter(state, |f| *f = QueueFilter::default())
        }
        Command::Refresh => {
            let mut effects = vec![Effect::LoadPickLists, Effect::LoadTeams];
            effects.extend(reload_in_place(state));
            effects
        }
        // Under way already: the spinner says so.
        Command::LoadDemo if state.busy.is_some() => Vec::new(),
        Command::LoadDemo if state.empty_database => {
            let count = state.ctx.demo_count;
            state.busy = Some((state.t().demo_loading)(count));
            vec![Effect::LoadDemo { count }]
        }
        Command::LoadDemo => {
            state.message = Some(Message::Info(state.t().demo_only_when_empty.to_string()));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `filter NAME`: toggles or cycles one filter, keeping the others.
fn filter(state: &mut AppState, name: FilterName) -> Vec<Effect> {
    match name {
        FilterName::Open => change_filter(state, |f| {
            f.scope = if f.scope == Scope::Open { Scope::All } else { Scope::Open };
            f.status = f.status.filter(|s| f.scope == Scope::All || s.is_open());
        }),
        FilterName::Mine => change_filter(state, |f| {
            f.mine = !f.mine;
            f.unassigned &= !f.mine;
        }),
        FilterName::Unassigned => change_filter(state, |f| {
            f.unassigned = !f.unassigned;
            f.mine &= !f.unassigned;
        }),
        FilterName::Team => {
            if state.my_teams.is_empty() && !state.queue.filter.my_team {
                state.message = Some(Message::Info(state.t().no_team.to_string()));
            }
            change_filter(state, |f| f.my_team = !f.my_team)
        }
        FilterName::Priority => change_filter(state, |f| f.priority = QueueFilter::next_priority(f.priority)),
        FilterName::Status => change_filter(state, |f| f.status = f.next_status()),
    }
}

/// `view NAME`: one of the queue's views, in place of all filters.
fn view(state: &mut AppState, name: ViewName) -> Vec<Effect> {
    let filter = match name {
        ViewName::Open => QueueFilter::default(),
        ViewName::Mine => QueueFilter { mine: true, ..Default::default() },
        ViewName::Team => {
            if state.my_teams.is_empty() {
                state.message = Some(Message::Info(state.t().no_team.to_string()));
            }
            QueueFilter { my_team: true, ..Default::default() }
        }
        ViewName::Escalated => QueueFilter { escalated: true, ..Default::default() },
        ViewName::Waiting => QueueFilter { waiting: true, ..Default::default() },
        ViewName::Lead => QueueFilter { asked_of_me: true, ..Default::default() },
    };
    set_view(state, filter)
}

/// A ticket's key on the selected row.
fn on_selected_row(state: &mut AppState, command: Command) -> Vec<Effect> {
    match command {
        // What is done in the incident pane opens it, then acts: the same
        // letter means the same in the queue and in the pane.
        c if c.done_in_incident() || c == Command::Edit => match state.queue.selected_row() {
            Some(row) => {
                let id = row.id;
                state.queue.search_active = false;
                state.screen = Screen::Detail;
                let effects = detail::show(state, id);
                if let Some(detail) = state.detail.as_mut() {
                    detail.then = Some(command);
                }
                effects
            }
            None => nothing_selected(state),
        },
        c if c.works_on_ticket() => match state.queue.selected_row() {
            Some(row) => {
                let (id, version) = (row.id, row.version);
                crate::app::update::work::command(state, c, id, version)
            }
            None => nothing_selected(state),
        },
        _ => Vec::new(),
    }
}

/// A ticket key with no ticket to act on says so.
fn nothing_selected(state: &mut AppState) -> Vec<Effect> {
    state.message = Some(Message::Info(state.t().no_ticket_selected.to_string()));
    Vec::new()
}

fn open(state: &mut AppState) -> Vec<Effect> {
    state.queue.search_active = false;
    let Some(row) = state.queue.selected_row() else {
        return Vec::new();
    };
    let id = row.id;
    state.screen = Screen::Detail;
    detail::show(state, id)
}

/// Keys while the search field has the focus. Returns None for keys that
/// are not about the search text (they then work as usual, e.g. arrows).
pub fn search_key(state: &mut AppState, key: &KeyEvent) -> Option<Vec<Effect>> {
    let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Enter => {
            state.queue.search_active = false;
            Some(counts_if_stale(state))
        }
        KeyCode::Esc => {
            state.queue.search_active = false;
            state.queue.search_input.clear();
            Some(apply_search(state))
        }
        KeyCode::Backspace => {
            state.queue.search_input.pop();
            Some(apply_search(state))
        }
        KeyCode::Char(c) if plain => {
            state.queue.search_input.push(c);
            Some(apply_search(state))
        }
        _ => None,
    }
}

/// Pasted text goes into the search field, when it is open.
pub fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if state.queue.search_active { search_paste(state, text) } else { Vec::new() }
}

pub fn search_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    let line: String = text.chars().filter(|c| !c.is_control()).collect();
    state.queue.search_input.push_str(&line);
    apply_search(state)
}

/// Searching is incremental: every change reloads the first page.
fn apply_search(state: &mut AppState) -> Vec<Effect> {
    let text = state.queue.search_input.trim().to_string();
    let search = (!text.is_empty()).then_some(text);
    if search == state.queue.filter.search {
        return Vec::new();
    }
    state.queue.filter.search = search;
    // The page follows every key; counting all matches waits until typing
    // pauses (the next tick) or ends (Enter), so typing stays quick.
    state.queue.counts_stale = true;
    vec![load(state, Cursor::First, SelectAfterLoad::First)]
}

/// Counts that were put off while typing, once typing pauses.
pub fn counts_if_stale(state: &mut AppState) -> Vec<Effect> {
    if std::mem::take(&mut state.queue.counts_stale) { vec![counts(state)] } else { Vec::new() }
}
