//! The record panes: closing an incident, its post-incident review, a
//! problem, a knowledge article; one form each.

pub mod render;
pub mod state;
pub mod update;

use super::{Pane, always};
use crate::keymap::Layer;

pub const PANE: Pane = Pane {
    layer: Layer::Form,
    update: update::command,
    render: render::render,
    hints: None,
    typing: always,
    input: Some(update::input),
    paste: Some(update::paste),
    back: None,
    field_key: None,
};
