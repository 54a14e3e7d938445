//! Bringing another helpdesk's history in (the tickets read from a file
//! are checked against this servicedesk, then stored all or nothing, or
//! only rehearsed for a dry run), and taking it out again.

use crate::i18n::Catalogue;
use crate::import::FileContents;
use crate::store::{Existing, JsonImport, JsonLoaded, Loaded, Result, Store, StoreError};

/// Notes on the file's rows what this servicedesk refuses: with a mapping
/// (`mapped`), its teams, people and pick-list values must exist here;
/// either way impact and urgency are levels of the matrix here.
pub fn check(
    store: &Store,
    read: &mut FileContents,
    mapped: bool,
    t: &Catalogue,
    numbers: &crate::domain::NumberFormat,
) {
    let mut problems = Vec::new();
    for (ticket, line) in read.tickets.iter().zip(&read.lines) {
        let checked = if mapped { store.check_names(&ticket.ticket) } else { store.check_levels(&ticket.ticket) };
        if let Err(e) = checked {
            let column = match &e {
                StoreError::NotKnown { input, .. } => input.code(),
                _ => "value",
            };
            problems.push((*line, column, t.store_error(&e, numbers)));
        }
    }
    for (line, column, problem) in problems {
        crate::import::note_problem(read, line, column, problem);
    }
}

/// Stores the tickets read, in one transaction; with `dry_run`, every
/// check runs and nothing is kept (`None`).
pub fn store_tickets(
    store: &Store,
    read: FileContents,
    existing: Existing,
    dry_run: bool,
    progress: impl FnMut(u64),
) -> Result<Option<Loaded>> {
    let load = |store: &Store| store.bulk_load(&Default::default(), &[], read.tickets, existing, progress);
    if dry_run {
        store.rehearse(load)?;
        return Ok(None);
    }
    let loaded = load(store)?;
    store.analyze()?;
    Ok(Some(loaded))
}

/// Brings in a meldpunt export as it is read (`name` is the file's, for
/// errors), in one transaction; with `dry_run`, every check runs and
/// nothing is kept. `progress` gets the tickets read so far.
pub fn import_export(
    store: &Store,
    input: impl std::io::Read,
    name: &str,
    options: JsonImport,
    dry_run: bool,
    progress: impl FnMut(u64),
) -> Result<JsonLoaded> {
    if dry_run {
        store.rehearse(|store| store.import_json(input, name, options, progress))
    } else {
        store.import_json(input, name, options, progress)
    }
}

/// How tickets leave: everything as JSON (for `import --format json`
/// elsewhere), or one CSV row each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Writes the tickets registered in `[from, to)` (all when none) that the
/// user may see; returns how many.
pub fn export(
    store: &Store,
    out: &mut dyn std::io::Write,
    format: ExportFormat,
    numbers: &crate::domain::NumberFormat,
    from: Option<chrono::DateTime<chrono::Utc>>,
    to: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<u64> {
    match format {
        ExportFormat::Json => store.export_json(out, from, to, |_| {}),
        ExportFormat::Csv => store.export_csv(out, numbers, from, to),
    }
}
