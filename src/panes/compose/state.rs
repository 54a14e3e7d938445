//! Writing a work note or a message to the reporter.

use ratatui_textarea::TextArea;

use crate::app::picklist::PickList;
use crate::domain::TicketId;
use crate::domain::template::TemplateName;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComposeKind {
    Note,
    Message,
}

/// Which part of the message has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComposeFocus {
    /// Choosing the template to start from.
    Template,
    Subject,
    Body,
}

pub struct Compose {
    pub kind: ComposeKind,
    pub ticket_id: TicketId,
    pub focus: ComposeFocus,
    pub templates: PickList,
    pub subject: TextArea<'static>,
    pub body: TextArea<'static>,
    /// Who gets a message (the reporter's address, when known).
    pub recipient: Option<String>,
    /// For a major incident: the reporters of its linked incidents too.
    pub to_children: bool,
    pub saving: Option<crate::app::effect::Ask>,
    /// The subject and text as the chosen template filled them in: left
    /// like that, nothing typed would be lost.
    pub started_from: Option<(String, String)>,
}

/// A text area that wraps long lines at words (or inside a word longer
/// than the line), so what is typed never runs off the side.
pub fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_string).collect());
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    area
}

impl Compose {
    pub fn note(ticket_id: TicketId) -> Self {
        Compose {
            kind: ComposeKind::Note,
            ticket_id,
            focus: ComposeFocus::Body,
            templates: PickList::new(Vec::new()),
            subject: text_area(""),
            body: text_area(""),
            recipient: None,
            to_children: false,
            saving: None,
            started_from: None,
        }
    }

    /// A message, starting with the choice of template.
    pub fn message(ticket_id: TicketId, templates: PickList, recipient: Option<String>) -> Self {
        Compose {
            kind: ComposeKind::Message,
            focus: ComposeFocus::Template,
            templates,
            recipient,
            ..Compose::note(ticket_id)
        }
    }

    pub fn chosen_template(&self) -> Option<TemplateName> {
        self.templates.value().and_then(TemplateName::from_code)
    }

    pub fn subject_text(&self) -> String {
        self.subject.lines().join(" ").trim().to_string()
    }

    pub fn body_text(&self) -> String {
        self.body.lines().join("\n").trim_end().to_string()
    }

    /// Anything typed that would be lost.
    pub fn is_dirty(&self) -> bool {
        let unchanged = self.started_from.as_ref().is_some_and(|(subject, body)| {
            self.subject_text() == subject.trim() && self.body_text().trim_end() == body.trim_end()
        });
        self.focus != ComposeFocus::Template && !self.body_text().trim().is_empty() && !unchanged
    }
}
