//! Keymaps as data: a default TOML file in `assets/`, layered per pane, that
//! the user's config overrides key by key.

mod command;
mod key;

pub use command::{Command, FilterName, Layer, Row, ViewName, Words, rows};
pub use key::{KeyChord, KeyCodeName};

use indexmap::IndexMap;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Key bindings as written in a file: layer → key → command name, in file
/// order (the first key bound to a command is the one hints show).
pub type KeymapTable = IndexMap<String, IndexMap<String, Spanned<String>>>;

/// What is wrong with a binding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapProblem {
    #[error("unknown keymap layer '{0}' (known: {known})", known = Layer::known())]
    UnknownLayer(String),
    #[error("unknown key '{0}'")]
    UnknownKey(String),
    #[error("unknown command '{0}'")]
    UnknownCommand(String),
    #[error("command '{command}' does not apply in layer '{layer}' (it does in: {fits})")]
    WrongLayer { command: String, layer: String, fits: String },
}

/// A binding that cannot be used, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The key path, e.g. `queue."x"`.
    pub key: String,
    pub problem: KeymapProblem,
    /// Byte range of the offending value in its file.
    pub span: Option<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    layers: BTreeMap<Layer, IndexMap<KeyChord, Command>>,
}

impl Keymap {
    /// The bindings shipped in `assets/keymap.toml`.
    pub fn defaults() -> Keymap {
        let table: KeymapTable = toml::from_str(DEFAULT_KEYMAP).expect("the default keymap is valid TOML");
        let mut keymap = Keymap { layers: BTreeMap::new() };
        keymap.apply(&table).expect("the default keymap names known keys and commands");
        keymap
    }

