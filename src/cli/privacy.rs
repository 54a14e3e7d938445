//! `meldpunt privacy …`: data-subject requests and the retention period.

use anyhow::bail;
use chrono::{Months, Utc};

use super::{Localized, PrivacyCommand};
use crate::config::Config;
use crate::store::Store;

pub fn run(command: PrivacyCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let (who, now) = (config.user.as_str(), Utc::now());
    match command {
        PrivacyCommand::Export { reporter } => {
            let held = store.privacy_export(who, now, &reporter).localized(config)?;
            println!("{}", serde_json::to_string_pretty(&held)?);
        }
        PrivacyCommand::Erase { reporter } => {
            let erased = store.privacy_erase(who, now, &reporter).localized(config)?;
            if erased.records == 0 {
                println!("{}", t.cli_erase_nobody);
            } else {
                println!("{}", (t.cli_erased)(erased.records));
            }
            if !erased.log_emptied {
                eprintln!("{}", t.cli_erase_log_kept);
            }
            if !erased.backups.is_empty() {
                println!("{}", t.cli_erase_backups);
                for file in &erased.backups {
                    println!("  {}", crate::domain::text::inert(&file.display().to_string()));
                }
            }
        }
        PrivacyCommand::Retention { months, apply } => {
            let Some(months) = months.or(config.retention_months) else {
                bail!(t.cli_no_retention);
            };
            let before = now.checked_sub_months(Months::new(months)).unwrap_or(now);
            if apply {
                let (tickets, records) = store.apply_retention(who, now, before).localized(config)?;
                println!("{}", (t.cli_retention_applied)(tickets, records, months));
            } else {
                let due = store.retention_due(before).localized(config)?;
                println!("{}", (t.cli_retention_dry)(due, months));
            }
        }
        PrivacyCommand::Log => {
            for a in store.privacy_log().localized(config)? {
                println!("{}  {:<10} {:<10} {:<24} {}", t.datetime(a.at), a.actor, a.action, a.subject, a.records);
            }
        }
    }
    Ok(())
}
