//! Paging and counting the queue in SQL, with keyset pagination on the sort
//! key so that every page costs the same on a million tickets.
//!
//! Queries are assembled from the fixed fragments below; user input only
//! ever travels as bound parameters.

use super::sql::OptionalExtension;
use super::sql::ToSql;
use super::sql::Value;

use super::backend::{Dialect, TicketSearch};
use super::sla::{sla_columns, stored_from_row};
use super::tickets::to_time;
use super::{Result, Store};
use crate::domain::queue::{
    Cursor, Marks, PageRequest, QueueCounts, QueueFilter, QueueRow, Scope, SortColumn, SortKey, SortValue, Viewer,
};
use crate::domain::report::{Dimension, Drill, Key, Moment, SLOT_SECS, Subset};
use crate::domain::{NumberFormat, Priority, TicketId};

mod search;

/// Counting stops here: beyond it the status bar says "100000+".
pub const COUNT_CAP: u64 = 100_000;
/// Free-text matches are counted up to here: counting every match of a
/// common word on a million tickets would cost more than the page itself.
pub const SEARCH_COUNT_CAP: u64 = 10_000;

/// SQL text made only of fixed fragments, with its bound parameters.
struct Sql {
    text: String,
    params: Vec<(&'static str, Value)>,
    dialect: &'static dyn Dialect,
}

impl Sql {
    fn of(dialect: &'static dyn Dialect) -> Sql {
        Sql { text: String::new(), params: Vec::new(), dialect }
    }

    /// A fragment the engine's dialect made from fixed names.
    fn push_owned(&mut self, fragment: String) -> &mut Self {
        self.text.push_str(&fragment);
        self
    }

    fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.text.push_str(fragment);
        self
    }

    fn bind(&mut self, name: &'static str, value: impl Into<Value>) -> &mut Self {
        self.params.push((name, value.into()));
        self
    }

    fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        self.params.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect()
    }
}

