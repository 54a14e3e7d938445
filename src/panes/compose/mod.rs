//! Writing a work note or a message to the reporter, from a template or not.

pub mod render;
pub mod state;
pub mod update;

use super::{Pane, always};
use crate::keymap::Layer;

pub const PANE: Pane = Pane {
    layer: Layer::Compose,
    update: update::command,
    render: render::render,
    hints: None,
    typing: always,
    input: Some(update::input),
    paste: Some(update::paste),
    back: None,
    field_key: None,
};
