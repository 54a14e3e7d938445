//! `meldpunt sla due|elapsed`: business-time arithmetic on the command line.

use anyhow::{anyhow, bail};
use chrono::{DateTime, Utc};

use super::SlaCommand;
use super::output::{print_json, say};
use crate::config::Config;
use crate::domain::calendar::Calendar;
use crate::domain::duration::{format_duration, parse_duration};
use crate::domain::sla::MAX_TARGET_SECS;

fn calendar<'a>(config: &'a Config, name: &str) -> anyhow::Result<&'a Calendar> {
    let calendars = &config.policy.calendars;
    if !calendars.contains(name) {
        let known: Vec<&str> = calendars.names().collect();
        bail!((config.language.catalogue().cli.unknown_calendar)(name, &known.join(", ")));
    }
    Ok(calendars.get(name))
}

fn instant(config: &Config, option: &str, text: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| anyhow!((config.language.catalogue().cli.bad_time)(option, text)))
}

pub fn run(command: SlaCommand, config: &Config) -> anyhow::Result<()> {
    match command {
        SlaCommand::Due { calendar: name, start, duration, json } => {
            let calendar = calendar(config, &name)?;
            let start = instant(config, "start", &start)?;
            let refused = |e| anyhow!("--duration: {}", (config.language.catalogue().refusals.bad_duration)(&e));
            let secs = parse_duration(&duration).map_err(refused)?;
            if secs > MAX_TARGET_SECS {
                let most = format_duration(MAX_TARGET_SECS);
                bail!((config.language.catalogue().cli.duration_too_long)(duration.trim(), &most));
            }
            let due = calendar.due(start, secs).ok_or_else(|| anyhow!(config.language.catalogue().cli.never_due))?;
            // Shown in the calendar's own zone, as the people on it read it.
            let text = due.with_timezone(&calendar.timezone()).to_rfc3339();
            if json {
                return print_json(&serde_json::json!({ "due": text }));
            }
            say(&text)?;
        }
        SlaCommand::Elapsed { calendar: name, from, to, json } => {
            let calendar = calendar(config, &name)?;
            let (from, to) = (instant(config, "from", &from)?, instant(config, "to", &to)?);
            let seconds = calendar.elapsed(from, to);
            if json {
                return print_json(&serde_json::json!({ "seconds": seconds }));
            }
            say(&format!("{seconds}"))?;
        }
    }
    Ok(())
}
