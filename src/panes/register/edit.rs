//! Editing a registered ticket in the registration form: the same fields,
//! pre-filled, and on saving only what changed, based on the version read.

use super::state::{Input, RegisterForm};
use crate::app::action::Conflict;
use crate::app::effect::Effect;
use crate::domain::access::{Permission, for_field};
use crate::domain::reference::PickLists;
use crate::domain::{Field, PriorityMatrix, Ticket, TicketId};
use crate::i18n::Catalogue;

/// The fields an edit offers: what was registered, not the classification
/// (impact and urgency go through the wizard, which records overrides).
pub const EDITABLE: [Field; 11] = [
    Field::Kind,
    Field::Channel,
    Field::ReporterName,
    Field::Department,
    Field::ReporterPhone,
    Field::ReporterEmail,
    Field::Title,
    Field::Description,
    Field::Service,
    Field::Category,
    Field::Subcategory,
];

/// The ticket a form edits, as it was when the form opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    pub id: TicketId,
    pub version: i64,
    pub ticket: Box<Ticket>,
}

/// The form on a registered ticket, with the fields this user may change.
/// None when they may change none of them.
pub fn form(
    t: &Catalogue,
    lists: &PickLists,
    language: &str,
    ticket: &Ticket,
    may: impl Fn(Permission) -> bool,
) -> Option<RegisterForm> {
    let mut form = RegisterForm::new(t, lists, &PriorityMatrix::default(), language);
    form.fields.retain(|f| EDITABLE.contains(&f.field) && may(for_field(f.field)));
    if form.fields.is_empty() {
        return None;
    }
    for i in 0..form.fields.len() {
        let value = ticket.field_value(form.fields[i].field);
        match &mut form.fields[i].input {
            Input::Line(area) | Input::Text(area) => {
                area.insert_str(value.unwrap_or_default());
            }
            Input::Pick(pick) => pick.keep_value(value.as_deref()),
        }
        if form.fields[i].field == Field::Category {
            form.refresh_subcategories(t, lists);
        }
    }
    // The subcategory list follows the category; keep the stored one on it.
    if let Some(i) = form.index_of(Field::Subcategory)
        && let Input::Pick(pick) = &mut form.fields[i].input
    {
        pick.keep_value(ticket.subcategory.as_deref());
    }
    form.focus = form.index_of(Field::Title).unwrap_or(0);
    form.editing = Some(Editing { id: ticket.id, version: ticket.version, ticket: Box::new(ticket.clone()) });
    form.mark_pristine();
    Some(form)
}

/// The fields whose value the form changed, with their new values.
pub fn changes(form: &RegisterForm, ticket: &Ticket) -> Vec<(Field, Option<String>)> {
    form.fields
        .iter()
        .filter_map(|f| {
            let new = match f.field {
                Field::Description => Some(form.to_new_ticket(&PriorityMatrix::default()).description),
                field => form.value(field),
            };
            let old = ticket.field_value(f.field);
            let (a, b) = (new.as_deref().unwrap_or(""), old.as_deref().unwrap_or(""));
            (a != b).then_some((f.field, new.filter(|v| !v.is_empty())))
        })
        .collect()
}

/// A stale edit of registered fields, against the ticket as it was read:
/// the fields the other left alone (or set to the same value) need no
/// question. With no field changed by both, the edit that remains, on the
/// version there is now; else the conflict narrowed to the fields both
/// changed, with the rest kept to apply whichever way it is answered.
pub fn merge(read: &Ticket, conflict: &mut Conflict) -> Option<Effect> {
    let Effect::EditTicket { id, edits, .. } = &conflict.edit else { return None };
    if *id != read.id {
        return None;
    }
    let now = |field: Field| conflict.fields.iter().find(|(f, ..)| *f == field).and_then(|(_, _, now)| now.clone());
    let both_changed = |(field, mine): &(Field, Option<String>)| {
        let now = now(*field);
        read.field_value(*field) != now && *mine != now
    };
    let (clash, rest): (Vec<_>, Vec<_>) = edits.iter().cloned().partition(both_changed);
    let rest: Vec<_> = rest.into_iter().filter(|(field, mine)| *mine != now(*field)).collect();
    let remaining = Effect::EditTicket { id: *id, version: conflict.version, edits: rest };
    if clash.is_empty() {
        return Some(remaining);
    }
    conflict.fields.retain(|(field, ..)| clash.iter().any(|(f, _)| f == field));
    conflict.unshared = Some(remaining);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::ticket;
    use crate::domain::Status;
    use crate::i18n::Language;

    fn lists() -> PickLists {
        PickLists { departments: vec!["Finance".into(), "HR".into()], ..Default::default() }
    }

    fn typed(form: &mut RegisterForm, field: Field, text: &str) {
        let i = form.index_of(field).unwrap();
        if let Input::Line(area) | Input::Text(area) = &mut form.fields[i].input {
            area.select_all();
            area.cut();
            area.insert_str(text);
        }
    }

    #[test]
    fn the_form_starts_filled_and_unchanged_and_names_only_what_changed() {
        let t = Language::En.catalogue();
        let mut stored = ticket(7, Status::InProgress);
        stored.reporter.department = Some("Retired department".into());
        let mut f = form(t, &lists(), "en", &stored, |_| true).unwrap();
        assert!(!f.is_dirty());
        assert_eq!(f.value(Field::Title).as_deref(), Some("VPN drops"));
        // A value the list no longer offers is kept, not emptied.
        assert_eq!(f.value(Field::Department).as_deref(), Some("Retired department"));
        assert!(changes(&f, &stored).is_empty());
        typed(&mut f, Field::Title, "VPN drops every hour");
        assert!(f.is_dirty());
        assert_eq!(changes(&f, &stored), vec![(Field::Title, Some("VPN drops every hour".into()))]);
        assert_eq!(f.editing.as_ref().map(|e| (e.id, e.version)), Some((7, 3)));
    }

    #[test]
    fn a_role_gets_only_the_fields_it_may_change() {
        let t = Language::En.catalogue();
        let stored = ticket(7, Status::New);
        let classify_only = form(t, &lists(), "en", &stored, |p| p == Permission::Classify).unwrap();
        let fields: Vec<Field> = classify_only.fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, vec![Field::Service, Field::Category, Field::Subcategory]);
        assert!(form(t, &lists(), "en", &stored, |p| p == Permission::Work).is_none());
    }
}
