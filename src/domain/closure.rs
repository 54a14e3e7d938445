//! Closing an incident: the checklist, the closure code and, for the big
//! ones, the post-incident review.

use chrono::{DateTime, Utc};

use super::Field;
use super::priority::Priority;

/// A checklist item, with what it means in English and Dutch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    pub name: String,
    pub en: String,
    pub nl: String,
    /// Closing is refused while a required item is not ticked.
    pub required: bool,
}

impl ChecklistItem {
    pub fn label(&self, language: &str) -> &str {
        if language == "nl" { &self.nl } else { &self.en }
    }
}

/// A closure code (solved permanently, duplicate, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosureCode {
    pub name: String,
    pub en: String,
    pub nl: String,
}

impl ClosureCode {
    pub fn label(&self, language: &str) -> &str {
        if language == "nl" { &self.nl } else { &self.en }
    }
}

/// What closing asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosurePolicy {
    pub items: Vec<ChecklistItem>,
    pub codes: Vec<ClosureCode>,
    /// Priorities that need a completed post-incident review before closing.
    pub review_priorities: Vec<Priority>,
    /// Major incidents need one too.
    pub review_major: bool,
}

/// The checklist item ticked by itself when the closing summary goes out.
pub const SUMMARY_SENT: &str = "summary_sent";

/// The checklist item that filling in a closing field ticks: writing the
/// cause down is recording it.
pub fn recorded_by(field: super::Field) -> Option<&'static str> {
    use super::Field;
    match field {
        Field::Cause => Some("cause_recorded"),
        Field::Measures => Some("measures_recorded"),
        Field::Solution => Some("solution_recorded"),
        _ => None,
    }
}

/// The code a duplicate is closed with (always available).
pub const DUPLICATE: &str = "duplicate";

impl Default for ClosurePolicy {
    fn default() -> Self {
        let item = |name: &str, en: &str, nl: &str, required| ChecklistItem {
            name: name.into(),
            en: en.into(),
            nl: nl.into(),
            required,
        };
        let code = |name: &str, en: &str, nl: &str| ClosureCode { name: name.into(), en: en.into(), nl: nl.into() };
        ClosurePolicy {
            items: vec![
                item("service_restored", "Service restored and verified", "Dienst hersteld en gecontroleerd", true),
                item("reporter_confirmed", "Reporter confirmed it works", "Melder bevestigt dat het werkt", true),
                item("cause_recorded", "Cause recorded", "Oorzaak vastgelegd", true),
                item("measures_recorded", "Measures taken recorded", "Genomen maatregelen vastgelegd", true),
                item("solution_recorded", "Final solution recorded", "Definitieve oplossing vastgelegd", true),
                item("summary_sent", "Summary sent to the reporter", "Samenvatting naar de melder gestuurd", true),
                item("feedback_asked", "Feedback asked", "Om feedback gevraagd", false),
            ],
            codes: vec![
                code("solved", "Solved permanently", "Definitief opgelost"),
                code("workaround", "Solved with a workaround", "Opgelost met een workaround"),
                code("no_fault", "No fault found", "Geen fout gevonden"),
                code(DUPLICATE, "Duplicate", "Dubbele melding"),
                code("cancelled", "Cancelled", "Geannuleerd"),
            ],
            review_priorities: vec![Priority::P1, Priority::P2],
            review_major: true,
        }
    }
}

/// What closing is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClosingState {
    pub ticked: Vec<String>,
    pub review_required: bool,
    pub review_complete: bool,
    /// Marked as a duplicate of another incident.
    pub duplicate: bool,
}

/// Why an incident cannot be closed yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosureBlock {
    /// Required checklist items not ticked.
    Missing(Vec<ChecklistItem>),
    NoCode,
    UnknownCode(String),
    ReviewRequired,
    /// The duplicate code without saying of which incident.
    NotADuplicate,
}

impl ClosurePolicy {
    pub fn code(&self, name: &str) -> Option<&ClosureCode> {
        self.codes.iter().find(|c| c.name == name)
    }

