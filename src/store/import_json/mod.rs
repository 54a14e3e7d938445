//! A meldpunt export back in, checked value by value as the command line
//! checks what it stores. An import never grants anything: people come in
//! only on request (an admin's), never with a higher role than they have,
//! settings never; every row belongs to the ticket it is under; one bad
//! value names its ticket, field and line, and nothing is imported.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::Read;

use super::sql::{Db, OptionalExtension};
use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};

use super::export::{EXPORT_FORMAT, PER_TICKET, Tables, insert};
use super::import_rules::{BIG, check_meaning, check_value, rule};
use super::{Existing, Loaded, Policy, Result, Store, StoreError};
use crate::domain::TicketId;
use crate::domain::access::Permission;
use crate::domain::event::EventKind;
use crate::domain::limits::{Input, ValueKind};
use crate::domain::storage::ImportProblem;

mod rows;
mod stream;
use rows::*;
use stream::*;

/// How to import.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonImport {
    pub existing: Existing,
    /// Bring in the people of the file (and their teams): an admin's.
    pub with_people: bool,
}

/// Someone an import brought in, with the role they got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonIn {
    pub login: String,
    pub role: String,
    /// The role in the file, when it was lowered to `role`.
    pub lowered_from: Option<String>,
}

/// The highest role an import gives: admins and leads come in as operators,
/// an admin raises them afterwards by hand.
fn imported_role(role: Option<&str>) -> (String, Option<String>) {
    match role {
        None => ("operator".into(), None),
        Some(r @ ("operator" | "technician")) => (r.into(), None),
        Some(other) => ("operator".into(), Some(other.into())),
    }
}

/// What an import did, and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLoaded {
    pub loaded: Loaded,
    /// The people it brought in (`with_people`), each with their role.
    pub people_in: Vec<PersonIn>,
    /// Team memberships of people already here, left as they are.
    pub teams_left: u64,
    /// People in the file that were not brought in (no `with_people`).
    pub people_left: u64,
    /// Settings in the file, all ignored.
    pub settings_left: u64,
    /// The tickets in the file.
    pub in_file: u64,
}

/// The file as it is read, counting its lines: where a ticket stands is
/// told from how many lines were read before it.
struct Counted<'c, R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    lines: &'c Cell<u64>,
}

impl<R: Read> Read for Counted<'_, R> {
    #[inline]
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.len {
            self.len = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.pos = 0;
        }
        let n = out.len().min(self.len - self.pos);
        let taken = &self.buf[self.pos..self.pos + n];
        out[..n].copy_from_slice(taken);
        self.lines.set(self.lines.get() + newlines(taken));
        self.pos += n;
        Ok(n)
    }
}

fn newlines(text: &[u8]) -> u64 {
    text.iter().filter(|b| **b == b'\n').count() as u64
}

/// Where values stand in a part of the file (a ticket, the reference
/// data) that begins on line `first`, for errors.
struct Lines<'a> {
    text: &'a str,
    first: u64,
}

impl<'a> Lines<'a> {
    /// The lines of a part read whole: the reader's count, less those in it.
    fn of_part(raw: &'a RawValue, lines_read: u64) -> Lines<'a> {
        let text = raw.get();
        Lines { text, first: (lines_read + 1).saturating_sub(newlines(text.as_bytes())) }
    }

    fn offset(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize).min(self.text.len())
    }

    /// The line of a row's field (of the row when it has no such key).
    fn of(&self, raw: &RawValue, key: &str) -> u64 {
        let start = self.offset(raw);
        let at = raw.get().find(&format!("\"{key}\"")).map_or(start, |i| start + i);
        self.first + newlines(&self.text.as_bytes()[..at.min(self.text.len())])
    }
}

fn object(raw: &RawValue, table: &str) -> Result<Map<String, Json>> {
    serde_json::from_str(raw.get()).map_err(|_| StoreError::BadImport(ImportProblem::NotAnObject(table.to_string())))
}

