//! Everything out, and back in: a JSON document with the reference data and
//! every ticket with all its rows (events, entries, checklist, review,
//! restrictions), column by column as stored. Importing it into an empty
//! database gives the same tickets and events.
//!
//! Table and column names in the SQL here come from the schema itself
//! (the engine's own description of it), never from the file: a column the schema does not
//! have is refused by name.

use std::collections::HashMap;
use std::io::Write;

use super::sql::Db;
use super::sql::{Value, ValueRef};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json};

use super::{Result, Store, StoreError};
use crate::domain::storage::ImportProblem;

/// Reference tables, in an order in which each one's references exist.
pub(super) const REFERENCE: [&str; 10] = [
    "categories",
    "subcategories",
    "services",
    "departments",
    "teams",
    "agents",
    "agent_teams",
    "problems",
    "knowledge",
    "settings",
];

/// A ticket's own rows, by table: all keyed by `ticket_id`.
pub(super) const PER_TICKET: [&str; 6] =
    ["events", "entries", "checklist", "reviews", "review_actions", "ticket_access"];

/// Marks the document as ours, with the schema it was written from.
pub const EXPORT_FORMAT: &str = "meldpunt-export";

fn json_of(v: ValueRef) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(n) => Json::from(n),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Json::String(String::from_utf8_lossy(b).into_owned()),
    }
}

pub(super) fn value_of(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(*b as i64),
        Json::Number(n) => n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The columns of a table that can be written (not generated ones).
pub(super) fn columns(conn: &dyn Db, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(conn.dialect().table_columns())?;
    let rows = stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(2)?)))?;
    Ok(rows.filter_map(|r| r.ok()).filter(|(_, generated)| !*generated).map(|(name, _)| name).collect())
}

/// The writable columns of every table an export holds, read from the
/// schema once per export or import.
pub(super) struct Tables(HashMap<&'static str, (Vec<String>, std::collections::HashSet<String>)>);

impl Tables {
    pub(super) fn read(conn: &dyn Db) -> Result<Tables> {
        let mut all = HashMap::new();
        for table in REFERENCE.iter().chain(PER_TICKET.iter()).chain(["tickets"].iter()) {
            let columns = columns(conn, table)?;
            let known = columns.iter().cloned().collect();
            all.insert(*table, (columns, known));
        }
        Ok(Tables(all))
    }

    fn of(&self, table: &str) -> &[String] {
        self.0.get(table).map_or(&[], |(columns, _)| columns.as_slice())
    }

    fn has(&self, table: &str, column: &str) -> bool {
        self.0.get(table).is_some_and(|(_, known)| known.contains(column))
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Rows of a reference table as JSON objects.
fn rows(conn: &dyn Db, tables: &Tables, table: &str) -> Result<Vec<Json>> {
    let cols = tables.of(table);
    let list = cols.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {list} FROM {} ORDER BY 1", quoted(table));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    let mut found = stmt.query([])?;
    while let Some(r) = found.next()? {
        let mut object = Map::new();
        for (i, c) in cols.iter().enumerate() {
            object.insert(c.clone(), json_of(r.get_ref(i)?));
        }
        out.push(Json::Object(object));
    }
    Ok(out)
}

/// Inserts one row; `skip` names columns to leave to the database (ids).
pub(super) fn insert(conn: &dyn Db, tables: &Tables, table: &str, row: &Json, skip: &[&str]) -> Result<()> {
    let Json::Object(object) = row else {
        return Err(StoreError::BadImport(ImportProblem::NotAnObject(table.to_string())));
    };
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (k, v) in object {
        if skip.contains(&k.as_str()) {
            continue;
        }
        if !tables.has(table, k) {
            let problem = ImportProblem::NoColumn { table: table.to_string(), column: k.to_string() };
            return Err(StoreError::BadImport(problem));
        }
        names.push(quoted(k));
        values.push(value_of(v));
    }
    let marks = (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({marks})", quoted(table), names.join(", "));
    conn.prepare_cached(&sql)?.execute(values.as_slice())?;
    Ok(())
}

/// The columns of a ticket that name another ticket.
const LINK_COLUMNS: [&str; 2] = ["parent_id", "duplicate_of"];

/// How one table's rows are written: the columns read (as the schema has
/// them) and the order they are written in, by name, each with its key.
struct Layout {
    select: String,
    keys: Vec<(usize, Vec<u8>)>,
}

impl Layout {
    fn of(tables: &Tables, table: &str) -> Layout {
        let cols = tables.of(table);
        let select = cols.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
        // Keys by name, as a JSON object with sorted keys has them.
        let mut keys: Vec<(usize, Vec<u8>)> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut key = serde_json::to_vec(c).unwrap_or_default();
                key.push(b':');
                (i, key)
            })
            .collect();
        keys.sort_by(|a, b| cols[a.0].cmp(&cols[b.0]));
        Layout { select, keys }
    }

    fn position(&self, tables: &Tables, table: &str, column: &str) -> Option<usize> {
        tables.of(table).iter().position(|c| c == column)
    }
}

/// A value as JSON, as `json_of` gives it.
fn write_value(out: &mut Vec<u8>, v: ValueRef) {
    // Writing into memory cannot fail.
    let _ = match v {
        ValueRef::Null => {
            out.extend_from_slice(b"null");
            Ok(())
        }
        ValueRef::Integer(n) => serde_json::to_writer(&mut *out, &n),
        ValueRef::Real(f) => serde_json::to_writer(&mut *out, &serde_json::Number::from_f64(f)),
        ValueRef::Text(t) | ValueRef::Blob(t) => serde_json::to_writer(&mut *out, &String::from_utf8_lossy(t)),
    };
}

/// A row as a JSON object; `hidden_at` says which values are left out (null).
fn write_row(
    out: &mut Vec<u8>,
    row: &super::sql::Row,
    keys: &[(usize, Vec<u8>)],
    hidden_at: impl Fn(usize, &ValueRef) -> bool,
) -> super::sql::Result<()> {
    out.push(b'{');
    for (n, (i, key)) in keys.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key);
        let value = row.get_ref(*i)?;
        if hidden_at(*i, &value) {
            out.extend_from_slice(b"null");
        } else {
            write_value(out, value);
        }
    }
    out.push(b'}');
    Ok(())
}

