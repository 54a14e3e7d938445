//! The classification wizard: category → subcategory → service → impact →
//! urgency → result, each step a list that can be typed into.

use crate::app::picklist::{Choice, PickList};
use crate::domain::classification::Classification;
use crate::domain::priority::LevelInfo;
use crate::domain::reference::PickLists;
use crate::domain::sla::History;
use crate::domain::{Level, Priority, PriorityMatrix, Ticket, TicketId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Category,
    Subcategory,
    Service,
    Impact,
    Urgency,
    Result,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Step::Category, Step::Subcategory, Step::Service, Step::Impact, Step::Urgency, Step::Result];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

pub struct Wizard {
    pub ticket_id: TicketId,
    pub version: i64,
    pub title: String,
    /// For the due times the result step shows.
    pub history: History,
    pub step: Step,
    pub category: PickList,
    pub subcategory: PickList,
    pub service: PickList,
    pub impact: PickList,
    pub urgency: PickList,
    /// A priority chosen against the matrix, and why.
    pub override_priority: Option<Priority>,
    pub reason: String,
    pub saving: Option<crate::app::effect::Ask>,
    /// A number typed into a list of more than nine options, taken by Enter.
    pub number: String,
    /// The language lists are shown in.
    language: String,
}

fn levels(levels: &[LevelInfo], language: &str, current: Option<Level>) -> PickList {
    let choices = Level::up_to(levels.len())
        .zip(levels)
        // The list numbers its options: the level's number is shown once.
        .map(|(l, info)| Choice { value: Some(l.to_string()), label: info.description(language).to_string() })
        .collect();
    let mut pick = PickList::new(choices);
    pick.choose_value(current.map(|l| l.to_string()).as_deref());
    pick.highlight_chosen();
    pick
}

fn names(empty: &str, names: &[String], current: Option<&str>, language: &str) -> PickList {
    let mut pick = PickList::named(empty, names, language);
    pick.choose_value(current);
    pick.highlight_chosen();
    pick
}

impl Wizard {
    /// The wizard for a ticket, with its current values selected.
    pub fn new(
        ticket: &Ticket,
        history: History,
        lists: &PickLists,
        matrix: &PriorityMatrix,
        language: &str,
        empty: &str,
    ) -> Self {
        let mut wizard = Wizard {
            ticket_id: ticket.id,
            version: ticket.version,
            title: ticket.title.clone(),
            history,
            step: Step::Category,
            category: names(empty, &lists.category_names(), ticket.category.as_deref(), language),
            subcategory: PickList::optional(empty, &[]),
            service: names(empty, &lists.services, ticket.service.as_deref(), language),
            impact: levels(matrix.impact_levels(), language, ticket.impact),
            urgency: levels(matrix.urgency_levels(), language, ticket.urgency),
            override_priority: None,
            reason: String::new(),
            saving: None,
            number: String::new(),
            language: language.to_string(),
        };
        wizard.refresh_subcategories(lists, empty, ticket.subcategory.as_deref());
        // Reclassifying keeps a priority that was chosen against the matrix
        // (only a ticket with impact and urgency can have had one).
        let from_matrix = ticket.impact.zip(ticket.urgency).and_then(|(i, u)| matrix.priority(i, u));
        if let (Some(p), Some(from_matrix)) = (ticket.priority, from_matrix)
            && p != from_matrix
        {
            wizard.override_priority = Some(p);
        }
        wizard
    }

    fn refresh_subcategories(&mut self, lists: &PickLists, empty: &str, current: Option<&str>) {
        let subs = self.category.value().map(|c| lists.subcategories(c)).unwrap_or(&[]);
        self.subcategory = names(empty, subs, current, &self.language);
    }

    pub fn list_mut(&mut self) -> Option<&mut PickList> {
        match self.step {
            Step::Category => Some(&mut self.category),
            Step::Subcategory => Some(&mut self.subcategory),
            Step::Service => Some(&mut self.service),
            Step::Impact => Some(&mut self.impact),
            Step::Urgency => Some(&mut self.urgency),
            Step::Result => None,
        }
    }

    pub fn list(&self) -> Option<&PickList> {
        match self.step {
            Step::Category => Some(&self.category),
            Step::Subcategory => Some(&self.subcategory),
            Step::Service => Some(&self.service),
            Step::Impact => Some(&self.impact),
            Step::Urgency => Some(&self.urgency),
            Step::Result => None,
        }
    }

    fn has_subcategories(&self) -> bool {
        self.subcategory.choices.len() > 1
    }

    /// The ticket field of the current step's list, if it is one a value
    /// can be added to.
    pub fn field(&self) -> Option<crate::domain::Field> {
        use crate::domain::Field;
        match self.step {
            Step::Category => Some(Field::Category),
            Step::Subcategory => Some(Field::Subcategory),
            Step::Service => Some(Field::Service),
            _ => None,
        }
    }

