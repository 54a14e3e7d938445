//! What closing and learning recorded on an incident: the checklist, cause
//! and solution, feedback, a duplicate, its problem, and knowledge.

use ratatui::text::{Line, Span};

use crate::app::state::{AppState, DetailState};
use crate::domain::knowledge::{ProblemStatus, article_numbers, problem_numbers};
use crate::domain::text::{inert, inert_single_line};
use crate::domain::{Field, Ticket};
use crate::keymap::{Command, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap::{label, label_width};

const LABEL_WIDTH: usize = 13;

pub fn lines(state: &AppState, theme: &Theme, detail: &DetailState, ticket: &Ticket) -> Vec<Line<'static>> {
    let t = state.t();
    let c = &detail.closing;
    let key = |command| state.ctx.keymap.key_for(Layer::Detail, command).map(|k| k.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    // A label and its value; the labels are padded to one column at the end.
    let labelled = |theme: &Theme, text: &str, value: String| {
        Line::from(vec![Span::styled(text.to_string(), theme.label()), Span::raw(value)])
    };
    for (field, value) in [
        (
            Field::ClosureCode,
            ticket.closure_code.as_deref().map(|code| {
                state
                    .ctx
                    .policy
                    .closure
                    .code(code)
                    .map(|c| c.label(t.code).to_string())
                    .unwrap_or_else(|| code.to_string())
            }),
        ),
        (Field::Cause, ticket.cause.clone()),
        (Field::Measures, ticket.measures.clone()),
        (Field::Solution, ticket.solution.clone()),
    ] {
        if let Some(v) = value {
            out.push(labelled(theme, t.field(field), inert_single_line(&v)));
        }
    }
    let items = &state.ctx.policy.closure.items;
    if !c.ticks.is_empty() || !ticket.is_open() {
        let done = items.iter().filter(|i| c.ticks.iter().any(|x| x.item == i.name)).count();
        out.push(labelled(theme, t.checklist, format!("{done}/{}", items.len())));
    }
    if let Some((score, comment)) = &c.feedback {
        let comment = comment.as_deref().map(|x| format!(" — {}", inert_single_line(x))).unwrap_or_default();
        out.push(labelled(
            theme,
            t.feedback_score,
            format!("{score}/5 {}{comment}", t.scores[(*score as usize).clamp(1, 5) - 1]),
        ));
    }
    if let Some(original) = c.duplicate_of {
        out.push(labelled(theme, t.duplicate_label, state.ctx.numbers.format(original)));
    }
    if let Some(review) = &c.review {
        let status = if review.completed_at.is_some() { t.review.done } else { t.review.draft };
        out.push(labelled(
            theme,
            t.review.label,
            format!("{status} · {}", (t.review.action_count)(review.actions.len())),
        ));
    }
    if let Some(p) = &c.problem {
        let mut text = format!(
            "{} {} ({})",
            problem_numbers().format(p.id),
            inert_single_line(&p.title),
            t.problem_status(p.status)
        );
        if p.status == ProblemStatus::KnownError && !p.workaround.trim().is_empty() {
            text.push_str(&format!(" — {}: {}", t.problem_workaround, inert_single_line(&p.workaround)));
        }
        out.push(labelled(theme, t.form.dialog_problem, text));
    } else if let Some(p) = &c.known_error {
        // The workaround of a known error with incidents like this one.
        out.push(Line::from(Span::styled(
            (t.known_error_hint)(
                &problem_numbers().format(p.id),
                &inert_single_line(&p.workaround),
                &key(Command::LinkProblem),
            ),
            theme.warning(),
        )));
    }
    if let Some(article) = c.applied {
        out.push(labelled(theme, t.knowledge_applied, article_numbers().format(article)));
    } else if !c.suggestions.is_empty() {
        out.push(Line::from(Span::styled((t.knowledge_suggested)(&key(Command::ApplyKnowledge)), theme.header())));
        for a in &c.suggestions {
            out.push(Line::from(format!("  {}  {}", article_numbers().format(a.id), inert(&a.title))));
        }
    }
    let is_labelled = |l: &Line| l.spans.len() == 2 && l.spans[0].style == theme.label();
    let column = label_width(out.iter().filter(|l| is_labelled(l)).map(|l| l.spans[0].content.as_ref()), LABEL_WIDTH);
    for line in out.iter_mut().filter(|l| is_labelled(l)) {
        line.spans[0].content = label(&line.spans[0].content, column).into();
    }
    if !out.is_empty() {
        out.insert(0, Line::from(""));
    }
    out
}
