//! Escalation: functional (to another line of support or a supplier) and
//! hierarchical (asking a lead's attention).

use super::ticket::coded_enum;

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
}
