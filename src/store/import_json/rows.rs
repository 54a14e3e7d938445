//! An export's rows: its reference data (pick lists, people, numbering)
//! and each ticket's rows, checked and stored.

use super::*;

/// The reference data of the file, read whole (it is small).
pub(super) struct Reference<'r> {
    pub(super) listed: &'r HashMap<String, Vec<&'r RawValue>>,
    pub(super) lines: &'r Lines<'r>,
}

/// One import under way, inside its transaction.
pub(super) struct Import<'a> {
    pub(super) conn: &'a dyn Db,
    pub(super) policy: &'a Policy,
    pub(super) declared: &'a Declared,
    pub(super) tables: &'a Tables,
}

pub(super) type Row<'r> = (Map<String, Json>, &'r RawValue);
/// Old ids of problems and articles in the file, to their ids here.
pub(super) type Renumbered = HashMap<&'static str, HashMap<i64, i64>>;

pub(super) fn text_of(row: &Map<String, Json>, column: &str) -> Option<String> {
    row.get(column).and_then(Json::as_str).map(str::to_string)
}

pub(super) fn id_of(row: &Map<String, Json>) -> Option<i64> {
    row.get("id").and_then(Json::as_i64)
}

pub(super) fn active(row: &Map<String, Json>) -> i64 {
    row.get("active").and_then(Json::as_i64).unwrap_or(1)
}

/// A reference that points at nothing the import knows.
pub(super) fn unknown(
    ticket: Option<TicketId>,
    field: String,
    line: u64,
    value: i64,
    known: Vec<String>,
) -> StoreError {
    let problem = StoreError::NotKnown { input: Input::Reference, value: value.to_string(), known };
    StoreError::ImportValue { ticket, field, line, problem: Box::new(problem) }
}

impl<'a> Import<'a> {
    /// A reference table's rows, each checked.
    pub(super) fn rows<'r>(&self, reference: &Reference<'r>, table: &'static str) -> Result<Vec<Row<'r>>> {
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
    pub(super) fn pick_lists(&self, reference: &Reference) -> Result<HashMap<i64, String>> {
        let conn = self.conn;
        let mut categories: HashMap<i64, String> = HashMap::new();
        for (row, _) in self.rows(reference, "categories")? {
            let name = text_of(&row, "name").unwrap_or_default();
            conn.prepare_cached("INSERT INTO categories (name, active) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")?
                .execute(crate::store::sql::params![name, active(&row)])?;
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
            .execute(crate::store::sql::params![text_of(&row, "name"), active(&row), parent])?;
        }
        for table in ["services", "departments"] {
            for (row, _) in self.rows(reference, table)? {
                let sql = format!("INSERT INTO {table} (name, active) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
                conn.prepare_cached(&sql)?.execute(crate::store::sql::params![text_of(&row, "name"), active(&row)])?;
            }
        }
        let mut teams: HashMap<i64, String> = HashMap::new();
        for (row, _) in self.rows(reference, "teams")? {
            let name = text_of(&row, "name").unwrap_or_default();
            let line = row.get("line").and_then(Json::as_i64).unwrap_or(1);
            conn.prepare_cached(
                "INSERT INTO teams (name, line, active) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
            )?
            .execute(crate::store::sql::params![name, line, active(&row)])?;
            teams.extend(id_of(&row).map(|id| (id, name)));
        }
        Ok(teams)
    }

    /// Only the people this import brings in: someone already here keeps
    /// their role, details and teams. Also how many memberships were left.
    pub(super) fn people(&self, reference: &Reference, teams: &HashMap<i64, String>) -> Result<(Vec<PersonIn>, u64)> {
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
                .execute(crate::store::sql::params![
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
                .execute(crate::store::sql::params![person, team])?;
            }
        }
        Ok((people_in, teams_left))
    }

    /// Problems and articles get the ids of this database; one that is here
    /// already (same title, same moment) is the same one.
    pub(super) fn renumber(&self, reference: &Reference) -> Result<Renumbered> {
        let conn = self.conn;
        let mut renumbered: Renumbered = HashMap::new();
        for table in ["problems", "knowledge"] {
            let same = format!("SELECT id FROM {table} WHERE title = ?1 AND created_at = ?2");
            for (row, _) in self.rows(reference, table)? {
                let key = (text_of(&row, "title"), row.get("created_at").and_then(Json::as_i64));
                let there: Option<i64> = conn
                    .prepare_cached(&same)?
                    .query_row(crate::store::sql::params![key.0, key.1], |r| r.get(0))
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
    pub(super) fn ticket(
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
