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
