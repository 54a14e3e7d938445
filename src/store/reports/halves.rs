//! A report's pass over a large share of the tickets, on two cores: the
//! ticket numbers are cut in two halves, each read by its own connection to
//! the same snapshot (`Backend::twin`), and the halves' sums are added up.

use super::super::sql::{Db, Value};
use super::super::{Result, Store};

/// The tickets one pass reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    All,
    /// Those numbered from the first up to, not including, the second.
    Ids(i64, i64),
}

impl Part {
    /// The condition that keeps a query's rows to the part, to follow its WHERE.
    pub fn condition(self) -> &'static str {
        match self {
            Part::All => "",
            Part::Ids(..) => " AND t.id >= :lo AND t.id < :hi",
        }
    }

    /// The parameters of `condition`.
    pub fn params(self) -> Vec<(&'static str, Value)> {
        match self {
            Part::All => Vec::new(),
            Part::Ids(lo, hi) => vec![(":lo", Value::Integer(lo)), (":hi", Value::Integer(hi))],
        }
    }
}

impl Store {
    /// `work` over all the tickets, or, when `split` (a pass that reads the
    /// whole table), over each half of them at once, one on another thread;
    /// both read one snapshot. The results in ticket-number order. Where the
    /// engine cannot share a snapshot, `work` reads all of them alone.
    pub(super) fn in_halves<T: Send>(
        &self,
        split: bool,
        work: impl Fn(&dyn Db, Part) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        if !split {
            return Ok(vec![work(self.db(), Part::All)?]);
        }
        self.snapshot(|store| {
            let (first, last): (Option<i64>, Option<i64>) =
                store.db().query_row("SELECT min(id), max(id) FROM tickets", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let (Some(first), Some(last)) = (first, last) else { return Ok(vec![work(store.db(), Part::All)?]) };
            // Without a second connection (none to be had, or no shared
            // snapshot) the pass reads alone: slower, the same answer.
            let Some(twin) = store.backend.twin().ok().flatten() else {
                return Ok(vec![work(store.db(), Part::All)?]);
            };
            let middle = first + (last - first) / 2 + 1;
            let work = &work;
            std::thread::scope(|s| {
                let upper = s.spawn(move || work(twin.db(), Part::Ids(middle, i64::MAX)));
                let lower = work(store.db(), Part::Ids(i64::MIN, middle));
                let upper = upper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                Ok(vec![lower?, upper?])
            })
        })
    }
}
