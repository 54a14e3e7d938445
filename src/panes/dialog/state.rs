//! A small modal dialog: one or more steps, each a choice from a list or a
//! line of text, answered with the keyboard. Assigning, escalating, asking a
//! lead, making a major incident and linking to one all use it.

use crate::app::picklist::PickList;
use crate::domain::TicketId;

/// What the dialog is for; decides its steps and what happens at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    Assign,
    Escalate,
    AskLead,
    MakeMajor,
    LinkToMajor,
    AddTeam,
    AddAgent,
    LinkProblem,
    ApplyKnowledge,
    Duplicate,
    /// What the reports count: a team, priority, category, service or department.
    ReportFilter,
    ReportDates,
}

/// One question of a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Pick {
        label: String,
        list: PickList,
    },
    /// A line of text; `optional` ones may be left empty.
    Text {
        label: String,
        value: String,
        optional: bool,
    },
}

impl Step {
    pub fn label(&self) -> &str {
        match self {
            Step::Pick { label, .. } | Step::Text { label, .. } => label,
        }
    }

    /// The answer as chosen so far: the picked value or the typed text.
    pub fn answer(&self) -> Option<String> {
        match self {
            Step::Pick { list, .. } => list.value().map(str::to_string),
            Step::Text { value, .. } => Some(value.trim().to_string()).filter(|v| !v.is_empty()),
        }
    }

    /// What the answer looks like on screen.
    pub fn shown(&self) -> String {
        match self {
            Step::Pick { list, .. } => list.chosen_label().to_string(),
            Step::Text { value, .. } => value.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Dialog {
    pub kind: DialogKind,
    pub ticket_id: TicketId,
    pub version: i64,
    pub title: String,
    pub steps: Vec<Step>,
    pub current: usize,
    pub saving: Option<crate::app::effect::Ask>,
    /// The current step's text is a suggestion (a date, say): the first
    /// character typed replaces it instead of being added to it.
    pub suggested: bool,
}

impl Dialog {
    pub fn new(kind: DialogKind, ticket_id: TicketId, version: i64, title: String, first: Step) -> Dialog {
        let suggested = has_text(&first);
        Dialog { kind, ticket_id, version, title, steps: vec![first], current: 0, saving: None, suggested }
    }

    pub fn step(&self) -> &Step {
        &self.steps[self.current]
    }

    pub fn step_mut(&mut self) -> &mut Step {
        &mut self.steps[self.current]
    }

    pub fn answer(&self, index: usize) -> Option<String> {
        self.steps.get(index).and_then(Step::answer)
    }

    /// Types a character into the current step.
    pub fn type_char(&mut self, c: char) {
        let replace = std::mem::take(&mut self.suggested);
        match self.step_mut() {
            Step::Pick { list, .. } => list.type_char(c),
            Step::Text { value, .. } => {
                if replace {
                    value.clear();
                }
                value.push(c)
            }
        }
    }

    /// Deletes a typed character; returns false when there was none.
    pub fn backspace(&mut self) -> bool {
        // Editing the suggestion keeps the rest of it.
        self.suggested = false;
        match self.step_mut() {
            Step::Pick { list, .. } => list.filter.pop().is_some(),
            Step::Text { value, .. } => value.pop().is_some(),
        }
    }

    /// Back to the previous step, forgetting the later ones.
    pub fn back(&mut self) {
        if self.current > 0 {
            self.steps.truncate(self.current);
            self.current -= 1;
            self.suggested = false;
        }
    }

    /// Takes the current answer. Returns false if it is empty where one is needed.
    pub fn accept_current(&mut self) -> bool {
        match self.step_mut() {
            Step::Pick { list, .. } => list.accept(),
            Step::Text { value, optional, .. } => *optional || !value.trim().is_empty(),
        }
    }

    /// Adds the next question and moves to it.
    pub fn push(&mut self, step: Step) {
        self.steps.truncate(self.current + 1);
        self.suggested = has_text(&step);
        self.steps.push(step);
        self.current += 1;
    }
}

/// A text step that starts with a value.
fn has_text(step: &Step) -> bool {
    matches!(step, Step::Text { value, .. } if !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::picklist::Choice;

    fn pick() -> Step {
        let choices = ["Network", "Workplace"]
            .iter()
            .map(|n| Choice { value: Some(n.to_string()), label: n.to_string() })
            .collect();
        Step::Pick { label: "Team".into(), list: PickList::new(choices) }
    }

    #[test]
    fn steps_are_answered_in_turn_and_going_back_forgets() {
        let mut d = Dialog::new(DialogKind::Escalate, 1, 1, "x".into(), pick());
        d.type_char('w');
        assert!(d.accept_current());
        assert_eq!(d.answer(0).as_deref(), Some("Workplace"));
        d.push(Step::Text { label: "Reason".into(), value: String::new(), optional: false });
        assert!(!d.accept_current(), "an empty reason is no answer");
        d.type_char('!');
        assert!(d.accept_current());
        d.back();
        assert_eq!(d.steps.len(), 1);
        assert_eq!(d.current, 0);
    }

    #[test]
    fn typing_over_a_suggested_value_replaces_it_and_backspace_edits_it() {
        let date = |v: &str| Step::Text { label: "From".into(), value: v.into(), optional: false };
        let mut d = Dialog::new(DialogKind::ReportDates, 0, 0, "x".into(), date("2026-11-25"));
        for c in "2026-11-01".chars() {
            d.type_char(c);
        }
        assert_eq!(d.answer(0).as_deref(), Some("2026-11-01"), "not 2026-11-252026-11-01");
        assert!(d.accept_current());
        d.push(date("2026-11-30"));
        assert!(d.backspace() && d.backspace());
        d.type_char('2');
        d.type_char('9');
        assert_eq!(d.answer(1).as_deref(), Some("2026-11-29"), "backspace edits the suggestion");
    }
}
