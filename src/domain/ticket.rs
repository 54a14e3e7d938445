//! The incident record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::policy::Policy;
use super::priority::{Level, Priority};
use super::status::Status;

pub type TicketId = i64;

/// Declares a closed set of values with a stable code used in the database,
/// on the command line and in JSON.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::from_code(&wanted).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    format!("'{s}' is not one of: {}", codes.join(", "))
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use coded_enum;

coded_enum! {
    /// Whether something is broken or somebody asks for something.
    TicketKind { Incident => "incident", ServiceRequest => "request" }
}

coded_enum! {
    /// How the report reached the servicedesk.
    Channel {
        Phone => "phone",
        Email => "email",
        Chat => "chat",
        Portal => "portal",
        WalkIn => "walk_in",
        Monitoring => "monitoring",
    }
}

coded_enum! {
    /// The fields of a ticket that change over its life; each change is an event.
    Field {
        Kind => "kind",
        Title => "title",
        Description => "description",
        ReporterName => "reporter_name",
        ReporterEmail => "reporter_email",
        ReporterPhone => "reporter_phone",
        Department => "department",
        Channel => "channel",
        Service => "service",
        Category => "category",
        Subcategory => "subcategory",
        Impact => "impact",
        Urgency => "urgency",
        Priority => "priority",
        Status => "status",
        Team => "team",
        Assignee => "assignee",
        Cause => "cause",
        Measures => "measures",
        Solution => "solution",
        ClosureCode => "closure_code",
    }
}

/// Why an edit of a ticket is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{0} cannot be empty")]
    Required(Field),
    #[error("{field}: '{value}' is not a valid value")]
    Invalid { field: Field, value: String },
    #[error("cannot go from {from} to {to}; allowed: {}", allowed_codes(*from))]
    Transition { from: Status, to: Status },
    #[error("closed more than {days} days ago: register a new incident instead")]
    ReopenWindowPassed { days: i64 },
}

fn allowed_codes(from: Status) -> String {
    from.allowed_next().iter().map(|s| s.code()).collect::<Vec<_>>().join(", ")
}

/// Who reported the incident and how to reach them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department: Option<String>,
}

/// What is known when an incident is registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTicket {
    pub kind: TicketKind,
    pub title: String,
    pub description: String,
    pub reporter: Reporter,
    pub channel: Channel,
    pub service: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    pub priority: Option<Priority>,
    pub team: Option<String>,
    pub assignee: Option<String>,
}

impl NewTicket {
    /// A minimal incident: the three required fields, everything else empty.
    pub fn new(title: &str, reporter_name: &str, channel: Channel) -> Self {
        NewTicket {
            kind: TicketKind::Incident,
            title: title.to_string(),
            description: String::new(),
            reporter: Reporter { name: reporter_name.to_string(), ..Reporter::default() },
            channel,
            service: None,
            category: None,
            subcategory: None,
            impact: None,
            urgency: None,
            priority: None,
            team: None,
            assignee: None,
        }
    }

    /// The same ticket with surrounding spaces trimmed and empty optional
    /// fields left out, as a form or a script may hand it over.
    pub fn normalised(&self) -> NewTicket {
        let opt = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        NewTicket {
            title: self.title.trim().to_string(),
            description: self.description.trim_end().to_string(),
            reporter: Reporter {
                name: self.reporter.name.trim().to_string(),
                email: opt(&self.reporter.email),
                phone: opt(&self.reporter.phone),
                department: opt(&self.reporter.department),
            },
            service: opt(&self.service),
            category: opt(&self.category),
            subcategory: opt(&self.subcategory),
            team: opt(&self.team),
            assignee: opt(&self.assignee),
            ..self.clone()
        }
    }

    /// The status a ticket starts in: assigned when it has a team already.
    pub fn initial_status(&self) -> Status {
        if self.team.is_some() || self.assignee.is_some() { Status::Assigned } else { Status::New }
    }
}

/// A ticket as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: TicketId,
    pub kind: TicketKind,
    pub title: String,
    pub description: String,
    pub reporter: Reporter,
    pub channel: Channel,
    pub service: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    pub priority: Option<Priority>,
    pub status: Status,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Increases with every change; an edit based on an older version is a conflict.
    pub version: i64,
    /// What caused it, what was done meanwhile and what solved it: recorded
    /// before closing, and drafted into the resolution summary.
    pub cause: Option<String>,
    pub measures: Option<String>,
    pub solution: Option<String>,
    pub closure_code: Option<String>,
}

