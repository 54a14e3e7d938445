//! What `update` does when a use-case's result comes back: a ticket
//! changed, loaded, refused or in conflict.

use super::{compose, dialog, queue, record, register, said};
use crate::app::action::{Conflict, Outcome, Saved, TicketDetail};
use crate::app::effect::Effect;
use crate::app::state::{AppState, Message, Screen};
use crate::domain::TicketId;

/// Whatever changed the ticket (a dialog, a message, a status key), show
/// the result.
pub fn ticket_changed(state: &mut AppState, id: TicketId, outcome: &Outcome) -> Vec<Effect> {
    let error = outcome.failed_in_part();
    // Only the pane that asked for this change goes; what the user opened
    // meanwhile, on this ticket or another, stays as it is.
    if state.dialog.as_ref().is_some_and(|d| state.answers(d.saving)) {
        dialog::close(state);
    }
    if state.register.as_ref().is_some_and(|f| state.answers(f.saving)) {
        register::close(state);
    }
    compose::sent(state, id);
    if state.record.as_ref().is_some_and(|r| state.answers(r.saving)) {
        if let Some(pane) = state.record.as_mut() {
            pane.saving = None;
        }
        // A link that changed nothing keeps the pane open.
        if !error && !outcome.is_quiet() {
            record::close(state);
        }
    }
    if let Some(message) = said::outcome(state, id, outcome) {
        state.message = Some(if error { Message::Error(message) } else { Message::Info(message) });
    }
    let mut effects = Vec::new();
    if state.detail.as_ref().is_some_and(|d| d.id == id) {
        effects.push(Effect::LoadTicket(id));
    }
    effects.extend(queue::reload_in_place(state));
    effects
}

/// Closing was refused: the pane keeps what was typed, at the version now.
pub fn close_refused(
    state: &mut AppState,
    id: TicketId,
    version: i64,
    error: &crate::store::StoreError,
) -> Vec<Effect> {
    let asked = state.record.as_ref().is_some_and(|r| state.answers(r.saving));
    if let Some(pane) = state.record.as_mut().filter(|_| asked)
        && let crate::panes::record::state::RecordKind::Closure { ticket, version: v } = &mut pane.kind
        && *ticket == id
    {
        *v = version;
        pane.saving = None;
    }
    state.message = Some(Message::Error(said::store_error(state, error)));
    let reload = state.detail.as_ref().is_some_and(|d| d.id == id);
    reload.then_some(Effect::LoadTicket(id)).into_iter().collect()
}

/// A problem or article was saved: back to its list.
pub fn library_changed(state: &mut AppState, saved: Saved) -> Vec<Effect> {
    if state.record.as_ref().is_some_and(|r| state.answers(r.saving)) {
        record::close(state);
    }
    state.message = Some(Message::Info(said::saved(state, saved)));
    let mut effects = vec![Effect::LoadProblems, Effect::LoadArticles { search: state.panes.library.search.clone() }];
    if let Some(d) = &state.detail {
        effects.push(Effect::LoadTicket(d.id));
    }
    effects
}

pub fn ticket_loaded(state: &mut AppState, loaded: TicketDetail) -> Vec<Effect> {
    if let Some(detail) = state.detail.as_mut().filter(|d| d.id == loaded.ticket.id) {
        detail.ticket = Some(loaded.ticket);
        detail.events = loaded.events;
        detail.entries = loaded.entries;
        detail.timeline = Default::default();
        detail.sla = loaded.sla;
        detail.handling = loaded.handling;
        detail.children = loaded.children;
        detail.closing = loaded.closing;
    }
    let mut effects = super::detail::renew_presence(state, state.now);
    // A pane key pressed on the queue's row acts now that the ticket is here.
    if let Some(command) = state.detail.as_mut().filter(|d| d.ticket.is_some()).and_then(|d| d.then.take()) {
        effects.extend(super::detail::command(state, command));
    }
    effects
}

pub fn ticket_missing(state: &mut AppState, id: TicketId) -> Vec<Effect> {
    let number = state.ctx.numbers.format(id);
    state.message = Some(Message::Error((state.t().not_found)(&number)));
    if state.screen == Screen::Detail {
        state.screen = Screen::Queue;
    }
    state.detail = None;
    Vec::new()
}

/// Someone else changed the ticket: three ways for an edit of registered
/// fields (only what both changed is asked), else the question.
pub fn conflict(state: &mut AppState, mut conflict: Box<Conflict>) -> Vec<Effect> {
    // The pane that asked keeps waiting: whichever edit goes now is its save.
    conflict.asked_by = state.answering;
    let read = state.register.as_ref().and_then(|f| f.editing.as_ref()).map(|e| e.ticket.clone());
    if let Some(read) = read
        && let Some(merged) = crate::panes::register::edit::merge(&read, &mut conflict)
    {
        return vec![conflict.again(merged)];
    }
    state.conflict = Some(conflict);
    state.overlay = Some(crate::app::state::Overlay::Confirm(crate::app::state::Question::Conflict));
    Vec::new()
}