    /// A value was added to a list: offer it, chosen, where it was typed.
    pub fn added(&mut self, lists: &PickLists, field: crate::domain::Field, name: &str, empty: &str) {
        use crate::domain::Field;
        match field {
            Field::Category => self.category = names(empty, &lists.category_names(), Some(name), &self.language),
            Field::Service => self.service = names(empty, &lists.services, Some(name), &self.language),
            Field::Subcategory => self.refresh_subcategories(lists, empty, Some(name)),
            _ => {}
        }
    }

    /// How many options can be picked by number (the empty one is not counted).
    pub fn numbered(&self) -> usize {
        self.list().map_or(0, |l| l.choices.iter().filter(|c| c.value.is_some()).count())
    }

    /// A typed digit: in a list of up to nine options it picks and the
    /// wizard goes on (true); in a longer one it adds to a number that
    /// highlights its option, and Enter takes it. A number no option has is
    /// not typed.
    pub fn type_digit(&mut self, d: u32, lists: &PickLists, empty: &str) -> bool {
        if self.numbered() <= 9 {
            if self.pick_number(d as usize) {
                self.confirm_step(lists, empty);
                return true;
            }
            return false;
        }
        self.number.push(char::from_digit(d, 10).unwrap_or('0'));
        let n = self.number.parse().unwrap_or(0);
        if !self.pick_number(n) {
            self.number.pop();
        }
        false
    }

    /// Takes the highlighted option and moves to the next step.
    pub fn confirm_step(&mut self, lists: &PickLists, empty: &str) {
        self.number.clear();
        if let Some(list) = self.list_mut() {
            list.accept();
        }
        self.step = match self.step {
            Step::Category => {
                let kept = self.subcategory.value().map(str::to_string);
                self.refresh_subcategories(lists, empty, kept.as_deref());
                if self.has_subcategories() { Step::Subcategory } else { Step::Service }
            }
            Step::Subcategory => Step::Service,
            Step::Service => Step::Impact,
            Step::Impact => Step::Urgency,
            Step::Urgency | Step::Result => Step::Result,
        };
        if let Some(list) = self.list_mut() {
            list.highlight_chosen();
        }
    }

    pub fn step_back(&mut self) {
        self.number.clear();
        self.step = match self.step {
            Step::Category | Step::Subcategory => Step::Category,
            Step::Service if self.has_subcategories() => Step::Subcategory,
            Step::Service => Step::Category,
            Step::Impact => Step::Service,
            Step::Urgency => Step::Impact,
            Step::Result => Step::Urgency,
        };
        if let Some(list) = self.list_mut() {
            list.filter.clear();
            list.highlight_chosen();
        }
    }

    /// Picks the n-th real option of the list, in the order shown without a
    /// filter (the empty choice is not counted), so an option keeps its
    /// number. Returns false when there is no such option.
    pub fn pick_number(&mut self, n: usize) -> bool {
        let Some(list) = self.list_mut() else { return false };
        let real: Vec<usize> = (0..list.choices.len()).filter(|i| list.choices[*i].value.is_some()).collect();
        let Some(choice) = n.checked_sub(1).and_then(|i| real.get(i)).copied() else { return false };
        list.filter.clear();
        list.chosen = choice;
        list.highlight_chosen();
        true
    }

    fn level(pick: &PickList) -> Option<Level> {
        pick.value().and_then(|v| v.parse().ok())
    }

    pub fn matrix_priority(&self, matrix: &PriorityMatrix) -> Option<Priority> {
        matrix.priority(Self::level(&self.impact)?, Self::level(&self.urgency)?)
    }

    /// Chooses a priority in the result step; the matrix's own clears the override.
    pub fn choose_priority(&mut self, p: Priority, matrix: &PriorityMatrix) {
        self.override_priority = (self.matrix_priority(matrix) != Some(p)).then_some(p);
    }

    /// Steps through the other priorities, then back to the matrix's.
    pub fn cycle_priority(&mut self, matrix: &PriorityMatrix) {
        let from_matrix = self.matrix_priority(matrix);
        let mut next = self.override_priority.or(from_matrix).map_or(1, |p| p.get() % 4 + 1);
        if Priority::new(next) == from_matrix && self.override_priority.is_none() {
            next = next % 4 + 1;
        }
        self.choose_priority(Priority::new(next).unwrap_or(Priority::P4), matrix);
    }