/// A ticket number in a value (a link column, an event's old or new value).
fn ticket_in(v: &ValueRef) -> Option<i64> {
    match v {
        ValueRef::Integer(n) => Some(*n),
        ValueRef::Text(t) => std::str::from_utf8(t).ok()?.trim().parse().ok(),
        _ => None,
    }
}

/// The rows of one of a ticket's tables, read once in ticket order: each
/// row is written as JSON when it is read, and handed out when the merge
/// reaches its ticket.
struct Cursor<'s> {
    table: &'static str,
    rows: super::sql::Rows<'s>,
    layout: &'s Layout,
    ticket_at: usize,
    /// For events: the field and its old and new value, to leave out a
    /// link to a ticket the user may not see.
    link_at: Option<[usize; 3]>,
    /// The ticket of the row read ahead, written in `row`; none at the end.
    next: Option<i64>,
    row: Vec<u8>,
}

impl Cursor<'_> {
    fn advance(&mut self, hidden: &std::collections::HashSet<i64>) -> Result<()> {
        loop {
            self.row.clear();
            let Some(r) = self.rows.next()? else {
                self.next = None;
                return Ok(());
            };
            let ticket: i64 = r.get(self.ticket_at)?;
            if let Some([field, old, new]) = self.link_at.filter(|_| !hidden.is_empty()) {
                let text = |i| -> super::sql::Result<Option<String>> { r.get::<_, Option<String>>(i) };
                let field = text(field)?;
                let names_hidden = field.as_deref().is_some_and(|f| super::access::LINK_FIELDS.contains(&f))
                    && [old, new]
                        .iter()
                        .any(|i| r.get_ref(*i).ok().and_then(|v| ticket_in(&v)).is_some_and(|id| hidden.contains(&id)));
                if names_hidden {
                    continue;
                }
            }
            write_row(&mut self.row, &r, &self.layout.keys, |_, _| false)?;
            self.next = Some(ticket);
            return Ok(());
        }
    }

    /// Writes `"table":[…]` with the rows of `ticket`, passing over rows of
    /// tickets that are not written (hidden ones).
    fn write(&mut self, out: &mut Vec<u8>, ticket: i64, hidden: &std::collections::HashSet<i64>) -> Result<()> {
        out.push(b'"');
        out.extend_from_slice(self.table.as_bytes());
        out.extend_from_slice(b"\":[");
        let mut first = true;
        while let Some(at) = self.next {
            if at > ticket {
                break;
            }
            if at == ticket {
                if !first {
                    out.push(b',');
                }
                out.extend_from_slice(&self.row);
                first = false;
            }
            self.advance(hidden)?;
        }
        out.push(b']');
        Ok(())
    }
}

/// The columns after `ticket_id` that order a table's rows within a ticket,
/// as each table's key or index has them.
fn within_ticket(table: &str) -> &'static str {
    match table {
        "checklist" => ", item",
        "ticket_access" => ", team",
        "reviews" => "",
        _ => ", id",
    }
}

