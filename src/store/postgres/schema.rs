//! meldpunt's schema on a server: recognised by its version table, created
//! in an empty database, migrated in one transaction, refused untouched
//! when newer or when the schema of its name belongs to another program;
//! and the checks `meldpunt check` makes of it.

use super::db::PgConn;
use super::{Server, WRITE_LOCK};
use crate::domain::storage::{CheckReport, ServerProblem};
use crate::store::sql::{Db, OptionalExtension};
use crate::store::{Opened, Result, StoreError};

/// The PostgreSQL schema meldpunt's tables live in.
pub const SCHEMA: &str = "meldpunt";

/// The table that marks the schema as meldpunt's, with its version.
const MARK: &str = "meldpunt_schema";

/// Each migration brings the schema from its index to the next version.
const MIGRATIONS: &[&str] = &[include_str!("migrations/001_init.sql"), include_str!("migrations/002_roles.sql")];

pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The triggers that keep history and the change stamp: `check` names any
/// that is missing.
const TRIGGERS: &[(&str, &str)] = &[
    ("entries", "entries_are_kept"),
    ("audit", "audit_is_kept"),
    ("agents", "audit_agents"),
    ("teams", "audit_teams"),
    ("settings", "audit_settings"),
    ("tickets", "tickets_changed"),
    ("events", "events_changed"),
    ("tickets", "tickets_next_id"),
];

fn refused(server: &Server, problem: ServerProblem) -> StoreError {
    StoreError::Server { location: server.to_string(), problem }
}

/// What is there: nothing, meldpunt's schema at a version, or another's.
enum Found {
    Nothing,
    Version(u32),
}

