//! Reading an export as it streams past: the parser's visitors hand each
//! part to the import, which checks and stores it before the next is read.

use super::*;

/// The page cache of an import, in MiB.
pub(super) const IMPORT_CACHE_MIB: i64 = 64;

/// A link from a ticket to another, checked when the whole file is read.
pub(super) struct Link {
    pub(super) ticket: TicketId,
    pub(super) column: &'static str,
    pub(super) other: i64,
    pub(super) line: u64,
}

/// What the reference data brought.
pub(super) struct Started {
    pub(super) renumbered: Renumbered,
}

/// An import being read, inside its transaction.
pub(super) struct Streamed<'a, 'p> {
    pub(super) store: &'a Store,
    pub(super) import: Import<'a>,
    pub(super) options: JsonImport,
    pub(super) actor: &'a str,
    pub(super) lines: &'a Cell<u64>,
    pub(super) progress: &'p mut dyn FnMut(u64),
    pub(super) format: Option<String>,
    pub(super) schema: Option<u64>,
    pub(super) started: Option<Started>,
    /// The numbers of the tickets in the file, for the links between them.
    pub(super) seen: Vec<i64>,
    pub(super) links: Vec<Link>,
    pub(super) loaded: Loaded,
    pub(super) result: JsonLoaded,
    /// Why the import was refused, when it was (the parser is told only
    /// that it must stop).
    pub(super) failed: Option<StoreError>,
}

impl Streamed<'_, '_> {
    pub(super) fn refuse<E: serde::de::Error>(&mut self, e: StoreError) -> E {
        self.failed = Some(e);
        E::custom("refused")
    }

    pub(super) fn check_schema(&self) -> Result<()> {
        let schema = self.schema.unwrap_or(0);
        if schema > crate::store::SCHEMA_VERSION as u64 {
            return Err(StoreError::BadImport(ImportProblem::Newer {
                found: schema,
                known: crate::store::SCHEMA_VERSION,
            }));
        }
        Ok(())
    }

    /// The head read (format, schema and reference data, before the
    /// tickets): checked, and the reference data stored.
    pub(super) fn start(&mut self, reference: Option<(&RawValue, u64)>) -> Result<()> {
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
    pub(super) fn ticket(&mut self, n: usize, raw: &RawValue) -> Result<()> {
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
    pub(super) fn finish(mut self) -> Result<JsonLoaded> {
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
pub(super) struct Top<'s, 'a, 'p>(pub(super) &'s mut Streamed<'a, 'p>);

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
pub(super) struct Tickets<'s, 'a, 'p>(pub(super) &'s mut Streamed<'a, 'p>);

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
