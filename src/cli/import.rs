//! `meldpunt import FILE`: another helpdesk's history, all or nothing.

use anyhow::{Context as _, bail};

use super::output::{Stream, note, say};
use super::{ImportArgs, Localized};
use crate::config::Config;
use crate::store::{Existing, Store};

pub fn run(args: ImportArgs, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let existing = match args.existing.as_str() {
        "skip" => Existing::Skip,
        "update" => Existing::Update,
        other => bail!((t.cli.bad_value)("existing", other, "skip, update")),
    };
    match args.format.as_str() {
        "json" => return json(&args, existing, config, store),
        "csv" => {}
        other => bail!((t.cli.bad_value)("format", other, "csv, json")),
    }
    let mapping = match &args.mapping {
        Some(path) => Some(crate::import::mapping::Mapping::read(path).map_err(|e| anyhow::anyhow!(e.localized(t)))?),
        None if args.preset != "servicenow" => bail!((t.cli.bad_value)("preset", &args.preset, "servicenow")),
        None => None,
    };
    let tz: chrono_tz::Tz = args.timezone.parse().map_err(|_| {
        anyhow::anyhow!((t.cli.bad_value)("timezone", &args.timezone, "an IANA name such as Europe/Amsterdam or UTC"))
    })?;
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec})").context("progress template")?,
    );
    bar.set_message(t.cli.import_reading);
    let input = crate::import::open(&args.file).map_err(|e| said(t, e))?;
    if mapping.is_none() {
        return servicenow(&args, input, &tz, existing, config, store, bar);
    }
    let read = match &mapping {
        Some(m) => crate::import::mapping::read(input, &args.file, m, |rows| bar.set_position(rows)),
        None => crate::import::servicenow(input, &args.file, &tz, |rows| bar.set_position(rows)),
    }
    .map_err(|e| said(t, e))?;
    bar.finish_and_clear();
    let mut read = read;
    crate::service::import::check(store, &mut read, mapping.is_some(), t, &config.numbers);
    note(&(t.cli.import_read)(read.rows, read.tickets.len() as u64, read.error_count));
    for e in &read.errors {
        note(&format!("  {}", (t.refusals.import_row)(e.line, e.column, &(t.refusals.row)(&e.problem))));
    }
    if read.error_count > 0 {
        bail!((t.cli.import_refused)(read.error_count));
    }
    let total = read.tickets.len() as u64;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(t.cli.import_storing);
    let progress = |n| {
        if n % 256 == 0 || n == total {
            bar.set_position(n)
        }
    };
    // One transaction; a dry run runs every check, then keeps nothing.
    let loaded =
        crate::service::import::store_tickets(store, read, existing, args.dry_run, progress).localized(config)?;
    bar.finish_and_clear();
    match loaded {
        None => say(&(t.cli.import_dry)(total))?,
        Some(loaded) => say(&(t.cli.import_done)(loaded.stored, loaded.skipped, loaded.replaced))?,
    }
    Ok(())
}

/// ServiceNow's log, stored while it is read: one transaction, kept only
/// when every row of the file was sound.
fn servicenow(
    args: &ImportArgs,
    input: Box<dyn std::io::Read + Send>,
    tz: &chrono_tz::Tz,
    existing: Existing,
    config: &Config,
    store: &Store,
    bar: indicatif::ProgressBar,
) -> anyhow::Result<()> {
    use crate::service::import::{StreamRefused, stream_servicenow};
    let t = config.language.catalogue();
    bar.set_message(t.cli.import_storing);
    let progress = |n| {
        if n % 256 == 0 {
            bar.set_position(n)
        }
    };
    let done = stream_servicenow(store, input, &args.file, tz, existing, args.dry_run, t, &config.numbers, progress);
    bar.finish_and_clear();
    let read = match done {
        Ok(done) => {
            note(&(t.cli.import_read)(done.read.rows, done.read.incidents, 0));
            match done.loaded {
                None => say(&(t.cli.import_dry)(done.read.incidents))?,
                Some(loaded) => say(&(t.cli.import_done)(loaded.stored, loaded.skipped, loaded.replaced))?,
            }
            return Ok(());
        }
        Err(StreamRefused::File(e)) => return Err(said(t, e)),
        Err(StreamRefused::Store(e)) => return Err(e).localized(config),
        Err(StreamRefused::Rows(read)) => read,
    };
    note(&(t.cli.import_read)(read.rows, read.incidents, read.error_count));
    for e in &read.errors {
        note(&format!("  {}", (t.refusals.import_row)(e.line, e.column, &(t.refusals.row)(&e.problem))));
    }
    bail!((t.cli.import_refused)(read.error_count))
}

