//! Closing and learning: the checklist, closing, reviews, problems, the
//! knowledge base, duplicates.

use super::{Executor, misrouted};
use crate::app::action::{Action, Outcome, Saved};
use crate::app::effect::Effect;
use crate::service::closing::{CloseRequest, close};
use crate::service::{knowledge, work};
use crate::store::{Result, StoreError};

impl Executor {
    pub(super) fn records(&mut self, effect: Effect) -> Result<Action> {
        let (store, actor) = (&self.store, self.actor());
        let changed = |id, outcome| Action::TicketChanged { id, outcome };
        Ok(match effect {
            Effect::Tick { id, item, on } => match work::tick(store, actor, id, &item, on) {
                Ok(()) => changed(id, Outcome::Ticked),
                Err(error) => Action::TickFailed { id, item, on, error },
            },
            Effect::Close(input) => {
                // The pane shows every closing field: what it holds is what is
                // meant, an emptied field included.
                let request = CloseRequest {
                    id: input.id,
                    expected: Some(input.version),
                    code: input.code.clone().unwrap_or_default(),
                    cause: Some(input.cause.clone().unwrap_or_default()),
                    measures: Some(input.measures.clone().unwrap_or_default()),
                    solution: Some(input.solution.clone().unwrap_or_default()),
                    feedback: input.feedback.clone(),
                };
                // One transaction: refused, nothing is stored and the pane
                // keeps what was typed, at the version it had.
                match close(store, actor, &request) {
                    Ok(_) => changed(input.id, Outcome::Closed),
                    Err(e @ StoreError::Conflict { .. }) => return Err(e),
                    Err(error) => Action::CloseRefused { id: input.id, version: input.version, error },
                }
            }
            Effect::SaveReview { id, review, complete } => {
                knowledge::save_review(store, actor, id, &review, complete)?;
                changed(id, Outcome::ReviewSaved { complete })
            }
            Effect::SaveProblem { id, incidents, edit } => {
                let saved = knowledge::save_problem(store, actor, id, &incidents, &edit)?;
                Action::LibraryChanged(Saved::Problem(saved.id))
            }
            Effect::SaveArticle { id, article } => {
                let saved = knowledge::save_article(store, actor, id, &article)?;
                Action::LibraryChanged(Saved::Article(saved.id))
            }
            Effect::LinkProblem { ticket, problem } => {
                changed(ticket, Outcome::Problem(knowledge::link_problem(store, actor, ticket, problem)?))
            }
            Effect::ApplyKnowledge { ticket, article } => {
                knowledge::apply_article(store, actor, ticket, article)?;
                changed(ticket, Outcome::KnowledgeApplied(article))
            }
            Effect::MarkDuplicate { id, original } => {
                work::mark_duplicate(store, actor, id, original)?;
                changed(id, Outcome::Duplicate { of: original })
            }
            other => misrouted(&other),
        })
    }
}
