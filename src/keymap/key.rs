//! Key names as written in keymap files (`j`, `Ctrl-s`, `PageDown`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// A key with its modifiers, normalised so that `G` and `Shift-g` are one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub code: KeyCodeName,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// The part of crossterm's `KeyCode` a keymap can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeName {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Space", KeyCode::Char(' ')),
];

impl KeyChord {
    /// Reads a key name such as `j`, `G`, `Ctrl-s`, `Alt-Enter`, `F5`, `Space` or `-`.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut rest = text;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let code = if let Some((name, _)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)) {
            if *name == "Space" { KeyCodeName::Char(' ') } else { KeyCodeName::Named(name) }
        } else if let Some(n) = rest.strip_prefix(['F', 'f']).and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(format!("unknown key '{text}'"));
            }
            KeyCodeName::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCodeName::Char(c),
                _ => return Err(format!("unknown key '{text}'")),
            }
        };
        Ok(KeyChord { code, ctrl, alt, shift }.normalised())
    }

    /// The chord of a key press as the terminal reports it.
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeName::Char(c),
            KeyCode::F(n) => KeyCodeName::F(n),
            other => KeyCodeName::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        let m = event.modifiers;
        Some(
            KeyChord {
                code,
                ctrl: m.contains(KeyModifiers::CONTROL),
                alt: m.contains(KeyModifiers::ALT),
                shift: m.contains(KeyModifiers::SHIFT),
            }
            .normalised(),
        )
    }

    /// Shift is part of a character (`G`), and Shift-Tab is BackTab.
    fn normalised(mut self) -> KeyChord {
        match self.code {
            KeyCodeName::Char(c) if self.shift => {
                self.shift = false;
                if c.is_ascii_lowercase() && !self.ctrl && !self.alt {
                    self.code = KeyCodeName::Char(c.to_ascii_uppercase());
                }
            }
            KeyCodeName::Char(c) if self.ctrl && c.is_ascii_uppercase() => {
                self.code = KeyCodeName::Char(c.to_ascii_lowercase());
            }
            KeyCodeName::Named("Tab") if self.shift => {
                self.shift = false;
                self.code = KeyCodeName::Named("BackTab");
            }
            KeyCodeName::Named("BackTab") => self.shift = false,
            _ => {}
        }
        self
    }

    /// True for a plain character that text fields take as input.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCodeName::Char(_)) && !self.ctrl && !self.alt
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeName::Char(' ') => f.write_str("Space"),
            KeyCodeName::Char(c) => write!(f, "{c}"),
            KeyCodeName::F(n) => write!(f, "F{n}"),
            KeyCodeName::Named(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_print_back() {
        for name in ["j", "G", "Ctrl-s", "Alt-Enter", "F5", "Space", "PageDown", "BackTab", "?", "-", "/"] {
            assert_eq!(KeyChord::parse(name).unwrap().to_string(), name);
        }
    }

    #[test]
    fn shift_variants_are_one_key() {
        assert_eq!(KeyChord::parse("Shift-g").unwrap(), KeyChord::parse("G").unwrap());
        assert_eq!(KeyChord::parse("Shift-Tab").unwrap(), KeyChord::parse("BackTab").unwrap());
        assert_eq!(KeyChord::parse("ctrl-S").unwrap(), KeyChord::parse("Ctrl-s").unwrap());
    }

    #[test]
    fn events_match_parsed_names() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&ev), Some(KeyChord::parse("G").unwrap()));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&ev), Some(KeyChord::parse("BackTab").unwrap()));
    }

    #[test]
    fn unknown_names_are_refused() {
        for bad in ["Ctrl-", "F13", "Hyper-x", "jj", ""] {
            assert!(KeyChord::parse(bad).is_err(), "{bad}");
        }
    }
}
