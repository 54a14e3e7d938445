//! The plan for a search shown in another order than the search index's
//! own (most urgent first, by priority, by title…). Which plan answers a
//! page fastest depends on how common the words are, so their matches are
//! read first, up to a cap that grows with the database:
//!
//! - few matches: collect them all and sort them (the plain query);
//! - more: walk the sort's index and keep the rows among the matches read;
//! - more than the cap: walk the sort's index and test each row against the
//!   search index, which finds a page's worth after a few rows.

use super::{ColumnSql, PageRequest, Search, Sql, push_filters, push_from, push_order};
use crate::domain::TicketId;
use crate::store::{Result, Store};

/// Testing one row against the search index costs about as much as
/// reading this many matches from it: a lookup costs 10 µs in an index
/// merged into one segment (as bulk loads leave it), where reading a match
/// costs 0.05 µs.
const TEST_COSTS_READS: u64 = 200;
/// Up to this many matches, collecting and sorting them is quickest.
const FEW: u64 = 2_000;
/// A walk that reads this many rows per match without filling the page is
/// given up for collecting: the matches lie mostly outside the filters.
const WALK_PER_MATCH: u64 = 8;

/// The matches read, one bit per ticket number.
struct Matches(Vec<u64>);

impl Matches {
    fn new(highest: TicketId) -> Matches {
        Matches(vec![0; (highest.max(0) as usize) / 64 + 1])
    }

    fn insert(&mut self, id: TicketId) {
        if let Some(word) = usize::try_from(id).ok().and_then(|i| self.0.get_mut(i / 64)) {
            *word |= 1 << (id % 64);
        }
    }

