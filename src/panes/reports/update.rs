//! The reports pane: choosing a report, its period and filters, running it
//! (one at a time, off the UI thread) and drilling down into the queue.

use chrono::NaiveDate;

use super::state::Focus;
use crate::app::effect::Effect;
use crate::app::picklist::{Choice, PickList};
use crate::app::state::{AppState, Message, Screen};
use crate::domain::Priority;
use crate::domain::queue::{QueueFilter, Scope};
use crate::domain::report::{Period, ReportName, ReportQuery};
use crate::keymap::Command;
use crate::panes::dialog::state::{Dialog, DialogKind, Step};

/// Rows moved by a page key.
const PAGE: usize = 10;

pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.screen = Screen::Reports;
    let r = &state.panes.reports;
    if r.report.is_none() && !r.running { request(state) } else { Vec::new() }
}

/// Asks for the selected report with the current settings. While one is
/// computing, the request waits and only the latest settings are run.
pub fn request(state: &mut AppState) -> Vec<Effect> {
    let r = &mut state.panes.reports;
    r.generation += 1;
    if r.running {
        r.pending = true;
        return Vec::new();
    }
    r.running = true;
    r.pending = false;
    let (from, to) = r.period.range(&chrono::Local, state.now);
    let query = ReportQuery { name: r.name(), from, to, filter: r.filter.clone(), now: state.now };
    vec![Effect::RunReport { generation: r.generation, query: Box::new(query) }]
}

pub fn ready(
    state: &mut AppState,
    generation: u64,
    result: Result<Box<crate::report::Report>, crate::app::action::Failure>,
    millis: u64,
) -> Vec<Effect> {
    let r = &mut state.panes.reports;
    r.running = false;
    if r.pending {
        // Settings changed meanwhile: this answer is out of date.
        return request(state);
    }
    // An answer for a report the list has moved away from (and back) is not shown.
    let other_report = result.as_ref().is_ok_and(|report| report.name != r.name());
    if generation != r.generation || other_report {
        return Vec::new();
    }
    match result {
        Ok(report) => {
            let same = r.report.as_ref().is_some_and(|old| old.name == report.name);
            r.report = Some(*report);
            r.millis = millis;
            let rows = r.drills().len();
            r.row = if same { r.row.min(rows.saturating_sub(1)) } else { 0 };
            if !same {
                r.scroll = 0;
                r.col = 0;
            }
            if rows == 0 {
                r.focus = Focus::List;
            }
        }
        Err(failure) => {
            // Figures of other settings would read as these settings' ones.
            r.report = None;
            r.focus = Focus::List;
            state.message = Some(Message::Error(crate::app::update::said::failure(state, &failure)));
        }
    }
    Vec::new()
}

pub fn spin(state: &mut AppState) {
    if state.panes.reports.running {
        state.panes.reports.frame = state.panes.reports.frame.wrapping_add(1);
    }
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let rows = state.panes.reports.drills().len();
    let last = rows.saturating_sub(1);
    let last_col = state.panes.reports.columns().saturating_sub(1);
    let max_scroll = max_scroll(state);
    let r = &mut state.panes.reports;
    let on_rows = r.focus == Focus::Rows;
    // The rows can be entered only when they are the report shown, finished.
    let rows_ready = rows > 0 && r.shows_selected() && !r.running;
    match command {
        Command::Up | Command::Down if !on_rows => {
            let n = ReportName::ALL.len();
            r.selected =
                if command == Command::Down { (r.selected + 1).min(n - 1) } else { r.selected.saturating_sub(1) };
            if !r.shows_selected() {
                return request(state);
            }
        }
        Command::Down => r.row = (r.row + 1).min(last),
        Command::Up => r.row = r.row.saturating_sub(1),
        Command::PageDown if on_rows => r.row = (r.row + PAGE).min(last),
        Command::PageUp if on_rows => r.row = r.row.saturating_sub(PAGE),
        Command::PageDown => r.scroll = r.scroll.saturating_add(PAGE as u16).min(max_scroll),
        Command::PageUp => r.scroll = r.scroll.saturating_sub(PAGE as u16),
        Command::Top if on_rows => r.row = 0,
        Command::Bottom if on_rows => r.row = last,
        Command::Top => r.scroll = 0,
        Command::Bottom => r.scroll = max_scroll,
        // Along a row: to a cell, whose tickets Enter shows (on the list: scrolls sideways).
        Command::CellRight => r.col = (r.col + 1).min(last_col),
        Command::CellLeft => r.col = r.col.saturating_sub(1),
        Command::NextPane if on_rows => r.focus = Focus::List,
        Command::NextPane if rows_ready => r.focus = Focus::Rows,
        Command::Open if on_rows && rows_ready => return drill(state),
        Command::Open if rows_ready => r.focus = Focus::Rows,
        // Already computing what is asked for.
        Command::Open if r.running && !r.pending => {}
        Command::Open => return request(state),
        Command::Back if on_rows => r.focus = Focus::List,
        Command::Back => state.screen = Screen::Queue,
        Command::NextPeriod => {
            r.next_period();
            daily_says_today(state);
            return request(state);
        }
        Command::ClearFilters => {
            r.filter = Default::default();
            return request(state);
        }
        Command::Refresh => return request(state),
        Command::CustomDates => {
            daily_says_today(state);
            open_dates(state)
        }
        Command::ReportFilter => open_filter(state),
        _ => {}
    }
    Vec::new()
}

