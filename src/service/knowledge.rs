//! Learning from incidents: reviews, problems and the knowledge base.

use crate::domain::TicketId;
use crate::domain::knowledge::{Article, NewArticle, Problem, ProblemEdit, Review};
use crate::store::{Result, Store};

use super::Actor;

/// What linking an incident to a problem changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemLink {
    Linked(i64),
    /// Unlinked from the problem it had.
    Unlinked(i64),
    /// Unlinked, and it had none.
    Unchanged,
}

/// Links an incident to a problem, or with `None` unlinks it.
pub fn link_problem(store: &Store, actor: Actor, ticket: TicketId, problem: Option<i64>) -> Result<ProblemLink> {
    let before = store.problem_of(ticket)?;
    store.link_problem(actor.login, actor.now, ticket, problem)?;
    Ok(match (problem, before) {
        (Some(p), _) => ProblemLink::Linked(p),
        (None, Some(old)) => ProblemLink::Unlinked(old.id),
        (None, None) => ProblemLink::Unchanged,
    })
}

/// Links several incidents to a problem (or unlinks them, with `None`):
/// all of them or, when one cannot be, none.
pub fn link_problems(store: &Store, actor: Actor, tickets: &[TicketId], problem: Option<i64>) -> Result<()> {
    store.link_problems(actor.login, actor.now, tickets, problem)
}

/// A new problem with only its title, from these incidents.
pub fn new_problem(store: &Store, actor: Actor, title: &str, incidents: &[TicketId]) -> Result<Problem> {
    store.create_problem(actor.login, actor.now, title, incidents)
}

/// Saves a problem: a new one (from these incidents) or an edit of one.
pub fn save_problem(
    store: &Store,
    actor: Actor,
    id: Option<i64>,
    incidents: &[TicketId],
    edit: &ProblemEdit,
) -> Result<Problem> {
    match id {
        Some(id) => store.update_problem(actor.now, id, edit),
        None => store.create_problem_with(actor.login, actor.now, incidents, edit),
    }
}

/// Saves an article: a new one or an edit of one.
pub fn save_article(store: &Store, actor: Actor, id: Option<i64>, article: &NewArticle) -> Result<Article> {
    match id {
        Some(id) => store.update_article(actor.now, id, article),
        None => store.add_article(actor.login, actor.now, article),
    }
}

/// Records that an article solved (or helped with) an incident.
pub fn apply_article(store: &Store, actor: Actor, ticket: TicketId, article: i64) -> Result<()> {
    store.apply_article(actor.login, actor.now, ticket, article)
}

/// Saves a post-incident review; `complete` makes it done.
pub fn save_review(store: &Store, actor: Actor, id: TicketId, review: &Review, complete: bool) -> Result<()> {
    store.save_review(actor.login, actor.now, id, review, complete)
}
