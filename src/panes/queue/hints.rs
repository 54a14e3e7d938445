//! Which key hints the queue's footer offers: only what the selected
//! ticket's state and the user's role allow.

use crate::app::state::AppState;
use crate::domain::access::Permission;
use crate::keymap::Command;
use crate::panes::Hint;

/// The hints of the queue.
pub fn queue(state: &AppState) -> Vec<Hint> {
    crate::panes::all_on(&queue_commands(state))
}

fn queue_commands(state: &AppState) -> Vec<Command> {
    let mut hints = vec![Command::Open];
    if state.queue.filter.slice.is_some() {
        hints.insert(0, Command::Back);
    }
    if state.may(Permission::Register) {
        hints.push(Command::NewTicket);
    }
    hints.push(Command::Search);
    let open = state.queue.selected_row().is_some_and(|r| r.status.is_open());
    if open && state.may(Permission::Assign) {
        hints.push(Command::Assign);
    }
    hints.extend([Command::SortNext, Command::Filter(crate::keymap::FilterName::Open), Command::Help, Command::Quit]);
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::with_permissions as with;

    #[test]
    fn a_technician_is_not_offered_to_register() {
        use Permission::*;
        assert!(!queue_commands(&with(Some(vec![Assign, Work, Close]))).contains(&Command::NewTicket));
        assert!(queue_commands(&with(Some(vec![Register, Assign]))).contains(&Command::NewTicket));
    }
}