/// On the daily overview a new period changes the other reports only: say so.
fn daily_says_today(state: &mut AppState) {
    if state.panes.reports.name() == ReportName::Daily {
        state.message = Some(Message::Info(state.t().report.daily_period.to_string()));
    }
}

/// How far the report can scroll: its lines less what the screen shows.
fn max_scroll(state: &AppState) -> u16 {
    let lines = state.panes.reports.report.as_ref().map_or(0, super::state::content_lines);
    // Title, status and hint bands, and the report's own heading.
    let visible = state.height.saturating_sub(6) as usize;
    lines.saturating_sub(visible).min(u16::MAX as usize) as u16
}

/// The queue, filtered to exactly the tickets of the row under the cursor.
fn drill(state: &mut AppState) -> Vec<Effect> {
    let r = &state.panes.reports;
    let (Some(report), Some((section, row, drill))) = (&r.report, r.current()) else { return Vec::new() };
    let t = state.t();
    let section = &report.sections[section];
    let first = section.rows[row].cells.first().map(|c| crate::report::output::human(t, c)).unwrap_or_default();
    // A "times" row names its dimension first and its group second.
    let group = match section.rows[row].cells.get(1) {
        Some(crate::report::Cell::Text(g)) if !g.is_empty() => format!(" {g}"),
        _ => String::new(),
    };
    // A cell of its own adds its column: "… › P2 › Response missed".
    let column = match section.rows[row].by_cell.get(r.col) {
        Some(Some(_)) => section.columns.get(r.col).map(|c| format!(" › {c}")).unwrap_or_default(),
        _ => String::new(),
    };
    state.queue.slice_label = format!("{} › {} › {first}{group}{column}", report.title, section.title);
    state.queue.search_input.clear();
    if state.queue.filter.slice.is_none() {
        state.queue.before_slice = Some(state.queue.filter.clone());
    }
    state.queue.filter = QueueFilter { scope: Scope::All, slice: Some(Box::new(drill)), ..QueueFilter::default() };
    state.screen = Screen::Queue;
    crate::panes::queue::update::reload_from_top(state)
}

fn open_dates(state: &mut AppState) {
    let t = state.t();
    let (from, _) = state.panes.reports.period.dates(&chrono::Local, state.now);
    let first =
        Step::Text { label: t.report.from.to_string(), value: from.format("%Y-%m-%d").to_string(), optional: false };
    state.dialog = Some(Dialog::new(DialogKind::ReportDates, 0, 0, t.report.dates_title.to_string(), first));
    state.dialog_data = None;
}