impl Ticket {
    /// The value of a field as it is written in events and on the command line.
    pub fn field_value(&self, field: Field) -> Option<String> {
        let text = |s: &str| Some(s.to_string());
        match field {
            Field::Kind => text(self.kind.code()),
            Field::Title => text(&self.title),
            Field::Description => text(&self.description),
            Field::ReporterName => text(&self.reporter.name),
            Field::ReporterEmail => self.reporter.email.clone(),
            Field::ReporterPhone => self.reporter.phone.clone(),
            Field::Department => self.reporter.department.clone(),
            Field::Channel => text(self.channel.code()),
            Field::Service => self.service.clone(),
            Field::Category => self.category.clone(),
            Field::Subcategory => self.subcategory.clone(),
            Field::Impact => self.impact.map(|l| l.to_string()),
            Field::Urgency => self.urgency.map(|l| l.to_string()),
            Field::Priority => self.priority.map(|p| p.to_string()),
            Field::Status => text(self.status.code()),
            Field::Team => self.team.clone(),
            Field::Assignee => self.assignee.clone(),
            Field::Cause => self.cause.clone(),
            Field::Measures => self.measures.clone(),
            Field::Solution => self.solution.clone(),
            Field::ClosureCode => self.closure_code.clone(),
        }
    }

    /// Sets a field from its written form; `None` or an empty string clears
    /// an optional field. Required fields refuse to be cleared.
    pub fn set_field(&mut self, field: Field, value: Option<&str>) -> Result<(), EditError> {
        let raw = value;
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let optional = |v: Option<&str>| v.map(str::to_string);
        let required = |v: Option<&str>| v.map(str::to_string).ok_or(EditError::Required(field));
        fn parsed<T: std::str::FromStr>(field: Field, v: &str) -> Result<T, EditError> {
            v.parse().map_err(|_| EditError::Invalid { field, value: v.to_string() })
        }
        match field {
            Field::Kind => self.kind = parsed(field, &required(value)?)?,
            Field::Title => self.title = required(value)?,
            // Indentation at the start of a description is kept.
            Field::Description => self.description = raw.unwrap_or_default().trim_end().to_string(),
            Field::ReporterName => self.reporter.name = required(value)?,
            Field::ReporterEmail => self.reporter.email = optional(value),
            Field::ReporterPhone => self.reporter.phone = optional(value),
            Field::Department => self.reporter.department = optional(value),
            Field::Channel => self.channel = parsed(field, &required(value)?)?,
            Field::Service => self.service = optional(value),
            Field::Category => self.category = optional(value),
            Field::Subcategory => self.subcategory = optional(value),
            Field::Impact => self.impact = value.map(|v| parsed(field, v)).transpose()?,
            Field::Urgency => self.urgency = value.map(|v| parsed(field, v)).transpose()?,
            Field::Priority => self.priority = value.map(|v| parsed(field, v)).transpose()?,
            Field::Status => self.status = parsed(field, &required(value)?)?,
            Field::Team => self.team = optional(value),
            Field::Assignee => self.assignee = optional(value),
            Field::Cause => self.cause = raw.map(str::trim_end).filter(|v| !v.trim().is_empty()).map(str::to_string),
            Field::Measures => {
                self.measures = raw.map(str::trim_end).filter(|v| !v.trim().is_empty()).map(str::to_string)
            }
            Field::Solution => {
                self.solution = raw.map(str::trim_end).filter(|v| !v.trim().is_empty()).map(str::to_string)
            }
            Field::ClosureCode => self.closure_code = optional(value),
        }
        Ok(())
    }

    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
}

/// The incidents linked to a major incident that resolve with it: the open
/// ones that may be resolved now. The screen and the command line offer the same.
pub fn resolve_with_major(linked: &[Ticket]) -> Vec<TicketId> {
    linked.iter().filter(|c| c.is_open() && c.status.check_transition(Status::Resolved).is_ok()).map(|c| c.id).collect()
}

