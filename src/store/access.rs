//! Restricted tickets: who sees them, and restricting one.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::tickets::insert_event;
use super::{Result, Store, StoreError};
use crate::domain::TicketId;
use crate::domain::access::Permission;
use crate::domain::event::{EventKind, NewEvent};

/// The restricted tickets `:viewer` may not see, as a fixed fragment; it
/// reads only the small index of restricted tickets.
macro_rules! hidden_from {
    () => {
        concat!("SELECT r.id", $crate::store::access::hidden_columns_from!())
    };
}
pub(super) use hidden_from;

/// What follows the select list of `hidden_from`'s rows (`r`).
macro_rules! hidden_columns_from {
    () => {
        " FROM tickets r WHERE r.restricted = 1 AND r.assignee <> :viewer
         AND r.id NOT IN (SELECT ta.ticket_id FROM ticket_access ta JOIN teams tm ON tm.name = ta.team
                          JOIN agent_teams m ON m.team_id = tm.id JOIN agents a ON a.id = m.agent_id
                          WHERE a.login = :viewer)"
    };
}
pub(super) use hidden_columns_from;

/// The fields of events that name another ticket.
pub(super) const LINK_FIELDS: [&str; 3] = ["parent", "child", "duplicate_of"];

/// The hidden tickets as read for a viewer, and the database's stamp then:
/// another connection's commit changes `Backend::change_stamp`, this one's
/// own writes `Backend::own_changes` (and `Store::write` forgets them).
pub(super) struct HiddenSeen {
    viewer: String,
    stamp: (i64, u64),
    rows: Arc<Vec<Hidden>>,
}

/// A ticket the user may not see, with what the status bar counts of it.
pub(super) struct Hidden {
    pub id: TicketId,
    pub open: bool,
    pub unassigned: bool,
    pub p1: bool,
}

impl Store {
    /// The login whose view is limited, or none when restricted tickets are
    /// all visible (leads, admins, the program, a first user).
    pub(super) fn limited_viewer(&self) -> Option<&str> {
        self.identity.limited_viewer()
    }

    /// The restricted tickets the user may not see: none for a viewer who
    /// sees everything. It reads only the small index of restricted tickets,
    /// so lists and counts leave these few out instead of testing every row.
    pub(super) fn hidden_tickets(&self) -> Result<Vec<TicketId>> {
        Ok(self.hidden_rows()?.iter().map(|h| h.id).collect())
    }

    /// The hidden tickets with what the status bar counts of them, read in
    /// one pass over their rows; read again only when something may have
    /// changed since (see `HiddenSeen`).
    pub(super) fn hidden_rows(&self) -> Result<Arc<Vec<Hidden>>> {
        let Some(viewer) = self.limited_viewer() else { return Ok(Arc::default()) };
        let stamp = (self.backend.change_stamp()?, self.backend.own_changes());
        if let Some(seen) = &*self.hidden_seen.borrow()
            && seen.viewer == viewer
            && seen.stamp == stamp
        {
            return Ok(seen.rows.clone());
        }
        let sql = concat!("SELECT r.id, r.is_open, r.assignee = '', r.priority = 1", hidden_columns_from!(),);
        let mut stmt = self.db().prepare_cached(sql)?;
        let rows = stmt.query_map(super::sql::named_params! { ":viewer": viewer }, |r| {
            Ok(Hidden { id: r.get(0)?, open: r.get(1)?, unassigned: r.get(2)?, p1: r.get(3)? })
        })?;
        let rows = Arc::new(rows.collect::<super::sql::Result<Vec<Hidden>>>()?);
        *self.hidden_seen.borrow_mut() = Some(HiddenSeen { viewer: viewer.to_string(), stamp, rows: rows.clone() });
        Ok(rows)
    }

    /// Forgets the hidden tickets read: from the start of a write until its
    /// end, committed or rolled back, what is read may not last.
    pub(super) fn forget_hidden(&self) {
        self.hidden_seen.take();
    }

    /// Whether the user may see this ticket.
    pub fn can_see(&self, id: TicketId) -> Result<bool> {
        let Some(viewer) = self.limited_viewer() else { return Ok(true) };
        let sql = concat!("SELECT :id NOT IN (", hidden_from!(), ")");
        Ok(self
            .db()
            .prepare_cached(sql)?
            .query_row(super::sql::named_params! { ":id": id, ":viewer": viewer }, |r| r.get(0))?)
    }

    /// Whether an event that links tickets (to a major incident, a linked
    /// incident, a duplicate's original) names one the user may not see.
    pub(super) fn names_hidden(&self, field: Option<&str>, values: [Option<&str>; 2]) -> Result<bool> {
        if self.limited_viewer().is_none() || !field.is_some_and(|f| LINK_FIELDS.contains(&f)) {
            return Ok(false);
        }
        for value in values.into_iter().flatten() {
            if let Ok(id) = value.trim().parse::<TicketId>()
                && !self.can_see(id)?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Refuses a ticket the user may not see, as if it did not exist.
    pub(super) fn visible(&self, id: TicketId) -> Result<()> {
        if self.can_see(id)? { Ok(()) } else { Err(StoreError::NotFound(id)) }
    }

    /// The teams a ticket is restricted to (none: everyone sees it).
    pub fn restricted_to(&self, id: TicketId) -> Result<Vec<String>> {
        let mut stmt = self.db().prepare_cached("SELECT team FROM ticket_access WHERE ticket_id = ?1 ORDER BY team")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<super::sql::Result<Vec<String>>>()?)
    }

    /// Restricts a ticket to these teams (besides its assignee, leads and
    /// admins), or lifts the restriction with none. A lead's or admin's.
    pub fn restrict(&self, actor: &str, now: DateTime<Utc>, id: TicketId, teams: &[String]) -> Result<()> {
        let old = self.restricted_to(id)?;
        self.write(Permission::Restrict, |conn| {
            let found: bool =
                conn.query_row("SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?1)", [id], |r| r.get(0))?;
            if !found {
                return Err(StoreError::NotFound(id));
            }
            for team in teams {
                super::checks::known(conn, crate::domain::limits::Input::Team, team, None)?;
            }
            conn.execute("DELETE FROM ticket_access WHERE ticket_id = ?1", [id])?;
            for team in teams {
                conn.execute(
                    "INSERT INTO ticket_access (ticket_id, team) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    super::sql::params![id, team],
                )?;
            }
            conn.execute(
                "UPDATE tickets SET restricted = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1",
                super::sql::params![id, !teams.is_empty(), now.timestamp()],
            )?;
            let joined = |t: &[String]| (!t.is_empty()).then(|| t.join(", "));
            let event = NewEvent {
                at: now,
                actor: actor.to_string(),
                kind: EventKind::Changed,
                field: Some("restricted".into()),
                old: joined(&old),
                new: joined(teams),
                note: None,
            };
            insert_event(conn, id, &event)
        })
    }
}
