//! Handing incidents on: assignment, escalation and major incidents.

use super::sql::{Db, OptionalExtension, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, Utc};

use super::tickets::{insert_event, load_ticket};
use super::{Result, Store, StoreError};
use crate::domain::escalation::Escalation;
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::ticket::FieldChange;
use crate::domain::work::Handling;
use crate::domain::{Field, Ticket, TicketId};

impl Store {
    /// Gives a ticket to a team and, optionally, a person.
    pub fn assign(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        team: &str,
        person: Option<&str>,
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        let edits = [(Field::Team, Some(team.to_string())), (Field::Assignee, person.map(str::to_string))];
        self.update_ticket(actor, now, id, expected_version, &edits)
    }

    /// Functional escalation: to another line's team, or to a supplier (the
    /// incident then waits for the supplier). The reason is kept.
    #[allow(clippy::too_many_arguments)]
    pub fn escalate(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected_version: Option<i64>,
        to: Escalation,
        team: Option<&str>,
        supplier: Option<&str>,
        reason: &str,
    ) -> Result<(Ticket, Vec<FieldChange>)> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::ReasonRequired);
        }
        super::checks::text(crate::domain::limits::Input::Reason, reason)?;
        super::checks::opt_text(crate::domain::limits::Input::Supplier, supplier)?;
        self.write(Permission::Assign, |conn| {
            if let (Some(team), Some(line)) = (team, to.line()) {
                team_on_line(conn, team, line)?;
            }
            let current = load_ticket(conn, id)?.ok_or(StoreError::NotFound(id))?;
            let edits = crate::domain::escalation::edits(to, team, current.status);
            let result = self.update_in(conn, actor, now, id, expected_version, &edits)?;
            conn.prepare_cached("UPDATE tickets SET escalation = :to, supplier = :supplier WHERE id = :id")?
                .execute(named_params! { ":to": to.code(), ":supplier": supplier, ":id": id })?;
            let event =
                NewEvent::of(EventKind::Escalated, now, actor, Some("escalation"), None, Some(to.code().into()))
                    .with_note(reason);
            insert_event(conn, id, &event)?;
            super::figures::refresh(conn, &self.policy, id)?;
            Ok(result)
        })
    }

    /// Hierarchical escalation: asks a lead's attention, with the reason.
    /// The lead is the one named (a lead or an admin), else a lead of the
    /// ticket's team; returns whom it asked. With neither, every lead sees
    /// the ask.
    pub fn ask_lead(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        reason: &str,
        lead: Option<&str>,
    ) -> Result<Option<String>> {
        self.visible(id)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::ReasonRequired);
        }
        super::checks::text(crate::domain::limits::Input::Reason, reason)?;
        let people = self.agents()?;
        let ticket = self.ticket(id)?.ok_or(StoreError::NotFound(id))?;
        let lead = match lead.map(str::trim).filter(|l| !l.is_empty()) {
            Some(named) => {
                let person = people.iter().find(|p| p.active && p.login == named);
                match person {
                    Some(p) if crate::domain::escalation::can_lead(&p.role) => Some(p.login.clone()),
                    Some(_) => return Err(StoreError::NotALead(named.to_string())),
                    None => {
                        return Err(StoreError::NotKnown {
                            input: crate::domain::limits::Input::Person,
                            value: named.to_string(),
                            known: people.iter().filter(|p| p.active).map(|p| p.login.clone()).collect(),
                        });
                    }
                }
            }
            None => {
                use crate::domain::escalation::{Candidate, team_lead};
                let candidates: Vec<Candidate> = people
                    .iter()
                    .filter(|p| p.active)
                    .map(|p| Candidate { login: &p.login, role: &p.role, teams: &p.teams })
                    .collect();
                team_lead(ticket.team.as_deref(), &candidates).map(str::to_string)
            }
        };
        self.write(Permission::Work, |conn| {
            // Whom it asks is kept in its event (the leads' view reads it there).
            let changed = conn.prepare_cached("UPDATE tickets SET lead_attention = 1 WHERE id = ?1")?.execute([id])?;
            if changed == 0 {
                return Err(StoreError::NotFound(id));
            }
            let event = NewEvent::of(EventKind::LeadAttention, now, actor, None, None, lead.clone()).with_note(reason);
            insert_event(conn, id, &event)
        })?;
        Ok(lead)
    }

    /// Marks what a lead's attention was asked for as handled (a lead's or
    /// an admin's), with what was done; the ask leaves the leads' view.
    pub fn lead_handled(&self, actor: &str, now: DateTime<Utc>, id: TicketId, note: &str) -> Result<()> {
        self.visible(id)?;
        let note = note.trim();
        super::checks::text(crate::domain::limits::Input::Reason, note)?;
        self.write(Permission::HandleLeadAsk, |conn| {
            let changed = conn
                .prepare_cached("UPDATE tickets SET lead_attention = 0 WHERE id = ?1 AND lead_attention = 1")?
                .execute([id])?;
            if changed == 0 {
                return Err(StoreError::NoLeadAsked);
            }
            let event = NewEvent::of(EventKind::LeadHandled, now, actor, None, None, None).with_note(note);
            insert_event(conn, id, &event)
        })
    }

    /// Makes a ticket a major incident with a coordinator and a communication lead.
    pub fn promote_major(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        coordinator: &str,
        communication_lead: &str,
    ) -> Result<()> {
        self.visible(id)?;
        self.write(Permission::Assign, |conn| {
            // The coordinator and the communication lead are people here.
            super::checks::known(conn, crate::domain::limits::Input::Person, coordinator, None)?;
            super::checks::known(conn, crate::domain::limits::Input::Person, communication_lead, None)?;
            let changed = conn
                .prepare_cached(
                    "UPDATE tickets SET major = 1, coordinator = :coordinator, communication_lead = :comms
                     WHERE id = :id",
                )?
                .execute(named_params! { ":coordinator": coordinator, ":comms": communication_lead, ":id": id })?;
            if changed == 0 {
                return Err(StoreError::NotFound(id));
            }
            let event = NewEvent::of(
                EventKind::Major,
                now,
                actor,
                Some("major"),
                Some(coordinator.to_string()),
                Some(communication_lead.to_string()),
            );
            insert_event(conn, id, &event)
        })
    }

    /// Links an incident to a major incident as one of its children.
    pub fn link_child(&self, actor: &str, now: DateTime<Utc>, child: TicketId, major: TicketId) -> Result<()> {
        self.visible(child)?;
        self.visible(major)?;
        if child == major {
            return Err(StoreError::LinkToItself);
        }
        self.write(Permission::Assign, |conn| {
            let is_major: Option<bool> = conn
                .prepare_cached("SELECT major FROM tickets WHERE id = ?1")?
                .query_row([major], |r| r.get(0))
                .optional()?;
            match is_major {
                None => return Err(StoreError::NotFound(major)),
                Some(false) => return Err(StoreError::NotMajor(major)),
                Some(true) => {}
            }
            let changed = conn
                .prepare_cached("UPDATE tickets SET parent_id = :major WHERE id = :child")?
                .execute(named_params! { ":major": major, ":child": child })?;
            if changed == 0 {
                return Err(StoreError::NotFound(child));
            }
            let linked = NewEvent::of(EventKind::Linked, now, actor, Some("parent"), None, Some(major.to_string()));
            insert_event(conn, child, &linked)?;
            let child_event =
                NewEvent::of(EventKind::ChildLinked, now, actor, Some("child"), None, Some(child.to_string()));
            insert_event(conn, major, &child_event)
        })
    }

    /// Gives a ticket a new status and the same to the other tickets named
    /// (a major incident resolved with its linked incidents), in one
    /// transaction: when one of them is refused, none changes.
    pub fn set_status_with(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        id: TicketId,
        expected: Option<i64>,
        status: crate::domain::Status,
        also: &[TicketId],
    ) -> Result<Ticket> {
        let edit = [(Field::Status, Some(status.code().to_string()))];
        self.write(Permission::Work, |conn| {
            let (ticket, _) = self.update_in(conn, actor, now, id, expected, &edit)?;
            for other in also {
                self.update_in(conn, actor, now, *other, None, &edit)?;
            }
            Ok(ticket)
        })
    }

    /// The incidents linked to a major incident.
    pub fn children(&self, major: TicketId) -> Result<Vec<Ticket>> {
        let mut stmt = self.db().prepare_cached("SELECT id FROM tickets WHERE parent_id = ?1 ORDER BY id")?;
        let ids: Vec<TicketId> = stmt.query_map([major], |r| r.get(0))?.collect::<super::sql::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(t) = self.ticket(id)? {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// How a ticket is being handled: reassignments, escalation, major.
    pub fn handling(&self, id: TicketId) -> Result<Option<Handling>> {
        self.db()
            .prepare_cached(
                "SELECT reassignments, escalation, supplier, lead_attention, major, coordinator, communication_lead,
                        parent_id, source_ref
                 FROM tickets WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let escalation: String = r.get(1)?;
                Ok(Handling {
                    reassignments: r.get(0)?,
                    escalation: Escalation::from_code(&escalation),
                    supplier: r.get(2)?,
                    lead_attention: r.get(3)?,
                    major: r.get(4)?,
                    coordinator: r.get(5)?,
                    communication_lead: r.get(6)?,
                    parent_id: r.get(7)?,
                    restricted_to: Vec::new(),
                    source_ref: r.get(8)?,
                })
            })
            .optional()?
            .map(|h| {
                // A major incident the user may not see is not named.
                let parent_id = match h.parent_id {
                    Some(parent) if !self.can_see(parent)? => None,
                    other => other,
                };
                Ok::<_, StoreError>(Handling { restricted_to: self.restricted_to(id)?, parent_id, ..h })
            })
            .transpose()
    }
}

/// An escalation to a line goes to a team of that line; an unknown team is
/// left to the ticket's own check, which names the known ones.
fn team_on_line(conn: &dyn Db, team: &str, line: u8) -> Result<()> {
    let found: Option<i64> =
        conn.prepare_cached("SELECT line FROM teams WHERE name = ?1")?.query_row([team], |r| r.get(0)).optional()?;
    match found {
        Some(found) if found != i64::from(line) => {
            let mut stmt =
                conn.prepare_cached("SELECT name FROM teams WHERE line = ?1 AND active = 1 ORDER BY name")?;
            let known = stmt.query_map([line], |r| r.get(0))?.collect::<super::sql::Result<Vec<String>>>()?;
            Err(StoreError::WrongLine { team: team.to_string(), found: u8::try_from(found).unwrap_or(0), line, known })
        }
        _ => Ok(()),
    }
}
