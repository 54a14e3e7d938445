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

/// The page cache of an import, in MiB.
const IMPORT_CACHE_MIB: i64 = 64;

/// A link from a ticket to another, checked when the whole file is read.
struct Link {
    ticket: TicketId,
    column: &'static str,
    other: i64,
    line: u64,
}

/// What the reference data brought.
struct Started {
    renumbered: Renumbered,
}

/// An import being read, inside its transaction.
struct Streamed<'a, 'p> {
    store: &'a Store,
    import: Import<'a>,
    options: JsonImport,
    actor: &'a str,
    lines: &'a Cell<u64>,
    progress: &'p mut dyn FnMut(u64),
    format: Option<String>,
    schema: Option<u64>,
    started: Option<Started>,
    /// The numbers of the tickets in the file, for the links between them.
    seen: Vec<i64>,
    links: Vec<Link>,
    loaded: Loaded,
    result: JsonLoaded,
    /// Why the import was refused, when it was (the parser is told only
    /// that it must stop).
    failed: Option<StoreError>,
}

impl Streamed<'_, '_> {
    fn refuse<E: serde::de::Error>(&mut self, e: StoreError) -> E {
        self.failed = Some(e);
        E::custom("refused")
    }

    fn check_schema(&self) -> Result<()> {
        let schema = self.schema.unwrap_or(0);
        if schema > super::SCHEMA_VERSION as u64 {
            return Err(StoreError::BadImport(ImportProblem::Newer { found: schema, known: super::SCHEMA_VERSION }));
        }
        Ok(())
    }

    /// The head read (format, schema and reference data, before the
    /// tickets): checked, and the reference data stored.
    fn start(&mut self, reference: Option<(&RawValue, u64)>) -> Result<()> {
        if self.format.as_deref() != Some(EXPORT_FORMAT) {
            return Err(StoreError::BadImport(ImportProblem::NotAnExport));
        }
        self.check_schema()?;
        if self.options.with_people {
            // Bringing in people, and their roles, is an admin's.
            self.store.permit(Permission::Settings)?;
        }
        let (listed, lines): (HashMap<String, Vec<&RawValue>>, Lines) = match reference {
            Some((raw, first)) => {
                let listed = serde_json::from_str(raw.get()).map_err(|e| {
                    let line = e.line() as u64 + first - 1;
                    StoreError::BadImport(ImportProblem::NotJson {
                        line: line as usize,
                        column: e.column(),
                        why: e.to_string(),
                    })
                })?;
                (listed, Lines { text: raw.get(), first })
            }
            None => (HashMap::new(), Lines { text: "", first: 1 }),
        };
        let reference = Reference { listed: &listed, lines: &lines };
        let count = |table: &str| listed.get(table).map_or(0, Vec::len) as u64;
        self.result.settings_left = count("settings");
        self.result.people_left = if self.options.with_people { 0 } else { count("agents") };
        let teams = self.import.pick_lists(&reference)?;
        if self.options.with_people {
            (self.result.people_in, self.result.teams_left) = self.import.people(&reference, &teams)?;
        }
        let renumbered = self.import.renumber(&reference)?;
        self.started = Some(Started { renumbered });
        Ok(())
    }

    /// One ticket of the file (the `n`-th, from 1), read whole.
    fn ticket(&mut self, n: usize, raw: &RawValue) -> Result<()> {
        let lines = Lines::of_part(raw, self.lines.get());
        let t: HashMap<String, &RawValue> = serde_json::from_str(raw.get())
            .map_err(|_| StoreError::BadImport(ImportProblem::NotAnObject("tickets".into())))?;
        let Some(started) = &self.started else { return Err(StoreError::BadImport(ImportProblem::NotAnExport)) };
        let (id, ticket, own_rows, links) = self.import.ticket(n, &t, &lines, &started.renumbered)?;
        self.seen.push(id);
        self.links.extend(links);
        let conn = self.import.conn;
        let there: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        match (there, self.options.existing) {
            (true, Existing::Skip) => {
                self.loaded.skipped += 1;
                (self.progress)(self.loaded.stored + self.loaded.skipped);
                return Ok(());
            }
            (true, Existing::Update) => {
                // History is never rewritten: the ticket keeps all its
                // rows, and what the file changes is told as changes
                // made now, by whoever imports.
                update_ticket(conn, id, &ticket, self.actor)?;
                self.loaded.replaced += 1;
            }
            (false, _) => {
                insert(conn, self.import.tables, "tickets", &Json::Object(ticket), &[])?;
                for (table, row) in &own_rows {
                    // Their own ids are given anew.
                    insert(conn, self.import.tables, table, row, &["id"])?;
                }
            }
        }
        self.loaded.stored += 1;
        (self.progress)(self.loaded.stored + self.loaded.skipped);
        Ok(())
    }

