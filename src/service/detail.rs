//! A ticket with everything the incident pane shows of it, read from one
//! state of the file.

use crate::domain::entry::Entry;
use crate::domain::knowledge::{Article, Problem, Review};
use crate::domain::sla::TicketSla;
use crate::domain::work::Handling;
use crate::domain::{Event, Ticket, TicketId};
use crate::store::{Result, Store};

/// One ticket with what the detail pane shows of it.
#[derive(Debug, Clone)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    pub entries: Vec<Entry>,
    pub sla: Option<TicketSla>,
    pub handling: Option<Handling>,
    pub children: Vec<Ticket>,
    pub closing: Closing,
}

/// What closing and learning have recorded on a ticket.
#[derive(Clone, Debug, Default)]
pub struct Closing {
    pub ticks: Vec<crate::domain::closure::Tick>,
    pub feedback: Option<(u8, Option<String>)>,
    pub duplicate_of: Option<TicketId>,
    pub problem: Option<Problem>,
    /// A known error of incidents like this one (same service and category).
    pub known_error: Option<Problem>,
    pub suggestions: Vec<Article>,
    pub applied: Option<i64>,
    pub review: Option<Review>,
}

/// The ticket and all it shows, or `None` when it is not there (or not to
/// be seen). One snapshot: a change committed meanwhile is seen whole or
/// not at all.
pub fn detail(store: &Store, id: TicketId) -> Result<Option<TicketDetail>> {
    store.snapshot(|store| {
        let Some(ticket) = store.ticket(id)? else { return Ok(None) };
        let handling = store.handling(id)?;
        let children = if handling.as_ref().is_some_and(|h| h.major) { store.children(id)? } else { Vec::new() };
        let problem = store.problem_of(id)?;
        // A known error is offered on a similar incident not linked to it yet.
        let known_error = if problem.is_none() && ticket.is_open() {
            store.known_error_for(ticket.service.as_deref(), ticket.category.as_deref())?
        } else {
            None
        };
        let closing = Closing {
            ticks: store.checklist(id)?,
            feedback: store.feedback_of(id)?,
            duplicate_of: store.duplicate_of(id)?,
            problem,
            known_error,
            suggestions: if ticket.is_open() { store.suggest_articles(&ticket, 3)? } else { Vec::new() },
            applied: store.applied_article(id)?,
            review: store.review(id)?,
        };
        Ok(Some(TicketDetail {
            events: store.events(id)?,
            entries: store.entries(id)?,
            sla: store.ticket_sla(id)?,
            handling,
            children,
            closing,
            ticket,
        }))
    })
}