    /// The defaults with a user's bindings laid over them, key by key.
    pub fn with_overrides(table: &KeymapTable) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::defaults();
        keymap.apply(table)?;
        Ok(keymap)
    }

    fn apply(&mut self, table: &KeymapTable) -> Result<(), KeymapError> {
        for (layer_name, bindings) in table {
            let layer = Layer::from_code(layer_name).ok_or_else(|| KeymapError {
                key: layer_name.clone(),
                problem: KeymapProblem::UnknownLayer(layer_name.clone()),
                span: bindings.values().next().map(|v| v.span()),
            })?;
            for (key_name, command_name) in bindings {
                let path = format!("{layer_name}.\"{key_name}\"");
                let fail = |problem| KeymapError { key: path.clone(), problem, span: Some(command_name.span()) };
                let chord = KeyChord::parse(key_name).map_err(|_| fail(KeymapProblem::UnknownKey(key_name.clone())))?;
                let entries = self.layers.entry(layer).or_default();
                let name = command_name.get_ref().as_str();
                if name == "none" {
                    entries.shift_remove(&chord);
                    continue;
                }
                let command =
                    Command::from_code(name).ok_or_else(|| fail(KeymapProblem::UnknownCommand(name.to_string())))?;
                if !command.layers().contains(&layer) {
                    let fits: Vec<&str> = command.layers().iter().map(|l| l.code()).collect();
                    return Err(fail(KeymapProblem::WrongLayer {
                        command: name.to_string(),
                        layer: layer_name.clone(),
                        fits: fits.join(", "),
                    }));
                }
                entries.insert(chord, command);
            }
        }
        Ok(())
    }

    /// The command bound to a key in a layer, if any.
    pub fn resolve(&self, layer: Layer, chord: &KeyChord) -> Option<Command> {
        self.layers.get(&layer)?.get(chord).copied()
    }

    /// Each command of a layer with all keys bound to it, in binding order.
    pub fn bindings(&self, layer: Layer) -> Vec<(Command, Vec<KeyChord>)> {
        let mut by_command: IndexMap<Command, Vec<KeyChord>> = IndexMap::new();
        for (chord, command) in self.layers.get(&layer).into_iter().flatten() {
            by_command.entry(*command).or_default().push(*chord);
        }
        by_command.into_iter().collect()
    }

    /// The first key bound to a command in a layer (or everywhere), as a
    /// sentence names it; empty when it has none.
    pub fn name(&self, layer: Layer, command: Command) -> String {
        let key = self.key_for(layer, command).or_else(|| self.key_for(Layer::Global, command));
        key.map(|k| k.to_string()).unwrap_or_default()
    }

    /// The keys that move up and down a layer's list: `↑↓` while those are
    /// the arrows, else both names (`k/j`).
    pub fn up_down(&self, layer: Layer) -> String {
        let (up, down) = (self.name(layer, Command::Up), self.name(layer, Command::Down));
        if (up.as_str(), down.as_str()) == ("Up", "Down") { "↑↓".to_string() } else { format!("{up}/{down}") }
    }

    /// The first key bound to a command, for hints such as "n new".
    pub fn key_for(&self, layer: Layer, command: Command) -> Option<KeyChord> {
        let bindings = self.layers.get(&layer)?;
        bindings.iter().find(|(_, c)| **c == command).map(|(k, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> KeymapTable {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn defaults_bind_the_expected_keys() {
        let k = Keymap::defaults();
        let key = |s| KeyChord::parse(s).unwrap();
        assert_eq!(k.resolve(Layer::Queue, &key("j")), Some(Command::Down));
        assert_eq!(k.resolve(Layer::Queue, &key("Down")), Some(Command::Down));
        assert_eq!(k.resolve(Layer::Global, &key("q")), Some(Command::Quit));
        assert_eq!(k.resolve(Layer::Form, &key("Ctrl-s")), Some(Command::Save));
    }

    #[test]
    fn every_command_has_a_default_key() {
        let k = Keymap::defaults();
        for command in Command::all() {
            let bound = command.layers().iter().any(|l| k.key_for(*l, command).is_some());
            assert!(bound, "{command} has no default key");
        }
    }

    #[test]
    fn a_key_means_the_same_in_the_queue_and_the_incident_pane() {
        let k = Keymap::defaults();
        for (command, keys) in k.bindings(Layer::Queue) {
            for key in keys {
                if let Some(other) = k.resolve(Layer::Detail, &key) {
                    assert_eq!(other, command, "{key} is {command} in the queue but {other} in the incident pane");
                }
            }
        }
    }

    #[test]
    fn override_replaces_one_key_and_keeps_the_rest() {
        let k = Keymap::with_overrides(&table("[queue]\n\"x\" = \"down\"\n\"j\" = \"none\"\n")).unwrap();
        let key = |s| KeyChord::parse(s).unwrap();
        assert_eq!(k.resolve(Layer::Queue, &key("x")), Some(Command::Down));
        assert_eq!(k.resolve(Layer::Queue, &key("j")), None);
        assert_eq!(k.resolve(Layer::Queue, &key("k")), Some(Command::Up));
    }

    #[test]
    fn unknown_command_key_and_layer_are_named() {
        let err = Keymap::with_overrides(&table("[queue]\n\"x\" = \"explode\"\n")).unwrap_err();
        assert_eq!(err.key, "queue.\"x\"");
        assert_eq!(err.problem, KeymapProblem::UnknownCommand("explode".into()));
        let err = Keymap::with_overrides(&table("[queue]\n\"Hyper-x\" = \"down\"\n")).unwrap_err();
        assert_eq!(err.problem, KeymapProblem::UnknownKey("Hyper-x".into()));
        let err = Keymap::with_overrides(&table("[queu]\n\"x\" = \"down\"\n")).unwrap_err();
        assert_eq!(err.problem, KeymapProblem::UnknownLayer("queu".into()));
        let err = Keymap::with_overrides(&table("[form]\n\"x\" = \"open\"\n")).unwrap_err();
        assert!(err.problem.to_string().contains("does not apply"));
    }
}
