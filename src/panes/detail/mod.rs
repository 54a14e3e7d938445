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

/// The incident's timeline as last drawn, wrapped to the width it was drawn
/// at: built again only for another width or when the ticket is loaded
/// anew (`DetailState::timeline` starts empty then).
#[derive(Default)]
pub struct TimelineCache(std::cell::RefCell<Option<(usize, std::rc::Rc<Vec<ratatui::text::Line<'static>>>)>>);

impl TimelineCache {
    /// The lines at `width`, made by `make` when they are not kept yet.
    pub fn wrapped(
        &self,
        width: usize,
        make: impl FnOnce() -> Vec<ratatui::text::Line<'static>>,
    ) -> std::rc::Rc<Vec<ratatui::text::Line<'static>>> {
        let mut kept = self.0.borrow_mut();
        match kept.as_ref() {
            Some((w, lines)) if *w == width => lines.clone(),
            _ => {
                let lines = std::rc::Rc::new(make());
                *kept = Some((width, lines.clone()));
                lines
            }
        }
    }
}

impl std::fmt::Debug for TimelineCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TimelineCache")
    }
}
