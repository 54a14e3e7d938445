//! Teams and people, the registration form's draft, demo data and reports.

use super::{Executor, misrouted};
use crate::app::action::{Action, AdminChange, Failure, Origin};
use crate::app::effect::Effect;
use crate::service::demo::load_demo;
use crate::service::people;
use crate::store::Result;

impl Executor {
    pub(super) fn admin(&mut self, effect: Effect) -> Result<Action> {
        let store = &self.store;
        Ok(match effect {
            Effect::AddTeam { name, line } => {
                people::add_team(store, &name, line)?;
                Action::AdminChanged(AdminChange::TeamAdded(name))
            }
            Effect::RemoveTeam(name) => {
                people::remove_team(store, &name)?;
                Action::AdminChanged(AdminChange::TeamRemoved(name))
            }
            Effect::AddAgent(agent) => {
                people::add_agent(store, &agent)?;
                Action::AdminChanged(AdminChange::AgentAdded(agent.login))
            }
            Effect::RemoveAgent(login) => {
                people::remove_agent(store, &login)?;
                Action::AdminChanged(AdminChange::AgentRemoved(login))
            }
            Effect::SaveDraft(path, draft) => self.save_draft(&path, &draft),
            Effect::RemoveDraft(path) => {
                let _ = std::fs::remove_file(&path);
                Action::Done
            }
            Effect::LoadDraft(path) => {
                let draft = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
                draft.map_or(Action::Done, Action::DraftFound)
            }
            Effect::LoadDemo { count } => {
                let now = (self.clock)();
                Action::DemoLoaded(load_demo(store, &self.seed, self.language.code(), count, 1, now, |_| {})?)
            }
            Effect::RunReport { generation, query } => match &self.background {
                Some(send) => {
                    let job = crate::app::jobs::ReportJob {
                        connector: store.connector(),
                        language: self.language,
                        numbers: self.numbers.clone(),
                        generation,
                        query: *query,
                    };
                    crate::app::jobs::spawn(job, send.clone());
                    // Its answer comes as `ReportReady`.
                    Action::Done
                }
                None => crate::app::jobs::report(store, self.language, &self.numbers, generation, &query),
            },
            other => misrouted(&other),
        })
    }

    /// Keeps what the registration form holds, for only the user to read.
    fn save_draft(&self, path: &std::path::Path, draft: &crate::app::draft::Draft) -> Action {
        let bytes = serde_json::to_vec_pretty(draft).unwrap_or_default();
        let own = self.store.own_files();
        let protected: Vec<&std::path::Path> = own.iter().map(|p| p.as_path()).collect();
        let rules = crate::output_file::Rules { force: true, protected: &protected };
        let written = crate::output_file::OutputFile::create(path, rules, 0o600).and_then(|mut out| {
            use std::io::Write;
            out.file()
                .write_all(&bytes)
                .map_err(|source| crate::output_file::WriteError::Io { path: path.to_path_buf(), source })?;
            out.commit()
        });
        match written {
            Ok(()) => Action::Done,
            Err(e) => Action::Failed(Origin::Other, Failure::DraftNotKept(e)),
        }
    }
}