/// A ticket with its history, as it is loaded in bulk (demo data, imports):
/// its state and times are given, not derived from a registration now.
#[derive(Clone, Debug)]
pub struct HistoricTicket {
    pub ticket: NewTicket,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub events: Vec<super::event::NewEvent>,
    /// The reporter's satisfaction score and when it was given.
    pub feedback: Option<(u8, DateTime<Utc>)>,
    /// Its number in the system it came from, for imports.
    pub source_ref: Option<String>,
    /// How the other system closed it, as it wrote it (ServiceNow's `closed_code`).
    pub closure_code: Option<String>,
    /// The problem the other system linked it to, by that system's name for it.
    pub problem_ref: Option<String>,
}

#[cfg(test)]
impl Ticket {
    /// A new incident, number 7, registered on 2 November 2026 at 09:00 UTC.
    pub fn example() -> Ticket {
        use chrono::TimeZone;
        let t0 = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        Ticket {
            id: 7,
            kind: TicketKind::Incident,
            title: "VPN drops".into(),
            description: String::new(),
            reporter: Reporter { name: "An de Vries".into(), ..Default::default() },
            channel: Channel::Phone,
            service: None,
            category: None,
            subcategory: None,
            impact: None,
            urgency: None,
            priority: None,
            status: Status::New,
            team: None,
            assignee: None,
            created_at: t0,
            updated_at: t0,
            resolved_at: None,
            closed_at: None,
            version: 1,
            cause: None,
            measures: None,
            solution: None,
            closure_code: None,
        }
    }
}

