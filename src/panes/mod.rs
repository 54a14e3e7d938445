//! The panes, as units: each one is a [`Pane`] in [`PANES`], naming its
//! screens, its key layer, what runs its commands, what draws it and which
//! commands its footer offers. Keys reach a pane and the screen draws it
//! only through this registry.
//!
//! A new pane is a folder here (its state, its update, its render, its
//! hints; see `my_work/`) plus one line in [`PANES`], its keys in
//! `assets/keymap.toml` (a layer of its own, a row per new command in
//! `keymap/command.rs`) and its words in `i18n/en` and `i18n/nl`.

pub mod admin;
pub mod detail;
pub mod help;
pub mod library;
pub mod my_work;
pub mod queue;
pub mod reports;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::state::{AppState, Screen};
use crate::app::update as app;
use crate::keymap::{Command, Layer};
use crate::ui::Regions;
use crate::ui::panes as drawn;
use crate::ui::theme::Theme;

/// A command the footer offers, and whether it can be used now (for this
/// ticket, this user): one that cannot is shown dimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub command: Command,
    pub enabled: bool,
}

impl Hint {
    pub fn on(command: Command) -> Hint {
        Hint { command, enabled: true }
    }

    pub fn when(command: Command, enabled: bool) -> Hint {
        Hint { command, enabled }
    }
}

/// Commands that are always there.
pub fn all_on(commands: &[Command]) -> Vec<Hint> {
    commands.iter().copied().map(Hint::on).collect()
}

/// The effects of coming back to `screen`: its pane's `back`, if any.
pub fn came_back(state: &mut AppState, screen: Screen) -> Vec<Effect> {
    of(screen).back.map(|back| back(state)).unwrap_or_default()
}

/// A key a field takes first: `Some` with its effects when it took it.
pub type FieldKey = fn(&mut AppState, &KeyEvent) -> Option<Vec<Effect>>;
pub type Update = fn(&mut AppState, Command) -> Vec<Effect>;
pub type Render = fn(&mut Frame, &AppState, &Theme, &Regions);

/// One pane of the screen.
pub struct Pane {
    /// The screens it draws (the library draws problems and knowledge).
    pub screens: &'static [Screen],
    /// The keymap layer whose keys it gets.
    pub layer: Layer,
    /// Runs a command of its layer.
    pub update: Update,
    pub render: Render,
    /// The commands its footer offers, in order of priority; `None` for a
    /// form, which words its own line (how to type, save and cancel).
    pub hints: Option<fn(&AppState) -> Vec<Hint>>,
    /// Whether typed characters are text now (a form, a search field).
    pub typing: fn(&AppState) -> bool,
    /// A key that no command took: typing into a field.
    pub input: Option<fn(&mut AppState, KeyEvent) -> Vec<Effect>>,
    pub paste: Option<fn(&mut AppState, &str) -> Vec<Effect>>,
    /// What it asks for when the user comes back to it from a pane it
    /// opened (my work loads again: what was done there may have changed it).
    pub back: Option<fn(&mut AppState) -> Vec<Effect>>,
    /// A key its field takes before the keymap (its search line while one
    /// is typed there); `None` from it lets the keymap have the key.
    pub field_key: Option<FieldKey>,
}

pub(super) fn never(_: &AppState) -> bool {
    false
}

fn always(_: &AppState) -> bool {
    true
}

/// Every pane. The order is only that of this list.
pub static PANES: &[Pane] = &[
    queue::PANE,
    detail::PANE,
    Pane {
        screens: &[Screen::Register],
        layer: Layer::Form,
        update: app::register::command,
        render: drawn::register::render,
        hints: None,
        typing: always,
        input: Some(app::register::input),
        paste: Some(app::register::paste),
        back: None,
        field_key: None,
    },
    Pane {
        screens: &[Screen::Wizard],
        layer: Layer::Wizard,
        update: app::wizard::command,
        render: drawn::wizard::render,
        hints: None,
        typing: always,
        input: Some(app::wizard::input),
        paste: None,
        back: None,
        field_key: None,
    },
    Pane {
        screens: &[Screen::Compose],
        layer: Layer::Compose,
        update: app::compose::command,
        render: drawn::compose::render,
        hints: None,
        typing: always,
        input: Some(app::compose::input),
        paste: Some(app::compose::paste),
        back: None,
        field_key: None,
    },
    Pane {
        screens: &[Screen::Record],
        layer: Layer::Form,
        update: app::record::command,
        render: drawn::record::render,
        hints: None,
        typing: always,
        input: Some(app::record::input),
        paste: Some(app::record::paste),
        back: None,
        field_key: None,
    },
    admin::PANE,
    library::PANE,
    reports::PANE,
    my_work::PANE,
];

/// The pane that draws this screen.
pub fn of(screen: Screen) -> &'static Pane {
    PANES.iter().find(|p| p.screens.contains(&screen)).expect("every screen has a pane")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_exactly_one_pane() {
        use Screen::*;
        for screen in [Queue, Detail, Register, Wizard, Compose, Admin, Record, Problems, Knowledge, Reports, MyWork] {
            let n = PANES.iter().filter(|p| p.screens.contains(&screen)).count();
            assert_eq!(n, 1, "{screen:?} is drawn by {n} panes");
        }
    }

    #[test]
    fn every_pane_layer_has_keys() {
        let keymap = crate::keymap::Keymap::defaults();
        for pane in PANES {
            assert!(!keymap.bindings(pane.layer).is_empty(), "{:?} has no keys", pane.layer);
        }
    }
}
