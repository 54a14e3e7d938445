//! Demo data: a servicedesk's people and tickets to try meldpunt on.

use chrono::{DateTime, Utc};

use crate::domain::demo::{DemoGenerator, vocabulary};
use crate::domain::people::AgentRecord;
use crate::domain::reference::ReferenceData;
use crate::store::Store;

/// Fills the store with `count` demo tickets; shared by the TUI and `meldpunt demo`.
pub fn load_demo(
    store: &Store,
    seed_data: &ReferenceData,
    language: &str,
    count: u64,
    seed: u64,
    now: DateTime<Utc>,
    progress: impl FnMut(u64),
) -> crate::store::Result<u64> {
    let vocab = vocabulary(language);
    let demo_agents = vocab.agents();
    let agents: Vec<AgentRecord> = demo_agents
        .iter()
        .map(|a| AgentRecord {
            login: a.login.clone(),
            name: a.name.clone(),
            email: Some(a.email.clone()),
            line: a.line,
            role: if a.line == 1 { "operator".into() } else { "technician".into() },
            teams: vec![a.team.clone()],
        })
        .collect();
    // Tickets are generated and stored one at a time, never all in memory.
    let generator = DemoGenerator::new(&vocab, demo_agents, count, seed, now);
    let stored = store.bulk_insert(seed_data, &agents, generator, progress)?;
    store.analyze()?;
    Ok(stored)
}