/// The fixed SQL for one sort column: its key, the keyset conditions
/// (after, before, from-after, from-before) and the two orders.
struct ColumnSql {
    key: &'static str,
    keyset: [&'static str; 4],
    order: [&'static str; 2],
    /// False for the ticket number, whose key is the id itself.
    binds_value: bool,
}

macro_rules! column_sql {
    ($key:literal) => {
        ColumnSql {
            key: $key,
            keyset: [
                concat!(" AND (", $key, ", t.id) > (:kv, :kid)"),
                concat!(" AND (", $key, ", t.id) < (:kv, :kid)"),
                concat!(" AND (", $key, ", t.id) >= (:kv, :kid)"),
                concat!(" AND (", $key, ", t.id) <= (:kv, :kid)"),
            ],
            order: [concat!(" ORDER BY ", $key, " ASC, t.id ASC"), concat!(" ORDER BY ", $key, " DESC, t.id DESC")],
            binds_value: true,
        }
    };
}

/// Newest-first search walks the full-text index in its own order and
/// stops after one page, instead of collecting every match first.
fn fts_number_sql(index: &TicketSearch) -> ColumnSql {
    ColumnSql { key: index.key, keyset: index.keyset, order: index.order, binds_value: false }
}

/// The search index for a filter: among the open tickets only, the index of
/// the open ones, whose matches are few however many tickets were closed.
fn index_for(filter: &QueueFilter, dialect: &dyn Dialect) -> &'static TicketSearch {
    let search = dialect.search();
    if filter.scope == Scope::Open { &search.open_tickets } else { &search.tickets }
}

const NUMBER_SQL: ColumnSql = ColumnSql {
    key: "t.id",
    keyset: [" AND t.id > :kid", " AND t.id < :kid", " AND t.id >= :kid", " AND t.id <= :kid"],
    order: [" ORDER BY t.id ASC", " ORDER BY t.id DESC"],
    binds_value: false,
};

fn column_sql(column: SortColumn) -> ColumnSql {
    match column {
        SortColumn::Number => NUMBER_SQL,
        SortColumn::Priority => column_sql!("t.priority"),
        SortColumn::Status => column_sql!("t.status_rank"),
        SortColumn::Title => column_sql!("t.title"),
        SortColumn::Team => column_sql!("t.team"),
        SortColumn::Assignee => column_sql!("t.assignee"),
        SortColumn::Age => column_sql!("t.created_at"),
        SortColumn::Due => column_sql!("t.urgent_due"),
    }
}

/// How the search text is matched: as a ticket number, as words, or both;
/// for a page in another order than the index's, as the plan in `search`
/// chose: these tickets, or each ticket tested as it is read.
enum Search {
    None,
    Number(i64),
    Words(String),
    NumberOrWords(i64, String),
    Ids(Vec<TicketId>),
    Tested(String),
}

fn search_of(filter: &QueueFilter, numbers: &NumberFormat, dialect: &dyn Dialect) -> Search {
    let Some(text) = filter.search.as_deref() else { return Search::None };
    match (numbers.parse(text), dialect.search_query(text)) {
        (Some(n), Some(q)) => Search::NumberOrWords(n, q),
        (Some(n), None) => Search::Number(n),
        (None, Some(q)) => Search::Words(q),
        (None, None) => Search::None,
    }
}

/// The FROM clause: the full-text index leads when it gives the page order.
fn push_from(sql: &mut Sql, filter: &QueueFilter, search: &Search, fts_leads: bool) {
    if fts_leads && let Search::Words(q) = search {
        let from = index_for(filter, sql.dialect).from;
        sql.push(from).bind(":fts", q.clone());
    } else {
        sql.push(" FROM tickets t WHERE 1 = 1");
    }
}

/// The filters as conditions after the WHERE of `push_from`.
fn push_filters(
    sql: &mut Sql,
    filter: &QueueFilter,
    viewer: &Viewer,
    search: &Search,
    fts_leads: bool,
    hidden: &[TicketId],
) {
    if !hidden.is_empty() {
        // Restricted tickets this user may not see are left out.
        let dialect = sql.dialect;
        sql.push(" AND NOT ")
            .push_owned(dialect.in_id_list("t.id", ":hidden"))
            .bind(":hidden", dialect.id_list(hidden));
    }
    if filter.scope == Scope::Open {
        sql.push(" AND t.is_open = 1");
    }
    if filter.mine {
        sql.push(" AND t.assignee = :me").bind(":me", viewer.login.clone());
    }
    if filter.unassigned {
        sql.push(" AND t.assignee = ''");
    }
    if filter.my_team {
        sql.push(
            " AND t.team IN (SELECT tm.name FROM teams tm JOIN agent_teams m ON m.team_id = tm.id
                 JOIN agents a ON a.id = m.agent_id WHERE a.login = :team_of)",
        )
        .bind(":team_of", viewer.login.clone());
    }
    if let Some(p) = filter.priority {
        sql.push(" AND t.priority = :priority").bind(":priority", p.get() as i64);
    }
    if filter.escalated {
        sql.push(super::reports::escalated!());
    }
    if filter.asked_of_me {
        // The lead is the one the latest ask named (its event's new value).
        sql.push(
            " AND t.lead_attention = 1 AND coalesce((SELECT e.new_value FROM events e
                 WHERE e.ticket_id = t.id AND e.kind = 'lead_attention' ORDER BY e.id DESC LIMIT 1), '')
                 IN ('', :lead_me)",
        )
        .bind(":lead_me", viewer.login.clone());
    }
    if filter.waiting {
        sql.push(" AND t.status_rank IN (4, 5)");
    }
    if let Some(s) = filter.status {
        // The lifecycle rank is what the status indexes hold.
        sql.push(" AND t.status_rank = :status_rank").bind(":status_rank", s.rank());
    }
    if let Some(slice) = &filter.slice {
        push_slice(sql, slice);
    }
    match search {
        Search::None => {}
        Search::Number(n) => {
            sql.push(" AND t.id = :number").bind(":number", *n);
        }
        Search::Words(_) if fts_leads => {}
        Search::Words(q) => {
            let matching = index_for(filter, sql.dialect).matching;
            sql.push(" AND ").push(matching).bind(":fts", q.clone());
        }
        Search::NumberOrWords(n, q) => {
            let either = index_for(filter, sql.dialect).number_or_matching;
            sql.push(" AND ").push(either).bind(":number", *n).bind(":fts", q.clone());
        }
        Search::Ids(ids) => {
            let dialect = sql.dialect;
            sql.push(" AND ").push_owned(dialect.in_id_list("t.id", ":ids")).bind(":ids", dialect.id_list(ids));
        }
        Search::Tested(q) => {
            let tested = index_for(filter, sql.dialect).ticket_matches;
            sql.push(" AND ").push(tested).bind(":fts", q.clone());
        }
    }
}

