//! Moving house: every row of every table from one database into an empty
//! one of any engine, numbers and history as they were, in one transaction
//! of the target read from one snapshot of the source; the counts of both
//! compared and every reference checked before it commits.

use super::sql::{Db, OptionalExtension, Value};
use super::{Result, Store, StoreError};

/// meldpunt's tables in an order in which what a row refers to comes
/// before it, each with the columns that order its rows (its key).
const TABLES: &[(&str, &[&str])] = &[
    ("privacy_log", &["id"]),
    ("problems", &["id"]),
    ("knowledge", &["id"]),
    ("categories", &["id"]),
    ("subcategories", &["id"]),
    ("services", &["id"]),
    ("departments", &["id"]),
    ("teams", &["id"]),
    ("agents", &["id"]),
    ("agent_teams", &["agent_id", "team_id"]),
    ("settings", &["key"]),
    ("tickets", &["id"]),
    ("events", &["id"]),
    ("entries", &["id"]),
    ("checklist", &["ticket_id", "item"]),
    ("reviews", &["ticket_id"]),
    ("review_actions", &["id"]),
    ("presence", &["login", "ticket_id"]),
    ("ticket_access", &["ticket_id", "team"]),
    ("audit", &["id"]),
];

/// Rows read from the source at a time.
const PAGE: usize = 5_000;
/// Parameters one statement binds at most (SQLite's limit is 32,766).
const MAX_PARAMS: usize = 30_000;

/// What a copy moved: each table with its rows.
#[derive(Clone, Debug)]
pub struct Copied {
    pub tables: Vec<(String, u64)>,
    /// The target's check after the copy landed.
    pub check: super::CheckReport,
}

fn count(db: &dyn Db, table: &str) -> Result<u64> {
    // Table names come from TABLES, never from the data.
    Ok(db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as u64)
}

impl Store {
    /// Copies everything this database holds into `target`, which must be
    /// empty; refused, with nothing written, when it is not.
    pub fn copy_into(&self, target: &Store) -> Result<Copied> {
        self.snapshot(|source| {
            let from = source.backend.db();
            let tx = target.backend.begin_write()?;
            let to = tx.db();
            for (table, _) in TABLES {
                if count(to, table)? > 0 {
                    return Err(StoreError::TargetNotEmpty { location: target.location(), table: table.to_string() });
                }
            }
            to.execute_batch(to.dialect().defer_foreign_keys())?;
            // While a privacy action runs, the target's triggers write no
            // audit rows of their own: the source's audit trail is copied
            // as it is. The marker goes before the commit.
            let marker: i64 = from
                .query_row("SELECT max(id) FROM privacy_log", [], |r| r.get::<_, Option<i64>>(0))
                .optional()?
                .flatten()
                .unwrap_or(0)
                + 1;
            let mut tables = Vec::new();
            for (table, key) in TABLES {
                let copied = copy_table(from, to, table, key)?;
                if *table == "privacy_log" {
                    // In the name of who copies: a server lets only their own action count.
                    let actor = target.server_login().unwrap_or("meldpunt copy").to_string();
                    to.execute(
                        "INSERT INTO privacy_log (id, at, actor, action, subject, records, running)
                         VALUES (?1, 0, ?2, 'copy', '', 0, 1)",
                        super::sql::params![marker, actor],
                    )?;
                }
                tables.push((table.to_string(), copied));
            }
            to.execute("DELETE FROM privacy_log WHERE id = ?1", [marker])?;
            for (table, copied) in &tables {
                let there = count(to, table)?;
                let here = count(from, table)?;
                if there != *copied || here != *copied {
                    return Err(StoreError::CopyDiffers { table: table.clone(), here, there });
                }
            }
            // References are checked as the transaction commits (deferred
            // above): a copy with a row pointing nowhere does not land.
            tx.commit()?;
            Ok(Copied { tables, check: target.check()? })
        })
    }
}

/// Copies one table's rows in the order of its key, a page at a time.
fn copy_table(from: &dyn Db, to: &dyn Db, table: &str, key: &[&str]) -> Result<u64> {
    let target: std::collections::HashSet<String> = super::export::columns(to, table)?.into_iter().collect();
    let shared: Vec<String> = super::export::columns(from, table)?.into_iter().filter(|c| target.contains(c)).collect();
    let list = shared.join(", ");
    let keys = key.join(", ");
    let key_at: Vec<usize> =
        key.iter().map(|k| shared.iter().position(|c| c == k).expect("a key is a column")).collect();
    let after = if key.len() == 1 {
        format!("{} > ?1", key[0])
    } else {
        let marks: Vec<String> = (1..=key.len()).map(|i| format!("?{i}")).collect();
        format!("({keys}) > ({})", marks.join(", "))
    };
    let first = format!("SELECT {list} FROM {table} ORDER BY {keys} LIMIT {PAGE}");
    let next = format!("SELECT {list} FROM {table} WHERE {after} ORDER BY {keys} LIMIT {PAGE}");
    let per_statement = (MAX_PARAMS / shared.len().max(1)).clamp(1, 500);
    let mut copied = 0u64;
    let mut last: Option<Vec<Value>> = None;
    loop {
        let mut rows: Vec<Vec<Value>> = Vec::with_capacity(PAGE);
        {
            let mut stmt = from.prepare_cached(if last.is_some() { &next } else { &first })?;
            let bound: Vec<Value> = last.clone().unwrap_or_default();
            let mut found = stmt.query(bound.as_slice())?;
            while let Some(r) = found.next()? {
                let mut row = Vec::with_capacity(shared.len());
                for i in 0..shared.len() {
                    row.push(r.get_ref(i)?.to_owned());
                }
                rows.push(row);
            }
        }
        let Some(end) = rows.last() else { break };
        last = Some(key_at.iter().map(|i| end[*i].clone()).collect());
        for chunk in rows.chunks(per_statement) {
            let values: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let marks: Vec<String> = (1..=shared.len()).map(|c| format!("?{}", r * shared.len() + c)).collect();
                    format!("({})", marks.join(", "))
                })
                .collect();
            let sql = format!("INSERT INTO {table} ({list}) VALUES {}", values.join(", "));
            let flat: Vec<Value> = chunk.iter().flatten().cloned().collect();
            to.prepare_cached(&sql)?.execute(flat.as_slice())?;
        }
        copied += rows.len() as u64;
        if rows.len() < PAGE {
            break;
        }
    }
    Ok(copied)
}
