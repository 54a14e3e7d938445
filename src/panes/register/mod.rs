//! The registration form: a call or e-mail registered as a ticket, and a
//! registered ticket's fields edited in the same form (`edit.rs`). Its
//! footer is its own line (how to type, save and cancel).

pub mod edit;
pub mod render;
pub mod state;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane::form(Layer::Form, update::command, render::render, update::input, Some(update::paste));
