//! What every write checks before it stores a value: texts against the
//! table of limits, levels against the priority matrix, and names of teams,
//! people and pick-list values against those that exist.

use super::sql::Db;

use super::{Policy, Result, StoreError};
use crate::domain::Field;
use crate::domain::limits::{Input, TextProblem, check};
use crate::domain::ticket::FieldChange;
use crate::domain::validate::{FieldProblem, text_problem};

/// Refuses a text over its limit, or with a line break where one line belongs.
pub(super) fn text(input: Input, value: &str) -> Result<()> {
    check(input, value).map_err(|p| match p {
        TextProblem::TooLong { max, .. } => StoreError::TooLong { input, max },
        TextProblem::ControlCharacter => StoreError::ControlCharacter(input),
    })
}

/// As [`text`], for a value that may be absent.
pub(super) fn opt_text(input: Input, value: Option<&str>) -> Result<()> {
    value.map_or(Ok(()), |v| text(input, v))
}

/// The values a name must be one of; `within` narrows subcategories to a category.
pub(super) fn known_values(conn: &dyn Db, input: Input, within: Option<&str>) -> Result<Vec<String>> {
    let sql = match input {
        Input::Team => "SELECT name FROM teams WHERE active = 1 ORDER BY name",
        Input::Person => "SELECT login FROM agents WHERE active = 1 ORDER BY login",
        Input::Category => "SELECT name FROM categories WHERE active = 1 ORDER BY name",
        Input::Service => "SELECT name FROM services WHERE active = 1 ORDER BY name",
        Input::Department => "SELECT name FROM departments WHERE active = 1 ORDER BY name",
        // The first line is the servicedesk itself, there before any team is.
        Input::Line => {
            "SELECT CAST(line AS TEXT) FROM (SELECT 1 AS line UNION SELECT line FROM teams WHERE active = 1) AS lines
                        ORDER BY line"
        }
        Input::Subcategory if within.is_some() => {
            "SELECT s.name FROM subcategories s JOIN categories c ON c.id = s.category_id
             WHERE c.name = ?1 AND s.active = 1 ORDER BY s.name"
        }
        Input::Subcategory => {
            "SELECT DISTINCT name FROM subcategories WHERE active = 1 AND CAST(?1 AS TEXT) IS NULL ORDER BY name"
        }
        _ => return Ok(Vec::new()),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = if sql.contains("?1") {
        stmt.query_map([within], |r| r.get(0))?.collect::<super::sql::Result<_>>()?
    } else {
        stmt.query_map([], |r| r.get(0))?.collect::<super::sql::Result<_>>()?
    };
    Ok(rows)
}

/// Refuses a name that is not among those that exist, naming those that do.
pub(super) fn known(conn: &dyn Db, input: Input, value: &str, within: Option<&str>) -> Result<()> {
    text(input, value)?;
    let values = known_values(conn, input, within)?;
    if values.iter().any(|v| v == value) {
        return Ok(());
    }
    Err(StoreError::NotKnown { input, value: value.to_string(), known: values })
}

/// Whether a name is there at all, active or removed: history may name
/// a team or person that has gone since.
pub(super) fn ever_known(conn: &dyn Db, input: Input, value: &str, within: Option<&str>) -> Result<()> {
    let sql = match input {
        Input::Team => "SELECT 1 FROM teams WHERE name = ?1",
        Input::Person => "SELECT 1 FROM agents WHERE login = ?1",
        Input::Category => "SELECT 1 FROM categories WHERE name = ?1",
        Input::Service => "SELECT 1 FROM services WHERE name = ?1",
        Input::Department => "SELECT 1 FROM departments WHERE name = ?1",
        Input::Subcategory => {
            "SELECT 1 FROM subcategories s JOIN categories c ON c.id = s.category_id
             WHERE s.name = ?1 AND (CAST(?2 AS TEXT) IS NULL OR c.name = ?2)"
        }
        _ => return known(conn, input, value, within),
    };
    text(input, value)?;
    let there = match input {
        Input::Subcategory => conn.prepare_cached(sql)?.exists(super::sql::params![value, within])?,
        _ => conn.prepare_cached(sql)?.exists([value])?,
    };
    if there { Ok(()) } else { known(conn, input, value, within) }
}

/// Refuses an impact or urgency the configured matrix has no level for.
pub(super) fn level(policy: &Policy, input: Input, level: Option<crate::domain::Level>) -> Result<()> {
    let Some(level) = level else { return Ok(()) };
    let matrix = &policy.matrix;
    let count = match input {
        Input::Impact => matrix.impact_levels().len(),
        _ => matrix.urgency_levels().len(),
    };
    if (level.get() as usize) <= count {
        return Ok(());
    }
    let known = (1..=count).map(|n| n.to_string()).collect();
    Err(StoreError::NotKnown { input, value: level.to_string(), known })
}

/// The pick-list fields of a ticket and what they hold.
pub(super) struct Picks<'a> {
    pub team: Option<&'a str>,
    pub assignee: Option<&'a str>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub service: Option<&'a str>,
    pub department: Option<&'a str>,
    pub impact: Option<crate::domain::Level>,
    pub urgency: Option<crate::domain::Level>,
}

