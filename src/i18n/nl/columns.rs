//! Dutch column headings (see `i18n/column_words.rs`).

use crate::i18n::column_words::ColumnWords;

pub(super) static COLUMNS: ColumnWords = ColumnWords {
    number: "Nummer",
    priority: "Pri",
    status: "Status",
    title: "Titel",
    team: "Team",
    assignee: "Behandelaar",
    age: "Leeftijd",
    due: "Deadline",
    incidents: "Meldingen",
    line: "Lijn",
    members: "Leden",
    open_work: "Open werk",
    login: "Login",
    name: "Naam",
    role: "Rol",
    teams: "Teams",
    subject: "Wat",
    change: "Oud → nieuw",
    when: "Wanneer",
    who: "Wie",
    field: "Veld",
    item: "Punt",
    required: "Verplicht",
    ticked: "Afgevinkt",
    owner: "Wie",
    done: "Klaar",
};
