//! Nederlandse woorden voor het wijzigen van een melding en voor keuzelijsten.

use crate::i18n::edit::EditWords;

pub(super) const EDIT: EditWords = EditWords {
    title: |number| format!("{number} wijzigen"),
    saved: |number, fields| format!("{number} gewijzigd: {fields}."),
    unchanged: "Niets gewijzigd.",
    not_allowed: "Je rol mag niet wijzigen wat is geregistreerd",
};
