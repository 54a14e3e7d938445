//! The classification wizard: category, subcategory, service, impact and
//! urgency one step at a time, and the priority they give.

pub mod render;
pub mod state;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane::form(Layer::Wizard, update::command, render::render, update::input, None);