    /// The whole file read: links between its tickets stay within it.
    fn finish(mut self) -> Result<JsonLoaded> {
        if self.started.is_none() {
            self.start(None)?;
        }
        self.seen.sort_unstable();
        for link in &self.links {
            if self.seen.binary_search(&link.other).is_err() {
                let known = self.seen.iter().take(26).map(|n| n.to_string()).collect();
                let field = format!("tickets.{}", link.column);
                return Err(unknown(Some(link.ticket), field, link.line, link.other, known));
            }
        }
        self.result.loaded = self.loaded;
        self.result.in_file = self.seen.len() as u64;
        Ok(self.result)
    }
}

/// The document: its head, then its tickets one at a time.
struct Top<'s, 'a, 'p>(&'s mut Streamed<'a, 'p>);

impl<'de> serde::de::DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a meldpunt export")
    }

    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> std::result::Result<(), M::Error> {
        let s = self.0;
        while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
            match &*key {
                "format" => s.format = map.next_value()?,
                "schema" => {
                    s.schema = map.next_value()?;
                    if let Err(e) = s.check_schema() {
                        return Err(s.refuse(e));
                    }
                }
                "reference" => {
                    let raw: Box<RawValue> = map.next_value()?;
                    if s.started.is_some() {
                        return Err(s.refuse(StoreError::BadImport(ImportProblem::ReferenceLate)));
                    }
                    let first = Lines::of_part(&raw, s.lines.get()).first;
                    if let Err(e) = s.start(Some((&raw, first))) {
                        return Err(s.refuse(e));
                    }
                }
                // Not an export: read to its end all the same, so that a
                // broken file is told as broken, then refused as no export.
                "tickets" if s.started.is_none() && s.format.as_deref() != Some(EXPORT_FORMAT) => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                "tickets" => {
                    if s.started.is_none()
                        && let Err(e) = s.start(None)
                    {
                        return Err(s.refuse(e));
                    }
                    map.next_value_seed(Tickets(&mut *s))?;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The list of tickets, each stored before the next is read.
struct Tickets<'s, 'a, 'p>(&'s mut Streamed<'a, 'p>);

impl<'de> serde::de::DeserializeSeed<'de> for Tickets<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Tickets<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of tickets")
    }

    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        let s = self.0;
        let mut n = 0;
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            n += 1;
            if let Err(e) = s.ticket(n, &raw) {
                return Err(s.refuse(e));
            }
        }
        Ok(())
    }
}

/// The reference data of the file, read whole (it is small).
struct Reference<'r> {
    listed: &'r HashMap<String, Vec<&'r RawValue>>,
    lines: &'r Lines<'r>,
}

/// One import under way, inside its transaction.
struct Import<'a> {
    conn: &'a dyn Db,
    policy: &'a Policy,
    declared: &'a Declared,
    tables: &'a Tables,
}

type Row<'r> = (Map<String, Json>, &'r RawValue);
/// Old ids of problems and articles in the file, to their ids here.
type Renumbered = HashMap<&'static str, HashMap<i64, i64>>;

fn text_of(row: &Map<String, Json>, column: &str) -> Option<String> {
    row.get(column).and_then(Json::as_str).map(str::to_string)
}

fn id_of(row: &Map<String, Json>) -> Option<i64> {
    row.get("id").and_then(Json::as_i64)
}

fn active(row: &Map<String, Json>) -> i64 {
    row.get("active").and_then(Json::as_i64).unwrap_or(1)
}

/// A reference that points at nothing the import knows.
fn unknown(ticket: Option<TicketId>, field: String, line: u64, value: i64, known: Vec<String>) -> StoreError {
    let problem = StoreError::NotKnown { input: Input::Reference, value: value.to_string(), known };
    StoreError::ImportValue { ticket, field, line, problem: Box::new(problem) }
}