/// Who else has the incident open now.
pub fn present(state: &mut AppState, id: TicketId, others: Vec<String>) -> Vec<Effect> {
    if let Some(d) = state.detail.as_mut().filter(|d| d.id == id) {
        d.others = others;
    }
    Vec::new()
}

/// A breach is a new event on the open incident: show it.
pub fn breached(state: &AppState, ids: &[TicketId]) -> Vec<Effect> {
    match state.detail.as_ref().filter(|d| ids.contains(&d.id)) {
        Some(d) => vec![Effect::LoadTicket(d.id)],
        None => Vec::new(),
    }
}

pub fn admin_changed(state: &mut AppState, change: &crate::app::action::AdminChange) -> Vec<Effect> {
    // The admin pane's own dialog, not one opened elsewhere meanwhile.
    if state.dialog.as_ref().is_some_and(|d| state.answers(d.saving)) {
        dialog::close(state);
    }
    state.message = Some(Message::Info(said::admin(state, change)));
    vec![Effect::LoadAdmin, Effect::LoadPickLists]
}

/// A tick was not stored: its box goes back, only in that ticket's closing
/// pane (another may be open by now).
pub fn tick_failed(
    state: &mut AppState,
    id: TicketId,
    item: &str,
    on: bool,
    error: &crate::store::StoreError,
) -> Vec<Effect> {
    if let Some(pane) = state.record.as_mut().filter(|r| r.kind.ticket() == Some(id)) {
        pane.fields.set_toggle(item, !on);
    }
    state.message = Some(Message::Error(said::store_error(state, error)));
    Vec::new()
}

pub fn demo_loaded(state: &mut AppState, count: u64) -> Vec<Effect> {
    state.busy = None;
    state.message = Some(Message::Info((state.t().demo_loaded)(count)));
    let mut effects = vec![Effect::LoadPickLists, Effect::LoadTeams];
    effects.extend(queue::reload_from_top(state));
    effects
}

#[cfg(test)]
mod tests {
    use crate::app::action::{Action, Outcome};
    use crate::app::effect::Effect;
    use crate::app::state::Message;
    use crate::app::testing::{on_ticket, state};
    use crate::app::update::update;
    use crate::domain::Status;
    use crate::domain::mail::MailProblem;
    use crate::service::knowledge::ProblemLink;
    use crate::service::message::Delivered;

    fn messaged(failures: Vec<MailProblem>) -> Outcome {
        Outcome::Messaged(Delivered { record_only: false, ok: 1, failures, warnings: Vec::new() })
    }

    #[test]
    fn what_happened_is_said_in_the_users_language_and_the_ticket_loads_again() {
        let mut s = on_ticket(state("nl"), Status::New);
        let assigned = Outcome::Assigned { team: "Netwerk".into(), person: Some("bram".into()) };
        let effects = update(&mut s, Action::TicketChanged { id: 1, outcome: assigned });
        assert!(
            matches!(&s.message, Some(Message::Info(m)) if m == "Toegewezen aan Netwerk · bram."),
            "{:?}",
            s.message
        );
        assert!(effects.contains(&Effect::LoadTicket(1)), "{effects:?}");
    }

    #[test]
    fn a_message_that_did_not_go_out_is_an_error_and_one_that_did_is_not() {
        let mut s = on_ticket(state("en"), Status::InProgress);
        update(&mut s, Action::TicketChanged { id: 1, outcome: messaged(Vec::new()) });
        assert!(matches!(&s.message, Some(Message::Info(m)) if m == "Message sent."), "{:?}", s.message);
        update(&mut s, Action::TicketChanged { id: 1, outcome: messaged(vec![MailProblem::NoAddress]) });
        assert!(matches!(&s.message, Some(Message::Error(m)) if m.starts_with("Not sent (1)")), "{:?}", s.message);
    }

    #[test]
    fn a_quiet_outcome_leaves_the_last_message_standing() {
        let mut s = on_ticket(state("en"), Status::InProgress);
        s.message = Some(Message::Info("Status is now In progress.".into()));
        for quiet in [Outcome::Ticked, Outcome::Problem(ProblemLink::Unchanged)] {
            assert!(quiet.is_quiet());
            update(&mut s, Action::TicketChanged { id: 1, outcome: quiet });
            assert!(matches!(&s.message, Some(Message::Info(m)) if m.starts_with("Status is now")));
        }
    }
}
