//! The panes that record something in a form: closing an incident, its
//! post-incident review, a problem, a knowledge article.

use crate::app::fields::{Fields, Row};
use crate::app::picklist::{Choice, PickList};
use crate::app::state::{Closing, Screen};
use crate::domain::closure::{ClosurePolicy, DUPLICATE};
use crate::domain::knowledge::{ActionItem, Article, Problem, ProblemStatus, Review};
use crate::domain::reference::PickLists;
use crate::domain::{Ticket, TicketId};
use crate::i18n::Catalogue;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Closure {
        ticket: TicketId,
        version: i64,
    },
    Review {
        ticket: TicketId,
    },
    /// An existing problem, or a new one from these incidents.
    Problem {
        id: Option<i64>,
        incidents: Vec<TicketId>,
    },
    Article {
        id: Option<i64>,
    },
}

impl RecordKind {
    /// The ticket it records something about, for closing and reviewing.
    pub fn ticket(&self) -> Option<TicketId> {
        match self {
            RecordKind::Closure { ticket, .. } | RecordKind::Review { ticket } => Some(*ticket),
            _ => None,
        }
    }
}

pub struct RecordPane {
    pub kind: RecordKind,
    pub title: String,
    pub fields: Fields,
    pub saving: Option<crate::app::effect::Ask>,
    /// Where closing the pane goes back to.
    pub return_to: Screen,
    /// What the typed rows held when the pane opened.
    pub opened_with: Vec<Option<String>>,
}

/// A pick list of names; a current value that is not among them (any more)
/// is kept as a choice, so that saving does not lose it.
fn optional(t: &Catalogue, names: &[String], current: Option<&str>) -> PickList {
    let mut names = names.to_vec();
    if let Some(current) = current
        && !names.iter().any(|n| n == current)
    {
        names.push(current.to_string());
    }
    let mut p = PickList::optional(t.empty_value, &names);
    p.choose_value(current);
    p
}

impl RecordPane {
    /// Whether closing it now loses something typed.
    pub fn is_dirty(&self) -> bool {
        self.fields.typed() != self.opened_with
    }

    /// Closing: the checklist, the closure code, what was found and done,
    /// and the reporter's feedback.
    pub fn closure(t: &Catalogue, policy: &ClosurePolicy, ticket: &Ticket, closing: &Closing, title: String) -> Self {
        let (ticks, feedback) = (&closing.ticks, closing.feedback.clone());
        let mut rows: Vec<Row> = policy
            .items
            .iter()
            .map(|i| {
                let label = if i.required { format!("{} *", i.label(t.code)) } else { i.label(t.code).to_string() };
                Row::toggle(&i.name, &label, ticks.iter().any(|x| x.item == i.name))
            })
            .collect();
        let mut codes = vec![Choice { value: None, label: t.empty_value.to_string() }];
        // The duplicate code belongs to incidents marked as duplicates (D).
        let offered = policy.codes.iter().filter(|c| c.name != DUPLICATE || closing.duplicate_of.is_some());
        codes.extend(offered.map(|c| Choice { value: Some(c.name.clone()), label: c.label(t.code).to_string() }));
        if let Some(current) = ticket.closure_code.as_deref()
            && !codes.iter().any(|c| c.value.as_deref() == Some(current))
        {
            codes.push(Choice { value: Some(current.to_string()), label: current.to_string() });
        }
        let mut code = PickList::new(codes);
        code.choose_value(ticket.closure_code.as_deref());
        rows.push(Row::pick("closure_code", t.field(crate::domain::Field::ClosureCode), code));
        rows.push(Row::text("cause", t.field(crate::domain::Field::Cause), ticket.cause.as_deref().unwrap_or(""), 2));
        rows.push(Row::text(
            "measures",
            t.field(crate::domain::Field::Measures),
            ticket.measures.as_deref().unwrap_or(""),
            2,
        ));
        rows.push(Row::text(
            "solution",
            t.field(crate::domain::Field::Solution),
            ticket.solution.as_deref().unwrap_or(""),
            2,
        ));
        let mut scores = vec![Choice { value: None, label: t.empty_value.to_string() }];
        scores
            .extend((1..=5).map(|s| Choice { value: Some(s.to_string()), label: format!("{s} {}", t.scores[s - 1]) }));
        let mut score = PickList::new(scores);
        score.choose_value(feedback.as_ref().map(|(s, _)| s.to_string()).as_deref());
        rows.push(Row::pick("score", t.feedback_score, score));
        let comment = feedback.and_then(|(_, c)| c).unwrap_or_default();
        rows.push(Row::line("comment", t.feedback_comment, &comment));
        RecordPane {
            opened_with: Vec::new(),
            kind: RecordKind::Closure { ticket: ticket.id, version: ticket.version },
            title,
            fields: Fields::new(rows),
            saving: None,
            return_to: Screen::Queue,
        }
    }

