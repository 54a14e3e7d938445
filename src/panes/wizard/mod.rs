//! The classification wizard: category, subcategory, service, impact and
//! urgency one step at a time, and the priority they give.

pub mod render;
pub mod state;
pub mod update;

use super::{Pane, always};
use crate::keymap::Layer;

pub const PANE: Pane = Pane {
    layer: Layer::Wizard,
    update: update::command,
    render: render::render,
    hints: None,
    typing: always,
    input: Some(update::input),
    paste: None,
    back: None,
    field_key: None,
};
