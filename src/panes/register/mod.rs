//! The registration form: a call or e-mail registered as a ticket, and a
//! registered ticket's fields edited in the same form (`edit.rs`). Its
//! footer is its own line (how to type, save and cancel).

pub mod edit;
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
