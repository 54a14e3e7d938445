//! What runs on every tick: deadlines passing, updates due, who else has
//! an incident open.

use super::{Executor, misrouted};
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::store::Result;

impl Executor {
    pub(super) fn watch(&mut self, effect: Effect) -> Result<Action> {
        let store = &self.store;
        Ok(match effect {
            // Recording breaches is a write; a read-only file only shows them.
            Effect::WatchDeadlines if store.is_read_only() => Action::DeadlinesWatched(Vec::new()),
            Effect::WatchDeadlines => {
                Action::DeadlinesWatched(crate::service::maintenance::record_breaches(store, (self.clock)())?)
            }
            Effect::WatchUpdates { soon } => Action::UpdatesDue(store.updates_due(soon)?),
            Effect::WatchOthers => self.watch_others(),
            // Presence is a courtesy: when the file is busy it waits for the next turn.
            Effect::BePresent { id, now } => match store.be_present(&self.viewer.login, id, now) {
                Ok(others) => Action::Present { id, others },
                Err(_) => Action::Done,
            },
            Effect::Leave(id) => {
                let _ = store.leave(&self.viewer.login, id);
                Action::Done
            }
            other => misrouted(&other),
        })
    }
}
