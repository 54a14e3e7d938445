pub mod detail;
pub mod help;
pub mod queue;
pub mod register;
