pub mod admin;
pub mod compose;
pub mod detail;
mod detail_sla;
pub mod dialog;
pub mod help;
pub mod queue;
pub mod register;
pub mod wizard;
