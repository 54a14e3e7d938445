//! English words for editing a registered ticket and for pick lists.

use crate::i18n::edit::EditWords;

pub(super) const EDIT: EditWords = EditWords {
    title: |number| format!("Edit {number}"),
    saved: |number, fields| format!("{number} changed: {fields}."),
    unchanged: "Nothing changed.",
    not_allowed: "Your role may not change what was registered",
};
