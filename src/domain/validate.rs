//! Checks on a new ticket before it is saved, reported per field.

use super::ticket::{Field, NewTicket};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// Why a field's value is not acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong { max: usize },
    InvalidEmail,
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
    } else if t.title.chars().count() > MAX_TITLE_CHARS {
        flag(Field::Title, Problem::TooLong { max: MAX_TITLE_CHARS });
    }
    if t.description.chars().count() > MAX_DESCRIPTION_CHARS {
        flag(Field::Description, Problem::TooLong { max: MAX_DESCRIPTION_CHARS });
    }
    if t.reporter.name.trim().is_empty() {
        flag(Field::ReporterName, Problem::Required);
    }
    if let Some(email) = &t.reporter.email
        && !looks_like_email(email)
    {
        flag(Field::ReporterEmail, Problem::InvalidEmail);
    }
    problems
}

/// A light check that catches typos, not a full address parser.
fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
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
}
