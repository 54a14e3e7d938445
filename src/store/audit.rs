//! The audit trail of everything that is not a ticket: people and their
//! roles and teams, settings, teams, reference data, problems and knowledge
//! articles. Triggers write it (see migration 3), so no path of change is
//! left out; the store adds who did it in the same transaction.

use super::sql::Db;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, Store};
use crate::domain::access::Identity;

/// Who a change made by the program itself (a test, a tool) is written under.
pub const PROGRAM: &str = "(meldpunt)";

/// One change in the audit trail.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who; none for a change made outside meldpunt (straight in the file).
    pub actor: Option<String>,
    /// What kind of thing: agent, team, setting, category, subcategory,
    /// service, department, problem, knowledge.
    pub subject: String,
    /// Which one: a login, a name, a setting's key, a number.
    pub key: String,
    /// added, changed or removed.
    pub kind: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The newest entry of the trail, before a transaction changes anything.
pub(super) fn last(conn: &dyn Db) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(id), 0) FROM audit")?.query_row([], |r| r.get(0))?)
}

/// Names the person behind the changes this transaction logged (those
/// after `last`); earlier ones without a name were made outside meldpunt
/// and stay so.
pub(super) fn stamp(conn: &dyn Db, last: i64, actor: &str) -> Result<()> {
    conn.prepare_cached("UPDATE audit SET actor = ?1 WHERE actor IS NULL AND id > ?2")?
        .execute(super::sql::params![actor, last])?;
    Ok(())
}

impl Store {
    /// The login changes are made under.
    pub(super) fn actor(&self) -> &str {
        match &self.identity {
            Identity::Program => PROGRAM,
            Identity::FirstUser { login, .. } | Identity::Agent { login, .. } | Identity::Unknown(login) => login,
        }
    }

    /// The audit trail, newest first; at most `limit` entries.
    pub fn audit(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT id, at, actor, subject, key, kind, field, old_value, new_value FROM audit
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: super::tickets::to_time(r.get(1)?),
                actor: r.get(2)?,
                subject: r.get(3)?,
                key: r.get(4)?,
                kind: r.get(5)?,
                field: r.get(6)?,
                old: r.get(7)?,
                new: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }
}
