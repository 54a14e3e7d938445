//! Telling the reporter: a message written on each ticket it concerns and
//! delivered (or only recorded), the placeholders of its templates, and when
//! the next update is due. Shared by the screen and `meldpunt ticket notify`.

use crate::domain::TicketId;
use crate::domain::entry::{Delivery, NewEntry};
use crate::domain::mail::MailProblem;
use crate::i18n::Catalogue;
use crate::mail::{Letter, MailSettings, deliver};

use super::Actor;
use crate::store::Store;

/// A message on its way: to the reporter of each ticket named.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub ticket_id: TicketId,
    pub subject: String,
    pub body: String,
    /// Only write it down (told by phone or in person).
    pub record_only: bool,
    /// Also to the reporters of the incidents linked to it (a major incident).
    pub to_linked: bool,
    /// The template it was written from, if any.
    pub template: Option<crate::domain::template::TemplateName>,
}

/// What became of a message.
#[derive(Debug)]
pub struct Delivered {
    pub record_only: bool,
    /// Recipients that got it (or for whom it was recorded).
    pub ok: usize,
    /// Why it failed, per recipient it did not reach.
    pub failures: Vec<MailProblem>,
    /// What went wrong after it went out (it did go out): the closing
    /// summary's checklist item that could not be ticked.
    pub warnings: Vec<crate::store::StoreError>,
}

impl Delivered {
    /// What to tell the user, in the same words on the screen and the
    /// command line.
    pub fn report(&self, t: &Catalogue, numbers: &crate::domain::NumberFormat) -> String {
        let said = match (self.record_only, self.failures.first()) {
            (true, _) => (t.message_recorded)(self.ok),
            (false, None) => (t.message_sent)(self.ok),
            (false, Some(first)) => (t.message_failed)(self.failures.len(), &t.mail_problem(first)),
        };
        let warnings = self.warnings.iter().map(|w| t.store_error(w, numbers));
        std::iter::once(said).chain(warnings).collect::<Vec<_>>().join(" ")
    }
}

/// Delivers a message to each recipient (or records it) and writes it on
/// each ticket, saying what became of it. Shared by the TUI and
/// `meldpunt ticket notify`.
pub fn send_message(
    store: &Store,
    mail: Option<&MailSettings>,
    t: &Catalogue,
    who: Actor,
    out: &Outgoing,
) -> crate::store::Result<Delivered> {
    let (actor, now) = (who.login, who.now);
    let (mut sent, mut failed, mut warnings) = (0, Vec::new(), Vec::new());
    // A subject is one line, whatever a template filled into it.
    let subject = crate::domain::text::as_typed(&out.subject, false);
    for (ticket, address) in &recipients(store, out.ticket_id, out.to_linked)? {
        // What was refused is recorded on one line, as the store keeps recipients.
        let recorded = address.as_deref().map(|a| crate::domain::text::as_typed(a, false));
        let mut entry = NewEntry::message(recorded.as_deref(), &subject, &out.body, Delivery::Recorded);
        Store::check_entry(&entry)?;
        let (delivery, error) = if out.record_only {
            (Delivery::Recorded, None)
        } else {
            let letter = Letter {
                to: address.as_deref().unwrap_or_default(),
                subject: &subject,
                body: &out.body,
                sender: actor,
                at: now,
            };
            match deliver(mail, &letter) {
                Ok(()) => (Delivery::Sent, None),
                Err(problem) => (Delivery::Failed, Some(problem)),
            }
        };
        entry.delivery = Some(delivery);
        let told = error.is_none();
        // The entry keeps why, in the words of the one who sent it.
        entry.error = error.as_ref().map(|p| t.mail_problem(p));
        match error {
            Some(e) => failed.push(e),
            None => sent += 1,
        }
        store.add_entry(actor, now, *ticket, &entry)?;
        // The closing summary ticks its checklist item, where the checklist has one.
        if told
            && out.template == Some(crate::domain::template::TemplateName::Summary)
            && store.policy().closure.item(crate::domain::closure::SUMMARY_SENT).is_some()
        {
            // The message is out: a failed tick must not make it look unsent.
            if let Err(e) = store.tick(actor, now, *ticket, crate::domain::closure::SUMMARY_SENT, true) {
                warnings.push(e);
            }
        }
    }
    Ok(Delivered { record_only: out.record_only, ok: sent, failures: failed, warnings })
}

/// Who a message about a ticket goes to: each ticket to write it on, with
/// its reporter's address as stored now (none when unknown); with
/// `to_linked`, the incidents linked to it follow the ticket itself.
pub fn recipients(
    store: &Store,
    id: TicketId,
    to_linked: bool,
) -> crate::store::Result<Vec<(TicketId, Option<String>)>> {
    let ticket = store.ticket(id)?.ok_or(crate::store::StoreError::NotFound(id))?;
    let mut all = vec![(id, ticket.reporter.email)];
    if to_linked {
        all.extend(store.children(id)?.into_iter().map(|c| (c.id, c.reporter.email)));
    }
    Ok(all)
}

/// The placeholders of a message about a ticket, in the user's language.
pub fn template_values(
    t: &crate::i18n::Catalogue,
    numbers: &crate::domain::NumberFormat,
    ticket: &crate::domain::Ticket,
    next_update: Option<chrono::DateTime<chrono::Utc>>,
    operator: &str,
) -> std::collections::BTreeMap<&'static str, String> {
    let mut values = std::collections::BTreeMap::new();
    values.insert("number", numbers.format(ticket.id));
    values.insert("operator", operator.to_string());
    values.insert("title", ticket.title.clone());
    values.insert("status", t.status(ticket.status).to_string());
    let priority = ticket.priority.map(|p| format!("{p} ({})", t.priority_name(p.get())));
    values.insert("priority", priority.unwrap_or_else(|| t.unclassified.to_string()));
    values.insert("reporter", ticket.reporter.name.clone());
    values.insert("next_update", next_update.map(|d| t.datetime(d)).unwrap_or_else(|| "—".to_string()));
    for (key, text) in [("cause", &ticket.cause), ("measures", &ticket.measures), ("solution", &ticket.solution)] {
        values.insert(key, text.clone().unwrap_or_else(|| "—".to_string()));
    }
    values
}

/// When the next update is due if the reporter hears from us `now`.
pub fn next_update_after(
    policy: &crate::domain::Policy,
    sla: Option<&crate::domain::sla::TicketSla>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let sla = sla?;
    policy.calendars.get(&sla.calendar).due(now, sla.clocks.update.target_secs)
}
