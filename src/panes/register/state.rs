//! The registration form: its fields, their input widgets and what they add
//! up to.

use ratatui_textarea::TextArea;

use crate::app::picklist::{Choice, PickList};
use crate::domain::priority::LevelInfo;
use crate::domain::reference::PickLists;
use crate::domain::validate::{FieldProblem, check_new_ticket};
use crate::domain::{Channel, Field, Level, NewTicket, Priority, PriorityMatrix, Reporter, TicketKind};
use crate::i18n::Catalogue;

pub enum Input {
    /// One line of text: Enter moves on.
    Line(TextArea<'static>),
    /// Several lines: Enter starts a new line.
    Text(TextArea<'static>),
    Pick(PickList),
}

pub struct FormField {
    pub field: Field,
    pub required: bool,
    pub input: Input,
}

impl FormField {
    fn text(&self) -> String {
        match &self.input {
            Input::Line(t) | Input::Text(t) => t.lines().join("\n"),
            Input::Pick(p) => p.value().unwrap_or("").to_string(),
        }
    }
}

pub struct RegisterForm {
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Shown once the user tried to save; updated as they type after that.
    pub problems: Vec<FieldProblem>,
    pub tried_to_save: bool,
    pub saving: Option<crate::app::effect::Ask>,
    /// Knowledge that may help with what is typed so far.
    pub suggestions: Vec<crate::domain::knowledge::Article>,
    /// What the suggestions were asked for, so unchanged input asks nothing.
    pub suggested_for: Option<KnowledgeQuery>,
    /// The focused pick list shows its options; Esc closes them first.
    pub list_open: bool,
    /// What was typed into the focused pick list matches nothing: the
    /// focus stays and the field says so, instead of dropping it.
    pub unmatched: bool,
    /// Where the user was when they started: the queue, or an incident.
    pub came_from: crate::app::state::Screen,
    /// The registered ticket this form edits; none for a new one.
    pub editing: Option<super::edit::Editing>,
    pristine: NewTicket,
}

/// What knowledge is suggested for: the words, the service and the category.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnowledgeQuery {
    pub text: String,
    pub service: Option<String>,
    pub category: Option<String>,
}

/// A text area without the underlined cursor line it has by default,
/// wrapping long lines.
fn text_area() -> TextArea<'static> {
    crate::panes::compose::state::text_area("")
}

fn line() -> Input {
    Input::Line(text_area())
}

fn coded_choices<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, label: impl Fn(T) -> &'static str) -> PickList {
    PickList::new(
        all.iter().map(|v| Choice { value: Some(code(*v).to_string()), label: label(*v).to_string() }).collect(),
    )
}

fn level_choices(empty: &str, levels: &[LevelInfo], language: &str) -> PickList {
    let mut choices = vec![Choice { value: None, label: empty.to_string() }];
    for (level, info) in Level::up_to(levels.len()).zip(levels) {
        choices
            .push(Choice { value: Some(level.to_string()), label: format!("{level} {}", info.description(language)) });
    }
    PickList::new(choices)
}

impl RegisterForm {
    /// An empty form in the order an operator takes a phone call.
    pub fn new(t: &Catalogue, lists: &PickLists, matrix: &PriorityMatrix, language: &str) -> Self {
        let field = |field, required, input| FormField { field, required, input };
        let empty = t.empty_value;
        let fields = vec![
            field(Field::Kind, true, Input::Pick(coded_choices(TicketKind::ALL, |k| k.code(), |k| t.kind(k)))),
            field(Field::Channel, true, Input::Pick(coded_choices(Channel::ALL, |c| c.code(), |c| t.channel(c)))),
            field(Field::ReporterName, true, line()),
            field(Field::Department, false, Input::Pick(PickList::named(empty, &lists.departments, language))),
            field(Field::ReporterPhone, false, line()),
            field(Field::ReporterEmail, false, line()),
            field(Field::Title, true, line()),
            field(Field::Description, false, Input::Text(text_area())),
            field(Field::Service, false, Input::Pick(PickList::named(empty, &lists.services, language))),
            field(Field::Category, false, Input::Pick(PickList::named(empty, &lists.category_names(), language))),
            field(Field::Subcategory, false, Input::Pick(PickList::optional(empty, &[]))),
            field(Field::Impact, false, Input::Pick(level_choices(empty, matrix.impact_levels(), language))),
            field(Field::Urgency, false, Input::Pick(level_choices(empty, matrix.urgency_levels(), language))),
        ];
        let mut form = RegisterForm {
            fields,
            focus: 2,
            problems: Vec::new(),
            tried_to_save: false,
            saving: None,
            suggestions: Vec::new(),
            suggested_for: None,
            list_open: false,
            unmatched: false,
            came_from: crate::app::state::Screen::Queue,
            editing: None,
            pristine: blank(),
        };
        form.pristine = form.to_new_ticket(&PriorityMatrix::default());
        form
    }

