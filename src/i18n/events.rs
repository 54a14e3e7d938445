//! Timeline events in words, for the detail pane, `ticket show` and review exports.

use super::Catalogue;
use crate::domain::escalation::Escalation;
use crate::domain::policy::Policy;
use crate::domain::sla::Target;
use crate::domain::text::inert_single_line;
use crate::domain::{Event, EventKind, Field, NumberFormat, Status};

impl Catalogue {
    /// What an event says, in words, on one inert line.
    pub fn describe_event(&self, numbers: &NumberFormat, policy: &Policy, event: &Event) -> String {
        let t = self;
        let closure = &policy.closure;
        let target =
            || event.field.as_deref().and_then(Target::from_code).map(|x| t.target(x).to_string()).unwrap_or_default();
        let when = |v: &Option<String>| {
            v.as_deref()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|d| t.datetime(d.with_timezone(&chrono::Utc)))
                .unwrap_or_else(|| t.empty_value.to_string())
        };
        let note = || inert_single_line(event.note.as_deref().unwrap_or_default());
        let value = |v: &Option<String>| inert_single_line(v.as_deref().unwrap_or_default());
        let number = |v: &Option<String>| {
            v.as_deref().and_then(|n| n.parse().ok()).map(|id| numbers.format(id)).unwrap_or_default()
        };
        let status = |code: Option<&str>| code.and_then(Status::from_code).map(|s| t.status(s)).unwrap_or_default();
        match event.kind {
            EventKind::Created => t.ev.created.to_string(),
            EventKind::Changed => {
                let field = event.field.as_deref().and_then(Field::from_code);
                let name = field
                    .map(|f| t.field(f).to_string())
                    .unwrap_or_else(|| inert_single_line(event.field.as_deref().unwrap_or_default()));
                if field == Some(Field::Description) {
                    return format!("{name}: {}", t.changed);
                }
                let show = |v: &Option<String>| match field {
                    Some(f) if v.is_some() => inert_single_line(&t.policy_value(policy, f, v.as_deref())),
                    Some(f) => inert_single_line(&t.field_value(f, v.as_deref())),
                    None => inert_single_line(v.as_deref().unwrap_or(t.empty_value)),
                };
                format!("{name}: {} → {}", show(&event.old), show(&event.new))
            }
            EventKind::Override => (t.ev.priority_override)(
                event.new.as_deref().unwrap_or_default(),
                event.old.as_deref().unwrap_or_default(),
                &inert_single_line(event.note.as_deref().unwrap_or_default()),
            ),
            EventKind::Deadline => (t.ev.deadline)(&target(), &when(&event.old), &when(&event.new)),
            EventKind::SlaPaused => (t.ev.paused)(&target(), status(event.note.as_deref())),
            EventKind::SlaResumed => (t.ev.resumed)(&target(), &when(&event.new)),
            // A missed customer update, at the deadline it missed.
            EventKind::SlaBreached if event.field.as_deref() == Some(Target::Update.code()) => {
                (t.ev.update_missed)(&t.datetime(event.at))
            }
            EventKind::SlaBreached => (t.ev.breached)(&target()),
            EventKind::Escalated => {
                let to =
                    event.new.as_deref().and_then(Escalation::from_code).map(|e| t.escalation(e)).unwrap_or_default();
                (t.ev.escalated)(to, &note())
            }
            // Asks from before leads were named say only the reason.
            EventKind::LeadAttention => match event.new.as_deref() {
                Some(lead) => (t.work.ev_lead_asked)(&inert_single_line(lead), &note()),
                None => (t.ev.lead)(&note()),
            },
            EventKind::LeadHandled => (t.work.ev_lead_handled)(&note()),
            EventKind::Major => (t.ev.major)(&value(&event.old), &value(&event.new)),
            EventKind::Linked => (t.ev.linked)(&number(&event.new)),
            EventKind::ChildLinked => (t.ev.child_linked)(&number(&event.new)),
            EventKind::Checked => {
                let name = event.field.as_deref().unwrap_or_default();
                let label =
                    closure.item(name).map(|i| i.label(t.code).to_string()).unwrap_or_else(|| inert_single_line(name));
                if event.new.as_deref() == Some("1") { (t.ev.ticked)(&label) } else { (t.ev.unticked)(&label) }
            }
            EventKind::Feedback => (t.ev.feedback)(&value(&event.new), &note()),
            EventKind::Review => match event.new.as_deref() {
                Some("completed") => t.ev.review_completed.to_string(),
                Some("reopened") => t.ev.review_reopened.to_string(),
                _ => t.ev.review_updated.to_string(),
            },
            EventKind::Duplicate => (t.ev.duplicate)(&number(&event.new)),
            EventKind::Problem => {
                let problems = crate::domain::knowledge::problem_numbers();
                let format =
                    |v: &Option<String>| v.as_deref().and_then(|n| n.parse().ok()).map(|id| problems.format(id));
                match (format(&event.old), format(&event.new)) {
                    (_, Some(new)) => (t.ev.problem_linked)(&new),
                    (Some(old), None) => (t.ev.problem_unlinked)(&old),
                    _ => String::new(),
                }
            }
            EventKind::Knowledge => {
                let articles = crate::domain::knowledge::article_numbers();
                let id =
                    event.new.as_deref().and_then(|n| n.parse().ok()).map(|id| articles.format(id)).unwrap_or_default();
                (t.ev.knowledge)(&id)
            }
        }
    }
}

impl Catalogue {
    /// A field's value in words where the policy names it: an impact or
    /// urgency level with what it means, a priority with its name, a
    /// closure code by its label. Anything else as `field_value` has it.
    pub fn policy_value(&self, policy: &Policy, field: Field, value: Option<&str>) -> String {
        let level = value.and_then(|v| v.parse::<crate::domain::Level>().ok());
        let language = self.code;
        let named = match field {
            Field::Impact => level.and_then(|l| policy.matrix.impact_info(l).map(|i| (l, i.description(language)))),
            Field::Urgency => level.and_then(|l| policy.matrix.urgency_info(l).map(|i| (l, i.description(language)))),
            _ => None,
        };
        if let Some((level, name)) = named {
            return format!("{level} {name}");
        }
        match (field, value) {
            (Field::Priority, Some(v)) => match v.parse::<crate::domain::Priority>() {
                Ok(p) => format!("{p} {}", self.priority_name(p.get())),
                Err(_) => v.to_string(),
            },
            (Field::ClosureCode, Some(v)) => policy.closure.code(v).map_or(v, |c| c.label(language)).to_string(),
            _ => self.field_value(field, value),
        }
    }
}
