//! Handling an incident: registering and classifying it, its status,
//! handing it on (assigning, escalating, a lead's attention), major
//! incidents, notes, duplicates. Each use-case once, for the screen's
//! executor and the command line; one that changes several tickets is one
//! transaction in the store.

use crate::domain::classification::Classification;
use crate::domain::entry::NewEntry;
use crate::domain::escalation::Escalation;
use crate::domain::ticket::FieldChange;
use crate::domain::{Field, NewTicket, Status, Ticket, TicketId};
use crate::store::{Result, Store};

use super::Actor;

pub fn register(store: &Store, actor: Actor, ticket: &NewTicket) -> Result<Ticket> {
    store.create_ticket(actor.login, actor.now, ticket)
}

pub fn classify(
    store: &Store,
    actor: Actor,
    id: TicketId,
    expected: Option<i64>,
    classification: &Classification,
) -> Result<Ticket> {
    Ok(store.classify(actor.login, actor.now, id, expected, classification)?.0)
}

/// Changes registered fields; returns the ticket and what changed. A
/// priority other than the matrix's needs its `reason`.
pub fn edit(
    store: &Store,
    actor: Actor,
    id: TicketId,
    expected: Option<i64>,
    edits: &[(Field, Option<String>)],
    reason: Option<&str>,
) -> Result<(Ticket, Vec<FieldChange>)> {
    store.update_ticket_with_reason(actor.login, actor.now, id, expected, edits, reason)
}

/// Gives a ticket a new status, and the same to the tickets in `also` (a
/// major incident's linked incidents), all or none.
pub fn set_status(
    store: &Store,
    actor: Actor,
    id: TicketId,
    expected: Option<i64>,
    status: Status,
    also: &[TicketId],
) -> Result<Ticket> {
    store.set_status_with(actor.login, actor.now, id, expected, status, also)
}

pub fn assign(
    store: &Store,
    actor: Actor,
    id: TicketId,
    expected: Option<i64>,
    team: &str,
    person: Option<&str>,
) -> Result<Ticket> {
    Ok(store.assign(actor.login, actor.now, id, expected, team, person)?.0)
}

/// A functional escalation: to a line's team or to a supplier.
#[derive(Debug, Clone, PartialEq)]
pub struct EscalateRequest<'a> {
    pub id: TicketId,
    pub expected: Option<i64>,
    pub to: Escalation,
    pub team: Option<&'a str>,
    pub supplier: Option<&'a str>,
    pub reason: &'a str,
}

pub fn escalate(store: &Store, actor: Actor, r: &EscalateRequest) -> Result<Ticket> {
    let (login, now) = (actor.login, actor.now);
    Ok(store.escalate(login, now, r.id, r.expected, r.to, r.team, r.supplier, r.reason)?.0)
}

/// Asks a lead's attention; returns the lead asked (none: every lead sees it).
pub fn ask_lead(store: &Store, actor: Actor, id: TicketId, reason: &str, lead: Option<&str>) -> Result<Option<String>> {
    store.ask_lead(actor.login, actor.now, id, reason, lead)
}

pub fn lead_handled(store: &Store, actor: Actor, id: TicketId, note: &str) -> Result<()> {
    store.lead_handled(actor.login, actor.now, id, note)
}

pub fn make_major(store: &Store, actor: Actor, id: TicketId, coordinator: &str, communication: &str) -> Result<()> {
    store.promote_major(actor.login, actor.now, id, coordinator, communication)
}

pub fn link_to_major(store: &Store, actor: Actor, child: TicketId, major: TicketId) -> Result<()> {
    store.link_child(actor.login, actor.now, child, major)
}

pub fn add_note(store: &Store, actor: Actor, id: TicketId, body: &str) -> Result<()> {
    store.add_entry(actor.login, actor.now, id, &NewEntry::note(body)).map(|_| ())
}

/// Lets only these teams (and admins) see the ticket; none lets everyone.
pub fn restrict(store: &Store, actor: Actor, id: TicketId, teams: &[String]) -> Result<()> {
    store.restrict(actor.login, actor.now, id, teams)
}

/// Marks a ticket a duplicate of another, and closes it so.
pub fn mark_duplicate(store: &Store, actor: Actor, id: TicketId, original: TicketId) -> Result<Ticket> {
    store.mark_duplicate(actor.login, actor.now, id, original)
}

/// Ticks or unticks an item of the closure checklist.
pub fn tick(store: &Store, actor: Actor, id: TicketId, item: &str, on: bool) -> Result<()> {
    store.tick(actor.login, actor.now, id, item, on)
}
