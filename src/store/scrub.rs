//! Erasing a person from the whole file: every text column that may mention
//! them, the full-text indexes, freed pages and the write-ahead log; and the
//! backups next to the file that still hold them.

use super::sql::Db;

use super::Result;
use crate::domain::TicketId;
use crate::domain::privacy::{Finder, Person, looks_like_phone, same_phone};

/// What replaces a mention of the person.
pub const ERASED: &str = "(erased)";

/// The columns of free text in one table that may mention a person.
pub(super) struct Texts {
    pub table: &'static str,
    /// The table's key, by which a changed row is written back.
    pub key: &'static str,
    /// The column that says which ticket a row belongs to, if any.
    pub ticket: Option<&'static str>,
    pub columns: &'static [&'static str],
}

/// Every column of free text that may mention a person, by table.
pub(super) const TEXTS: &[Texts] = &[
    Texts {
        table: "tickets",
        key: "id",
        ticket: Some("id"),
        columns: &[
            "title",
            "description",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "department",
            "cause",
            "measures",
            "solution",
            "feedback_comment",
            "supplier",
            "coordinator",
            "communication_lead",
        ],
    },
    Texts {
        table: "entries",
        key: "id",
        ticket: Some("ticket_id"),
        columns: &["recipient", "subject", "body", "error"],
    },
    Texts { table: "events", key: "id", ticket: Some("ticket_id"), columns: &["old_value", "new_value", "note"] },
    Texts {
        table: "reviews",
        key: "ticket_id",
        ticket: Some("ticket_id"),
        columns: &["what_happened", "cause", "went_well", "went_badly", "recommendations"],
    },
    Texts { table: "review_actions", key: "id", ticket: Some("ticket_id"), columns: &["description", "owner"] },
    Texts {
        table: "problems",
        key: "id",
        ticket: None,
        columns: &["title", "root_cause", "workaround", "permanent_fix"],
    },
    Texts { table: "knowledge", key: "id", ticket: None, columns: &["title", "body", "tags"] },
    // The history of problems and articles: their old and new texts.
    Texts { table: "audit", key: "id", ticket: None, columns: &["key", "old_value", "new_value"] },
];

/// A mention of the person outside their own tickets' reporter fields.
#[derive(Clone, Debug, serde::Serialize, PartialEq, Eq)]
pub struct Mention {
    pub table: String,
    pub row: i64,
    pub ticket: Option<TicketId>,
    pub column: String,
    pub text: String,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The tickets whose reporter is the person with this address, name or
/// phone number (in any case or formatting), and everything those tickets
/// say about them: all their names, addresses and numbers.
pub(super) fn find_person(conn: &dyn Db, given: &str) -> Result<(Vec<TicketId>, Person)> {
    let wanted = collapse(given);
    let phone = looks_like_phone(given);
    let mut ids = Vec::new();
    let mut person = Person::default();
    if given.contains('@') {
        person.emails.push(given.trim().to_string());
    } else if phone {
        person.phones.push(given.trim().to_string());
    } else {
        person.names.push(given.trim().to_string());
    }
    let mut stmt = conn.prepare("SELECT id, reporter_name, reporter_email, reporter_phone FROM tickets ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, email, number): (TicketId, String, Option<String>, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let hit = collapse(&name) == wanted
            || email.as_deref().is_some_and(|e| collapse(e) == wanted)
            || (phone && number.as_deref().is_some_and(|n| same_phone(n, given)));
        if !hit {
            continue;
        }
        ids.push(id);
        if name != ERASED && !person.names.contains(&name) {
            person.names.push(name);
        }
        for (value, list) in [(email, &mut person.emails), (number, &mut person.phones)] {
            if let Some(v) = value.filter(|v| !v.trim().is_empty() && !list.contains(v)) {
                list.push(v);
            }
        }
    }
    Ok((ids, person))
}

/// The reporter of these tickets becomes nobody: no name, address or number.
pub(super) fn forget_reporters(conn: &dyn Db, ids: &[TicketId]) -> Result<u64> {
    let mut records = 0;
    for id in ids {
        records += conn
            .prepare_cached(
                "UPDATE tickets SET reporter_name = ?2, reporter_email = NULL, reporter_phone = NULL WHERE id = ?1",
            )?
            .execute(super::sql::params![id, ERASED])? as u64;
        // Messages to them: the recipient was their address.
        let forget = conn.dialect().privacy_forget_recipients();
        let mut stmt = conn.prepare_cached(forget)?;
        // A statement of the engine's own, or a function that says how many.
        records += if forget.starts_with("SELECT") {
            stmt.query_row(super::sql::params![id, ERASED], |r| r.get::<_, i64>(0))? as u64
        } else {
            stmt.execute(super::sql::params![id, ERASED])? as u64
        };
    }
    Ok(records)
}

/// Visits every text that mentions the person, in `tickets` only or in the
/// whole file; `change` gets the table's texts and the mention and
/// says whether it was changed.
fn visit(
    conn: &dyn Db,
    finder: &Finder,
    tickets: Option<&[TicketId]>,
    mut change: impl FnMut(&Texts, &Mention) -> Result<bool>,
) -> Result<u64> {
    let mut records = 0;
    for texts in TEXTS {
        let Texts { table, key, ticket: ticket_column, columns } = texts;
        let wanted = match (tickets, ticket_column) {
            (Some(_), None) => continue,
            (Some(ids), Some(column)) => {
                let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
                format!(" WHERE {column} IN ({list})")
            }
            (None, _) => String::new(),
        };
        let ticket = ticket_column.unwrap_or("NULL");
        let sql = format!("SELECT {key}, {ticket}, {} FROM {table}{wanted}", columns.join(", "));
        let mut found = Vec::new();
        {
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                for (i, column) in columns.iter().enumerate() {
                    // Only text can mention anyone; numbers stay as they are.
                    if let super::sql::ValueRef::Text(bytes) = r.get_ref(i + 2)? {
                        let text = String::from_utf8_lossy(bytes);
                        if finder.mentions(&text) {
                            found.push(Mention {
                                table: table.to_string(),
                                row: r.get(0)?,
                                ticket: r.get(1)?,
                                column: column.to_string(),
                                text: text.into_owned(),
                            });
                        }
                    }
                }
            }
        }
        for mention in &found {
            records += change(texts, mention)? as u64;
        }
    }
    Ok(records)
}

/// Where the person is mentioned, outside the given tickets' reporter fields.
pub(super) fn mentions(conn: &dyn Db, finder: &Finder) -> Result<Vec<Mention>> {
    let mut out = Vec::new();
    visit(conn, finder, None, |_, m| {
        out.push(m.clone());
        Ok(false)
    })?;
    Ok(out)
}

/// Replaces every mention of the person, in these tickets or everywhere.
pub(super) fn scrub(conn: &dyn Db, finder: &Finder, tickets: Option<&[TicketId]>) -> Result<u64> {
    if finder.is_empty() {
        return Ok(0);
    }
    visit(conn, finder, tickets, |texts, m| {
        let Some(erased) = finder.erase(&m.text, ERASED) else { return Ok(false) };
        // Table and column names come from TEXTS, never from the data.
        let sql = conn.dialect().privacy_rewrite(texts.table, &m.column, texts.key);
        conn.prepare_cached(&sql)?.execute(super::sql::params![erased, m.row])?;
        Ok(true)
    })
}

/// Rebuilds the full-text indexes from what the tables hold now, so that
/// no old page keeps an erased word.
pub(super) fn rebuild_search(conn: &dyn Db) -> Result<()> {
    Ok(conn.dialect().rebuild_search(conn)?)
}