impl<'a> Picks<'a> {
    pub fn of_new(t: &'a crate::domain::NewTicket) -> Picks<'a> {
        Picks {
            team: t.team.as_deref(),
            assignee: t.assignee.as_deref(),
            category: t.category.as_deref(),
            subcategory: t.subcategory.as_deref(),
            service: t.service.as_deref(),
            department: t.reporter.department.as_deref(),
            impact: t.impact,
            urgency: t.urgency,
        }
    }

    pub fn of(t: &'a crate::domain::Ticket) -> Picks<'a> {
        Picks {
            team: t.team.as_deref(),
            assignee: t.assignee.as_deref(),
            category: t.category.as_deref(),
            subcategory: t.subcategory.as_deref(),
            service: t.service.as_deref(),
            department: t.reporter.department.as_deref(),
            impact: t.impact,
            urgency: t.urgency,
        }
    }

    /// Checks the fields `which` names (all when none): each must exist.
    pub fn check(&self, conn: &dyn Db, policy: &Policy, which: Option<&[Field]>) -> Result<()> {
        let asked = |f: Field| which.is_none_or(|w| w.contains(&f));
        let names = [
            (Field::Team, Input::Team, self.team),
            (Field::Assignee, Input::Person, self.assignee),
            (Field::Category, Input::Category, self.category),
            (Field::Service, Input::Service, self.service),
            (Field::Department, Input::Department, self.department),
        ];
        for (field, input, value) in names {
            if let (true, Some(value)) = (asked(field), value) {
                known(conn, input, value, None)?;
            }
        }
        if let (true, Some(sub)) = (asked(Field::Subcategory) || asked(Field::Category), self.subcategory) {
            known(conn, Input::Subcategory, sub, self.category)?;
        }
        if asked(Field::Impact) {
            level(policy, Input::Impact, self.impact)?;
        }
        if asked(Field::Urgency) {
            level(policy, Input::Urgency, self.urgency)?;
        }
        Ok(())
    }
}

/// The text problems of the fields an edit changed.
pub(super) fn changed_texts(changes: &[FieldChange]) -> Result<()> {
    let problems: Vec<FieldProblem> = changes
        .iter()
        .filter_map(|c| {
            let value = c.new.as_deref()?;
            // An address is the same thing on a change as on a new ticket.
            if c.field == crate::domain::Field::ReporterEmail
                && !value.trim().is_empty()
                && !crate::domain::validate::is_email_address(value)
            {
                return Some(FieldProblem { field: c.field, problem: crate::domain::validate::Problem::InvalidEmail });
            }
            let problem = text_problem(c.field, value)?;
            Some(FieldProblem { field: c.field, problem })
        })
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(StoreError::Incomplete(problems)) }
}