/// The filter dialog: first what to filter on, then the value.
fn open_filter(state: &mut AppState) {
    let t = state.t();
    use crate::domain::Field;
    let fields = [Field::Team, Field::Priority, Field::Category, Field::Service, Field::Department];
    let choices = fields
        .iter()
        .map(|f| {
            let current = filter_value(state, *f).unwrap_or(t.report.any.to_string());
            Choice { value: Some(f.code().to_string()), label: format!("{:<14} {current}", t.field(*f)) }
        })
        .collect();
    let first = Step::Pick { label: t.report.filter_on.to_string(), list: PickList::new(choices) };
    state.dialog = Some(Dialog::new(DialogKind::ReportFilter, 0, 0, t.reports_title.to_string(), first));
    state.dialog_data = None;
}

fn filter_value(state: &AppState, field: crate::domain::Field) -> Option<String> {
    use crate::domain::Field;
    let f = &state.panes.reports.filter;
    match field {
        Field::Team => f.team.clone(),
        Field::Priority => f.priority.map(|p| p.to_string()),
        Field::Category => f.category.clone(),
        Field::Service => f.service.clone(),
        Field::Department => f.department.clone(),
        _ => None,
    }
}

/// The next step of a report dialog, or `None` when it is answered.
pub fn next_step(state: &AppState, dialog: &Dialog) -> Option<Step> {
    use crate::domain::Field;
    let t = state.t();
    match (dialog.kind, dialog.current) {
        (DialogKind::ReportDates, 0) => {
            let (_, to) = state.panes.reports.period.dates(&chrono::Local, state.now);
            Some(Step::Text {
                label: t.report.to.to_string(),
                value: to.format("%Y-%m-%d").to_string(),
                optional: false,
            })
        }
        (DialogKind::ReportFilter, 0) => {
            let field = dialog.answer(0).as_deref().and_then(Field::from_code)?;
            let lists = &state.pick_lists;
            let names: Vec<String> = match field {
                Field::Team => lists.teams.clone(),
                Field::Priority => (1..=4).map(|p| format!("P{p}")).collect(),
                Field::Category => lists.category_names(),
                Field::Service => lists.services.clone(),
                _ => lists.departments.clone(),
            };
            let mut list = PickList::optional(t.report.any, &names);
            list.choose_value(filter_value(state, field).as_deref());
            list.highlight_chosen();
            Some(Step::Pick { label: t.field(field).to_string(), list })
        }
        _ => None,
    }
}

/// A report dialog was answered: apply it and run the report again.
pub fn answered(state: &mut AppState, dialog: &Dialog) -> Vec<Effect> {
    use crate::domain::Field;
    match dialog.kind {
        DialogKind::ReportDates => {
            let date = |i: usize| dialog.answer(i).unwrap_or_default();
            let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d");
            match (parse(&date(0)), parse(&date(1))) {
                (Ok(from), Ok(_)) if !sensible(from) => return bad_date(state, &date(0)),
                (Ok(_), Ok(to)) if !sensible(to) => return bad_date(state, &date(1)),
                (Ok(from), Ok(to)) if (to - from).num_days().abs() > MAX_DAYS => {
                    state.message = Some(Message::Error((state.t().report.too_long)(MAX_DAYS / 365)));
                    return Vec::new();
                }
                (Ok(from), Ok(to)) => state.panes.reports.period = Period::Dates { from, to },
                (Err(_), _) => return bad_date(state, &date(0)),
                (_, Err(_)) => return bad_date(state, &date(1)),
            }
        }
        _ => {
            let value = dialog.answer(1);
            let f = &mut state.panes.reports.filter;
            match dialog.answer(0).as_deref().and_then(Field::from_code) {
                Some(Field::Team) => f.team = value,
                Some(Field::Priority) => f.priority = value.and_then(|v| v.parse::<Priority>().ok()),
                Some(Field::Category) => f.category = value,
                Some(Field::Service) => f.service = value,
                Some(Field::Department) => f.department = value,
                _ => {}
            }
        }
    }
    crate::panes::dialog::update::close(state);
    request(state)
}

/// The longest custom period: enough for years of history, short enough
/// that a weekly trend stays a readable table.
const MAX_DAYS: i64 = 5 * 365 + 1;

/// A date a helpdesk's history can hold.
fn sensible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1970..=9999).contains(&d.year())
}

fn bad_date(state: &mut AppState, typed: &str) -> Vec<Effect> {
    state.message = Some(Message::Error((state.t().report.bad_date)(typed)));
    Vec::new()
}