/// The tickets a row of a report counts: the same period, filters, group
/// and subset as the report's SQL in `store::reports`.
fn push_slice(sql: &mut Sql, d: &Drill) {
    match d.moment {
        None => sql.push(" AND t.is_open = 1"),
        Some(Moment::Created) => sql.push(" AND t.created_at >= :d_from AND t.created_at < :d_to"),
        Some(Moment::Resolved) => sql.push(" AND t.resolved_at >= :d_from AND t.resolved_at < :d_to"),
        Some(Moment::Closed) => sql.push(" AND t.closed_at >= :d_from AND t.closed_at < :d_to"),
    };
    if d.moment.is_some() {
        sql.bind(":d_from", d.from.timestamp()).bind(":d_to", d.to.timestamp());
    }
    let f = &d.filter;
    let text_filters = [
        (" AND t.team = :d_team", ":d_team", &f.team),
        (" AND t.category = :d_category", ":d_category", &f.category),
        (" AND t.service = :d_service", ":d_service", &f.service),
        (" AND t.department = :d_department", ":d_department", &f.department),
    ];
    for (fragment, name, value) in text_filters {
        if let Some(v) = value {
            sql.push(fragment).bind(name, v.clone());
        }
    }
    if let Some(p) = f.priority {
        sql.push(" AND t.priority = :d_priority").bind(":d_priority", p.get() as i64);
    }
    if let Some(ids) = &d.tickets {
        let dialect = sql.dialect;
        sql.push(" AND ").push_owned(dialect.in_id_list("t.id", ":d_ids")).bind(":d_ids", dialect.id_list(ids));
    }
    let subset = match d.subset {
        Subset::All => "",
        Subset::NotDuplicates => " AND t.duplicate_of IS NULL",
        Subset::WithSla => " AND t.sla_calendar IS NOT NULL",
        Subset::Responded => " AND t.first_response_at IS NOT NULL",
        Subset::Recurring => super::reports::incidents_on_their_own!(),
        Subset::Escalated => super::reports::escalated!(),
        Subset::FirstContact => " AND t.duplicate_of IS NULL AND t.first_contact = 1",
        Subset::WithKnowledge => " AND t.duplicate_of IS NULL AND t.knowledge_id IS NOT NULL",
        Subset::Reassigned => " AND t.duplicate_of IS NULL AND t.reassignments >= 1",
        Subset::Rated => " AND t.duplicate_of IS NULL AND t.satisfaction IS NOT NULL",
        Subset::Sla { resolution, missed, now } => {
            sql.push(" AND t.sla_calendar IS NOT NULL");
            // Only a missed target looks at the clock.
            if missed {
                sql.bind(":d_now", now);
            }
            sla_subset(resolution, missed)
        }
    };
    sql.push(subset);
    let Some((dim, key)) = &d.group else { return };
    if *dim == Dimension::Slot {
        // A quarter hour of the moment that put the ticket in the period.
        let slot = key.int().unwrap_or_default();
        sql.push(match d.moment {
            Some(Moment::Resolved) => " AND t.resolved_at >= :slot_from AND t.resolved_at < :slot_to",
            Some(Moment::Closed) => " AND t.closed_at >= :slot_from AND t.closed_at < :slot_to",
            _ => " AND t.created_at >= :slot_from AND t.created_at < :slot_to",
        })
        .bind(":slot_from", slot * SLOT_SECS)
        .bind(":slot_to", (slot + 1) * SLOT_SECS);
        return;
    }
    // Per group column: equal to the key, and empty (the group "none").
    let (equal, empty) = match dim {
        Dimension::Priority => (" AND t.priority = :d_key", " AND t.priority = 0"),
        Dimension::Team => (" AND t.team = :d_key", " AND t.team = ''"),
        Dimension::Assignee => (" AND t.assignee = :d_key", " AND t.assignee = ''"),
        Dimension::Category => (" AND t.category = :d_key", " AND coalesce(t.category, '') = ''"),
        Dimension::Service => (" AND t.service = :d_key", " AND coalesce(t.service, '') = ''"),
        Dimension::Department => (" AND t.department = :d_key", " AND coalesce(t.department, '') = ''"),
        Dimension::Channel => (" AND t.channel = :d_key", " AND coalesce(t.channel, '') = ''"),
        Dimension::Status | Dimension::Slot => (" AND t.status = :d_key", " AND 0"),
    };
    match key {
        Key::None => {
            sql.push(empty);
        }
        Key::Int(n) => {
            sql.push(equal).bind(":d_key", *n);
        }
        Key::Text(s) => {
            sql.push(equal).bind(":d_key", s.clone());
        }
    }
}