    /// What the wizard decided, once impact and urgency are chosen.
    pub fn classification(&self) -> Option<Classification> {
        Some(Classification {
            category: self.category.value().map(str::to_string),
            subcategory: self.subcategory.value().map(str::to_string),
            service: self.service.value().map(str::to_string),
            impact: Self::level(&self.impact)?,
            urgency: Self::level(&self.urgency)?,
            overridden: self.override_priority.map(|p| (p, self.reason.clone())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::domain::reference::CategorySeed;

    fn lists() -> PickLists {
        PickLists {
            categories: vec![
                CategorySeed { name: "Hardware".into(), subcategories: vec![] },
                CategorySeed { name: "Network".into(), subcategories: vec!["VPN".into(), "Wi-Fi".into()] },
            ],
            services: vec!["E-mail".into(), "VPN".into()],
            departments: vec![],
            teams: vec![],
        }
    }

    fn ticket() -> Ticket {
        Ticket { id: 4, ..Ticket::example() }
    }

    fn wizard(t: &Ticket) -> Wizard {
        let h = History { created_at: t.created_at, initial: Status::New, changes: vec![], communications: vec![] };
        Wizard::new(t, h, &lists(), &PriorityMatrix::default(), "en", "(empty)")
    }

    #[test]
    fn typed_digits_walk_through_the_steps() {
        let m = PriorityMatrix::default();
        let mut w = wizard(&ticket());
        assert!(w.pick_number(2)); // Network
        w.confirm_step(&lists(), "(empty)");
        assert_eq!(w.step, Step::Subcategory);
        assert!(w.pick_number(1)); // VPN
        w.confirm_step(&lists(), "(empty)");
        assert!(w.pick_number(2)); // service VPN
        w.confirm_step(&lists(), "(empty)");
        assert!(w.pick_number(2)); // impact 2
        w.confirm_step(&lists(), "(empty)");
        assert!(w.pick_number(1)); // urgency 1
        w.confirm_step(&lists(), "(empty)");
        assert_eq!(w.step, Step::Result);
        let c = w.classification().unwrap();
        assert_eq!(
            (c.category.as_deref(), c.subcategory.as_deref(), c.service.as_deref()),
            (Some("Network"), Some("VPN"), Some("VPN"))
        );
        assert_eq!(c.priority(&m), Ok(Priority::P2));
        assert!(!w.pick_number(9));
    }

    #[test]
    fn a_digit_goes_on_alone_only_in_a_list_of_at_most_nine() {
        let mut many = lists();
        many.services = (1..=12).map(|n| format!("Service {n:02}")).collect();
        let mut w = wizard(&ticket());
        w.step = Step::Service;
        w.service = names("(empty)", &many.services, None, "en");
        assert!(!w.type_digit(1, &many, "(empty)"), "1 could be the start of 12");
        assert_eq!(w.step, Step::Service);
        w.type_digit(2, &many, "(empty)");
        assert_eq!(w.number, "12");
        w.type_digit(7, &many, "(empty)"); // there is no 127th
        assert_eq!(w.number, "12");
        w.confirm_step(&many, "(empty)");
        assert_eq!((w.step, w.service.value()), (Step::Impact, Some("Service 12")));
        // Impact has four levels: a digit picks and goes on.
        assert!(w.type_digit(3, &many, "(empty)"));
        assert_eq!((w.step, w.impact.value()), (Step::Urgency, Some("3")));
        assert!(!w.impact.chosen_label().starts_with('3'), "the number is shown by the list, once");
    }

    #[test]
    fn a_category_without_subcategories_skips_that_step_both_ways() {
        let mut w = wizard(&ticket());
        w.pick_number(1); // Hardware
        w.confirm_step(&lists(), "(empty)");
        assert_eq!(w.step, Step::Service);
        w.step_back();
        assert_eq!(w.step, Step::Category);
    }

    #[test]
    fn reclassifying_starts_from_the_current_values() {
        let mut t = ticket();
        t.category = Some("Network".into());
        t.subcategory = Some("Wi-Fi".into());
        t.impact = Level::new(3);
        t.urgency = Level::new(3);
        t.priority = Some(Priority::P1); // chosen against the matrix (P3)
        let w = wizard(&t);
        assert_eq!(w.category.value(), Some("Network"));
        assert_eq!(w.subcategory.value(), Some("Wi-Fi"));
        assert_eq!(w.impact.value(), Some("3"));
        assert_eq!(w.override_priority, Some(Priority::P1));
    }

    #[test]
    fn choosing_the_matrix_priority_clears_the_override() {
        let m = PriorityMatrix::default();
        let mut w = wizard(&ticket());
        w.impact.choose_value(Some("2"));
        w.urgency.choose_value(Some("2"));
        w.choose_priority(Priority::P1, &m);
        assert_eq!(w.override_priority, Some(Priority::P1));
        w.choose_priority(Priority::P2, &m);
        assert_eq!(w.override_priority, None);
        w.cycle_priority(&m);
        assert_eq!(w.override_priority, Some(Priority::P3));
    }
}
