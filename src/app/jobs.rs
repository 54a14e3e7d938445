//! Work that takes long enough to run beside the UI: a report is computed
//! on a thread of its own, with its own connection to the database, and its
//! answer comes back as an action while keys keep working.

use std::sync::mpsc::Sender;
use std::time::Instant;

use super::action::{Action, Failure};
use crate::domain::NumberFormat;
use crate::domain::report::ReportQuery;
use crate::i18n::Language;
use crate::store::Store;

/// Computes a report here and now.
pub fn report(
    store: &Store,
    language: Language,
    numbers: &NumberFormat,
    generation: u64,
    query: &ReportQuery,
) -> Action {
    let started = Instant::now();
    let result = crate::service::reports::report(store, language.catalogue(), numbers, query)
        .map(Box::new)
        .map_err(Failure::Store);
    Action::ReportReady { generation, result, millis: started.elapsed().as_millis() as u64 }
}

/// What a report needs on another thread.
pub struct ReportJob {
    /// Opens the report's own connection, as the screen's was opened, with
    /// its policy and the identity of whom the report is for (what they may see).
    pub connector: crate::store::Connector,
    pub language: Language,
    pub numbers: NumberFormat,
    pub generation: u64,
    pub query: ReportQuery,
}

/// Computes a report on a thread of its own and sends the answer.
pub fn spawn(job: ReportJob, send: Sender<Action>) {
    let (fallback, generation) = (send.clone(), job.generation);
    let spawned = std::thread::Builder::new().name("report".into()).spawn(move || {
        // A report that panics still answers, or the pane would spin for ever.
        let computed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match job.connector.open() {
            Ok(store) => report(&store, job.language, &job.numbers, generation, &job.query),
            Err(e) => Action::ReportReady { generation, result: Err(Failure::Store(e)), millis: 0 },
        }));
        let action = computed.unwrap_or_else(|_| Action::ReportReady {
            generation,
            result: Err(Failure::ReportStopped),
            millis: 0,
        });
        // The receiver is gone only when the program is ending.
        let _ = send.send(action);
    });
    if let Err(e) = spawned {
        // No thread to be had: say so instead of spinning for ever.
        let _ = fallback.send(Action::ReportReady { generation, result: Err(Failure::NoThread(e)), millis: 0 });
    }
}
