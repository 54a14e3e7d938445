//! Writing a work note or a message to the reporter, from a template or not.

pub mod render;
pub mod state;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane::form(Layer::Compose, update::command, render::render, update::input, Some(update::paste));
