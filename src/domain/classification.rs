//! Classifying an incident: what the wizard decides, as edits of the ticket.

use super::priority::{Level, Priority, PriorityMatrix};
use super::ticket::Field;

/// The outcome of classification. A priority other than the matrix's needs
/// a reason, which is kept with the ticket's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub service: Option<String>,
    pub impact: Level,
    pub urgency: Level,
    /// A priority chosen against the matrix, with the reason why.
    pub overridden: Option<(Priority, String)>,
}

/// Why a classification cannot be saved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClassificationError {
    #[error("the priority matrix has no cell for impact {0} and urgency {1}")]
    NoCell(Level, Level),
    #[error("a priority other than the matrix's needs a reason")]
    ReasonRequired,
    #[error("a priority needs the impact and urgency first")]
    Unclassified,
}

/// A priority set by hand on a classified ticket (the command line's
/// `--priority`): the matrix's own is no override; another one needs a
/// reason and is recorded as the wizard records it (chosen, matrix, reason).
pub fn chosen_priority(
    matrix: &PriorityMatrix,
    impact: Option<Level>,
    urgency: Option<Level>,
    chosen: Priority,
    reason: Option<&str>,
) -> Result<Option<(Priority, Priority, String)>, ClassificationError> {
    let (impact, urgency) = impact.zip(urgency).ok_or(ClassificationError::Unclassified)?;
    let from_matrix = matrix.priority(impact, urgency).ok_or(ClassificationError::NoCell(impact, urgency))?;
    if chosen == from_matrix {
        return Ok(None);
    }
    let reason = reason.map(str::trim).unwrap_or_default();
    if reason.is_empty() {
        return Err(ClassificationError::ReasonRequired);
    }
    Ok(Some((chosen, from_matrix, reason.to_string())))
}

impl Classification {
    /// The priority the matrix gives.
    pub fn matrix_priority(&self, matrix: &PriorityMatrix) -> Result<Priority, ClassificationError> {
        matrix.priority(self.impact, self.urgency).ok_or(ClassificationError::NoCell(self.impact, self.urgency))
    }

    /// The priority that applies: the override if there is one.
    pub fn priority(&self, matrix: &PriorityMatrix) -> Result<Priority, ClassificationError> {
        let from_matrix = self.matrix_priority(matrix)?;
        match &self.overridden {
            Some((p, reason)) if *p != from_matrix => {
                if reason.trim().is_empty() {
                    return Err(ClassificationError::ReasonRequired);
                }
                Ok(*p)
            }
            _ => Ok(from_matrix),
        }
    }

    /// The field edits that store the classification.
    pub fn edits(&self, matrix: &PriorityMatrix) -> Result<Vec<(Field, Option<String>)>, ClassificationError> {
        let priority = self.priority(matrix)?;
        Ok(vec![
            (Field::Category, self.category.clone()),
            (Field::Subcategory, self.subcategory.clone()),
            (Field::Service, self.service.clone()),
            (Field::Impact, Some(self.impact.to_string())),
            (Field::Urgency, Some(self.urgency.to_string())),
            (Field::Priority, Some(priority.to_string())),
        ])
    }

    /// The override worth recording: chosen priority, matrix priority, reason.
    pub fn recorded_override(&self, matrix: &PriorityMatrix) -> Option<(Priority, Priority, String)> {
        let from_matrix = self.matrix_priority(matrix).ok()?;
        match &self.overridden {
            Some((p, reason)) if *p != from_matrix => Some((*p, from_matrix, reason.trim().to_string())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(overridden: Option<(Priority, &str)>) -> Classification {
        Classification {
            category: Some("Network".into()),
            subcategory: None,
            service: Some("VPN".into()),
            impact: Level::new(2).unwrap(),
            urgency: Level::new(2).unwrap(),
            overridden: overridden.map(|(p, r)| (p, r.to_string())),
        }
    }

    #[test]
    fn the_matrix_decides_unless_overridden_with_a_reason() {
        let m = PriorityMatrix::default();
        assert_eq!(c(None).priority(&m), Ok(Priority::P2));
        assert_eq!(c(Some((Priority::P1, "CEO cannot work"))).priority(&m), Ok(Priority::P1));
        assert_eq!(c(Some((Priority::P1, "  "))).priority(&m), Err(ClassificationError::ReasonRequired));
        // Choosing the matrix's own priority is no override.
        assert_eq!(c(Some((Priority::P2, ""))).priority(&m), Ok(Priority::P2));
        assert_eq!(c(Some((Priority::P2, ""))).recorded_override(&m), None);
        assert_eq!(
            c(Some((Priority::P1, "CEO"))).recorded_override(&m),
            Some((Priority::P1, Priority::P2, "CEO".to_string()))
        );
    }

    #[test]
    fn a_priority_by_hand_against_the_matrix_needs_a_reason() {
        let m = PriorityMatrix::default();
        let two = Level::new(2);
        assert_eq!(chosen_priority(&m, two, two, Priority::P2, None), Ok(None));
        assert_eq!(chosen_priority(&m, two, two, Priority::P1, None), Err(ClassificationError::ReasonRequired));
        assert_eq!(chosen_priority(&m, two, two, Priority::P1, Some(" ")), Err(ClassificationError::ReasonRequired));
        assert_eq!(
            chosen_priority(&m, two, two, Priority::P1, Some(" CEO ")),
            Ok(Some((Priority::P1, Priority::P2, "CEO".to_string())))
        );
        assert_eq!(chosen_priority(&m, None, two, Priority::P1, Some("x")), Err(ClassificationError::Unclassified));
    }

    #[test]
    fn edits_cover_every_classified_field() {
        let edits = c(None).edits(&PriorityMatrix::default()).unwrap();
        let fields: Vec<Field> = edits.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec![Field::Category, Field::Subcategory, Field::Service, Field::Impact, Field::Urgency, Field::Priority]
        );
        assert_eq!(edits.last().unwrap().1.as_deref(), Some("P2"));
    }
}
