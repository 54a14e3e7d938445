//! The dialogs over a pane: handing an incident on (assigning,
//! escalating, asking a lead), linking it, adding teams and people, and a
//! report's filter. Not a screen of its own: it draws over the one below.

pub mod render;
pub mod state;
pub mod update;
