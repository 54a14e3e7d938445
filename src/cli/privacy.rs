//! `meldpunt privacy …`: data-subject requests and the retention period.

use anyhow::bail;
use chrono::Utc;

use super::output::{note, print_json, say};
use super::{Localized, PrivacyCommand};
use crate::config::Config;
use crate::service::{Actor, privacy};
use crate::store::Store;

pub fn run(command: PrivacyCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let actor = Actor::new(&config.user, Utc::now());
    match command {
        PrivacyCommand::Export { reporter } => {
            let held = privacy::export(store, actor, &reporter).localized(config)?;
            print_json(&held)?;
        }
        PrivacyCommand::Erase { reporter } => {
            let erased = privacy::erase(store, actor, &reporter).localized(config)?;
            if erased.records == 0 {
                say(t.cli.erase_nobody)?;
            } else {
                say(&(t.cli.erased)(erased.records))?;
            }
            if !erased.log_emptied {
                note(t.cli.erase_log_kept);
            }
            if !erased.backups.is_empty() {
                say(t.cli.erase_backups)?;
                for file in &erased.backups {
                    say(&format!("  {}", file.display()))?;
                }
            }
        }
        PrivacyCommand::Retention { months, apply } => {
            let Some(months) = months.or(config.retention_months) else {
                bail!(t.cli.no_retention);
            };
            if apply {
                let (tickets, records) = privacy::apply_retention(store, actor, months).localized(config)?;
                say(&(t.cli.retention_applied)(tickets, records, months))?;
            } else {
                let due = privacy::retention_due(store, actor.now, months).localized(config)?;
                say(&(t.cli.retention_dry)(due, months))?;
            }
        }
        PrivacyCommand::Log => {
            for a in store.privacy_log().localized(config)? {
                say(&format!(
                    "{}  {:<10} {:<10} {:<24} {}",
                    t.datetime(a.at),
                    a.actor,
                    a.action,
                    a.subject,
                    a.records
                ))?;
            }
        }
    }
    Ok(())
}
