//! Working on an incident from the queue or its pane: status changes,
//! handing it on, notes and messages.

use crate::app::effect::{Effect, RecordTarget};
use crate::app::picklist::{Choice, PickList};
use crate::app::state::{AppState, Message, Overlay, Question, Screen};
use crate::domain::template::TemplateName;
use crate::domain::{Status, TicketId};
use crate::keymap::Command;
use crate::panes::compose::state::Compose;
use crate::panes::dialog::state::DialogKind;

/// The status a command moves to.
fn target(command: Command, current: Option<Status>) -> Option<Status> {
    Some(match command {
        Command::StartWork => Status::InProgress,
        Command::WaitCustomer => Status::WaitingCustomer,
        Command::WaitSupplier => Status::WaitingSupplier,
        Command::Resolve => Status::Resolved,
        Command::Close => Status::Closed,
        // Reopening picks work up again.
        Command::Reopen if current.is_some_and(|s| !s.is_open()) => Status::InProgress,
        _ => return None,
    })
}

pub fn command(state: &mut AppState, command: Command, id: TicketId, version: i64) -> Vec<Effect> {
    if matches!(command, Command::AddNote | Command::Message)
        && state.compose.as_ref().is_some_and(|c| c.saving.is_some())
    {
        // One on its way is shown again: a new one would lose it if it fails.
        state.screen = Screen::Compose;
        return Vec::new();
    }
    match command {
        Command::Assign => vec![Effect::LoadDialog { kind: DialogKind::Assign, id }],
        Command::Escalate => vec![Effect::LoadDialog { kind: DialogKind::Escalate, id }],
        Command::AskLead => vec![Effect::LoadDialog { kind: DialogKind::AskLead, id }],
        Command::LeadHandled => vec![Effect::LeadHandled { id, note: String::new() }],
        Command::MakeMajor => vec![Effect::LoadDialog { kind: DialogKind::MakeMajor, id }],
        Command::LinkToMajor => vec![Effect::LoadDialog { kind: DialogKind::LinkToMajor, id }],
        Command::AddNote => {
            state.compose = Some(Compose::note(id));
            state.screen = Screen::Compose;
            Vec::new()
        }
        Command::Message => open_message(state, id),
        // Closing goes through the checklist.
        Command::Close => {
            // An illegal move is refused here, as for every other status key.
            if let Some(from) = current_status(state, id)
                && from != Status::Closed
                && let Err(e) = from.check_transition(Status::Closed)
            {
                state.message = Some(Message::Error(state.t().edit_error(&e)));
                return Vec::new();
            }
            vec![Effect::OpenRecord(RecordTarget::Closure(id))]
        }
        Command::Review => vec![Effect::OpenRecord(RecordTarget::Review(id))],
        Command::LinkProblem => vec![Effect::LoadDialog { kind: DialogKind::LinkProblem, id }],
        Command::ApplyKnowledge => vec![Effect::LoadDialog { kind: DialogKind::ApplyKnowledge, id }],
        Command::Duplicate => vec![Effect::LoadDialog { kind: DialogKind::Duplicate, id }],
        _ => set_status(state, command, id, version),
    }
}

fn current_status(state: &AppState, id: TicketId) -> Option<Status> {
    let from_detail = state.detail.as_ref().filter(|d| d.id == id).and_then(|d| d.ticket.as_ref()).map(|t| t.status);
    from_detail.or_else(|| state.queue.rows.iter().find(|r| r.id == id).map(|r| r.status))
}

fn set_status(state: &mut AppState, command: Command, id: TicketId, version: i64) -> Vec<Effect> {
    let t = state.t();
    let current = current_status(state, id);
    let Some(status) = target(command, current) else {
        // Reopening an open ticket: say why nothing happens.
        if command == Command::Reopen
            && let Some(from) = current
        {
            state.message = Some(Message::Info((t.reopen_needs_done)(t.status(from))));
        }
        return Vec::new();
    };
    if current == Some(status) {
        state.message = Some(Message::Info((t.already_in_status)(t.status(status))));
        return Vec::new();
    }
    if let Some(from) = current
        && let Err(e) = from.check_transition(status)
    {
        state.message = Some(Message::Error(t.edit_error(&e)));
        return Vec::new();
    }
    // Resolving a major incident offers to resolve the incidents linked to it.
    if status == Status::Resolved
        && let Some(detail) = state.detail.as_ref().filter(|d| d.id == id)
        && detail.children.iter().any(|c| c.is_open())
    {
        state.overlay = Some(Overlay::Confirm(Question::ResolveChildren));
        return Vec::new();
    }
    // Resolving and the wait states (which pause the SLA) are asked first.
    if matches!(status, Status::Resolved | Status::WaitingCustomer | Status::WaitingSupplier) {
        state.overlay = Some(Overlay::Confirm(Question::SetStatus { id, version, status }));
        return Vec::new();
    }
    vec![Effect::SetStatus { id, version, status, also: Vec::new() }]
}

/// After the question: resolve the major incident, and its children if so chosen.
pub fn resolve_major(state: &mut AppState, with_children: bool) -> Vec<Effect> {
    let Some(detail) = &state.detail else { return Vec::new() };
    let Some(ticket) = &detail.ticket else { return Vec::new() };
    let also = if with_children { crate::domain::ticket::resolve_with_major(&detail.children) } else { Vec::new() };
    vec![Effect::SetStatus { id: ticket.id, version: ticket.version, status: Status::Resolved, also }]
}

fn open_message(state: &mut AppState, id: TicketId) -> Vec<Effect> {
    let t = state.t();
    let ticket = state.detail.as_ref().filter(|d| d.id == id).and_then(|d| d.ticket.as_ref());
    let recipient = ticket.and_then(|ticket| ticket.reporter.email.clone());
    let choices = TemplateName::ALL
        .iter()
        .map(|name| Choice { value: Some(name.code().to_string()), label: t.template_name(*name).to_string() })
        .collect();
    let mut templates = PickList::new(choices);
    // The likely message first: the summary once resolved, else an update.
    let likely = match ticket.map(|t| t.status) {
        Some(Status::Resolved | Status::Closed) => TemplateName::Summary,
        Some(Status::New) => TemplateName::Confirmation,
        _ => TemplateName::Progress,
    };
    templates.choose_value(Some(likely.code()));
    templates.highlight_chosen();
    state.compose = Some(Compose::message(id, templates, recipient));
    state.screen = Screen::Compose;
    Vec::new()
}
