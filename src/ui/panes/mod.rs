//! Drawing the panes that are not yet units of their own under `panes/`.

pub mod compose;
pub mod detail;
mod detail_closing;
mod detail_sla;
pub mod dialog;
pub mod queue;
pub mod record;
pub mod register;
pub mod wizard;
