//! The servicedesk's teams and people, as the admin pane and
//! `meldpunt team|agent …` change them.

use crate::domain::people::AgentRecord;
use crate::store::{Result, Store};

pub fn add_team(store: &Store, name: &str, line: u8) -> Result<()> {
    store.add_team(name, line)
}

/// Takes a team out of use (its history keeps its name).
pub fn remove_team(store: &Store, name: &str) -> Result<()> {
    store.remove_team(name)
}

/// Adds a person; on a server, the statements a DBA must run for their
/// role to hold there, where its owner could not grant it.
pub fn add_agent(store: &Store, agent: &AgentRecord) -> Result<Vec<String>> {
    store.add_agent(agent)?;
    Ok(store.grants_left())
}

/// Takes a person out of use (their history keeps their login).
pub fn remove_agent(store: &Store, login: &str) -> Result<()> {
    store.remove_agent(login)
}