/// One field that changed, as recorded in an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Applies a set of field edits to a ticket and lists what really changed.
/// Status changes must follow the lifecycle, one after the other; resolving
/// and closing stamp their times, reopening clears them. A new impact or
/// urgency gives the matrix's priority unless a priority is named, and a new
/// ticket that gets a team or a person becomes assigned.
pub fn apply_edits(
    ticket: &Ticket,
    edits: &[(Field, Option<String>)],
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(Ticket, Vec<FieldChange>), EditError> {
    let matrix = &policy.matrix;
    let mut next = ticket.clone();
    let named = |f: Field| edits.iter().any(|(field, _)| *field == f);
    for (field, value) in edits {
        if *field == Field::Status {
            let text = value.as_deref().unwrap_or_default();
            let wanted: Status =
                text.parse().map_err(|_| EditError::Invalid { field: Field::Status, value: text.to_string() })?;
            next.status.check_transition(wanted)?;
            if next.status == Status::Closed
                && wanted.is_open()
                && next.closed_at.is_some_and(|closed| now - closed > policy.reopen_window)
            {
                return Err(EditError::ReopenWindowPassed { days: policy.reopen_window.num_days() });
            }
        }
        next.set_field(*field, value.as_deref())?;
    }
    if (named(Field::Impact) || named(Field::Urgency)) && !named(Field::Priority) {
        next.priority = next.impact.zip(next.urgency).and_then(|(i, u)| matrix.priority(i, u));
    }
    if next.status == Status::New && !named(Field::Status) && (next.team.is_some() || next.assignee.is_some()) {
        next.status = Status::Assigned;
    }
    // Reopened work is not closed in any way any more.
    if ticket.status == Status::Closed && next.status.is_open() && !named(Field::ClosureCode) {
        next.closure_code = None;
    }
    let changes: Vec<FieldChange> = Field::ALL
        .iter()
        .filter_map(|&field| {
            let (old, new) = (ticket.field_value(field), next.field_value(field));
            (old != new).then_some(FieldChange { field, old, new })
        })
        .collect();
    if next.status != ticket.status {
        match next.status {
            Status::Resolved => next.resolved_at = Some(now),
            Status::Closed => {
                next.resolved_at.get_or_insert(now);
                next.closed_at = Some(now);
            }
            _ if !ticket.status.is_open() => {
                next.resolved_at = None;
                next.closed_at = None;
            }
            _ => {}
        }
    }
    if !changes.is_empty() {
        next.updated_at = now;
        next.version += 1;
    }
    Ok((next, changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ticket() -> Ticket {
        Ticket::example()
    }

    #[test]
    fn codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(*c));
        }
        assert_eq!("Walk-in".parse::<Channel>(), Ok(Channel::WalkIn));
        assert!("fax".parse::<Channel>().unwrap_err().contains("phone, email"));
    }

    #[test]
    fn edits_list_only_real_changes_and_bump_version() {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
        let edits = [(Field::Title, Some("VPN drops".into())), (Field::Urgency, Some("3".into()))];
        let (next, changes) = apply_edits(&ticket(), &edits, now, &Policy::default()).unwrap();
        assert_eq!(changes, vec![FieldChange { field: Field::Urgency, old: None, new: Some("3".into()) }]);
        assert_eq!(next.version, 2);
        assert_eq!(next.updated_at, now);
    }

    #[test]
    fn no_change_keeps_version() {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
        let (next, changes) =
            apply_edits(&ticket(), &[(Field::Title, Some("VPN drops".into()))], now, &Policy::default()).unwrap();
        assert!(changes.is_empty());
        assert_eq!(next.version, 1);
    }

    #[test]
    fn resolving_stamps_and_reopening_clears_times() {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
        let (resolved, _) =
            apply_edits(&ticket(), &[(Field::Status, Some("resolved".into()))], now, &Policy::default()).unwrap();
        assert_eq!(resolved.resolved_at, Some(now));
        let (reopened, _) =
            apply_edits(&resolved, &[(Field::Status, Some("in_progress".into()))], now, &Policy::default()).unwrap();
        assert_eq!(reopened.resolved_at, None);
    }

    #[test]
    fn new_impact_or_urgency_gives_the_matrix_priority() {
        let now = Utc::now();
        let m = Policy::default();
        let edits = [(Field::Impact, Some("1".into())), (Field::Urgency, Some("1".into()))];
        let (next, _) = apply_edits(&ticket(), &edits, now, &m).unwrap();
        assert_eq!(next.priority, Some(Priority::P1));
        let named = [
            (Field::Impact, Some("1".into())),
            (Field::Urgency, Some("1".into())),
            (Field::Priority, Some("P3".into())),
        ];
        let (next, _) = apply_edits(&ticket(), &named, now, &m).unwrap();
        assert_eq!(next.priority, Some(Priority::P3));
    }

    #[test]
    fn status_edits_follow_each_other_and_a_team_assigns() {
        let now = Utc::now();
        let m = Policy::default();
        let steps = [(Field::Status, Some("in_progress".into())), (Field::Status, Some("waiting_customer".into()))];
        assert_eq!(apply_edits(&ticket(), &steps, now, &m).unwrap().0.status, Status::WaitingCustomer);
        let (next, _) = apply_edits(&ticket(), &[(Field::Team, Some("Network".into()))], now, &m).unwrap();
        assert_eq!(next.status, Status::Assigned);
    }

    #[test]
    fn new_tickets_are_normalised() {
        let mut t = NewTicket::new("  VPN  ", " Piet ", Channel::Phone);
        t.team = Some("  ".into());
        t.reporter.email = Some(String::new());
        let n = t.normalised();
        assert_eq!((n.title.as_str(), n.reporter.name.as_str()), ("VPN", "Piet"));
        assert_eq!(n.initial_status(), Status::New);
        assert_eq!((n.team, n.reporter.email), (None, None));
    }

    #[test]
    fn a_closed_ticket_reopens_only_within_the_window() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
        let p = Policy::default();
        let (closed, _) = apply_edits(&ticket(), &[(Field::Status, Some("closed".into()))], t0, &p).unwrap();
        let reopen = [(Field::Status, Some("in_progress".into()))];
        assert!(apply_edits(&closed, &reopen, t0 + chrono::Duration::days(13), &p).is_ok());
        let late = apply_edits(&closed, &reopen, t0 + chrono::Duration::days(15), &p).unwrap_err();
        assert_eq!(late, EditError::ReopenWindowPassed { days: 14 });
    }

    #[test]
    fn required_fields_cannot_be_cleared() {
        let now = Utc::now();
        assert!(apply_edits(&ticket(), &[(Field::Title, Some("  ".into()))], now, &Policy::default()).is_err());
        assert!(apply_edits(&ticket(), &[(Field::Channel, None)], now, &Policy::default()).is_err());
    }

    #[test]
    fn illegal_status_change_is_refused() {
        let now = Utc::now();
        let err = apply_edits(&ticket(), &[(Field::Status, Some("waiting_customer".into()))], now, &Policy::default())
            .unwrap_err();
        assert_eq!(err, EditError::Transition { from: Status::New, to: Status::WaitingCustomer });
        assert!(err.to_string().contains("allowed: assigned, in_progress"), "{err}");
    }
}