/// A meldpunt export (JSON) back in.
fn json(args: &ImportArgs, existing: Existing, config: &Config, store: &Store) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let file = args.file.display().to_string();
    let input = crate::import::open(&args.file).map_err(|e| said(t, e))?;
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec})").context("progress template")?,
    );
    bar.set_message(t.cli.import_storing);
    let progress = |n| {
        if n % 256 == 0 {
            bar.set_position(n)
        }
    };
    // Read, checked and stored one ticket at a time, in one transaction.
    let options = crate::store::JsonImport { existing, with_people: args.with_people };
    let done =
        crate::service::import::import_export(store, input, &file, options, args.dry_run, progress).localized(config);
    bar.finish_and_clear();
    let done = done?;
    let count = done.in_file;
    note(&(t.cli.import_in_file)(count));
    for person in &done.people_in {
        note(&(t.cli.import_person_in)(&person.login, &person.role, person.lowered_from.as_deref()));
    }
    if done.teams_left > 0 {
        note(&(t.cli.import_teams_left)(done.teams_left));
    }
    if done.people_left > 0 {
        note(&(t.cli.import_people_left)(done.people_left));
    }
    if done.settings_left > 0 {
        note(&(t.cli.import_settings_left)(done.settings_left));
    }
    let loaded = done.loaded;
    if args.dry_run {
        return say(&(t.cli.import_dry)(count));
    }
    say(&(t.cli.import_done)(loaded.stored, loaded.skipped, loaded.replaced))?;
    Ok(())
}

/// `meldpunt export`: to standard output.
pub fn export(
    config: &Config,
    store: &Store,
    format: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let day = |option: &str, text: &str| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| anyhow::anyhow!((t.cli.bad_date)(option, text)))
    };
    let local = |d: chrono::NaiveDate| crate::domain::report::day_start(&chrono::Local, d);
    let from = from.map(|f| day("from", f)).transpose()?.map(local);
    let to = to.map(|d| day("to", d)).transpose()?.map(|d| local(d + chrono::Duration::days(1)));
    use crate::service::import::{ExportFormat, export};
    let format = match format {
        "json" => ExportFormat::Json,
        "csv" => ExportFormat::Csv,
        other => bail!((t.cli.bad_value)("format", other, "json, csv")),
    };
    let mut out = Stream::new(format == ExportFormat::Json);
    let result = export(store, &mut out, format, &config.numbers, from, to).localized(config);
    let written = out.finish(result);
    written.map(|_| ())
}

/// A file that could not be read as an import, in the user's language.
fn said(t: &crate::i18n::Catalogue, e: crate::import::ImportError) -> anyhow::Error {
    use crate::import::ImportError;
    anyhow::anyhow!(match e {
        ImportError::Io { path, source } => (t.refusals.import_unreadable)(&path, &source.to_string()),
        ImportError::MissingColumn { path, column } => (t.refusals.import_no_column)(&path, column),
        ImportError::Csv { path, line, problem } => {
            (t.refusals.import_bad_file)(&path, &format!("{} {line}", t.refusals.word_line), &problem)
        }
    })
}
