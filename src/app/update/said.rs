//! What the screen says about a result: the one place where typed outcomes
//! and failures become sentences, in the user's language.

use crate::app::action::{AdminChange, Failure, Outcome, Saved};
use crate::app::state::AppState;
use crate::service::knowledge::ProblemLink;

/// What happened to a ticket, in words; `None` when there is nothing to say.
pub fn outcome(state: &AppState, id: crate::domain::TicketId, outcome: &Outcome) -> Option<String> {
    let (t, numbers) = (state.t(), &state.ctx.numbers);
    let problems = crate::domain::knowledge::problem_numbers();
    Some(match outcome {
        Outcome::Edited(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| t.field(*f)).collect();
            (t.edit.saved)(&numbers.format(id), &names.join(", "))
        }
        Outcome::StatusSet(status) => (t.status_now)(t.status(*status)),
        Outcome::Assigned { team, person } => match person {
            Some(p) => (t.assigned_to)(&format!("{team} · {p}")),
            None => (t.assigned_to)(team),
        },
        Outcome::Escalated(to) => (t.escalated_to)(t.escalation(*to)),
        Outcome::LeadAsked(None) => t.lead_asked.to_string(),
        Outcome::LeadAsked(Some(lead)) => (t.work.lead_asked_of)(lead),
        Outcome::LeadHandled => t.work.lead_handled.to_string(),
        Outcome::MadeMajor => t.made_major.to_string(),
        Outcome::LinkedToMajor(major) => (t.linked_to)(&numbers.format(*major)),
        Outcome::NoteAdded => t.note_added.to_string(),
        Outcome::Messaged(delivered) => delivered.report(t, numbers),
        Outcome::Ticked | Outcome::Problem(ProblemLink::Unchanged) => return None,
        Outcome::Closed => t.closed_message.to_string(),
        Outcome::ReviewSaved { complete: true } => t.ev.review_completed.to_string(),
        Outcome::ReviewSaved { complete: false } => t.review.saved.to_string(),
        Outcome::Problem(ProblemLink::Linked(p)) => (t.ev.problem_linked)(&problems.format(*p)),
        Outcome::Problem(ProblemLink::Unlinked(p)) => (t.ev.problem_unlinked)(&problems.format(*p)),
        Outcome::KnowledgeApplied(a) => (t.ev.knowledge)(&crate::domain::knowledge::article_numbers().format(*a)),
        Outcome::Duplicate { of } => (t.ev.duplicate)(&numbers.format(*of)),
    })
}

pub fn saved(state: &AppState, saved: Saved) -> String {
    let t = state.t();
    match saved {
        Saved::Problem(id) => (t.problem_saved)(&crate::domain::knowledge::problem_numbers().format(id)),
        Saved::Article(id) => (t.article_saved)(&crate::domain::knowledge::article_numbers().format(id)),
    }
}

pub fn admin(state: &AppState, change: &AdminChange) -> String {
    let t = state.t();
    match change {
        AdminChange::TeamAdded(name) => (t.cli.team_added)(name),
        AdminChange::TeamRemoved(name) => (t.cli.team_removed)(name),
        AdminChange::AgentAdded(login) => (t.cli.agent_added)(login),
        AdminChange::AgentRemoved(login) => (t.cli.agent_removed)(login),
    }
}

pub fn failure(state: &AppState, failure: &Failure) -> String {
    match failure {
        Failure::Store(e) => store_error(state, e),
        Failure::DraftNotKept(e) => (state.t().draft_not_kept)(&e.to_string()),
        Failure::Stopped => state.t().busy.stopped.to_string(),
        Failure::ReportStopped => (state.t().err.database)(state.t().refusals.report_stopped),
        Failure::NoThread(e) => (state.t().err.database)(&e.to_string()),
        Failure::NoLane(e) => (state.t().busy.no_lane)(&store_error(state, e)),
    }
}

pub fn store_error(state: &AppState, e: &crate::store::StoreError) -> String {
    state.t().store_error(e, &state.ctx.numbers)
}
