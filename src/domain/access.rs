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

/// Whom the store works for, which decides what it lets through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    /// The program itself (tests, tools that open the file directly).
    Program,
    /// Nobody is set up as a person yet: whoever runs it may do everything
    /// (a first run, or one person on their own). `from_config`: the name
    /// came from the config's `user`, not the login.
    FirstUser {
        login: String,
        from_config: bool,
    },
    Agent {
        login: String,
        role: Role,
    },
    /// Not among the people: may look, not change.
    Unknown(String),
}

impl Identity {
    /// Who someone is, given their role among the (active) people if they
    /// are one: with nobody set up yet, the first user; someone not among
    /// them works with `unknown_role`, or may only look when that is none.
    pub fn of(login: &str, from_config: bool, role: Option<Role>, people: u64, unknown_role: Option<Role>) -> Identity {
        if people == 0 {
            return Identity::FirstUser { login: login.to_string(), from_config };
        }
        match role.or(unknown_role) {
            Some(role) => Identity::Agent { login: login.to_string(), role },
            None => Identity::Unknown(login.to_string()),
        }
    }

    /// The login whose view of restricted tickets is limited, or none when
    /// they are all visible (leads, admins, the program, a first user).
    pub fn limited_viewer(&self) -> Option<&str> {
        match self {
            Identity::Agent { role: Role::Lead | Role::Admin, .. } | Identity::Program | Identity::FirstUser { .. } => {
                None
            }
            Identity::Agent { login, .. } | Identity::Unknown(login) => Some(login),
        }
    }
}

/// What a write by the first user leaves behind once people are set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstAdmin {
    /// Becomes an admin (set up as a person if they are not one).
    pub login: String,
    /// They worked under the config's name: config names stay believed
    /// until an admin works under their login name (or an admin decides).
    pub believe_config_names: bool,
}

/// Whoever sets up the first people (or loads demo people) is an admin from
/// then on, so that roles, once they apply, do not lock them out. Nothing
/// changes while nobody is set up, or once an admin is among the people.
pub fn first_admin(login: &str, from_config: bool, people: u64, admins: u64) -> Option<FirstAdmin> {
    (people > 0 && admins == 0).then(|| FirstAdmin { login: login.to_string(), believe_config_names: from_config })
}

/// Whether the `user` of a config is believed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigNames {
    /// Only login names of the operating system count.
    NotBelieved,
    /// Believed since `admin` set up the first people under a config name;
    /// it ends by itself once an admin works under their login name.
    BelievedForSetUp { admin: String },
    /// Believed because an admin set it so.
    Believed,
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
    fn the_first_user_is_whoever_works_while_nobody_is_set_up() {
        let first = Identity::of("ann", true, None, 0, Some(Role::Operator));
        assert_eq!(first, Identity::FirstUser { login: "ann".into(), from_config: true });
        assert_eq!(
            Identity::of("ann", false, Some(Role::Lead), 3, None),
            Identity::Agent { login: "ann".into(), role: Role::Lead }
        );
        // Someone not among the people works with the role for strangers, or only looks.
        let stranger = Identity::of("zed", false, None, 3, Some(Role::Operator));
        assert_eq!(stranger, Identity::Agent { login: "zed".into(), role: Role::Operator });
        assert_eq!(Identity::of("zed", false, None, 3, None), Identity::Unknown("zed".into()));
    }

    #[test]
    fn only_technicians_operators_and_strangers_see_less() {
        let agent = |role| Identity::Agent { login: "ann".into(), role };
        assert_eq!(agent(Role::Technician).limited_viewer(), Some("ann"));
        assert_eq!(agent(Role::Operator).limited_viewer(), Some("ann"));
        assert_eq!(Identity::Unknown("zed".into()).limited_viewer(), Some("zed"));
        for all in [agent(Role::Lead), agent(Role::Admin), Identity::Program, Identity::of("ann", false, None, 0, None)]
        {
            assert_eq!(all.limited_viewer(), None, "{all:?}");
        }
    }

    #[test]
    fn whoever_sets_up_the_first_people_becomes_their_admin() {
        assert_eq!(first_admin("ann", false, 0, 0), None, "nobody set up yet: nothing to keep");
        assert_eq!(
            first_admin("ann", false, 2, 0),
            Some(FirstAdmin { login: "ann".into(), believe_config_names: false })
        );
        assert_eq!(
            first_admin("ann", true, 2, 0),
            Some(FirstAdmin { login: "ann".into(), believe_config_names: true })
        );
        assert_eq!(first_admin("ann", true, 2, 1), None, "an admin exists: roles apply as set");
    }

    #[test]
    fn fields_need_the_permission_of_their_step() {
        assert_eq!(for_field(Field::Title), Permission::Register);
        assert_eq!(for_field(Field::Impact), Permission::Classify);
        assert_eq!(for_field(Field::Assignee), Permission::Assign);
        assert_eq!(for_field(Field::Solution), Permission::Close);
    }
}
