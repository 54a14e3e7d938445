//! Who else has an incident open.

use crate::domain::access::Permission;
use chrono::{DateTime, Duration, Utc};

use super::{Result, Store};
use crate::domain::TicketId;

/// How long an entry counts without being renewed.
pub const PRESENCE_SECS: i64 = 30;

impl Store {
    /// Notes that `login` has the incident open now, and returns who else
    /// has it open (their names where known), longest there first.
    pub fn be_present(&self, login: &str, id: TicketId, now: DateTime<Utc>) -> Result<Vec<String>> {
        if !self.is_read_only() {
            self.write(Permission::Bookkeeping, |conn| {
                conn.prepare_cached(
                    "INSERT INTO presence (login, ticket_id, seen_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (login, ticket_id) DO UPDATE SET seen_at = excluded.seen_at",
                )?
                .execute(super::sql::params![login, id, now.timestamp()])?;
                // Entries nobody renews any more are cleared now and then.
                conn.prepare_cached("DELETE FROM presence WHERE seen_at < ?1")?
                    .execute([(now - Duration::days(1)).timestamp()])?;
                Ok(())
            })?;
        }
        self.present(login, id, now)
    }

    /// Who other than `login` has the incident open.
    pub fn present(&self, login: &str, id: TicketId, now: DateTime<Utc>) -> Result<Vec<String>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT coalesce(a.name, p.login) FROM presence p LEFT JOIN agents a ON a.login = p.login
             WHERE p.ticket_id = ?1 AND p.login <> ?2 AND p.seen_at >= ?3 ORDER BY p.seen_at, p.login",
        )?;
        let since = (now - Duration::seconds(PRESENCE_SECS)).timestamp();
        let rows = stmt.query_map(super::sql::params![id, login, since], |r| r.get(0))?;
        Ok(rows.collect::<super::sql::Result<Vec<String>>>()?)
    }

    /// `login` closed the incident.
    pub fn leave(&self, login: &str, id: TicketId) -> Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        self.write(Permission::Bookkeeping, |conn| {
            conn.prepare_cached("DELETE FROM presence WHERE login = ?1 AND ticket_id = ?2")?
                .execute(super::sql::params![login, id])?;
            Ok(())
        })
    }
}