    fn contains(&self, id: TicketId) -> bool {
        usize::try_from(id).ok().and_then(|i| self.0.get(i / 64)).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

/// Beyond this many matches, rows are tested as the walk meets them.
fn cap(limit: usize, highest: TicketId) -> u64 {
    let limit = limit.max(1) as u64;
    (((limit * highest.max(0) as u64 * TEST_COSTS_READS) as f64).sqrt() as u64).max(FEW)
}

impl Store {
    /// The search as the page query should run it.
    pub(super) fn plan_search(
        &self,
        search: Search,
        req: &PageRequest,
        column_sql: &ColumnSql,
        hidden: &[TicketId],
    ) -> Result<Search> {
        let Search::Words(words) = search else { return Ok(search) };
        let highest: TicketId = self.db().query_row("SELECT coalesce(max(id), 0) FROM tickets", [], |r| r.get(0))?;
        // Reading m matches costs m; testing rows as the walk meets them costs
        // about TEST × limit × tickets / m. The two are equal at the cap.
        let cap = cap(req.limit, highest);
        let dialect = self.db().dialect();
        let mut matches = Matches::new(highest);
        let mut found = 0u64;
        {
            let mut stmt = self.db().prepare_cached(super::index_for(req.filter, dialect).matching_ids)?;
            let params = crate::store::sql::named_params! { ":fts": words, ":cap": (cap + 1) as i64 };
            let mut rows = stmt.query(params)?;
            while let Some(row) = rows.next()? {
                matches.insert(row.get(0)?);
                found += 1;
            }
        }
        if found <= FEW {
            return Ok(Search::Words(words));
        }
        if found > cap {
            return Ok(Search::Tested(words));
        }
        let mut sql = Sql::of(dialect);
        sql.push("SELECT t.id");
        push_from(&mut sql, req.filter, &Search::None, false);
        push_filters(&mut sql, req.filter, req.viewer, &Search::None, false, hidden);
        push_order(&mut sql, req, column_sql);
        let mut stmt = self.db().prepare_cached(&sql.text)?;
        let mut rows = stmt.query(sql.params().as_slice())?;
        let mut page = Vec::with_capacity(req.limit);
        let mut walked = 0u64;
        while page.len() < req.limit
            && let Some(row) = rows.next()?
        {
            let id: TicketId = row.get(0)?;
            if matches.contains(id) {
                page.push(id);
            }
            walked += 1;
            if walked > WALK_PER_MATCH * found {
                return Ok(Search::Words(words));
            }
        }
        Ok(Search::Ids(page))
    }
}

#[cfg(test)]
mod tests {
    use super::{FEW, Matches, cap};
    use crate::domain::queue::{Cursor, PageRequest, QueueFilter, Scope, Sort, SortColumn, Viewer};
    use crate::domain::{NumberFormat, TicketId};
    use crate::store::Store;
    use std::collections::HashSet;

    /// Small pages, so that ten thousand tickets see every plan.
    const LIMIT: usize = 5;

    /// Every ticket the request's filter gives, page by page in its order.
    fn all(store: &Store, filter: &QueueFilter, sort: Sort) -> Vec<TicketId> {
        let (viewer, numbers) = (Viewer { login: "ann".into() }, NumberFormat::default());
        let mut cursor = Cursor::First;
        let mut ids = Vec::new();
        loop {
            let req = PageRequest { filter, sort, viewer: &viewer, numbers: &numbers, cursor: &cursor, limit: 1000 };
            let page = store.queue_page(&req).unwrap();
            let Some(last) = page.last() else { return ids };
            cursor = Cursor::After(last.key.clone());
            ids.extend(page.iter().map(|r| r.id));
        }
    }

    fn page(store: &Store, filter: &QueueFilter, sort: Sort, cursor: &Cursor) -> Vec<crate::domain::queue::QueueRow> {
        let (viewer, numbers) = (Viewer { login: "ann".into() }, NumberFormat::default());
        let req = PageRequest { filter, sort, viewer: &viewer, numbers: &numbers, cursor, limit: LIMIT };
        store.queue_page(&req).unwrap()
    }

    #[test]
    fn every_plan_gives_the_pages_that_sorting_all_matches_would() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("plans.db")).unwrap();
        let now = chrono::Utc::now();
        crate::service::demo::load_demo(&store, &Default::default(), "en", 10_000, 7, now, |_| {}).unwrap();
        let cap = cap(LIMIT, 10_000);
        // The matches of each word, from the newest-first search the index leads.
        let words = ["a", "s", "p", "v", "in", "vpn", "mail"];
        let newest = Sort { column: SortColumn::Number, ascending: false };
        let matches: Vec<HashSet<TicketId>> = words
            .iter()
            .map(|w| {
                let filter = QueueFilter { scope: Scope::All, search: Some(w.to_string()), ..Default::default() };
                all(&store, &filter, newest).into_iter().collect()
            })
            .collect();
        let sizes: Vec<u64> = matches.iter().map(|m| m.len() as u64).collect();
        assert!(sizes.iter().any(|&n| n > cap), "a word tested per row: {sizes:?} against {cap}");
        assert!(sizes.iter().any(|&n| n > FEW && n <= cap), "a word walked with its matches: {sizes:?}");
        assert!(sizes.iter().any(|&n| n > LIMIT as u64 && n <= FEW), "a word collected: {sizes:?}");
        let columns = [
            SortColumn::Priority,
            SortColumn::Status,
            SortColumn::Title,
            SortColumn::Team,
            SortColumn::Assignee,
            SortColumn::Age,
            SortColumn::Due,
        ];
        for scope in [Scope::All, Scope::Open] {
            for column in columns {
                for ascending in [true, false] {
                    let sort = Sort { column, ascending };
                    let plain = QueueFilter { scope, ..Default::default() };
                    let order = all(&store, &plain, sort);
                    for (word, matching) in words.iter().zip(&matches) {
                        let expected: Vec<TicketId> =
                            order.iter().copied().filter(|id| matching.contains(id)).collect();
                        let filter = QueueFilter { search: Some(word.to_string()), ..plain.clone() };
                        let first = page(&store, &filter, sort, &Cursor::First);
                        let ids: Vec<TicketId> = first.iter().map(|r| r.id).collect();
                        let want = &expected[..expected.len().min(LIMIT)];
                        assert_eq!(ids, want, "{word:?} {scope:?} {column:?} ascending {ascending}");
                        let Some(last) = first.last() else { continue };
                        let second = page(&store, &filter, sort, &Cursor::After(last.key.clone()));
                        let ids: Vec<TicketId> = second.iter().map(|r| r.id).collect();
                        let want = &expected[want.len()..expected.len().min(2 * LIMIT)];
                        assert_eq!(ids, want, "second page of {word:?} {scope:?} {column:?} ascending {ascending}");
                        let Some(next) = second.first() else { continue };
                        let back = page(&store, &filter, sort, &Cursor::Before(next.key.clone()));
                        assert_eq!(back.iter().map(|r| r.id).collect::<Vec<_>>(), ids_of(&first), "back");
                    }
                }
            }
        }
    }

    fn ids_of(rows: &[crate::domain::queue::QueueRow]) -> Vec<TicketId> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn matches_hold_exactly_the_ids_put_in() {
        let mut m = Matches::new(1000);
        for id in [1, 63, 64, 999, 1000] {
            m.insert(id);
        }
        m.insert(5000); // beyond the highest: not kept, and no panic
        m.insert(-3);
        for id in 0..=1100 {
            assert_eq!(m.contains(id), [1, 63, 64, 999, 1000].contains(&id), "{id}");
        }
        assert!(!m.contains(-3));
    }
}
