//! `meldpunt privacy …`: data-subject requests and the retention period.

use anyhow::bail;
use chrono::{Months, Utc};

use super::output::{print_json, say};
use super::{Localized, PrivacyCommand};
use crate::config::Config;
use crate::store::Store;

pub fn run(command: PrivacyCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    match command {
        PrivacyCommand::Export { reporter } => {
            let held = store.privacy_export(who, now, &reporter).localized(config)?;
            print_json(&held)?;
        }
        PrivacyCommand::Erase { reporter } => {
            let records = store.privacy_erase(who, now, &reporter).localized(config)?;
            say(&(t.cli_erased)(records))?;
            let copies = store.copies_beside();
            if !copies.is_empty() {
                say(t.cli_erase_copies_left)?;
                for copy in copies {
                    say(&format!("  {}", copy.display()))?;
                }
            }
        }
        PrivacyCommand::Retention { months, apply } => {
            let Some(months) = months.or(config.retention_months) else {
                bail!(t.cli_no_retention);
            };
            let before = now.checked_sub_months(Months::new(months)).unwrap_or(chrono::DateTime::<Utc>::MIN_UTC);
            if apply {
                let (tickets, records) = store.apply_retention(who, now, before).localized(config)?;
                say(&(t.cli_retention_applied)(tickets, records, months))?;
            } else {
                let due = store.retention_due(before).localized(config)?;
                say(&(t.cli_retention_dry)(due, months))?;
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
