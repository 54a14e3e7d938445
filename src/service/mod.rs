//! The use-cases that both front doors (the screen's executor and the
//! command line) call, each written once. A use-case is told who acts and
//! when (`Actor`): it never reads a clock itself.

pub mod closing;
pub mod demo;
pub mod detail;
pub mod import;
pub mod knowledge;
pub mod maintenance;
pub mod message;
pub mod people;
pub mod privacy;
pub mod reports;
pub mod resolve;
pub mod routing;
pub mod settings;
pub mod work;

use chrono::{DateTime, Utc};

/// Who does something, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor<'a> {
    pub login: &'a str,
    pub now: DateTime<Utc>,
}

impl<'a> Actor<'a> {
    pub fn new(login: &'a str, now: DateTime<Utc>) -> Self {
        Actor { login, now }
    }
}
