//! `meldpunt backup PATH` and `meldpunt check`.

use anyhow::{Context as _, bail};

use super::Localized;
use super::output::say;
use crate::config::Config;
use crate::store::{Location, Store};

pub fn backup(config: &Config, store: &Store, to: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}").context("spinner template")?);
    bar.set_message(t.cli.backup_progress);
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    let result = crate::service::maintenance::backup(store, to, force).localized(config);
    bar.finish_and_clear();
    result?;
    let mb = std::fs::metadata(to).map(|m| m.len().div_ceil(1_000_000)).unwrap_or(0);
    say(&(t.cli.backup_done)(&to.display().to_string(), mb))?;
    Ok(())
}

pub fn check(config: &Config, store: &Store) -> anyhow::Result<()> {
    let report = match crate::service::maintenance::check(store).map_err(|e| e.of_file(&store.place())) {
        Err(crate::store::StoreError::Damaged { damage, .. }) => return check_damaged(config, &store.place(), &damage),
        other => other.localized(config)?,
    };
    print_check(config, &report)
}

/// `meldpunt copy`: everything from one database into an empty other.
pub fn copy(config: &Config, from: &std::ffi::OsStr, to: &std::ffi::OsStr) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let localized = |e: crate::store::StoreError| anyhow::anyhow!(t.store_error(&e, &config.numbers));
    let from = Location::named(from, false).map_err(localized)?;
    let to = Location::named(to, false).map_err(localized)?;
    let options = crate::store::files::OpenOptions { mode: config.database_mode, ..Default::default() };
    let source = Store::open_at(&from, options).map_err(localized)?;
    let made = matches!(&to, Location::File(path) if !path.exists());
    let target = Store::open_at(&to, options).map_err(localized)?;
    let result = source.copy_into(&target);
    drop(target);
    let moved = match result {
        Ok(c) => c,
        Err(e) => {
            // A file made for the copy goes again with it.
            if let (true, Location::File(path)) = (made, &to) {
                let [wal, shm] = crate::store::files::companions(path);
                for file in [path.clone(), wal, shm] {
                    let _ = std::fs::remove_file(file);
                }
            }
            return Err(localized(e));
        }
    };
    copied(config, &moved)
}

/// What `meldpunt copy` moved, table by table, and the copy's check.
fn copied(config: &Config, copied: &crate::store::Copied) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let rows: Vec<Vec<String>> = copied.tables.iter().map(|(table, n)| vec![table.clone(), n.to_string()]).collect();
    super::output::print_table(&[t.cli.copy_table, t.cli.copy_rows], &rows)?;
    print_check(config, &copied.check)
}

/// A check's findings, or that all is sound.
fn print_check(config: &Config, report: &crate::store::CheckReport) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    if report.is_ok() {
        say(&(t.cli.check_ok)(report.tickets, report.events))?;
        return Ok(());
    }
    for line in &report.integrity {
        say(&format!("{} {}", t.cli.check_integrity, crate::domain::text::inert_single_line(line)))?;
    }
    for (table, row, target) in &report.foreign_keys {
        say(&(t.cli.check_foreign)(table, *row, target))?;
    }
    for name in &report.missing_triggers {
        say(&(t.cli.check_trigger)(name))?;
    }
    for w in &report.wrong_values {
        let value = crate::domain::text::inert_single_line(&w.value);
        say(&(t.cli.check_wrong)(&w.table, w.row, &w.column, &value, w.expected))?;
    }
    if report.more_wrong_values > 0 {
        say(&(t.cli.check_more_wrong)(report.more_wrong_values))?;
    }
    bail!((t.cli.check_failed)(report.problems()))
}

pub fn audit(config: &Config, store: &Store, limit: u32, json: bool) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let entries = store.audit(limit).localized(config)?;
    if json {
        return super::output::print_json(&entries);
    }
    if entries.is_empty() {
        say(t.cli.audit_none)?;
        return Ok(());
    }
    let value = |v: &Option<String>| v.as_deref().map_or("—".to_string(), |v| v.replace('\n', " "));
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            // Roles and a problem's status in words, as everywhere else.
            let value = |v: &Option<String>| match (e.field.as_deref(), v.as_deref()) {
                (Some("role"), Some(code)) => {
                    crate::domain::escalation::Role::from_code(code).map_or_else(|| value(v), |r| t.role(r).into())
                }
                (Some("status"), Some(code)) if e.subject == "problem" => {
                    crate::domain::knowledge::ProblemStatus::from_code(code)
                        .map_or_else(|| value(v), |s| t.problem_status(s).into())
                }
                _ => value(v),
            };
            vec![
                t.datetime(e.at),
                e.actor.clone().unwrap_or_else(|| t.cli.audit_outside.to_string()),
                format!("{} {}", (t.audit_word)(&e.subject), e.key),
                (t.audit_word)(&e.kind).to_string(),
                e.field.as_deref().map(t.audit_word).unwrap_or_default().to_string(),
                format!("{} → {}", value(&e.old), value(&e.new)),
            ]
        })
        .collect();
    super::output::print_table(&[t.col.when, t.col.who, t.col.subject, "", t.col.field, t.col.change], &rows)
}

/// `meldpunt check` of a file too damaged to open: looks into it read-only
/// and says what it found.
pub fn check_damaged(
    config: &Config,
    path: &std::path::Path,
    damage: &crate::domain::storage::Damage,
) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let found = crate::store::inspect(path, damage);
    for damage in &found.found {
        say(&(t.cli.check_damaged)(&t.damage(damage)))?;
    }
    for line in &found.integrity {
        say(&format!("{} {}", t.cli.check_integrity, crate::domain::text::inert_single_line(line)))?;
    }
    bail!((t.cli.check_failed)(found.found.len() + found.integrity.len()))
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
                        crate::domain::access::ConfigNames::NotBelieved => {}
                        crate::domain::access::ConfigNames::BelievedForSetUp { admin } => {
                            say(&(t.setting_names_set_up)(&admin))?
                        }
                        crate::domain::access::ConfigNames::Believed => say(t.setting_names_chosen)?,
                    }
                }
            }
        }
        super::SettingCommand::Set { key, value } => {
            let t = config.language.catalogue();
            let names: Vec<&str> = Setting::ALL.iter().map(|s| s.code()).collect();
            let Some(key) = Setting::from_code(&key) else {
                bail!((t.cli.bad_value)("setting", &key, &names.join(", ")))
            };
            let stored = crate::service::settings::set(store, key, &value).localized(config)?;
            say(&format!("{} = {stored}", key.code()))?;
        }
    }
    Ok(())
}