    /// The post-incident review; action items one per line:
    /// `[ ] what | who | 2026-12-01` (`[x]` when done).
    pub fn review(t: &Catalogue, ticket: &Ticket, review: Option<&Review>, title: String) -> Self {
        // A review starts from the cause recorded for closing, until it has its own.
        let recorded = ticket.cause.clone().unwrap_or_default();
        let mut r = review.cloned().unwrap_or_default();
        if r.cause.trim().is_empty() {
            r.cause = recorded;
        }
        let r = &r;
        let ticket = ticket.id;
        let actions: Vec<String> = r.actions.iter().map(ActionItem::to_line).collect();
        let rows = vec![
            Row::text("what_happened", t.review.what, &r.what_happened, 3),
            Row::text("cause", t.field(crate::domain::Field::Cause), &r.cause, 2),
            Row::text("went_well", t.review.well, &r.went_well, 2),
            Row::text("went_badly", t.review.badly, &r.went_badly, 2),
            Row::text("recommendations", t.review.recommendations, &r.recommendations, 2),
            Row::text("actions", t.review.actions, &actions.join("\n"), 3),
            Row::toggle("complete", t.review.complete, r.completed_at.is_some()),
        ];
        RecordPane {
            opened_with: Vec::new(),
            kind: RecordKind::Review { ticket },
            title,
            fields: Fields::new(rows),
            saving: None,
            return_to: Screen::Queue,
        }
    }

    pub fn problem(
        t: &Catalogue,
        problem: Option<&Problem>,
        incidents: Vec<TicketId>,
        suggested_title: &str,
        title: String,
    ) -> Self {
        let statuses = ProblemStatus::ALL
            .iter()
            .map(|s| Choice { value: Some(s.code().to_string()), label: t.problem_status(*s).to_string() })
            .collect();
        let mut status = PickList::new(statuses);
        status.choose_value(problem.map(|p| p.status.code()));
        let rows = vec![
            Row::line("title", t.field(crate::domain::Field::Title), problem.map_or(suggested_title, |p| &p.title)),
            Row::pick("status", t.field(crate::domain::Field::Status), status),
            Row::text("root_cause", t.problem_root_cause, problem.map_or("", |p| &p.root_cause), 3),
            Row::text("workaround", t.problem_workaround, problem.map_or("", |p| &p.workaround), 3),
            Row::text("permanent_fix", t.problem_fix, problem.map_or("", |p| &p.permanent_fix), 3),
        ];
        RecordPane {
            opened_with: Vec::new(),
            kind: RecordKind::Problem { id: problem.map(|p| p.id), incidents },
            title,
            fields: Fields::new(rows),
            saving: None,
            return_to: Screen::Queue,
        }
    }

    pub fn article(t: &Catalogue, lists: &PickLists, article: Option<&Article>, title: String) -> Self {
        let rows = vec![
            Row::line("title", t.field(crate::domain::Field::Title), article.map_or("", |a| &a.title)),
            Row::pick(
                "service",
                t.field(crate::domain::Field::Service),
                optional(t, &lists.services, article.and_then(|a| a.service.as_deref())),
            ),
            Row::pick(
                "category",
                t.field(crate::domain::Field::Category),
                optional(t, &lists.category_names(), article.and_then(|a| a.category.as_deref())),
            ),
            Row::line("tags", t.kb_tags, &article.map(|a| a.tags.join(", ")).unwrap_or_default()),
            Row::text("body", t.form.compose_text.trim(), article.map_or("", |a| &a.body), 10),
        ];
        RecordPane {
            opened_with: Vec::new(),
            kind: RecordKind::Article { id: article.map(|a| a.id) },
            title,
            fields: Fields::new(rows),
            saving: None,
            return_to: Screen::Queue,
        }
    }
}
