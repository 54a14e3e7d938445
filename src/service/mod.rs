//! The use-cases that both front doors (the screen's executor and the
//! command line) call, each written once.

pub mod demo;
pub mod message;
pub mod resolve;
