//! Who may do what. Every change goes through one of these permissions,
//! checked by the store whoever asks (the screen or the command line).

use super::escalation::Role;
use super::ticket::Field;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Register a ticket, or change what the reporter told.
    Register,
    /// Category, service, impact, urgency, priority.
    Classify,
    /// Give a ticket to a team or person, escalate, make or link a major incident.
    Assign,
    /// Work notes, messages, status changes up to resolving.
    Work,
    /// The closure checklist, closing, feedback, duplicates.
    Close,
    /// Reopen a closed ticket.
    Reopen,
    /// Problems, knowledge articles, review drafts.
    Learn,
    /// Mark a post-incident review complete.
    CompleteReview,
    /// Teams and people.
    ManagePeople,
    /// Categories, services, departments; loading data in bulk.
    ReferenceData,
    /// Settings of the database, such as whose names are believed.
    Settings,
    /// Restrict a ticket to named teams, or lift that.
    Restrict,
    /// What is held about a person: export it, erase it, apply retention.
    Privacy,
    /// Bookkeeping every open screen does: presence, recording breaches.
    Bookkeeping,
    /// Mark what a lead's attention was asked for as handled.
    HandleLeadAsk,
}

/// Whether a role has a permission. Operators take calls: they register,
/// classify and assign; technicians work on and resolve incidents; both
/// close and learn; leads also reopen, complete reviews and manage teams
/// and people; admins may do everything.
pub fn allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    match p {
        Assign | Work | Close | Learn | Bookkeeping => true,
        Register | Classify => matches!(role, Role::Operator | Role::Lead | Role::Admin),
        Reopen | CompleteReview | ManagePeople | Restrict | HandleLeadAsk => matches!(role, Role::Lead | Role::Admin),
        ReferenceData | Settings | Privacy => role == Role::Admin,
    }
}

/// The permission a change of a field needs.
pub fn for_field(field: Field) -> Permission {
    match field {
        Field::Kind
        | Field::Title
        | Field::Description
        | Field::ReporterName
        | Field::ReporterEmail
        | Field::ReporterPhone
        | Field::Department
        | Field::Channel => Permission::Register,
        Field::Service | Field::Category | Field::Subcategory | Field::Impact | Field::Urgency | Field::Priority => {
            Permission::Classify
        }
        Field::Team | Field::Assignee => Permission::Assign,
        Field::Status => Permission::Work,
        Field::Cause | Field::Measures | Field::Solution | Field::ClosureCode => Permission::Close,
    }
}

super::ticket::coded_enum! {
    /// The settings of the whole servicedesk.
    Setting {
        /// Whether the `user` of someone's config is believed (`yes`), or
        /// only the login name of the operating system (`no`).
        TrustConfigUser => "trust_config_user",
        /// The role of someone not among the people: a role, or `none` to
        /// let them only look.
        UnknownUserRole => "unknown_user_role",
    }
}

impl Setting {
    pub fn default_value(self) -> &'static str {
        match self {
            Setting::TrustConfigUser => "no",
            Setting::UnknownUserRole => "none",
        }
    }

    /// The value as stored, or why it is not one.
    pub fn normalise(self, value: &str) -> Result<String, String> {
        let v = value.trim().to_lowercase();
        match self {
            Setting::TrustConfigUser => match v.as_str() {
                "yes" | "true" | "on" => Ok("yes".into()),
                "no" | "false" | "off" => Ok("no".into()),
                _ => Err(format!("{}: yes or no, not '{value}'", self.code())),
            },
            Setting::UnknownUserRole if v == "none" || Role::from_code(&v).is_some() => Ok(v),
            Setting::UnknownUserRole => {
                Err(format!("{}: none, operator, technician, lead or admin, not '{value}'", self.code()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_do_its_work_and_no_more() {
        use Permission::*;
        let may = |r, p| allows(r, p);
        assert!(may(Role::Operator, Register) && may(Role::Operator, Classify) && may(Role::Operator, Assign));
        assert!(!may(Role::Operator, Reopen) && !may(Role::Operator, ManagePeople));
        assert!(may(Role::Technician, Work) && may(Role::Technician, Close));
        assert!(!may(Role::Technician, Register) && !may(Role::Technician, Classify));
        assert!(may(Role::Lead, Reopen) && may(Role::Lead, CompleteReview) && may(Role::Lead, ManagePeople));
        assert!(!may(Role::Lead, ReferenceData) && !may(Role::Lead, Settings));
        for p in [Register, Classify, Assign, Work, Close, Reopen, Learn, CompleteReview, ManagePeople, ReferenceData] {
            assert!(may(Role::Admin, p), "{p:?}");
        }
    }

    #[test]
    fn settings_take_only_their_values() {
        assert_eq!(Setting::TrustConfigUser.normalise(" Yes "), Ok("yes".into()));
        assert_eq!(Setting::TrustConfigUser.normalise("off"), Ok("no".into()));
        assert!(Setting::TrustConfigUser.normalise("maybe").is_err());
        assert_eq!(Setting::UnknownUserRole.normalise("Operator"), Ok("operator".into()));
        assert!(Setting::UnknownUserRole.normalise("boss").unwrap_err().contains("none, operator"));
    }

    #[test]
    fn fields_need_the_permission_of_their_step() {
        assert_eq!(for_field(Field::Title), Permission::Register);
        assert_eq!(for_field(Field::Impact), Permission::Classify);
        assert_eq!(for_field(Field::Assignee), Permission::Assign);
        assert_eq!(for_field(Field::Solution), Permission::Close);
    }
}
