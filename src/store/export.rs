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
fn columns(conn: &dyn Db, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(conn.dialect().table_columns())?;
    let rows = stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(2)?)))?;
    Ok(rows.filter_map(|r| r.ok()).filter(|(_, generated)| !*generated).map(|(name, _)| name).collect())
}

/// The writable columns of every table an export holds, read from the
/// schema once per export or import.
pub(super) struct Tables(HashMap<&'static str, Vec<String>>);

impl Tables {
    pub(super) fn read(conn: &dyn Db) -> Result<Tables> {
        let mut all = HashMap::new();
        for table in REFERENCE.iter().chain(PER_TICKET.iter()).chain(["tickets"].iter()) {
            all.insert(*table, columns(conn, table)?);
        }
        Ok(Tables(all))
    }

    fn of(&self, table: &str) -> &[String] {
        self.0.get(table).map_or(&[], Vec::as_slice)
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Rows of a table as JSON objects, with an optional `WHERE` on ticket_id.
fn rows(conn: &dyn Db, tables: &Tables, table: &str, ticket: Option<i64>) -> Result<Vec<Json>> {
    let cols = tables.of(table);
    let list = cols.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
    let sql = match ticket {
        Some(_) => format!("SELECT {list} FROM {} WHERE ticket_id = ?1 ORDER BY 1", quoted(table)),
        None => format!("SELECT {list} FROM {} ORDER BY 1", quoted(table)),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    let mut found = match ticket {
        Some(id) => stmt.query([id])?,
        None => stmt.query([])?,
    };
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
    let known = tables.of(table);
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (k, v) in object {
        if skip.contains(&k.as_str()) {
            continue;
        }
        if !known.contains(k) {
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

impl Store {
    /// Leaves out of an exported ticket its links to tickets the user may
    /// not see, so that the export does not tell they exist.
    fn hide_links(&self, ticket: &mut Map<String, Json>) -> Result<()> {
        if self.limited_viewer().is_none() {
            return Ok(());
        }
        let hidden = |v: &Json| -> Result<bool> {
            let id = match v {
                Json::Number(n) => n.as_i64(),
                Json::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            Ok(match id {
                Some(id) => !self.can_see(id)?,
                None => false,
            })
        };
        if let Some(Json::Object(own)) = ticket.get_mut("ticket") {
            for column in LINK_COLUMNS {
                if let Some(value) = own.get_mut(column)
                    && hidden(value)?
                {
                    *value = Json::Null;
                }
            }
        }
        if let Some(Json::Array(events)) = ticket.get_mut("events") {
            let mut kept = Vec::with_capacity(events.len());
            for event in events.drain(..) {
                let text = |key: &str| event.get(key).and_then(Json::as_str);
                if !self.names_hidden(text("field"), [text("old_value"), text("new_value")])? {
                    kept.push(event);
                }
            }
            *events = kept;
        }
        Ok(())
    }

    /// Writes every ticket registered in `[from, to)` (all when none) that
    /// the user may see, with all its rows, and the reference data, as JSON.
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
        conn.execute_batch("BEGIN")?;
        let result = (|| -> Result<u64> {
            let tables = Tables::read(conn)?;
            let mut head = Map::new();
            head.insert("format".into(), Json::from(EXPORT_FORMAT));
            head.insert("schema".into(), Json::from(super::SCHEMA_VERSION));
            let mut reference = Map::new();
            for table in REFERENCE {
                reference.insert(table.into(), Json::Array(rows(conn, &tables, table, None)?));
            }
            head.insert("reference".into(), Json::Object(reference));
            let head = serde_json::to_string(&Json::Object(head))
                .map_err(|e| StoreError::BadImport(ImportProblem::Other(e.to_string())))?;
            // The tickets stream out one by one after the head's fields.
            write!(out, "{},\"tickets\":[", &head[..head.len() - 1]).map_err(io)?;
            let mut stmt =
                conn.prepare("SELECT id FROM tickets WHERE created_at >= ?1 AND created_at < ?2 ORDER BY id")?;
            let (from, to) = (from.map_or(i64::MIN, |t| t.timestamp()), to.map_or(i64::MAX, |t| t.timestamp()));
            let ids: Vec<i64> = stmt.query_map([from, to], |r| r.get(0))?.collect::<super::sql::Result<_>>()?;
            let mut written = 0u64;
            for id in ids {
                if !self.can_see(id)? {
                    continue;
                }
                let mut ticket = Map::new();
                let own = {
                    let cols = tables.of("tickets");
                    let list = cols.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
                    let mut one = conn.prepare_cached(&format!("SELECT {list} FROM tickets WHERE id = ?1"))?;
                    one.query_row([id], |r| {
                        let mut object = Map::new();
                        for (i, c) in cols.iter().enumerate() {
                            object.insert(c.clone(), json_of(r.get_ref(i)?));
                        }
                        Ok(Json::Object(object))
                    })?
                };
                ticket.insert("ticket".into(), own);
                for table in PER_TICKET {
                    ticket.insert(table.into(), Json::Array(rows(conn, &tables, table, Some(id))?));
                }
                self.hide_links(&mut ticket)?;
                if written > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                serde_json::to_writer(&mut *out, &Json::Object(ticket))
                    .map_err(|e| StoreError::BadImport(ImportProblem::Other(e.to_string())))?;
                written += 1;
                progress(written);
            }
            out.write_all(b"]}\n").map_err(io)?;
            Ok(written)
        })();
        conn.execute_batch("COMMIT")?;
        result
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
        let time = |v: Option<i64>| {
            v.and_then(|s| DateTime::<Utc>::from_timestamp(s, 0)).map(|t| t.to_rfc3339()).unwrap_or_default()
        };
        let mut written = 0;
        while let Some(r) = found.next()? {
            let id: i64 = r.get(0)?;
            if !self.can_see(id)? {
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