/// The tickets whose target was met or missed, as `SlaCounts::of` judges
/// them (a deadline without its moment yet is missed once it has passed).
fn sla_subset(resolution: bool, missed: bool) -> &'static str {
    match (resolution, missed) {
        (false, true) => {
            " AND (t.response_breached = 1 OR coalesce(t.responded_at > t.response_due, 0)
                  OR (t.responded_at IS NULL AND coalesce(t.response_due < :d_now, 0)))"
        }
        (false, false) => {
            " AND t.responded_at IS NOT NULL AND t.response_breached = 0
              AND NOT coalesce(t.responded_at > t.response_due, 0)"
        }
        (true, true) => {
            " AND (t.resolution_breached = 1 OR (t.resolved_at IS NULL AND coalesce(t.resolution_due < :d_now, 0)))"
        }
        (true, false) => " AND t.resolved_at IS NOT NULL AND t.resolution_breached = 0",
    }
}

fn push_keyset(sql: &mut Sql, column: &ColumnSql, forward: bool, inclusive: bool, key: &SortKey) {
    let which = match (forward, inclusive) {
        (true, false) => 0,
        (false, false) => 1,
        (true, true) => 2,
        (false, true) => 3,
    };
    sql.push(column.keyset[which]).bind(":kid", key.id);
    if column.binds_value {
        let value = match &key.value {
            SortValue::Int(n) => Value::Integer(*n),
            SortValue::Text(s) => Value::Text(s.clone()),
        };
        sql.bind(":kv", value);
    }
}

/// The keyset condition of the request's cursor, and the order: walking
/// backwards (to the previous page or from the end) reverses it.
fn push_order(sql: &mut Sql, req: &PageRequest, column_sql: &ColumnSql) {
    let ascending = req.sort.ascending != req.cursor.is_backwards();
    match req.cursor {
        Cursor::After(key) | Cursor::Before(key) => push_keyset(sql, column_sql, ascending, false, key),
        Cursor::From(key) | Cursor::Until(key) => push_keyset(sql, column_sql, ascending, true, key),
        Cursor::First | Cursor::Last => {}
    }
    sql.push(column_sql.order[if ascending { 0 } else { 1 }]);
}

