//! Checks on a new ticket before it is saved, reported per field.

use super::ticket::{Field, NewTicket};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// Why a field's value is not acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidEmail,
    /// A line break or another control character in a one-line field.
    ControlCharacter,
}

/// In English, for files read in bulk (the catalogue words it for people).
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Required => f.write_str("is empty"),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::InvalidEmail => f.write_str("is not an e-mail address"),
            Problem::ControlCharacter => f.write_str("must be one line, without control characters"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
}

/// Every problem with a new ticket, in form order; empty when it can be saved.
pub fn check_new_ticket(t: &NewTicket) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut flag = |field, problem| problems.push(FieldProblem { field, problem });
    if t.title.trim().is_empty() {
        flag(Field::Title, Problem::Required);
    }
    let texts = [
        (Field::Title, Some(t.title.as_str())),
        (Field::Description, Some(t.description.as_str())),
        (Field::ReporterName, Some(t.reporter.name.as_str())),
        (Field::ReporterEmail, t.reporter.email.as_deref()),
        (Field::ReporterPhone, t.reporter.phone.as_deref()),
        (Field::Department, t.reporter.department.as_deref()),
        (Field::Service, t.service.as_deref()),
        (Field::Category, t.category.as_deref()),
        (Field::Subcategory, t.subcategory.as_deref()),
        (Field::Team, t.team.as_deref()),
        (Field::Assignee, t.assignee.as_deref()),
    ];
    for (field, value) in texts {
        if let Some(problem) = value.and_then(|v| text_problem(field, v)) {
            flag(field, problem);
        }
    }
    if t.reporter.name.trim().is_empty() {
        flag(Field::ReporterName, Problem::Required);
    }
    if let Some(email) = &t.reporter.email
        && !is_email_address(email)
    {
        flag(Field::ReporterEmail, Problem::InvalidEmail);
    }
    problems
}

/// What is wrong with a ticket field's text, by the table of limits.
pub fn text_problem(field: Field, value: &str) -> Option<Problem> {
    match super::limits::check(super::limits::Input::of_field(field), value) {
        Ok(()) => None,
        Err(super::limits::TextProblem::TooLong { max, .. }) => Some(Problem::TooLong { max }),
        Err(super::limits::TextProblem::ControlCharacter) => Some(Problem::ControlCharacter),
    }
}

/// What meldpunt takes for an e-mail address, at entry and when sending
/// alike: `local@domain.tld` in plain ASCII, the local part letters, digits
/// and `!#$%&'*+-/=?^_`{|}~` in dot-separated pieces, the domain two or more
/// labels of letters, digits and inner hyphens. No quoted names, no IP
/// literals, no non-ASCII (it could not be written in a header as is).
pub fn is_email_address(s: &str) -> bool {
    let Some((local, domain)) = s.trim().rsplit_once('@') else { return false };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let local_ok = local.len() <= 64 && local.split('.').all(|part| !part.is_empty() && part.chars().all(atext));
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let domain_ok = domain.len() <= 253 && domain.contains('.') && domain.split('.').all(label_ok);
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::Channel;

    #[test]
    fn a_complete_ticket_has_no_problems() {
        let mut t = NewTicket::new("Printer jammed", "Sanne Jansen", Channel::Phone);
        t.reporter.email = Some("s.jansen@example.nl".into());
        assert!(check_new_ticket(&t).is_empty());
    }

    #[test]
    fn missing_required_fields_are_named() {
        let t = NewTicket::new(" ", "", Channel::Email);
        let fields: Vec<Field> = check_new_ticket(&t).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec![Field::Title, Field::ReporterName]);
    }

    #[test]
    fn an_address_is_plain_ascii_local_at_a_dotted_domain() {
        for good in ["s.jansen@example.nl", "a+b@mail.example.com", " kees@example.nl "] {
            assert!(is_email_address(good), "{good}");
        }
        for bad in [
            "kées@exämple.com",
            "a@[127.0.0.1]",
            "a@localhost",
            "\"kees@example.com\" <attacker@evil.com>",
            "Kees <kees@example.nl>",
            "a..b@example.nl",
            "a@-x.nl",
            "a@b@example.nl",
            "piet at example",
        ] {
            assert!(!is_email_address(bad), "{bad}");
        }
    }

    #[test]
    fn bad_email_and_long_title() {
        let mut t = NewTicket::new(&"x".repeat(MAX_TITLE_CHARS + 1), "Piet", Channel::Chat);
        t.reporter.email = Some("piet at example".into());
        let problems = check_new_ticket(&t);
        assert!(
            problems
                .contains(&FieldProblem { field: Field::Title, problem: Problem::TooLong { max: MAX_TITLE_CHARS } })
        );
        assert!(problems.contains(&FieldProblem { field: Field::ReporterEmail, problem: Problem::InvalidEmail }));
    }

    #[test]
    fn a_title_with_a_line_break_is_refused() {
        let mut t = NewTicket::new("Printer\nBcc: x@example.com", "Piet", Channel::Chat);
        t.team = Some("Sales\r\nEMEA".into());
        let problems = check_new_ticket(&t);
        assert!(problems.contains(&FieldProblem { field: Field::Title, problem: Problem::ControlCharacter }));
        assert!(problems.contains(&FieldProblem { field: Field::Team, problem: Problem::ControlCharacter }));
    }
}
