//! Resolving a major incident, with or without the open incidents linked
//! to it: one transaction, as the screen's resolve-with-linked.

use crate::domain::ticket::resolve_with_major;
use crate::domain::{Status, Ticket, TicketId};
use crate::store::Store;

use super::Actor;

/// What resolving did: the ticket, the linked incidents resolved with it
/// and those that stay open.
pub struct Resolved {
    pub ticket: Ticket,
    pub resolved_linked: Vec<Ticket>,
    pub still_open: Vec<Ticket>,
}

/// Resolves a ticket; with `with_linked`, also the open incidents linked to
/// it (a major incident), all or none.
pub fn resolve(
    store: &Store,
    actor: Actor,
    id: TicketId,
    expected: Option<i64>,
    with_linked: bool,
) -> crate::store::Result<Resolved> {
    let linked = store.children(id)?;
    let also = if with_linked { resolve_with_major(&linked) } else { Vec::new() };
    // All of them or none: one transaction.
    let ticket = super::work::set_status(store, actor, id, expected, Status::Resolved, &also)?;
    let (resolved_linked, still_open) = linked.into_iter().filter(|c| c.is_open()).partition(|c| also.contains(&c.id));
    Ok(Resolved { ticket, resolved_linked, still_open })
}