fn found(conn: &PgConn, server: &Server) -> Result<Found> {
    let schema: Option<i64> =
        conn.db().query_row("SELECT 1 FROM pg_namespace WHERE nspname = ?1", [SCHEMA], |r| r.get(0)).optional()?;
    if schema.is_none() {
        return Ok(Found::Nothing);
    }
    let marked: bool = conn.db().query_row(
        "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ?1 AND c.relname = ?2)",
        [SCHEMA, MARK],
        |r| r.get(0),
    )?;
    if !marked {
        let objects: i64 = conn.db().query_row(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?1",
            [SCHEMA],
            |r| r.get(0),
        )?;
        return match objects {
            0 => Ok(Found::Nothing),
            _ => Err(refused(server, ServerProblem::ForeignSchema(SCHEMA.into()))),
        };
    }
    let (application, version): (String, i64) = conn
        .db()
        .query_row(&format!("SELECT application, version FROM {SCHEMA}.{MARK}"), [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| refused(server, ServerProblem::ForeignSchema(SCHEMA.into())))?;
    if application != "meldpunt" {
        return Err(refused(server, ServerProblem::ForeignSchema(SCHEMA.into())));
    }
    Ok(Found::Version(u32::try_from(version).unwrap_or(u32::MAX)))
}

/// Readies the schema: what opening it did. Two programs starting at once
/// take turns, the second finding the schema the first made.
pub(super) fn prepare(conn: &PgConn, server: &Server, read_only: bool) -> Result<Opened> {
    match found(conn, server)? {
        Found::Version(v) if v == SCHEMA_VERSION => return Ok(Opened::Current),
        Found::Version(v) if v > SCHEMA_VERSION => {
            return Err(refused(server, ServerProblem::TooNew { found: v, supported: SCHEMA_VERSION }));
        }
        _ if read_only => return Err(StoreError::ReadOnly),
        _ => {}
    }
    conn.batch("BEGIN")?;
    let result = migrate(conn, server);
    match result {
        Ok(opened) => {
            conn.batch("COMMIT")?;
            Ok(opened)
        }
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
}

fn migrate(conn: &PgConn, server: &Server) -> Result<Opened> {
    conn.db().query_row("SELECT pg_advisory_xact_lock(?1)", [WRITE_LOCK], |_| Ok(()))?;
    let from = match found(conn, server)? {
        Found::Version(v) if v == SCHEMA_VERSION => return Ok(Opened::Current),
        Found::Version(v) if v > SCHEMA_VERSION => {
            return Err(refused(server, ServerProblem::TooNew { found: v, supported: SCHEMA_VERSION }));
        }
        Found::Version(v) => v,
        Found::Nothing => 0,
    };
    if from == 0 {
        create(conn, server)?;
    }
    conn.batch(&format!("SET LOCAL search_path TO {SCHEMA}, pg_catalog"))?;
    for script in &MIGRATIONS[from as usize..] {
        conn.batch(script).map_err(|e| match e.to_string().strip_prefix("meldpunt needs roles: ") {
            Some(sql) => refused(server, ServerProblem::RolesNeeded(sql.trim().to_string())),
            None => StoreError::Database(e),
        })?;
    }
    conn.db().execute(&format!("UPDATE {SCHEMA}.{MARK} SET version = ?1"), [SCHEMA_VERSION as i64])?;
    Ok(if from == 0 { Opened::Created } else { Opened::Migrated { from, backup: Default::default() } })
}

/// The schema, its mark, and what the tables need before they exist: the
/// folding of text for search (against wherever unaccent is installed)
/// and the collation titles sort by.
fn create(conn: &PgConn, server: &Server) -> Result<()> {
    let cannot = |e: crate::store::sql::Error| refused(server, ServerProblem::CannotCreate(e.to_string()));
    conn.batch(&format!("CREATE SCHEMA IF NOT EXISTS {SCHEMA}")).map_err(cannot)?;
    conn.batch(&format!("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA {SCHEMA}")).map_err(cannot)?;
    let unaccent: String = conn.db().query_row(
        "SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'unaccent'",
        [],
        |r| r.get(0),
    )?;
    conn.batch(&format!(
        "CREATE TABLE {SCHEMA}.{MARK} (application TEXT NOT NULL, version INTEGER NOT NULL);
         INSERT INTO {SCHEMA}.{MARK} VALUES ('meldpunt', 0);
         -- Letters and digits, without accents or case: the words of the index.
         CREATE FUNCTION {SCHEMA}.mp_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
             SELECT regexp_replace(lower({unaccent}.unaccent('{unaccent}.unaccent'::regdictionary, $1)),
                                   '[^[:alnum:]]+', ' ', 'g')
         $$;
         -- A search as `Dialect::search_query` writes it, accents and case folded.
         CREATE FUNCTION {SCHEMA}.mp_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
             SELECT to_tsquery('simple', lower({unaccent}.unaccent('{unaccent}.unaccent'::regdictionary, $1)))
         $$;
         -- Titles sort without regard to case, as on SQLite.
         CREATE COLLATION {SCHEMA}.mp_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
    ))?;
    Ok(())
}

/// References, invariants and the triggers that keep history.
pub(super) fn check(conn: &PgConn) -> Result<CheckReport> {
    let db: &dyn Db = conn;
    let mut foreign_keys = Vec::new();
    // Every reference between meldpunt's tables, from the server's catalogue.
    let references: Vec<(String, String, String)> = db
        .prepare(
            "SELECT cl.relname::text, a.attname::text, ft.relname::text
             FROM pg_constraint c
             JOIN pg_class cl ON cl.oid = c.conrelid
             JOIN pg_class ft ON ft.oid = c.confrelid
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND cl.relnamespace = to_regnamespace(?1)
             ORDER BY 1, 2",
        )?
        .query_map([SCHEMA], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (table, column, target) in references {
        let key = if target == "reviews" { "ticket_id" } else { "id" };
        let sql = format!(
            "SELECT {column} FROM {SCHEMA}.{table} x WHERE {column} IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM {SCHEMA}.{target} y WHERE y.{key} = x.{column}) LIMIT 100"
        );
        let rows: Vec<i64> =
            db.prepare(&sql)?.query_map([], |r| r.get(0))?.collect::<crate::store::sql::Result<_>>()?;
        foreign_keys.extend(rows.into_iter().map(|id| (table.clone(), id, target.clone())));
    }
    let mut missing_triggers = Vec::new();
    for (table, trigger) in TRIGGERS {
        let there: bool = db.query_row(
            "SELECT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                            WHERE c.relnamespace = to_regnamespace(?1) AND c.relname = ?2 AND t.tgname = ?3
                              AND t.tgenabled <> 'D')",
            [SCHEMA, table, trigger],
            |r| r.get(0),
        )?;
        if !there {
            missing_triggers.push(trigger.to_string());
        }
    }
    let count = |sql: &str| -> Result<u64> { Ok(db.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
    Ok(CheckReport {
        integrity: Vec::new(),
        foreign_keys,
        missing_triggers,
        wrong_values: Vec::new(),
        more_wrong_values: 0,
        tickets: count("SELECT count(*) FROM tickets")?,
        events: count("SELECT count(*) FROM events")?,
    })
}