    pub fn item(&self, name: &str) -> Option<&ChecklistItem> {
        self.items.iter().find(|i| i.name == name)
    }

    pub fn review_required(&self, priority: Option<Priority>, major: bool) -> bool {
        (major && self.review_major) || priority.is_some_and(|p| self.review_priorities.contains(&p))
    }

    /// Everything that still stands in the way of closing. A duplicate (one
    /// marked as such, with its original) only needs its code.
    pub fn blocks(&self, state: &ClosingState, code: Option<&str>) -> Vec<ClosureBlock> {
        let mut blocks = Vec::new();
        match code {
            None => blocks.push(ClosureBlock::NoCode),
            Some(c) if self.code(c).is_none() => blocks.push(ClosureBlock::UnknownCode(c.to_string())),
            Some(DUPLICATE) if state.duplicate => return blocks,
            Some(DUPLICATE) => blocks.push(ClosureBlock::NotADuplicate),
            Some(_) => {}
        }
        let (ticked, review_required, review_complete) = (&state.ticked, state.review_required, state.review_complete);
        let missing: Vec<ChecklistItem> =
            self.items.iter().filter(|i| i.required && !ticked.contains(&i.name)).cloned().collect();
        if !missing.is_empty() {
            blocks.push(ClosureBlock::Missing(missing));
        }
        if review_required && !review_complete {
            blocks.push(ClosureBlock::ReviewRequired);
        }
        blocks
    }
}

/// A tick on the checklist: which item, when, by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub item: String,
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// What closing records besides the status, stored together.
#[derive(Clone, Copy, Debug, Default)]
pub struct Closing<'a> {
    /// Cause, measures and solution.
    pub fields: &'a [(Field, Option<String>)],
    /// The reporter's score and comment, when given (again).
    pub feedback: Option<(u8, &'a str)>,
    pub code: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_ticked(p: &ClosurePolicy) -> Vec<String> {
        p.items.iter().map(|i| i.name.clone()).collect()
    }

    fn state(ticked: Vec<String>, review_required: bool) -> ClosingState {
        ClosingState { ticked, review_required, review_complete: false, duplicate: false }
    }

    #[test]
    fn closing_needs_the_required_items_and_a_code() {
        let p = ClosurePolicy::default();
        let blocks = p.blocks(&state(vec!["service_restored".into()], false), None);
        assert!(blocks.contains(&ClosureBlock::NoCode));
        let Some(ClosureBlock::Missing(missing)) = blocks.iter().find(|b| matches!(b, ClosureBlock::Missing(_))) else {
            panic!("{blocks:?}")
        };
        let names: Vec<&str> = missing.iter().map(|i| i.name.as_str()).collect();
        assert!(names.contains(&"cause_recorded") && !names.contains(&"service_restored"));
        assert!(!names.contains(&"feedback_asked"), "not required");
        assert!(p.blocks(&state(all_ticked(&p), false), Some("solved")).is_empty());
        assert_eq!(
            p.blocks(&state(all_ticked(&p), false), Some("fixed?")),
            vec![ClosureBlock::UnknownCode("fixed?".into())]
        );
    }

    #[test]
    fn big_incidents_need_a_completed_review() {
        let p = ClosurePolicy::default();
        assert!(p.review_required(Some(Priority::P1), false));
        assert!(p.review_required(Some(Priority::P4), true));
        assert!(!p.review_required(Some(Priority::P3), false));
        assert_eq!(p.blocks(&state(all_ticked(&p), true), Some("solved")), vec![ClosureBlock::ReviewRequired]);
    }

    #[test]
    fn only_a_marked_duplicate_closes_on_its_code_alone() {
        let p = ClosurePolicy::default();
        let marked = ClosingState { duplicate: true, ..state(Vec::new(), true) };
        assert!(p.blocks(&marked, Some(DUPLICATE)).is_empty());
        let blocks = p.blocks(&state(Vec::new(), true), Some(DUPLICATE));
        assert!(blocks.contains(&ClosureBlock::NotADuplicate) && blocks.contains(&ClosureBlock::ReviewRequired));
    }
}
