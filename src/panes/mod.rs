//! The panes, as units: each one is a [`Pane`] in [`PANES`], naming its
//! screens, its key layer, what runs its commands, what draws it and which
//! commands its footer offers. Keys reach a pane and the screen draws it
//! only through this registry.
//!
//! A new pane is a folder here (its state, its update, its render, its
//! hints; see `my_work/`) plus one line in the [`registry!`] below (which
//! makes its [`Screen`] and gives its state a field of [`PaneStates`]), its
//! keys in `assets/keymap.toml` (a layer of its own in `keymap::Layer`, a
//! row per new command in `keymap/command.rs`) and its words in `i18n/en`
//! and `i18n/nl`.

pub mod admin;
pub mod compose;
pub mod detail;
pub mod dialog;
pub mod help;
pub mod library;
pub mod my_work;
pub mod queue;
pub mod record;
pub mod register;
pub mod reports;
pub mod wizard;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::keymap::{Command, Layer};
use crate::ui::Regions;
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

impl Pane {
    /// A form: everything typed is text, and its footer is its own line (how
    /// to type, save and cancel).
    pub const fn form(
        layer: Layer,
        update: Update,
        render: Render,
        input: fn(&mut AppState, KeyEvent) -> Vec<Effect>,
        paste: Option<fn(&mut AppState, &str) -> Vec<Effect>>,
    ) -> Pane {
        Pane {
            layer,
            update,
            render,
            hints: None,
            typing: always,
            input: Some(input),
            paste,
            back: None,
            field_key: None,
        }
    }
}

pub(super) fn never(_: &AppState) -> bool {
    false
}

fn always(_: &AppState) -> bool {
    true
}

/// The registry: one line per pane, naming the screens it draws, the pane,
/// and, for a pane with a state of its own that lives while the program
/// runs, its field in [`PaneStates`]. The forms, whose state lives while
/// they are open, keep it in `AppState` beside the queue and the incident,
/// which every pane reads.
macro_rules! registry {
    ($( [$($screen:ident),+] => $pane:expr $(, $field:ident: $state:ty)? ;)+) => {
        /// What is on screen: each one drawn by one pane of the registry.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Screen {
            $($($screen,)+)+
        }

        impl Screen {
            pub const ALL: &'static [Screen] = &[$($(Screen::$screen,)+)+];
        }

        /// Every pane, with the screens it draws. The order is only that of the registry.
        pub static PANES: &[(&[Screen], &Pane)] = &[$((&[$(Screen::$screen),+], &$pane),)+];

        /// The state of the panes that keep one while the program runs.
        #[derive(Default)]
        pub struct PaneStates {
            $($(pub $field: $state,)?)+
        }
    };
}

registry! {
    [Queue] => queue::PANE;
    [Detail] => detail::PANE;
    [Register] => register::PANE;
    [Wizard] => wizard::PANE;
    [Compose] => compose::PANE;
    // A form that records something (closing, review, problem, article).
    [Record] => record::PANE;
    [Admin] => admin::PANE, admin: admin::AdminState;
    [Problems, Knowledge] => library::PANE, library: library::LibraryState;
    [Reports] => reports::PANE, reports: reports::ReportsState;
    [MyWork] => my_work::PANE, my_work: my_work::MyWorkState;
}

/// The pane that draws this screen.
pub fn of(screen: Screen) -> &'static Pane {
    PANES.iter().find(|(screens, _)| screens.contains(&screen)).map(|(_, pane)| *pane).expect("every screen has a pane")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_exactly_one_pane() {
        for screen in Screen::ALL {
            let n = PANES.iter().filter(|(screens, _)| screens.contains(screen)).count();
            assert_eq!(n, 1, "{screen:?} is drawn by {n} panes");
        }
        // And the registry is read as written: a screen named twice would be two variants.
        assert_eq!(Screen::ALL.len(), PANES.iter().map(|(screens, _)| screens.len()).sum::<usize>());
    }

    #[test]
    fn every_pane_layer_has_keys() {
        let keymap = crate::keymap::Keymap::defaults();
        for (_, pane) in PANES {
            assert!(!keymap.bindings(pane.layer).is_empty(), "{:?} has no keys", pane.layer);
        }
    }
}
