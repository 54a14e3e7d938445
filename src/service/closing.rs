//! Closing an incident: the closing fields, the reporter's feedback and the
//! closure code in one transaction, the same from the closure pane and
//! `meldpunt ticket close`.

use crate::domain::closure::Closing;
use crate::domain::{Field, Ticket, TicketId};
use crate::store::{Store, StoreError};

use super::Actor;

/// What closing records. A closing field left `None` keeps what the ticket
/// has (and counts as recorded when it has something); an empty text
/// clears it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CloseRequest {
    pub id: TicketId,
    /// The version the request was made on (none: whatever is there).
    pub expected: Option<i64>,
    pub code: String,
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub solution: Option<String>,
    /// The reporter's score and comment, recorded when they differ from
    /// what is stored.
    pub feedback: Option<(u8, String)>,
}

/// Closes the incident, if it is ready; refused, nothing is changed.
pub fn close(store: &Store, actor: Actor, request: &CloseRequest) -> crate::store::Result<Ticket> {
    let id = request.id;
    let current = store.ticket(id)?.ok_or(StoreError::NotFound(id))?;
    // A field already written down is recorded: closing ticks its checklist
    // item as if it had been typed now.
    let fields: Vec<(Field, Option<String>)> = [
        (Field::Cause, &request.cause, &current.cause),
        (Field::Measures, &request.measures, &current.measures),
        (Field::Solution, &request.solution, &current.solution),
    ]
    .into_iter()
    .map(|(field, given, kept)| (field, given.clone().or_else(|| kept.clone())))
    .collect();
    let stored = store.feedback_of(id)?.map(|(s, c)| (s, c.unwrap_or_default()));
    let feedback = request
        .feedback
        .as_ref()
        .filter(|(score, comment)| stored.as_ref() != Some(&(*score, comment.trim().to_string())))
        .map(|(score, comment)| (*score, comment.as_str()));
    let closing = Closing { fields: &fields, feedback, code: &request.code };
    store.close_with(actor.login, actor.now, id, request.expected, &closing)
}

/// Records the reporter's satisfaction (1 to 5) and comment.
pub fn feedback(store: &Store, actor: Actor, id: TicketId, score: u8, comment: &str) -> crate::store::Result<()> {
    store.feedback(actor.login, actor.now, id, score, comment)
}