/// The declared type of every column of the tables an export holds.
pub(super) struct Declared {
    types: HashMap<String, HashMap<String, String>>,
    /// Columns a row must have: not null and without a default.
    required: HashMap<String, Vec<String>>,
    /// Columns that may be left out (they have a default) but never null.
    never_null: HashMap<String, Vec<String>>,
}

impl Declared {
    fn read(conn: &dyn Db) -> Result<Declared> {
        let mut types: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut required: HashMap<String, Vec<String>> = HashMap::new();
        let mut never_null: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare(conn.dialect().table_columns())?;
        for table in super::export::REFERENCE.iter().chain(PER_TICKET.iter()).chain(["tickets"].iter()) {
            let rows = stmt.query_map([table], |r| {
                let flag = |i| r.get::<_, bool>(i);
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, flag(2)?, flag(3)?, flag(4)?))
            })?;
            for row in rows {
                let (name, declared, generated, needed, not_null) = row?;
                if !generated {
                    // A row's ticket comes from where it stands in the file.
                    if needed && name != "ticket_id" {
                        required.entry(table.to_string()).or_default().push(name.clone());
                    }
                    // Pick lists and people are stored with defaults of their own.
                    let defaulted = super::export::REFERENCE.contains(table);
                    if not_null && !defaulted && name != "ticket_id" {
                        never_null.entry(table.to_string()).or_default().push(name.clone());
                    }
                    types.entry(table.to_string()).or_default().insert(name, declared);
                }
            }
        }
        Ok(Declared { types, required, never_null })
    }

    fn of(&self, table: &str, column: &str) -> Option<&str> {
        self.types.get(table)?.get(column).map(String::as_str)
    }
}

/// Checks every value of a row; a problem names its field and line.
fn check_row(
    conn: &dyn Db,
    policy: &Policy,
    declared: &Declared,
    table: &'static str,
    row: &Map<String, Json>,
    at: impl Fn(&str) -> (Option<TicketId>, u64),
) -> Result<()> {
    // Left out where there is no default, or given as null where null is
    // never stored: the engine would refuse it with words of its own.
    let required = declared.required.get(table).into_iter().flatten().filter(|c| !row.contains_key(*c));
    let nulls = declared.never_null.get(table).into_iter().flatten().filter(|c| row.get(*c).is_some_and(Json::is_null));
    if let Some(column) = required.chain(nulls).next() {
        let (ticket, line) = at(table);
        let problem = StoreError::Missing(column.clone());
        let field = format!("{table}.{column}");
        return Err(StoreError::ImportValue { ticket, field, line, problem: Box::new(problem) });
    }
    for (column, value) in row {
        let Some(declared) = declared.of(table, column) else {
            let problem = ImportProblem::NoColumn { table: table.to_string(), column: column.to_string() };
            return Err(StoreError::BadImport(problem));
        };
        if let Err(problem) = check_value(conn, policy, rule(table, column, declared), value, row) {
            let (ticket, line) = at(column);
            return Err(StoreError::ImportValue {
                ticket,
                field: format!("{table}.{column}"),
                line,
                problem: Box::new(problem),
            });
        }
    }
    if let Err((column, problem)) = check_meaning(policy, table, row) {
        let (ticket, line) = at(column);
        return Err(StoreError::ImportValue {
            ticket,
            field: format!("{table}.{column}"),
            line,
            problem: Box::new(problem),
        });
    }
    Ok(())
}

