//! The customer-update clock beyond the incident open: how many updates
//! are due (the queue's status bar counts them) and the terminal bell,
//! rung once for each ticket whose update newly falls due, when the
//! config asks for it (`update_bell = true`).

use std::collections::HashSet;

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::TicketId;
use crate::domain::work::UpdatesDue;

/// An update counts as due from this long before its deadline: time to
/// write it before it is missed.
pub const DUE_SOON_SECS: i64 = 10 * 60;

#[derive(Debug, Default)]
pub struct UpdateWatch {
    /// The last count, none until known.
    pub due: Option<UpdatesDue>,
    /// Tickets already rung for while their update stays due.
    pub rung: HashSet<TicketId>,
    /// The bell is to ring at the next draw.
    pub bell: bool,
}

/// Asks how many updates are due from now to a little while ahead.
pub fn watch(state: &AppState) -> Effect {
    Effect::WatchUpdates { soon: state.now + chrono::Duration::seconds(DUE_SOON_SECS) }
}

/// The tickets whose update newly fell due since the last look.
pub fn newly_due(rung: &HashSet<TicketId>, due: &[TicketId]) -> Vec<TicketId> {
    due.iter().copied().filter(|id| !rung.contains(id)).collect()
}

pub fn due(state: &mut AppState, due: UpdatesDue) -> Vec<Effect> {
    let w = &mut state.updates;
    let fresh = newly_due(&w.rung, &due.tickets);
    // The first look at start-up learns what is due already: no bell for that.
    let first = w.due.is_none();
    if !fresh.is_empty() && !first && state.ctx.update_bell {
        w.bell = true;
    }
    // Once an update is no longer due (it was given), its next one rings again.
    w.rung = due.tickets.iter().copied().collect();
    w.due = Some(due);
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::state;

    fn answer(ids: &[TicketId]) -> UpdatesDue {
        UpdatesDue { count: ids.len() as u64, tickets: ids.to_vec() }
    }

    #[test]
    fn the_bell_rings_once_per_update_newly_due_and_only_when_asked_for() {
        let mut s = state("en");
        s.ctx.update_bell = true;
        due(&mut s, answer(&[1]));
        assert!(!s.updates.bell, "what is due at start-up does not ring");
        due(&mut s, answer(&[1, 2]));
        assert!(std::mem::take(&mut s.updates.bell), "ticket 2 fell due");
        due(&mut s, answer(&[1, 2]));
        assert!(!s.updates.bell, "rung once, not every second");
        due(&mut s, answer(&[2]));
        due(&mut s, answer(&[1, 2]));
        assert!(s.updates.bell, "ticket 1's next update fell due");

        let mut quiet = state("en");
        assert!(!quiet.ctx.update_bell, "off by default");
        due(&mut quiet, answer(&[]));
        due(&mut quiet, answer(&[3]));
        assert!(!quiet.updates.bell);
        assert_eq!(quiet.updates.due.as_ref().map(|d| d.count), Some(1));
    }
}
