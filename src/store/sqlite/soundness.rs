//! What `check` finds beyond SQLite's own checks: triggers that guard the
//! history or keep the search index that were dropped, and rows with a
//! value of the wrong kind (written past meldpunt, straight in the file)
//! that would break the screens for everyone.

use rusqlite::Connection;

use super::Result;
use crate::domain::entry::EntryKind;
use crate::domain::event::EventKind;
use crate::domain::storage::Expected;
use crate::domain::{Channel, Status, TicketKind};

/// The latest moment meldpunt stores: the end of the year 9999.
const LAST_SECOND: i64 = 253_402_300_799;

/// How many wrong rows of one column are named; the rest are counted.
const NAMED: i64 = 20;

pub use crate::domain::storage::WrongValue;

enum Rule {
    Time { optional: bool },
    Number { optional: bool, range: Option<(i64, i64)> },
    Code(Vec<&'static str>),
}

fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Rule {
    Rule::Code(all.iter().map(|v| code(*v)).collect())
}

fn rules() -> Vec<(&'static str, &'static str, Rule)> {
    let time = Rule::Time { optional: false };
    let maybe_time = || Rule::Time { optional: true };
    let mut out = vec![
        ("tickets", "created_at", time),
        ("tickets", "updated_at", Rule::Time { optional: false }),
        ("tickets", "resolved_at", maybe_time()),
        ("tickets", "closed_at", maybe_time()),
        ("tickets", "feedback_at", maybe_time()),
        ("tickets", "response_due", maybe_time()),
        ("tickets", "resolution_due", maybe_time()),
        ("tickets", "update_due", maybe_time()),
        ("tickets", "responded_at", maybe_time()),
        ("tickets", "priority", Rule::Number { optional: false, range: Some((0, 4)) }),
        ("tickets", "impact", Rule::Number { optional: true, range: None }),
        ("tickets", "urgency", Rule::Number { optional: true, range: None }),
        ("tickets", "version", Rule::Number { optional: false, range: None }),
        ("tickets", "satisfaction", Rule::Number { optional: true, range: Some((1, 5)) }),
        ("tickets", "parent_id", Rule::Number { optional: true, range: None }),
        ("tickets", "duplicate_of", Rule::Number { optional: true, range: None }),
        ("tickets", "problem_id", Rule::Number { optional: true, range: None }),
        ("events", "at", Rule::Time { optional: false }),
        ("entries", "at", Rule::Time { optional: false }),
        ("problems", "created_at", Rule::Time { optional: false }),
        ("problems", "updated_at", Rule::Time { optional: false }),
        ("knowledge", "created_at", Rule::Time { optional: false }),
        ("knowledge", "updated_at", Rule::Time { optional: false }),
        ("agents", "line", Rule::Number { optional: false, range: Some((1, 3)) }),
        ("teams", "line", Rule::Number { optional: false, range: Some((1, 3)) }),
        // A privacy action runs inside one transaction: a row left running
        // was written past meldpunt, and would switch off the history's guards.
        ("privacy_log", "running", Rule::Number { optional: false, range: Some((0, 0)) }),
    ];
    out.push(("tickets", "status", codes(Status::ALL, Status::code)));
    out.push(("tickets", "kind", codes(TicketKind::ALL, TicketKind::code)));
    out.push(("tickets", "channel", codes(Channel::ALL, Channel::code)));
    out.push(("events", "kind", codes(EventKind::ALL, EventKind::code)));
    out.push(("entries", "kind", codes(EntryKind::ALL, EntryKind::code)));
    out
}

/// The condition that a row's value breaks, in SQL; `c` is the column.
fn broken(column: &str, rule: &Rule) -> (String, Expected) {
    let c = column;
    match rule {
        Rule::Time { optional } => {
            let bad = format!("(typeof({c}) <> 'integer' OR {c} < 0 OR {c} > {LAST_SECOND})");
            (if *optional { format!("{c} IS NOT NULL AND {bad}") } else { bad }, Expected::Time)
        }
        Rule::Number { optional, range } => {
            let mut bad = format!("typeof({c}) <> 'integer'");
            if let Some((low, high)) = range {
                bad = format!("({bad} OR {c} < {low} OR {c} > {high})");
            }
            (if *optional { format!("{c} IS NOT NULL AND {bad}") } else { bad }, Expected::Number)
        }
        Rule::Code(codes) => {
            let list = codes.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ");
            (format!("(typeof({c}) <> 'text' OR {c} NOT IN ({list}))"), Expected::Code)
        }
    }
}

/// Rows whose value is not what its column holds; also how many more
/// there are than were named.
pub(super) fn wrong_values(conn: &Connection) -> Result<(Vec<WrongValue>, u64)> {
    let mut out = Vec::new();
    let mut more = 0u64;
    for (table, column, rule) in rules() {
        let (condition, expected) = broken(column, &rule);
        // Table and column names come from the list above, never from the file.
        let sql =
            format!("SELECT rowid, quote({column}) FROM {table} WHERE {condition} ORDER BY rowid LIMIT {}", NAMED + 1);
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for (i, row) in rows.enumerate() {
            let (row, value) = row?;
            if i as i64 >= NAMED {
                let count: i64 =
                    conn.query_row(&format!("SELECT count(*) FROM {table} WHERE {condition}"), [], |r| r.get(0))?;
                more += (count - NAMED) as u64;
                break;
            }
            out.push(WrongValue { table: table.into(), row, column: column.into(), value, expected });
        }
    }
    Ok((out, more))
}

/// The triggers a sound file of this schema has that this one lacks, or
/// has in another form (replaced by one that no longer guards anything).
pub(super) fn missing_triggers(conn: &Connection) -> Result<Vec<String>> {
    let expected = triggers_of(&fresh_schema()?)?;
    let present = triggers_of(conn)?;
    Ok(expected
        .into_iter()
        .filter(|(name, sql)| !present.iter().any(|(n, s)| n == name && s == sql))
        .map(|(name, _)| name)
        .collect())
}

/// A new file of the current schema, in memory.
fn fresh_schema() -> Result<Connection> {
    let fresh = Connection::open_in_memory()?;
    for sql in super::schema::MIGRATIONS {
        fresh.execute_batch(sql)?;
    }
    Ok(fresh)
}

/// Each trigger's name and its SQL with the white space folded.
fn triggers_of(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, sql) = row?;
        out.push((name, sql.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    Ok(out)
}
