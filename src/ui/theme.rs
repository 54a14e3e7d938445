//! Styles, with colour only when `NO_COLOR` is not set. Meaning never rests
//! on colour alone: priorities and states are also written out.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Priority;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    /// True unless `NO_COLOR` is set to a non-empty value.
    pub fn color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    fn fg(&self, color: Color) -> Style {
        if self.color { Style::new().fg(color) } else { Style::new() }
    }

    pub fn title(&self) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        if self.color { base.fg(Color::Black).bg(Color::Cyan) } else { base.add_modifier(Modifier::REVERSED) }
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A row someone else just changed.
    pub fn changed(&self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.color { bold.fg(Color::Yellow) } else { bold }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new().add_modifier(Modifier::DIM) }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn focus(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn priority(&self, p: Option<Priority>) -> Style {
        match p.map(|p| p.get()) {
            Some(1) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(2) => self.fg(Color::Yellow),
            _ => Style::new(),
        }
    }
}