/// A ticket here takes the file's values; each changed column is a new
/// event now, and its earlier events, notes and other rows stay as they are.
fn update_ticket(conn: &dyn Db, id: TicketId, ticket: &Map<String, Json>, actor: &str) -> Result<()> {
    let now = chrono::Utc::now();
    let mut changed = false;
    let as_text = |v: &super::sql::Value| match v {
        super::sql::Value::Null => None,
        super::sql::Value::Integer(n) => Some(n.to_string()),
        super::sql::Value::Real(n) => Some(n.to_string()),
        super::sql::Value::Text(t) => Some(t.clone()),
        super::sql::Value::Blob(_) => None,
    };
    for (column, value) in ticket {
        // The ticket changes now: it is updated now.
        if matches!(column.as_str(), "id" | "version" | "updated_at") {
            continue;
        }
        let column_sql = format!("\"{}\"", column.replace('"', "\"\""));
        let old: super::sql::Value =
            conn.query_row(&format!("SELECT {column_sql} FROM tickets WHERE id = ?1"), [id], |r| r.get(0))?;
        let new = super::export::value_of(value);
        if old == new {
            continue;
        }
        conn.execute(
            &format!("UPDATE tickets SET {column_sql} = ?1, version = version + 1 WHERE id = ?2"),
            super::sql::params![new, id],
        )?;
        let event = crate::domain::event::NewEvent::of(
            EventKind::Changed,
            now,
            actor,
            Some(column),
            as_text(&old),
            as_text(&new),
        )
        .with_note("import");
        super::tickets::insert_event(conn, id, &event)?;
        changed = true;
    }
    if changed {
        conn.execute("UPDATE tickets SET updated_at = ?1 WHERE id = ?2", super::sql::params![now.timestamp(), id])?;
    }
    Ok(())
}

impl Store {
    /// Loads an export as it is read: pick-list values that are missing (by
    /// name), people on request, and every ticket with its rows under its
    /// own number; a number there already is skipped or replaced. Settings
    /// are never taken over. One transaction: all or nothing. Each ticket
    /// is read, checked and stored before the next is read, so a file of
    /// any size takes little memory; the reference data comes before the
    /// tickets, as an export writes it. `name` is the file's, for errors.
    pub fn import_json(
        &self,
        input: impl Read,
        name: &str,
        options: JsonImport,
        mut progress: impl FnMut(u64),
    ) -> Result<JsonLoaded> {
        let (policy, actor) = (&self.policy, self.actor());
        let done = self.write(Permission::ReferenceData, |conn| {
            // Pages changed stay in memory up to IMPORT_CACHE_MIB, the rest is
            // written out: memory stays bounded whatever the file's size. Into
            // an empty database the search index is filled in one pass at
            // the end, not ticket by ticket (each statement would flush its
            // pending words); into one with tickets, ticket by ticket, so as
            // not to index again all that is there. The other indexes stay:
            // links to tickets later in the file are looked up by them.
            let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM tickets)", [], |r| r.get(0))?;
            let restore = if empty {
                self.backend.begin_bulk(conn, false)?
            } else {
                self.backend.begin_long_write(IMPORT_CACHE_MIB)?;
                Vec::new()
            };
            let tables = Tables::read(conn)?;
            let declared = Declared::read(conn)?;
            // A ticket may point at one later in the file (its major incident):
            // references are checked when the whole import is in.
            conn.execute_batch(conn.dialect().defer_foreign_keys())?;
            let lines = Cell::new(0);
            let input = Counted { inner: input, buf: vec![0; 1 << 16].into(), pos: 0, len: 0, lines: &lines };
            let mut streamed = Streamed {
                store: self,
                import: Import { conn, policy, declared: &declared, tables: &tables },
                options,
                actor,
                lines: &lines,
                progress: &mut progress,
                format: None,
                schema: None,
                started: None,
                seen: Vec::new(),
                links: Vec::new(),
                loaded: Loaded::default(),
                result: JsonLoaded::default(),
                failed: None,
            };
            let mut reader = serde_json::Deserializer::from_reader(input);
            let parsed =
                serde::de::DeserializeSeed::deserialize(Top(&mut streamed), &mut reader).and_then(|()| reader.end());
            if let Some(refused) = streamed.failed.take() {
                return Err(refused);
            }
            parsed.map_err(|e| match e.classify() {
                serde_json::error::Category::Io => {
                    StoreError::Io { path: name.into(), source: std::io::Error::from(e) }
                }
                _ => StoreError::BadImport(ImportProblem::NotJson {
                    line: e.line(),
                    column: e.column(),
                    why: e.to_string(),
                }),
            })?;
            let loaded = streamed.finish()?;
            for sql in &restore {
                conn.execute_batch(sql)?;
            }
            Ok(loaded)
        });
        // The import's own error comes first.
        let restored = self.backend.end_bulk();
        let done = done?;
        restored?;
        Ok(done)
    }
}
