//! UI state and the pure `update` that turns an action into new state plus
//! effects; one executor runs the effects against the store.

pub mod action;
pub mod draft;
pub mod effect;
pub mod executor;
pub mod fields;
pub mod jobs;
pub mod outstanding;
pub mod picklist;
pub mod run;
pub mod state;
#[cfg(test)]
pub(crate) mod testing;
pub mod update;
pub mod worker;

pub use action::Action;
pub use effect::Effect;
pub use executor::Executor;
pub use state::{AppState, Context, Screen};
pub use update::update;
