//! The incident pane: one ticket with its fields, SLA clocks, closure,
//! timeline and entries, and the work that can be done on it now.
//!
//! The ticket comes as every pane's data does: `update` asks with
//! `Effect::LoadTicket`, the executor reads it from one snapshot, and
//! `Action::TicketLoaded` brings it back.

pub mod hints;
pub mod render;
mod render_closing;
mod render_sla;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane {
    layer: Layer::Detail,
    update: update::command,
    render: render::render,
    hints: Some(hints::detail),
    typing: super::never,
    input: None,
    paste: None,
    back: None,
    field_key: None,
};
