//! `meldpunt import FILE`: another helpdesk's history, all or nothing.

use anyhow::{Context as _, bail};

use super::{ImportArgs, Localized};
use crate::config::Config;
use crate::store::{Existing, Store};

pub fn run(args: ImportArgs, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    if args.preset != "servicenow" {
        bail!((t.cli_bad_value)("preset", &args.preset, "servicenow"));
    }
    let existing = match args.existing.as_str() {
        "skip" => Existing::Skip,
        "update" => Existing::Update,
        other => bail!((t.cli_bad_value)("existing", other, "skip, update")),
    };
    let tz: chrono_tz::Tz = args.timezone.parse().map_err(|_| {
        anyhow::anyhow!((t.cli_bad_value)("timezone", &args.timezone, "an IANA name such as Europe/Amsterdam or UTC"))
    })?;
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec})").context("progress template")?,
    );
    bar.set_message(t.cli_import_reading);
    let input = crate::import::open(&args.file)?;
    let read = crate::import::servicenow(input, &args.file, &tz, |rows| bar.set_position(rows))?;
    bar.finish_and_clear();
    eprintln!("{}", (t.cli_import_read)(read.rows, read.tickets.len() as u64, read.error_count));
    for e in &read.errors {
        eprintln!("  {e}");
    }
    if read.error_count > 0 {
        bail!((t.cli_import_refused)(read.error_count));
    }
    if args.dry_run {
        println!("{}", (t.cli_import_dry)(read.tickets.len() as u64));
        return Ok(());
    }
    let total = read.tickets.len() as u64;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(t.cli_import_storing);
    let loaded = store
        .bulk_load(&Default::default(), &[], read.tickets, existing, |n| {
            if n % 256 == 0 || n == total {
                bar.set_position(n)
            }
        })
        .localized(config)?;
    bar.finish_and_clear();
    store.analyze().localized(config)?;
    println!("{}", (t.cli_import_done)(loaded.stored, loaded.skipped, loaded.replaced));
    Ok(())
}
