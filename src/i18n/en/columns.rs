//! English column headings (see `i18n/column_words.rs`).

use crate::i18n::column_words::ColumnWords;

pub(super) static COLUMNS: ColumnWords = ColumnWords {
    number: "Number",
    priority: "Pri",
    status: "Status",
    title: "Title",
    team: "Team",
    assignee: "Assignee",
    age: "Age",
    due: "Due",
    incidents: "Incidents",
    line: "Line",
    members: "Members",
    open_work: "Open work",
    login: "Login",
    name: "Name",
    role: "Role",
    teams: "Teams",
    subject: "What",
    change: "Old → new",
    when: "When",
    who: "Who",
    field: "Field",
    item: "Item",
    required: "Required",
    ticked: "Ticked",
    owner: "Who",
    done: "Done",
};