/// The export's head (format, schema, the reference data) as the text of a
/// JSON object without its closing brace, for the tickets to follow.
fn head_fields(conn: &dyn Db, tables: &Tables) -> Result<String> {
    let mut head = Map::new();
    head.insert("format".into(), Json::from(EXPORT_FORMAT));
    head.insert("schema".into(), Json::from(super::SCHEMA_VERSION));
    let mut reference = Map::new();
    for table in REFERENCE {
        reference.insert(table.into(), Json::Array(rows(conn, tables, table)?));
    }
    head.insert("reference".into(), Json::Object(reference));
    let mut head = serde_json::to_string(&Json::Object(head))
        .map_err(|e| StoreError::BadImport(ImportProblem::Other(e.to_string())))?;
    head.pop();
    Ok(head)
}

/// A ticket's own row as read, with where its number and links are.
struct Ticket<'r> {
    row: &'r super::sql::Row<'r>,
    id: i64,
    layout: &'r Layout,
    links: &'r [usize],
}

/// One ticket as a JSON object: its own row and each table's rows, keys in
/// `order` (a cursor's index, or none for the ticket's own row).
fn write_ticket(
    doc: &mut Vec<u8>,
    order: &[(&str, Option<usize>)],
    cursors: &mut [Cursor],
    ticket: &Ticket,
    hidden: &std::collections::HashSet<i64>,
) -> Result<()> {
    doc.push(b'{');
    for (n, (table, cursor)) in order.iter().enumerate() {
        if n > 0 {
            doc.push(b',');
        }
        match cursor {
            Some(i) => cursors[*i].write(doc, ticket.id, hidden)?,
            None => {
                doc.extend_from_slice(b"\"");
                doc.extend_from_slice(table.as_bytes());
                doc.extend_from_slice(b"\":");
                // A link to a ticket the user may not see is left out.
                write_row(doc, ticket.row, &ticket.layout.keys, |i, v| {
                    ticket.links.contains(&i) && ticket_in(v).is_some_and(|t| hidden.contains(&t))
                })?;
            }
        }
    }
    doc.push(b'}');
    Ok(())
}

