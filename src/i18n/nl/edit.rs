//! Nederlandse woorden voor het wijzigen van een melding en voor keuzelijsten.

use crate::i18n::edit::EditWords;

pub(super) const EDIT: EditWords = EditWords {
    title: |number| format!("{number} wijzigen"),
    saved: |number, fields| format!("{number} gewijzigd: {fields}."),
    unchanged: "Niets gewijzigd.",
    not_allowed: "Je rol mag niet wijzigen wat is geregistreerd",
    not_in_list_short: "niet in de lijst",
    not_in_list: |typed, clear| format!("“{typed}” staat niet in de lijst: {clear} wist het"),
    not_in_list_add: |typed, clear, add| {
        format!("“{typed}” staat niet in de lijst: {add} voegt het toe, {clear} wist het")
    },
    ask_admin: "Alleen een beheerder mag aan deze lijst toevoegen; kies een van de waarden of vraag een beheerder",
    add_nothing: "Typ de nieuwe waarde eerst in een lijst van afdelingen, diensten, categorieën of subcategorieën",
    added: |name| format!("“{name}” staat nu in de lijst."),
    wizard_not_in_list: |typed, back| format!("“{typed}” staat niet in de lijst: {back} haalt het weg"),
    wizard_not_in_list_add: |typed, back, add| {
        format!("“{typed}” staat niet in de lijst: {add} voegt het toe, {back} haalt het weg")
    },
    no_problems: |add, recurring| {
        format!("Nog geen problemen vastgelegd: {add} legt er een vast, {recurring} toont terugkerende meldingen.")
    },
    no_recurring: |days| format!("Geen dienst en categorie had terugkerende meldingen in de laatste {days} dagen."),
    no_articles: |add| format!("De kennisbank heeft nog geen artikelen: {add} schrijft er een."),
    no_article_matches: |search| format!("Geen artikel past bij “{search}”."),
    save_with: |key| format!("Dit is het laatste veld: {key} slaat de melding op."),
    may_not_register: "Je rol mag geen meldingen registreren; een operator, teamleider of beheerder wel.",
    wizard_hint_long: |pick, choose, back, cancel| {
        format!("nummer + {pick} kiest · letters zoeken · {choose} · {back} terug · {cancel} annuleren")
    },
};
