//! The record panes: closing an incident, its post-incident review, a
//! problem, a knowledge article; one form each.

pub mod render;
pub mod state;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane::form(Layer::Form, update::command, render::render, update::input, Some(update::paste));
