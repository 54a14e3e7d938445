//! Working on tickets: registering, classifying, editing, status, handing
//! on, major incidents, notes and messages. Each effect is one service call.

use super::{Executor, misrouted};
use crate::app::action::{Action, Outcome};
use crate::app::effect::Effect;
use crate::service::message::send_message;
use crate::service::work::{self, EscalateRequest};
use crate::store::Result;

impl Executor {
    pub(super) fn work(&mut self, effect: Effect) -> Result<Action> {
        let (store, actor) = (&self.store, self.actor());
        let changed = |id, outcome| Action::TicketChanged { id, outcome };
        Ok(match effect {
            Effect::CreateTicket(ticket) => Action::TicketCreated(Box::new(work::register(store, actor, &ticket)?)),
            Effect::Classify { id, version, classification } => {
                Action::Classified(Box::new(work::classify(store, actor, id, Some(version), &classification)?))
            }
            Effect::AddChoice { field, list, name } => {
                crate::service::settings::add_choice(store, &list, &name)?;
                Action::ChoiceAdded { field, name: name.trim().to_string(), lists: store.pick_lists()? }
            }
            Effect::EditTicket { id, version, edits } => {
                let (_, changes) = work::edit(store, actor, id, Some(version), &edits, None)?;
                changed(id, Outcome::Edited(changes.iter().map(|c| c.field).collect()))
            }
            Effect::SetStatus { id, version, status, also } => {
                // The major incident and its linked incidents in one go, or none.
                work::set_status(store, actor, id, Some(version), status, &also)?;
                changed(id, Outcome::StatusSet(status))
            }
            Effect::Assign { id, version, team, person } => {
                work::assign(store, actor, id, Some(version), &team, person.as_deref())?;
                changed(id, Outcome::Assigned { team, person })
            }
            Effect::Escalate { id, version, to, team, supplier, reason } => {
                let (team, supplier) = (team.as_deref(), supplier.as_deref());
                let request = EscalateRequest { id, expected: Some(version), to, team, supplier, reason: &reason };
                work::escalate(store, actor, &request)?;
                changed(id, Outcome::Escalated(to))
            }
            Effect::AskLead { id, reason, lead } => {
                changed(id, Outcome::LeadAsked(work::ask_lead(store, actor, id, &reason, lead.as_deref())?))
            }
            Effect::LeadHandled { id, note } => {
                work::lead_handled(store, actor, id, &note)?;
                changed(id, Outcome::LeadHandled)
            }
            Effect::MakeMajor { id, coordinator, communication_lead } => {
                work::make_major(store, actor, id, &coordinator, &communication_lead)?;
                changed(id, Outcome::MadeMajor)
            }
            Effect::LinkToMajor { child, major } => {
                work::link_to_major(store, actor, child, major)?;
                changed(child, Outcome::LinkedToMajor(major))
            }
            Effect::AddNote { id, body } => {
                work::add_note(store, actor, id, &body)?;
                changed(id, Outcome::NoteAdded)
            }
            Effect::SendMessage(outgoing) => {
                let t = self.language.catalogue();
                // A failed message is kept as not sent; the outcome says so.
                let delivered = send_message(store, self.mail.as_ref(), t, actor, &outgoing)?;
                changed(outgoing.ticket_id, Outcome::Messaged(delivered))
            }
            other => misrouted(&other),
        })
    }
}