    /// What to suggest knowledge for now, if anything was typed to go on.
    pub fn knowledge_query(&self) -> Option<KnowledgeQuery> {
        let t = self.to_new_ticket(&PriorityMatrix::default());
        let query = KnowledgeQuery {
            text: format!("{} {}", t.title, t.description).trim().to_string(),
            service: t.service,
            category: t.category,
        };
        (query != KnowledgeQuery::default()).then_some(query)
    }

    pub fn focused(&self) -> &FormField {
        &self.fields[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut FormField {
        &mut self.fields[self.focus]
    }

    pub fn index_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| f.field == field)
    }

    pub(crate) fn value(&self, field: Field) -> Option<String> {
        let i = self.index_of(field)?;
        let v = self.fields[i].text();
        let v = v.trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    fn level(&self, field: Field) -> Option<Level> {
        self.value(field).and_then(|v| v.parse().ok())
    }

    /// The priority the matrix gives for the chosen impact and urgency.
    pub fn priority(&self, matrix: &PriorityMatrix) -> Option<Priority> {
        matrix.priority(self.level(Field::Impact)?, self.level(Field::Urgency)?)
    }

    /// The ticket the form describes so far.
    pub fn to_new_ticket(&self, matrix: &PriorityMatrix) -> NewTicket {
        let description = self.index_of(Field::Description).map(|i| self.fields[i].text()).unwrap_or_default();
        NewTicket {
            kind: self.value(Field::Kind).and_then(|v| v.parse().ok()).unwrap_or(TicketKind::Incident),
            title: self.value(Field::Title).unwrap_or_default(),
            description: description.trim_end().to_string(),
            reporter: Reporter {
                name: self.value(Field::ReporterName).unwrap_or_default(),
                email: self.value(Field::ReporterEmail),
                phone: self.value(Field::ReporterPhone),
                department: self.value(Field::Department),
            },
            channel: self.value(Field::Channel).and_then(|v| v.parse().ok()).unwrap_or(Channel::Phone),
            service: self.value(Field::Service),
            category: self.value(Field::Category),
            subcategory: self.value(Field::Subcategory),
            impact: self.level(Field::Impact),
            urgency: self.level(Field::Urgency),
            priority: self.priority(matrix),
            team: None,
            assignee: None,
        }
    }

    /// Every field's text or chosen value, for the draft file.
    pub fn draft_values(&self) -> Vec<(String, String)> {
        self.fields.iter().map(|f| (f.field.code().to_string(), f.text())).collect()
    }

    /// Fills a fresh form from a draft; what no longer fits is left empty.
    pub fn restore(&mut self, t: &Catalogue, lists: &PickLists, values: &[(String, String)]) {
        for (code, value) in values {
            let Some(i) = Field::from_code(code).and_then(|f| self.index_of(f)) else { continue };
            match &mut self.fields[i].input {
                Input::Line(area) | Input::Text(area) => {
                    area.insert_str(value);
                }
                Input::Pick(pick) => pick.choose_value(Some(value.as_str())),
            }
            if self.fields[i].field == Field::Category {
                self.refresh_subcategories(t, lists);
            }
        }
    }

    /// What the form holds now counts as unchanged (a pre-filled edit).
    pub(crate) fn mark_pristine(&mut self) {
        self.pristine = self.to_new_ticket(&PriorityMatrix::default());
    }

    /// True once anything differs from the empty form.
    pub fn is_dirty(&self) -> bool {
        self.to_new_ticket(&PriorityMatrix::default()) != self.pristine
    }

    /// Rechecks the fields; problems show only after a first save attempt.
    pub fn revalidate(&mut self, matrix: &PriorityMatrix) {
        if self.tried_to_save {
            self.problems = check_new_ticket(&self.to_new_ticket(matrix));
        }
    }

    pub fn problem_for(&self, field: Field) -> Option<&FieldProblem> {
        self.problems.iter().find(|p| p.field == field)
    }

    /// After the category changes, offer its subcategories.
    pub fn refresh_subcategories(&mut self, t: &Catalogue, lists: &PickLists) {
        let category = self.value(Field::Category);
        if let Some(i) = self.index_of(Field::Subcategory) {
            let current = self.value(Field::Subcategory);
            let subs = category.as_deref().map(|c| lists.subcategories(c)).unwrap_or(&[]);
            let mut pick = PickList::named(t.empty_value, subs, t.code);
            pick.choose_value(current.as_deref());
            self.fields[i].input = Input::Pick(pick);
        }
    }
}

fn blank() -> NewTicket {
    NewTicket::new("", "", Channel::Phone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn form() -> RegisterForm {
        let lists = PickLists {
            departments: vec!["Finance".into()],
            services: vec!["VPN".into()],
            categories: vec![crate::domain::reference::CategorySeed {
                name: "Network".into(),
                subcategories: vec!["VPN".into(), "Wi-Fi".into()],
            }],
            teams: vec![],
        };
        RegisterForm::new(Language::En.catalogue(), &lists, &PriorityMatrix::default(), "en")
    }

    fn type_into(form: &mut RegisterForm, field: Field, text: &str) {
        let i = form.index_of(field).unwrap();
        match &mut form.fields[i].input {
            Input::Line(t) | Input::Text(t) => {
                t.insert_str(text);
            }
            Input::Pick(p) => {
                text.chars().for_each(|c| p.type_char(c));
                p.accept();
            }
        }
    }

    #[test]
    fn a_fresh_form_is_clean_and_starts_at_the_reporter() {
        let f = form();
        assert!(!f.is_dirty());
        assert_eq!(f.focused().field, Field::ReporterName);
    }

    #[test]
    fn typed_values_make_the_ticket() {
        let mut f = form();
        type_into(&mut f, Field::ReporterName, "Sanne Jansen");
        type_into(&mut f, Field::Title, "VPN drops");
        type_into(&mut f, Field::Department, "fin");
        type_into(&mut f, Field::Impact, "2");
        type_into(&mut f, Field::Urgency, "1");
        assert!(f.is_dirty());
        let t = f.to_new_ticket(&PriorityMatrix::default());
        assert_eq!(t.reporter.name, "Sanne Jansen");
        assert_eq!(t.reporter.department.as_deref(), Some("Finance"));
        assert_eq!(t.priority, Some(Priority::P2));
        assert_eq!(t.channel, Channel::Phone);
    }

    #[test]
    fn a_pasted_line_break_in_the_title_is_a_problem_of_the_title() {
        let mut f = form();
        type_into(&mut f, Field::ReporterName, "Sanne Jansen");
        type_into(&mut f, Field::Title, "Printer\nBcc: x@example.com");
        f.tried_to_save = true;
        f.revalidate(&PriorityMatrix::default());
        let problem = f.problem_for(Field::Title).map(|p| p.problem);
        assert_eq!(problem, Some(crate::domain::validate::Problem::ControlCharacter));
        let words = (Language::Nl.catalogue().problem)(problem.unwrap());
        assert!(words.contains("één regel"), "{words}");
    }

    #[test]
    fn subcategories_follow_the_category() {
        let mut f = form();
        let t = Language::En.catalogue();
        type_into(&mut f, Field::Category, "netw");
        let lists = PickLists {
            categories: vec![crate::domain::reference::CategorySeed {
                name: "Network".into(),
                subcategories: vec!["VPN".into(), "Wi-Fi".into()],
            }],
            ..Default::default()
        };
        f.refresh_subcategories(t, &lists);
        let i = f.index_of(Field::Subcategory).unwrap();
        let Input::Pick(p) = &f.fields[i].input else { panic!() };
        assert_eq!(p.choices.len(), 3);
    }
}
