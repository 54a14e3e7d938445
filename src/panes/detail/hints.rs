//! Which key hints the incident pane's footer offers: only what the
//! ticket's state and the user's role allow (what is not allowed is left
//! out, not dimmed: the line has no room to spare).

use crate::app::state::AppState;
use crate::domain::Status;
use crate::domain::access::Permission;
use crate::keymap::Command;
use crate::panes::Hint;

/// The hints of the incident pane, for the ticket as it is now.
pub fn detail(state: &AppState) -> Vec<Hint> {
    crate::panes::all_on(&detail_commands(state))
}

fn detail_commands(state: &AppState) -> Vec<Command> {
    let mut hints = vec![Command::Back];
    let status = state.detail.as_ref().and_then(|d| d.ticket.as_ref()).map(|t| t.status);
    match status {
        Some(s) if s.is_open() => {
            if state.may(Permission::Assign) {
                hints.extend([Command::Assign, Command::Escalate]);
            }
            if state.may(Permission::Work) {
                hints.extend([Command::AddNote, Command::Message, Command::Resolve]);
            }
        }
        Some(s) => {
            if state.may(Permission::Work) {
                hints.extend([Command::AddNote, Command::Message]);
            }
            if s == Status::Resolved && state.may(Permission::Close) {
                hints.push(Command::Close);
            }
            if state.may(Permission::Reopen) {
                hints.push(Command::Reopen);
            }
        }
        None => {}
    }
    if status.is_some() && (state.may(Permission::Register) || state.may(Permission::Classify)) {
        hints.push(Command::Edit);
    }
    // A lead's ask is offered to be marked handled by those who may.
    let asked = state.detail.as_ref().and_then(|d| d.handling.as_ref()).is_some_and(|h| h.lead_attention);
    if asked && state.may(Permission::HandleLeadAsk) {
        hints.push(Command::LeadHandled);
    }
    hints.extend([Command::Help, Command::Quit]);
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{on_ticket, with_permissions as with};

    #[test]
    fn a_resolved_ticket_offers_close_and_reopen_not_resolve() {
        let hints = detail_commands(&on_ticket(with(None), Status::Resolved));
        assert!(!hints.contains(&Command::Resolve), "{hints:?}");
        assert!(hints.contains(&Command::Close) && hints.contains(&Command::Reopen), "{hints:?}");
        assert!(detail_commands(&on_ticket(with(None), Status::InProgress)).contains(&Command::Resolve));
    }

    #[test]
    fn a_lead_is_offered_to_mark_an_ask_handled() {
        let asked = |permissions| {
            let mut s = on_ticket(with(permissions), Status::InProgress);
            let handling = crate::domain::work::Handling { lead_attention: true, ..Default::default() };
            s.detail.as_mut().unwrap().handling = Some(handling);
            detail_commands(&s)
        };
        assert!(asked(Some(vec![Permission::Work, Permission::HandleLeadAsk])).contains(&Command::LeadHandled));
        assert!(!asked(Some(vec![Permission::Work])).contains(&Command::LeadHandled), "not for a technician");
        assert!(
            !detail_commands(&on_ticket(with(None), Status::InProgress)).contains(&Command::LeadHandled),
            "nothing asked"
        );
    }

    #[test]
    fn a_technician_is_not_offered_to_reopen() {
        use Permission::*;
        let technician = Some(vec![Assign, Work, Close]);
        assert!(!detail_commands(&on_ticket(with(technician), Status::Closed)).contains(&Command::Reopen));
    }
}
