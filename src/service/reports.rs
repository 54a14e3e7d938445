//! A report, for the reports pane and for `meldpunt report`: the filter
//! checked against what there is, then the figures, in the reader's words.

use crate::domain::NumberFormat;
use crate::domain::limits::Input;
use crate::domain::report::ReportQuery;
use crate::i18n::Catalogue;
use crate::report::{Context, Report, build};
use crate::store::{Result, Store};

/// Builds a report for whoever the store is open for: they see only the
/// tickets they may see. Local days and weeks are this machine's.
pub fn report(store: &Store, t: &Catalogue, numbers: &NumberFormat, query: &ReportQuery) -> Result<Report> {
    if let Some(team) = &query.filter.team {
        // A team that never existed would give an empty report that reads as "no tickets".
        store.ever_known(Input::Team, team)?;
    }
    let cx = Context { t, policy: store.policy(), numbers, tz: &chrono::Local };
    build(store, &cx, query)
}
