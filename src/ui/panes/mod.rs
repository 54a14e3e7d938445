//! Drawing the panes that are not yet units of their own under `panes/`.

pub mod compose;
pub mod dialog;
pub mod record;
pub mod register;
pub mod wizard;
