//! The record panes: closing an incident, its review, a problem, an article.

use ratatui::crossterm::event::KeyEvent;

use crate::app::action::RecordData;
use crate::app::effect::{ClosingInput, Effect};
use crate::app::fields::Outcome;
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::domain::knowledge::ProblemEdit;
use crate::domain::knowledge::{ActionItem, NewArticle, ProblemStatus, Review};
use crate::keymap::Command;
use crate::panes::record::state::{RecordKind, RecordPane};

pub fn loaded(state: &mut AppState, data: RecordData) -> Vec<Effect> {
    let t = state.t();
    let numbers = &state.ctx.numbers;
    let pane = match data {
        RecordData::Closure(detail) => {
            let title = (t.closure_title)(&numbers.format(detail.ticket.id));
            RecordPane::closure(t, &state.ctx.policy.closure, &detail.ticket, &detail.closing, title)
        }
        RecordData::Review(detail) => {
            let title = (t.review.title)(&numbers.format(detail.ticket.id));
            RecordPane::review(t, &detail.ticket, detail.closing.review.as_ref(), title)
        }
        RecordData::Problem { problem, incidents, title } => {
            let heading = match &problem {
                Some(p) => crate::domain::knowledge::problem_numbers().format(p.id),
                None => t.new_problem.to_string(),
            };
            RecordPane::problem(t, problem.as_ref(), incidents, &title, heading)
        }
        RecordData::Article(article) => {
            let heading = match &article {
                Some(a) => crate::domain::knowledge::article_numbers().format(a.id),
                None => t.new_article.to_string(),
            };
            RecordPane::article(t, &state.pick_lists, article.as_ref(), heading)
        }
    };
    let mut pane = pane;
    pane.opened_with = pane.fields.typed();
    // Opened over another record pane (a problem from a cluster…): go back where that one would.
    pane.return_to = match (&state.record, state.screen) {
        (Some(open), Screen::Record) => open.return_to,
        (_, screen) => screen,
    };
    state.record = Some(pane);
    state.screen = Screen::Record;
    Vec::new()
}

/// Back to where the pane was opened from.
pub fn close(state: &mut AppState) {
    let back = state.record.take().map_or(Screen::Queue, |r| r.return_to);
    state.screen = match back {
        Screen::Detail if state.detail.is_none() => Screen::Queue,
        screen => screen,
    };
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let Some(pane) = state.record.as_mut() else { return Vec::new() };
    if pane.saving.is_some() {
        return Vec::new();
    }
    match command {
        Command::NextField => pane.fields.move_focus(1),
        Command::PrevField => pane.fields.move_focus(-1),
        Command::Down | Command::Up => pane.fields.arrow(command == Command::Down),
        // What was typed into a pick list goes first; then, with input, a question.
        Command::Cancel if pane.fields.clear_filter() => {}
        Command::Cancel if pane.is_dirty() => {
            state.overlay = Some(Overlay::Confirm(Question::DiscardRecord));
            return Vec::new();
        }
        Command::Cancel => close(state),
        Command::Save => {
            tick_recorded(state);
            return save(state);
        }
        _ => {}
    }
    tick_recorded(state);
    Vec::new()
}

/// A cause, measures or solution filled in ticks its checklist item, on
/// screen and in the store.
fn tick_recorded(state: &mut AppState) {
    use crate::domain::Field;
    let Some(pane) = state.record.as_mut() else { return };
    if !matches!(pane.kind, RecordKind::Closure { .. }) {
        return;
    }
    for (key, field) in [("cause", Field::Cause), ("measures", Field::Measures), ("solution", Field::Solution)] {
        let Some(item) = crate::domain::closure::recorded_by(field) else { continue };
        let filled = pane.fields.value(key).is_some_and(|v| !v.trim().is_empty());
        // Shown ticked at once; stored with the text, when closing stores
        // both in one transaction (a tick without its text would say what is not).
        if filled && pane.fields.row(item).is_some() && !pane.fields.is_on(item) {
            pane.fields.set_toggle(item, true);
        }
    }
}

pub fn input(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(pane) = state.record.as_mut() else { return Vec::new() };
    if pane.saving.is_some() {
        return Vec::new();
    }
    match (pane.fields.input(key), &pane.kind) {
        // A tick on the checklist is recorded at once, with who and when.
        (Outcome::Toggled(item, on), RecordKind::Closure { ticket, .. }) => {
            vec![Effect::Tick { id: *ticket, item, on }]
        }
        _ => Vec::new(),
    }
}

pub fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if let Some(pane) = state.record.as_mut() {
        pane.fields.paste(text);
    }
    Vec::new()
}

fn save(state: &mut AppState) -> Vec<Effect> {
    let t = state.t();
    let Some(pane) = state.record.as_mut() else { return Vec::new() };
    pane.fields.settle();
    let f = &pane.fields;
    let effect = match &pane.kind {
        RecordKind::Closure { ticket, version } => {
            let score = f.value("score").and_then(|s| s.parse().ok());
            if score.is_none() && f.value("comment").is_some() {
                state.message = Some(Message::Error(t.err.feedback_needs_score.to_string()));
                return Vec::new();
            }
            Effect::Close(Box::new(ClosingInput {
                id: *ticket,
                version: *version,
                code: f.value("closure_code"),
                cause: f.value("cause"),
                measures: f.value("measures"),
                solution: f.value("solution"),
                feedback: score.map(|s| (s, f.value("comment").unwrap_or_default())),
            }))
        }
        RecordKind::Review { ticket } => {
            let text = |key: &str| f.value(key).unwrap_or_default();
            let review = Review {
                what_happened: text("what_happened"),
                cause: text("cause"),
                went_well: text("went_well"),
                went_badly: text("went_badly"),
                recommendations: text("recommendations"),
                actions: ActionItem::parse_lines(&text("actions")),
                completed_at: None,
                completed_by: None,
            };
            let complete = f.is_on("complete");
            if complete && !review.is_filled_in() {
                state.message = Some(Message::Error(t.err.review_incomplete.to_string()));
                return Vec::new();
            }
            Effect::SaveReview { id: *ticket, review: Box::new(review), complete }
        }
        RecordKind::Problem { id, incidents } => {
            let title = f.value("title").unwrap_or_default();
            if title.trim().is_empty() {
                state.message = Some(Message::Error((t.err.required)(t.field(crate::domain::Field::Title))));
                return Vec::new();
            }
            Effect::SaveProblem {
                id: *id,
                incidents: incidents.clone(),
                edit: Box::new(ProblemEdit {
                    title: Some(title),
                    root_cause: Some(f.value("root_cause").unwrap_or_default()),
                    workaround: Some(f.value("workaround").unwrap_or_default()),
                    permanent_fix: Some(f.value("permanent_fix").unwrap_or_default()),
                    status: f.value("status").and_then(|s| ProblemStatus::from_code(&s)),
                }),
            }
        }
        RecordKind::Article { id } => {
            let title = f.value("title").unwrap_or_default();
            if title.trim().is_empty() {
                state.message = Some(Message::Error((t.err.required)(t.field(crate::domain::Field::Title))));
                return Vec::new();
            }
            let tags = f.value("tags").unwrap_or_default();
            Effect::SaveArticle {
                id: *id,
                article: Box::new(NewArticle {
                    title,
                    body: f.value("body").unwrap_or_default(),
                    tags: tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
                    service: f.value("service"),
                    category: f.value("category"),
                }),
            }
        }
    };
    let ask = crate::app::effect::Ask::next(&mut state.asks);
    pane.saving = Some(ask);
    vec![effect.asked(ask)]
}