impl<'a> Import<'a> {
    /// A reference table's rows, each checked.
    fn rows<'r>(&self, reference: &Reference<'r>, table: &'static str) -> Result<Vec<Row<'r>>> {
        let listed = reference.listed.get(table).map(Vec::as_slice).unwrap_or_default();
        let mut out = Vec::new();
        for raw in listed {
            let row = object(raw, table)?;
            check_row(self.conn, self.policy, self.declared, table, &row, |c| (None, reference.lines.of(raw, c)))?;
            out.push((row, *raw));
        }
        Ok(out)
    }

    /// Pick lists by name, as ids differ from one database to another; the
    /// teams' old ids to their names.
    fn pick_lists(&self, reference: &Reference) -> Result<HashMap<i64, String>> {
        let conn = self.conn;
        let mut categories: HashMap<i64, String> = HashMap::new();
        for (row, _) in self.rows(reference, "categories")? {
            let name = text_of(&row, "name").unwrap_or_default();
            conn.prepare_cached("INSERT INTO categories (name, active) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")?
                .execute(super::sql::params![name, active(&row)])?;
            categories.extend(id_of(&row).map(|id| (id, name)));
        }
        for (row, raw) in self.rows(reference, "subcategories")? {
            let parent = row.get("category_id").and_then(Json::as_i64).and_then(|id| categories.get(&id));
            let Some(parent) = parent else {
                let problem = StoreError::NotA {
                    value: row["category_id"].to_string(),
                    kind: ValueKind::Number { min: 1, max: BIG },
                };
                let line = reference.lines.of(raw, "category_id");
                let field = "subcategories.category_id".into();
                return Err(StoreError::ImportValue { ticket: None, field, line, problem: Box::new(problem) });
            };
            conn.prepare_cached(
                "INSERT INTO subcategories (category_id, name, active)
                 SELECT id, ?1, ?2 FROM categories WHERE name = ?3
                 ON CONFLICT (category_id, name) DO NOTHING",
            )?
            .execute(super::sql::params![text_of(&row, "name"), active(&row), parent])?;
        }
        for table in ["services", "departments"] {
            for (row, _) in self.rows(reference, table)? {
                let sql = format!("INSERT INTO {table} (name, active) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
                conn.prepare_cached(&sql)?.execute(super::sql::params![text_of(&row, "name"), active(&row)])?;
            }
        }
        let mut teams: HashMap<i64, String> = HashMap::new();
        for (row, _) in self.rows(reference, "teams")? {
            let name = text_of(&row, "name").unwrap_or_default();
            let line = row.get("line").and_then(Json::as_i64).unwrap_or(1);
            conn.prepare_cached(
                "INSERT INTO teams (name, line, active) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
            )?
            .execute(super::sql::params![name, line, active(&row)])?;
            teams.extend(id_of(&row).map(|id| (id, name)));
        }
        Ok(teams)
    }

    /// Only the people this import brings in: someone already here keeps
    /// their role, details and teams. Also how many memberships were left.
    fn people(&self, reference: &Reference, teams: &HashMap<i64, String>) -> Result<(Vec<PersonIn>, u64)> {
        let conn = self.conn;
        let (mut people_in, mut teams_left) = (Vec::new(), 0);
        let mut people: HashMap<i64, String> = HashMap::new();
        for (row, _) in self.rows(reference, "agents")? {
            let login = text_of(&row, "login").unwrap_or_default();
            let (role, lowered_from) = imported_role(row.get("role").and_then(Json::as_str));
            let added = conn
                .prepare_cached(
                    "INSERT INTO agents (login, name, email, line, role, active)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (login) DO NOTHING",
                )?
                .execute(super::sql::params![
                    login,
                    text_of(&row, "name"),
                    text_of(&row, "email"),
                    row.get("line").and_then(Json::as_i64).unwrap_or(1),
                    role,
                    active(&row),
                ])?;
            if added > 0 {
                people.extend(id_of(&row).map(|id| (id, login.clone())));
                people_in.push(PersonIn { login, role, lowered_from });
            }
        }
        for (row, _) in self.rows(reference, "agent_teams")? {
            let person = row.get("agent_id").and_then(Json::as_i64).and_then(|id| people.get(&id));
            let team = row.get("team_id").and_then(Json::as_i64).and_then(|id| teams.get(&id));
            if person.is_none() {
                teams_left += 1;
            }
            if let (Some(person), Some(team)) = (person, team) {
                conn.prepare_cached(
                    "INSERT INTO agent_teams (agent_id, team_id)
                     SELECT a.id, t.id FROM agents a, teams t WHERE a.login = ?1 AND t.name = ?2
                     ON CONFLICT (agent_id, team_id) DO NOTHING",
                )?
                .execute(super::sql::params![person, team])?;
            }
        }
        Ok((people_in, teams_left))
    }

    /// Problems and articles get the ids of this database; one that is here
    /// already (same title, same moment) is the same one.
    fn renumber(&self, reference: &Reference) -> Result<Renumbered> {
        let conn = self.conn;
        let mut renumbered: Renumbered = HashMap::new();
        for table in ["problems", "knowledge"] {
            let same = format!("SELECT id FROM {table} WHERE title = ?1 AND created_at = ?2");
            for (row, _) in self.rows(reference, table)? {
                let key = (text_of(&row, "title"), row.get("created_at").and_then(Json::as_i64));
                let there: Option<i64> = conn
                    .prepare_cached(&same)?
                    .query_row(super::sql::params![key.0, key.1], |r| r.get(0))
                    .optional()?;
                let new = match there {
                    Some(id) => id,
                    None => {
                        insert(conn, self.tables, table, &Json::Object(row.clone()), &["id"])?;
                        // The import holds the write lock: the newest row is this one.
                        conn.query_row(&format!("SELECT max(id) FROM {table}"), [], |r| r.get(0))?
                    }
                };
                renumbered.entry(table).or_default().extend(id_of(&row).map(|old| (old, new)));
            }
        }
        Ok(renumbered)
    }

    /// One ticket of the file, checked, its links renumbered, with its rows.
    /// Links to other tickets of the file are checked when it is all read.
    #[allow(clippy::type_complexity)]
    fn ticket(
        &self,
        i: usize,
        t: &HashMap<String, &RawValue>,
        lines: &Lines,
        renumbered: &Renumbered,
    ) -> Result<(TicketId, Map<String, Json>, Vec<(&'static str, Json)>, Vec<Link>)> {
        let Some(own) = t.get("ticket") else {
            return Err(StoreError::BadImport(ImportProblem::NoTicket(i + 1)));
        };
        let mut ticket = object(own, "tickets")?;
        let id = ticket
            .get("id")
            .and_then(Json::as_i64)
            .filter(|id| *id > 0)
            .ok_or_else(|| StoreError::BadImport(ImportProblem::NoTicketId(i + 1)))?;
        check_row(self.conn, self.policy, self.declared, "tickets", &ticket, |c| (Some(id), lines.of(own, c)))?;
        let mut links = Vec::new();
        for (column, within) in [
            ("parent_id", None),
            ("duplicate_of", None),
            ("problem_id", Some("problems")),
            ("knowledge_id", Some("knowledge")),
        ] {
            let Some(other) = ticket.get(column).and_then(Json::as_i64) else { continue };
            let (found, known): (Option<i64>, Vec<String>) = match within {
                None => {
                    links.push(Link { ticket: id, column, other, line: lines.of(own, column) });
                    continue;
                }
                Some(table) => {
                    let map = renumbered.get(table);
                    (
                        map.and_then(|m| m.get(&other)).copied(),
                        map.into_iter().flat_map(|m| m.keys()).take(26).map(|n| n.to_string()).collect(),
                    )
                }
            };
            let Some(new) = found else {
                return Err(unknown(Some(id), format!("tickets.{column}"), lines.of(own, column), other, known));
            };
            ticket.insert(column.into(), Json::from(new));
        }
        let mut own_rows = Vec::new();
        for table in PER_TICKET {
            let Some(raw) = t.get(table) else { continue };
            let list: Vec<&RawValue> = serde_json::from_str(raw.get())
                .map_err(|_| StoreError::BadImport(ImportProblem::NotAList { ticket: id, table: table.to_string() }))?;
            for raw in list {
                let mut row = object(raw, table)?;
                check_row(self.conn, self.policy, self.declared, table, &row, |c| (Some(id), lines.of(raw, c)))?;
                // A row belongs to the ticket it is under, never to another.
                if let Some(other) = row.get("ticket_id").and_then(Json::as_i64).filter(|other| *other != id) {
                    let line = lines.of(raw, "ticket_id");
                    return Err(unknown(Some(id), format!("{table}.ticket_id"), line, other, vec![id.to_string()]));
                }
                row.insert("ticket_id".into(), Json::from(id));
                own_rows.push((table, Json::Object(row)));
            }
        }
        Ok((id, ticket, own_rows, links))
    }
}
