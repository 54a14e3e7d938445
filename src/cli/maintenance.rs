//! `meldpunt backup PATH` and `meldpunt check`.

use anyhow::{Context as _, bail};

use super::Localized;
use super::output::say;
use crate::config::Config;
use crate::store::Store;

pub fn backup(config: &Config, store: &Store, to: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}").context("spinner template")?);
    bar.set_message(t.cli_backup_progress);
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    let result = store.backup_to(to, force).localized(config);
    bar.finish_and_clear();
    result?;
    let mb = std::fs::metadata(to).map(|m| m.len().div_ceil(1_000_000)).unwrap_or(0);
    say(&(t.cli_backup_done)(&to.display().to_string(), mb))?;
    Ok(())
}

pub fn check(config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let report = store.check().localized(config)?;
    if report.is_ok() {
        say(&(t.cli_check_ok)(report.tickets, report.events))?;
        return Ok(());
    }
    for line in &report.integrity {
        say(&format!("{} {}", t.cli_check_integrity, crate::domain::text::inert_single_line(line)))?;
    }
    for (table, row, target) in &report.foreign_keys {
        say(&(t.cli_check_foreign)(table, *row, target))?;
    }
    bail!((t.cli_check_failed)(report.integrity.len() + report.foreign_keys.len()))
}

pub fn setting(command: super::SettingCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    use crate::domain::access::Setting;
    match command {
        super::SettingCommand::List => {
            let t = config.language.catalogue();
            for key in Setting::ALL {
                say(&format!("{} = {}", key.code(), store.setting(*key).localized(config)?))?;
                if *key == Setting::TrustConfigUser {
                    match store.config_names().localized(config)? {
                        crate::store::ConfigNames::NotBelieved => {}
                        crate::store::ConfigNames::BelievedForSetUp { admin } => {
                            say(&(t.setting_names_set_up)(&admin))?
                        }
                        crate::store::ConfigNames::Believed => say(t.setting_names_chosen)?,
                    }
                }
            }
        }
        super::SettingCommand::Set { key, value } => {
            let t = config.language.catalogue();
            let names: Vec<&str> = Setting::ALL.iter().map(|s| s.code()).collect();
            let Some(key) = Setting::from_code(&key) else {
                bail!((t.cli_bad_value)("setting", &key, &names.join(", ")))
            };
            let stored = store.set_setting(key, &value).localized(config)?;
            say(&format!("{} = {stored}", key.code()))?;
        }
    }
    Ok(())
}