impl Store {
    /// A search for the number a ticket had in the system it was imported
    /// from (ServiceNow's `INC0000045`, in any case) finds that ticket.
    fn by_source(&self, search: Search, filter: &QueueFilter) -> Result<Search> {
        let Some(text) = filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(search) };
        let mut stmt = self.db().prepare_cached("SELECT id FROM tickets WHERE source_ref = ?1")?;
        for candidate in [text.to_string(), text.to_uppercase()] {
            if let Some(id) = stmt.query_row([&candidate], |r| r.get(0)).optional()? {
                return Ok(Search::Number(id));
            }
        }
        Ok(search)
    }

    /// The rows of one page, in display order.
    pub fn queue_page(&self, req: &PageRequest) -> Result<Vec<QueueRow>> {
        let column = req.sort.column;
        let search = self.by_source(search_of(req.filter, req.numbers, self.db().dialect()), req.filter)?;
        let hidden = self.hidden_tickets()?;
        let fts_leads = column == SortColumn::Number && matches!(search, Search::Words(_));
        let column_sql =
            if fts_leads { fts_number_sql(index_for(req.filter, self.db().dialect())) } else { column_sql(column) };
        let search = if fts_leads { search } else { self.plan_search(search, req, &column_sql, &hidden)? };
        // Walking backwards (to the previous page or from the end) reverses
        // the order in SQL; the rows are turned around afterwards.
        let backwards = req.cursor.is_backwards();
        let mut sql = Sql::of(self.db().dialect());
        sql.push(concat!(
            "SELECT t.id, t.priority, t.status, t.title, t.team, t.assignee, t.created_at, t.version, t.resolved_at, ",
            "t.is_open, ",
            sla_columns!(),
            ", t.escalation, t.lead_attention, t.major, t.parent_id, t.source_ref, "
        ));
        sql.push(column_sql.key);
        push_from(&mut sql, req.filter, &search, fts_leads);
        push_filters(&mut sql, req.filter, req.viewer, &search, fts_leads, &hidden);
        push_order(&mut sql, req, &column_sql);
        sql.push(" LIMIT :limit").bind(":limit", req.limit as i64);

        let mut stmt = self.db().prepare_cached(&sql.text)?;
        let rows = stmt.query_map(sql.params().as_slice(), |row| {
            const KEY: usize = 27;
            let value = match column {
                SortColumn::Title | SortColumn::Team | SortColumn::Assignee => SortValue::Text(row.get(KEY)?),
                _ => SortValue::Int(row.get(KEY)?),
            };
            let resolved: Option<i64> = row.get(8)?;
            let open: bool = row.get(9)?;
            let sla = stored_from_row(row, 10)?.ticket_sla(if open { None } else { resolved });
            let id = row.get(0)?;
            let text = |idx| -> super::sql::Result<Option<String>> {
                let s: String = row.get(idx)?;
                Ok((!s.is_empty()).then_some(s))
            };
            let status: String = row.get(2)?;
            Ok(QueueRow {
                id,
                priority: Priority::new(row.get(1)?),
                status: status.parse().unwrap_or(crate::domain::Status::New),
                title: row.get(3)?,
                team: text(4)?,
                assignee: text(5)?,
                created_at: to_time(row.get(6)?),
                version: row.get(7)?,
                key: SortKey { value, id },
                sla,
                marks: Marks {
                    escalated: !row.get::<_, String>(22)?.is_empty(),
                    lead_attention: row.get(23)?,
                    major: row.get(24)?,
                    child: row.get::<_, Option<i64>>(25)?.is_some(),
                },
                source_ref: row.get(26)?,
            })
        })?;
        let mut page: Vec<QueueRow> = rows.collect::<super::sql::Result<_>>()?;
        if backwards {
            page.reverse();
        }
        Ok(page)
    }

    /// How many tickets match a filter, up to the cap, and whether there are more.
    pub fn count_matching(&self, filter: &QueueFilter, viewer: &Viewer, numbers: &NumberFormat) -> Result<(u64, bool)> {
        self.count_matching_but(filter, viewer, numbers, &self.hidden_tickets()?)
    }

    /// As `count_matching`, the `hidden` tickets left out.
    fn count_matching_but(
        &self,
        filter: &QueueFilter,
        viewer: &Viewer,
        numbers: &NumberFormat,
        hidden: &[TicketId],
    ) -> Result<(u64, bool)> {
        let search = self.by_source(search_of(filter, numbers, self.db().dialect()), filter)?;
        let cap =
            if matches!(search, Search::Words(_) | Search::NumberOrWords(..)) { SEARCH_COUNT_CAP } else { COUNT_CAP };
        // Every match is counted, and the hidden ones that match taken off:
        // two cheap counts instead of testing every row against the few.
        let seen = self.count_capped(filter, viewer, &search, &[], cap + 1 + hidden.len() as u64)?;
        // More than the cap beyond every hidden one: over the cap whichever
        // of them match, so they need no counting.
        let beyond = seen > cap + hidden.len() as u64;
        let unseen =
            if hidden.is_empty() || beyond { 0 } else { self.count_capped(filter, viewer, &search, hidden, u64::MAX)? };
        let matching = seen.saturating_sub(unseen);
        Ok((matching.min(cap), matching > cap))
    }

    /// How many tickets match, up to `cap`; only those of `among` when it names any.
    fn count_capped(
        &self,
        filter: &QueueFilter,
        viewer: &Viewer,
        search: &Search,
        among: &[TicketId],
        cap: u64,
    ) -> Result<u64> {
        let mut sql = Sql::of(self.db().dialect());
        sql.push("SELECT count(*) FROM (SELECT 1");
        push_from(&mut sql, filter, search, true);
        push_filters(&mut sql, filter, viewer, search, true, &[]);
        if !among.is_empty() {
            let dialect = sql.dialect;
            // With words the search index leads (`+` keeps the planner from
            // looking each of the few up in it instead: a lookup there costs
            // as much as reading a thousand of its matches).
            let column = if matches!(search, Search::Words(_)) { "+t.id" } else { "t.id" };
            sql.push(" AND ").push_owned(dialect.in_id_list(column, ":among")).bind(":among", dialect.id_list(among));
        }
        sql.push(" LIMIT :cap) AS capped").bind(":cap", cap.min(i64::MAX as u64) as i64);
        let n: i64 = self.db().prepare_cached(&sql.text)?.query_row(sql.params().as_slice(), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// The status-bar figures for a filter.
    pub fn queue_counts(&self, filter: &QueueFilter, viewer: &Viewer, numbers: &NumberFormat) -> Result<QueueCounts> {
        // Only what the user may see: a hidden ticket is not counted either,
        // by taking the hidden ones off the counts of all, as read with them.
        let hidden_rows = self.hidden_rows()?;
        let hidden: Vec<TicketId> = hidden_rows.iter().map(|h| h.id).collect();
        let (matching, more) = self.count_matching_but(filter, viewer, numbers, &hidden)?;
        let count = |sql: &str, unseen: fn(&super::access::Hidden) -> bool| -> Result<u64> {
            let n: i64 = self.db().prepare_cached(sql)?.query_row([], |r| r.get(0))?;
            Ok((n.max(0) as u64).saturating_sub(hidden_rows.iter().filter(|h| unseen(h)).count() as u64))
        };
        let counts = QueueCounts {
            matching,
            more,
            open: count("SELECT count(*) FROM tickets WHERE is_open = 1", |h| h.open)?,
            unassigned: count("SELECT count(*) FROM tickets WHERE is_open = 1 AND assignee = ''", |h| {
                h.open && h.unassigned
            })?,
            p1: count("SELECT count(*) FROM tickets WHERE is_open = 1 AND priority = 1", |h| h.open && h.p1)?,
            // There is one the user sees when there are more than those hidden.
            any: {
                let mut stmt =
                    self.db().prepare_cached("SELECT count(*) FROM (SELECT 1 FROM tickets LIMIT :n) AS capped")?;
                let n: i64 =
                    stmt.query_row(super::sql::named_params! { ":n": hidden.len() as i64 + 1 }, |r| r.get(0))?;
                n as usize > hidden.len()
            },
        };
        Ok(counts)
    }
}