impl Store {
    /// Writes every ticket registered in `[from, to)` (all when none) that
    /// the user may see, with all its rows, and the reference data, as JSON.
    /// Each table is read once, in ticket order, and merged: the document
    /// streams out as it is read, in little memory whatever its size.
    pub fn export_json(
        &self,
        out: &mut dyn Write,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64> {
        let io = |e: std::io::Error| StoreError::Io { path: "standard output".into(), source: e };
        let conn = self.db();
        // One read transaction: a consistent picture while others work.
        self.snapshot(|_| {
            let tables = Tables::read(conn)?;
            // The tickets stream out one by one after the head's fields.
            write!(out, "{},\"tickets\":[", head_fields(conn, &tables)?).map_err(io)?;
            let hidden: std::collections::HashSet<i64> = self.hidden_tickets()?.into_iter().collect();
            // The tickets of the period lie between two numbers; rows of the
            // tables are read between them, those of other tickets passed over.
            let (from, to) = (from.map_or(i64::MIN, |t| t.timestamp()), to.map_or(i64::MAX, |t| t.timestamp()));
            let (low, high): (Option<i64>, Option<i64>) = conn
                .prepare("SELECT min(id), max(id) FROM tickets WHERE created_at >= ?1 AND created_at < ?2")?
                .query_row([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let (low, high) = (low.unwrap_or(1), high.unwrap_or(0));
            let own = Layout::of(&tables, "tickets");
            let id_at = own.position(&tables, "tickets", "id").unwrap_or(0);
            let links: Vec<usize> = LINK_COLUMNS.iter().filter_map(|c| own.position(&tables, "tickets", c)).collect();
            let layouts: Vec<Layout> = PER_TICKET.iter().map(|t| Layout::of(&tables, t)).collect();
            let mut statements = Vec::new();
            for (table, layout) in PER_TICKET.iter().zip(&layouts) {
                let sql = format!(
                    "SELECT {} FROM {} WHERE ticket_id >= ?1 AND ticket_id <= ?2 ORDER BY ticket_id{}",
                    layout.select,
                    quoted(table),
                    within_ticket(table)
                );
                statements.push(conn.prepare(&sql)?);
            }
            let mut cursors = Vec::new();
            for ((table, layout), statement) in PER_TICKET.iter().zip(&layouts).zip(statements.iter_mut()) {
                let at = |c: &str| layout.position(&tables, table, c);
                let link_at = match (at("field"), at("old_value"), at("new_value")) {
                    (Some(f), Some(o), Some(n)) if *table == "events" => Some([f, o, n]),
                    _ => None,
                };
                let mut cursor = Cursor {
                    table,
                    rows: statement.query([low, high])?,
                    layout,
                    ticket_at: at("ticket_id").unwrap_or(0),
                    link_at,
                    next: None,
                    row: Vec::new(),
                };
                cursor.advance(&hidden)?;
                cursors.push(cursor);
            }
            // Keys in the order a JSON object with sorted keys has them:
            // the ticket's own row between `reviews` and `ticket_access`.
            let mut order: Vec<(&str, Option<usize>)> =
                cursors.iter().enumerate().map(|(i, c)| (c.table, Some(i))).collect();
            order.push(("ticket", None));
            order.sort_by(|a, b| a.0.cmp(b.0));
            // The created_at condition is tested on each row (`+`): the
            // tickets are read by number, never sorted.
            let mut tickets = conn.prepare(&format!(
                "SELECT {} FROM tickets WHERE id >= ?1 AND id <= ?2 AND +created_at >= ?3 AND +created_at < ?4 ORDER BY id",
                own.select
            ))?;
            let mut found = tickets.query([low, high, from, to])?;
            let mut doc: Vec<u8> = Vec::with_capacity(1 << 17);
            let mut written = 0u64;
            while let Some(r) = found.next()? {
                let id: i64 = r.get(id_at)?;
                if hidden.contains(&id) {
                    continue;
                }
                if written > 0 {
                    doc.push(b',');
                }
                let ticket = Ticket { row: &r, id, layout: &own, links: &links };
                write_ticket(&mut doc, &order, &mut cursors, &ticket, &hidden)?;
                written += 1;
                if doc.len() >= 1 << 16 {
                    out.write_all(&doc).map_err(io)?;
                    doc.clear();
                }
                progress(written);
            }
            out.write_all(&doc).map_err(io)?;
            out.write_all(b"]}\n").map_err(io)?;
            Ok(written)
        })
    }

    /// Tickets registered in `[from, to)` that the user may see, one CSV row
    /// each with their main fields (times in RFC 3339, UTC).
    pub fn export_csv(
        &self,
        out: &mut dyn Write,
        numbers: &crate::domain::NumberFormat,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<u64> {
        let csv_error = |e: csv::Error| StoreError::BadImport(ImportProblem::Other(e.to_string()));
        let mut w = csv::Writer::from_writer(out);
        let header = [
            "number",
            "kind",
            "title",
            "status",
            "priority",
            "impact",
            "urgency",
            "category",
            "subcategory",
            "service",
            "team",
            "assignee",
            "reporter",
            "reporter_email",
            "department",
            "channel",
            "created_at",
            "resolved_at",
            "closed_at",
            "closure_code",
        ];
        w.write_record(header).map_err(csv_error)?;
        let mut stmt = self.db().prepare(
            "SELECT id, kind, title, status, priority, impact, urgency, category, subcategory, service, team, assignee,
                    reporter_name, reporter_email, department, channel, created_at, resolved_at, closed_at, closure_code
             FROM tickets WHERE created_at >= ?1 AND created_at < ?2 ORDER BY id",
        )?;
        let (from, to) = (from.map_or(i64::MIN, |t| t.timestamp()), to.map_or(i64::MAX, |t| t.timestamp()));
        let mut found = stmt.query([from, to])?;
        let hidden: std::collections::HashSet<i64> = self.hidden_tickets()?.into_iter().collect();
        let time = |v: Option<i64>| {
            v.and_then(|s| DateTime::<Utc>::from_timestamp(s, 0)).map(|t| t.to_rfc3339()).unwrap_or_default()
        };
        let mut written = 0;
        while let Some(r) = found.next()? {
            let id: i64 = r.get(0)?;
            if hidden.contains(&id) {
                continue;
            }
            let text = |i: usize| -> super::sql::Result<String> {
                Ok(match r.get_ref(i)? {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    v => json_of(v).as_str().unwrap_or_default().to_string(),
                })
            };
            let priority = match r.get::<_, i64>(4)? {
                0 => String::new(),
                p => format!("P{p}"),
            };
            let record = [
                numbers.format(id),
                text(1)?,
                text(2)?,
                text(3)?,
                priority,
                text(5)?,
                text(6)?,
                text(7)?,
                text(8)?,
                text(9)?,
                text(10)?,
                text(11)?,
                text(12)?,
                text(13)?,
                text(14)?,
                text(15)?,
                time(r.get(16)?),
                time(r.get(17)?),
                time(r.get(18)?),
                text(19)?,
            ];
            // Text a spreadsheet would run as a formula starts with `'`.
            w.write_record(record.iter().map(|c| crate::domain::cell::csv_cell(c).into_owned())).map_err(csv_error)?;
            written += 1;
        }
        w.flush().map_err(|e| StoreError::Io { path: "standard output".into(), source: e })?;
        Ok(written)
    }
}
