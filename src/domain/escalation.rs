//! Escalation: functional (to another line of support or a supplier) and
//! hierarchical (asking a lead's attention).

use super::status::Status;
use super::ticket::{Field, coded_enum};

coded_enum! {
    /// Where a functional escalation sends an incident.
    Escalation {
        Line2 => "line2",
        Line3 => "line3",
        Supplier => "supplier",
    }
}

impl Escalation {
    /// The support line whose teams take it over (none for a supplier).
    pub fn line(self) -> Option<u8> {
        match self {
            Escalation::Line2 => Some(2),
            Escalation::Line3 => Some(3),
            Escalation::Supplier => None,
        }
    }
}

/// The statuses an escalation takes an incident through, in order: to a
/// supplier it waits for the supplier, by way of in progress when work had
/// not started (so the response clock stops); to a line its status stays.
pub fn status_steps(to: Escalation, current: Status) -> Vec<Status> {
    if to != Escalation::Supplier || current == Status::WaitingSupplier {
        return Vec::new();
    }
    let mut steps = Vec::with_capacity(2);
    if matches!(current, Status::New | Status::Assigned) {
        steps.push(Status::InProgress);
    }
    steps.push(Status::WaitingSupplier);
    steps
}

/// The field changes of an escalation: a new team takes it without a person
/// (the team decides who), then the status steps.
pub fn edits(to: Escalation, team: Option<&str>, current: Status) -> Vec<(Field, Option<String>)> {
    let mut edits = Vec::new();
    if let Some(team) = team {
        edits.push((Field::Team, Some(team.to_string())));
        edits.push((Field::Assignee, None));
    }
    edits.extend(status_steps(to, current).into_iter().map(|s| (Field::Status, Some(s.code().to_string()))));
    edits
}

coded_enum! {
    /// What someone does for a living at the servicedesk.
    Role {
        Operator => "operator",
        Technician => "technician",
        Lead => "lead",
        Admin => "admin",
    }
}

/// Someone who may be asked for a lead's attention: their login, role and teams.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub login: &'a str,
    pub role: &'a str,
    pub teams: &'a [String],
}

/// The lead to ask when none is named: a lead of the ticket's team (the
/// first by login). The screen preselects the same one.
pub fn team_lead<'a>(team: Option<&str>, people: &[Candidate<'a>]) -> Option<&'a str> {
    let team = team?;
    people.iter().filter(|p| p.role == Role::Lead.code() && p.teams.iter().any(|t| t == team)).map(|p| p.login).min()
}

/// Whether this person can take a lead's question: a lead or an admin.
pub fn can_lead(role: &str) -> bool {
    role == Role::Lead.code() || role == Role::Admin.code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_team_lead_is_a_lead_of_the_tickets_team() {
        let (net, desk) = (vec!["Network".to_string()], vec!["Servicedesk".to_string()]);
        let people = [
            Candidate { login: "zoe", role: "lead", teams: &net },
            Candidate { login: "anna", role: "lead", teams: &net },
            Candidate { login: "bob", role: "technician", teams: &net },
            Candidate { login: "carl", role: "lead", teams: &desk },
        ];
        assert_eq!(team_lead(Some("Network"), &people), Some("anna"));
        assert_eq!(team_lead(Some("Servicedesk"), &people), Some("carl"));
        assert_eq!(team_lead(Some("Workplace"), &people), None);
        assert_eq!(team_lead(None, &people), None);
        assert!(can_lead("admin") && can_lead("lead") && !can_lead("technician"));
    }

    #[test]
    fn to_a_supplier_an_incident_waits_for_the_supplier_by_way_of_work() {
        use Status::*;
        assert_eq!(status_steps(Escalation::Supplier, New), [InProgress, WaitingSupplier]);
        assert_eq!(status_steps(Escalation::Supplier, Assigned), [InProgress, WaitingSupplier]);
        assert_eq!(status_steps(Escalation::Supplier, WaitingCustomer), [WaitingSupplier]);
        assert_eq!(status_steps(Escalation::Supplier, WaitingSupplier), []);
        for line in [Escalation::Line2, Escalation::Line3] {
            assert!(Status::ALL.iter().all(|s| status_steps(line, *s).is_empty()), "{line:?}");
        }
    }

    #[test]
    fn every_step_of_an_open_incident_is_allowed_and_goes_forward() {
        for to in Escalation::ALL {
            for start in Status::ALL.iter().copied().filter(|s| s.is_open()) {
                let mut at = start;
                for step in status_steps(*to, start) {
                    assert!(at.check_transition(step).is_ok(), "{to:?} from {start}: {at} to {step}");
                    assert!(step.rank() > at.rank(), "{to:?} from {start}: {at} back to {step}");
                    at = step;
                }
                let end = if *to == Escalation::Supplier { Status::WaitingSupplier } else { start };
                assert_eq!(at, end, "{to:?} from {start}");
            }
        }
    }

    #[test]
    fn a_new_team_takes_it_without_a_person_before_the_status_moves() {
        let edits = edits(Escalation::Supplier, Some("Network"), Status::New);
        let expected = [
            (Field::Team, Some("Network".to_string())),
            (Field::Assignee, None),
            (Field::Status, Some("in_progress".to_string())),
            (Field::Status, Some("waiting_supplier".to_string())),
        ];
        assert_eq!(edits, expected);
        assert!(super::edits(Escalation::Line2, None, Status::InProgress).is_empty());
    }
}
