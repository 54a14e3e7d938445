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

/// A ServiceNow log read and stored at once: what was read, and what was
/// stored (none for a dry run); nothing when the file had problems.
pub struct Streamed {
    pub read: FileContents,
    pub loaded: Option<Loaded>,
}

/// Why a log read while it is stored came to nothing.
pub enum StreamRefused {
    /// The file could not be read at all.
    File(crate::import::ImportError),
    /// Rows were refused (they are in `errors`, by line): nothing stored.
    Rows(FileContents),
    Store(StoreError),
}

/// Reads ServiceNow's log on one thread while the tickets already read are
/// stored on others, in one transaction that is kept only when the whole
/// file was sound (every row read, impact and urgency levels of the matrix
/// here); with `dry_run`, every check runs and nothing is kept.
#[allow(clippy::too_many_arguments)]
pub fn stream_servicenow<Tz: chrono::TimeZone + Sync>(
    store: &Store,
    input: Box<dyn std::io::Read + Send>,
    path: &std::path::Path,
    tz: &Tz,
    existing: Existing,
    dry_run: bool,
    t: &Catalogue,
    numbers: &crate::domain::NumberFormat,
    progress: impl FnMut(u64),
) -> std::result::Result<Streamed, StreamRefused> {
    let policy = store.policy().clone();
    let mut read: Option<std::result::Result<FileContents, crate::import::ImportError>> = None;
    let stored = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(1024);
        let reader = scope.spawn(move || {
            crate::import::servicenow_each(
                input,
                path,
                tz,
                |_| {},
                |out, ticket, line| {
                    if let Err(e) = crate::store::levels_known(&policy, &ticket.ticket) {
                        let column = match &e {
                            StoreError::NotKnown { input, .. } => input.code(),
                            _ => "value",
                        };
                        crate::import::note_problem(out, line, column, t.store_error(&e, numbers));
                    }
                    // After a problem nothing will be kept: the rest is only read
                    // for its problems.
                    if out.error_count == 0 {
                        // A writer that stopped has its own error to tell.
                        let _ = send.send(ticket);
                    }
                },
            )
        });
        let read = &mut read;
        let sound = move || {
            let done = reader.join().unwrap_or_else(|_| {
                Err(crate::import::ImportError::Io {
                    path: path.display().to_string(),
                    source: std::io::Error::other("the reader stopped"),
                })
            });
            let refused = !matches!(&done, Ok(r) if r.error_count == 0);
            *read = Some(done);
            // Told apart below by what was read.
            if refused {
                Err(StoreError::BadImport(crate::domain::storage::ImportProblem::Other(String::new())))
            } else {
                Ok(())
            }
        };
        let load = |store: &Store| store.bulk_load_then(&Default::default(), &[], receive, existing, progress, sound);
        if dry_run { store.rehearse(load) } else { load(store) }
    });
    match read {
        Some(Err(e)) => return Err(StreamRefused::File(e)),
        Some(Ok(r)) if r.error_count > 0 => return Err(StreamRefused::Rows(r)),
        _ => {}
    }
    let loaded = stored.map_err(StreamRefused::Store)?;
    let Some(read) = read.and_then(|r| r.ok()) else {
        return Err(StreamRefused::Store(StoreError::BadImport(crate::domain::storage::ImportProblem::Other(
            "the file was not read".into(),
        ))));
    };
    if dry_run {
        return Ok(Streamed { read, loaded: None });
    }
    store.analyze().map_err(StreamRefused::Store)?;
    Ok(Streamed { read, loaded: Some(loaded) })
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
