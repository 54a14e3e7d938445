//! A form of labelled rows (ticks, choices, lines and texts) for the panes
//! that record things: closing, reviews, problems, knowledge articles.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::picklist::PickList;
use crate::domain::text::as_typed;
use crate::panes::compose::state::text_area;

pub enum Input {
    Toggle(bool),
    Pick(PickList),
    /// One line: Enter moves on.
    Line(TextArea<'static>),
    /// Several lines, shown `height` high.
    Text(TextArea<'static>, u16),
}

pub struct Row {
    /// What the row stands for, for the code that reads the form.
    pub key: String,
    pub label: String,
    pub input: Input,
}

impl Row {
    pub fn toggle(key: &str, label: &str, on: bool) -> Row {
        Row { key: key.into(), label: label.into(), input: Input::Toggle(on) }
    }

    pub fn pick(key: &str, label: &str, list: PickList) -> Row {
        Row { key: key.into(), label: label.into(), input: Input::Pick(list) }
    }

    pub fn line(key: &str, label: &str, value: &str) -> Row {
        Row { key: key.into(), label: label.into(), input: Input::Line(text_area(&as_typed(value, false))) }
    }

    pub fn text(key: &str, label: &str, value: &str, height: u16) -> Row {
        Row { key: key.into(), label: label.into(), input: Input::Text(text_area(&as_typed(value, true)), height) }
    }

    /// The row's value as text (a pick's value, "1"/"0" for a tick).
    pub fn value(&self) -> Option<String> {
        let text = match &self.input {
            Input::Toggle(on) => Some(if *on { "1" } else { "0" }.to_string()),
            Input::Pick(p) => p.value().map(str::to_string),
            Input::Line(t) => Some(t.lines().join(" ")),
            Input::Text(t, _) => Some(t.lines().join("\n")),
        };
        text.map(|t| t.trim_end().to_string()).filter(|t| !t.trim().is_empty())
    }
}

pub struct Fields {
    pub rows: Vec<Row>,
    pub focus: usize,
}

/// What a key did to the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Nothing,
    /// A tick row changed: its key and its new state.
    Toggled(String, bool),
}

impl Fields {
    pub fn new(rows: Vec<Row>) -> Fields {
        Fields { rows, focus: 0 }
    }

    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub fn value(&self, key: &str) -> Option<String> {
        self.row(key).and_then(Row::value)
    }

    /// What the typed rows hold (ticks are stored as they are made, so they
    /// are not part of it), a pick list's unfinished filter included.
    pub fn typed(&self) -> Vec<Option<String>> {
        let mut typed = Vec::new();
        for row in &self.rows {
            match &row.input {
                Input::Toggle(_) => {}
                Input::Pick(p) => {
                    typed.push(row.value());
                    typed.push(Some(p.filter.clone()).filter(|f| !f.is_empty()));
                }
                _ => typed.push(row.value()),
            }
        }
        typed
    }

    /// Clears what was typed into the focused pick list; whether there was any.
    pub fn clear_filter(&mut self) -> bool {
        match self.rows.get_mut(self.focus).map(|r| &mut r.input) {
            Some(Input::Pick(p)) if !p.filter.is_empty() => {
                p.filter.clear();
                p.highlight_chosen();
                true
            }
            _ => false,
        }
    }

    pub fn is_on(&self, key: &str) -> bool {
        matches!(self.row(key).map(|r| &r.input), Some(Input::Toggle(true)))
    }

    pub fn set_toggle(&mut self, key: &str, on: bool) {
        if let Some(Row { input: Input::Toggle(state), .. }) = self.rows.iter_mut().find(|r| r.key == key) {
            *state = on;
        }
    }

    /// Moves the focus, taking what was typed into a pick list first.
    pub fn move_focus(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        if let Input::Pick(p) = &mut self.rows[self.focus].input {
            p.accept();
        }
        let n = self.rows.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
        if let Input::Pick(p) = &mut self.rows[self.focus].input {
            p.highlight_chosen();
        }
    }

    /// Settles the focused row (a pick list takes its highlighted option).
    pub fn settle(&mut self) {
        if let Some(Row { input: Input::Pick(p), .. }) = self.rows.get_mut(self.focus) {
            p.accept();
        }
    }

    /// A key for the focused row.
    pub fn input(&mut self, key: KeyEvent) -> Outcome {
        let Some(row) = self.rows.get_mut(self.focus) else { return Outcome::Nothing };
        match (&mut row.input, key.code) {
            (Input::Toggle(on), KeyCode::Char(' ') | KeyCode::Enter) => {
                *on = !*on;
                return Outcome::Toggled(row.key.clone(), *on);
            }
            (Input::Toggle(_), _) => {}
            (Input::Pick(_), KeyCode::Enter) | (Input::Line(_), KeyCode::Enter) => self.move_focus(1),
            (Input::Pick(p), KeyCode::Up) => p.move_highlight(-1),
            (Input::Pick(p), KeyCode::Down) => p.move_highlight(1),
            (Input::Pick(p), KeyCode::Backspace) => p.backspace(),
            (Input::Pick(p), KeyCode::Char(c)) => p.type_key(c, key.modifiers),
            (Input::Pick(_), _) => {}
            (Input::Line(t), _) | (Input::Text(t, _), _) => {
                t.input(key);
            }
        }
        Outcome::Nothing
    }

    /// Up and Down move between rows except where they mean something in
    /// the row itself (a pick list, a text of several lines).
    pub fn arrow(&mut self, down: bool) {
        let key = KeyEvent::from(if down { KeyCode::Down } else { KeyCode::Up });
        let Some(row) = self.rows.get_mut(self.focus) else { return };
        match &mut row.input {
            Input::Pick(p) => p.move_highlight(if down { 1 } else { -1 }),
            Input::Text(t, _) => {
                t.input(key);
            }
            _ => self.move_focus(if down { 1 } else { -1 }),
        }
    }

    pub fn paste(&mut self, text: &str) {
        let Some(row) = self.rows.get_mut(self.focus) else { return };
        match &mut row.input {
            Input::Text(t, _) => {
                t.insert_str(as_typed(text, true));
            }
            Input::Line(t) => {
                t.insert_str(as_typed(text, false));
            }
            Input::Pick(p) => text.chars().filter(|c| !c.is_control()).for_each(|c| p.type_char(c)),
            Input::Toggle(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::picklist::Choice;

    #[test]
    fn rows_are_read_by_key() {
        let choices = vec![
            Choice { value: None, label: "—".into() },
            Choice { value: Some("solved".into()), label: "Solved".into() },
        ];
        let mut f = Fields::new(vec![
            Row::toggle("restored", "Service restored", false),
            Row::pick("code", "Code", PickList::new(choices)),
            Row::text("cause", "Cause", "", 3),
        ]);
        assert_eq!(f.input(KeyEvent::from(KeyCode::Char(' '))), Outcome::Toggled("restored".into(), true));
        assert!(f.is_on("restored"));
        f.move_focus(1);
        f.input(KeyEvent::from(KeyCode::Char('s')));
        f.move_focus(1);
        assert_eq!(f.value("code").as_deref(), Some("solved"));
        f.paste("Disk full\rcleaned up");
        assert_eq!(f.value("cause").as_deref(), Some("Disk full\ncleaned up"));
        assert_eq!(f.value("nothing"), None);
    }
}
