//! The queue: the tickets a user may see, a page at a time, with filters,
//! sort orders, a typed search and counts. Enter opens an incident.
//!
//! Its pages come as every pane's data does: `update` asks with
//! `Effect::LoadPage`/`Effect::LoadCounts`, the executor pages the store
//! with keyset cursors, and `Action::PageLoaded`/`Action::CountsLoaded`
//! bring them back.

mod hints;
pub mod render;
pub mod update;

use super::Pane;
use crate::keymap::Layer;

pub const PANE: Pane = Pane {
    layer: Layer::Queue,
    update: update::command,
    render: render::render,
    hints: Some(hints::queue),
    typing: |s| s.queue.search_active,
    input: None,
    paste: Some(update::paste),
    back: None,
    field_key: Some(|s, key| if s.queue.search_active { update::search_key(s, key) } else { None }),
};
