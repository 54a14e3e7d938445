//! English words for editing a registered ticket and for pick lists.

use crate::i18n::edit::EditWords;

pub(super) const EDIT: EditWords = EditWords {
    title: |number| format!("Edit {number}"),
    saved: |number, fields| format!("{number} changed: {fields}."),
    unchanged: "Nothing changed.",
    not_allowed: "Your role may not change what was registered",
    not_in_list_short: "not in the list",
    not_in_list: |typed, clear| format!("“{typed}” is not in the list: {clear} clears it"),
    not_in_list_add: |typed, clear, add| format!("“{typed}” is not in the list: {add} adds it, {clear} clears it"),
    ask_admin: "Only an admin may add to this list; choose one of its values or ask an admin",
    add_nothing: "Type the new value into a department, service, category or subcategory list first",
    added: |name| format!("“{name}” is in the list now."),
    wizard_not_in_list: |typed, back| format!("“{typed}” is not in the list: {back} removes it"),
    wizard_not_in_list_add: |typed, back, add| {
        format!("“{typed}” is not in the list: {add} adds it, {back} removes it")
    },
    no_problems: |add, recurring| {
        format!("No problems recorded yet: {add} records one, {recurring} shows incidents that keep coming back.")
    },
    no_recurring: |days| format!("No service and category had recurring incidents in the last {days} days."),
    no_articles: |add| format!("The knowledge base has no articles yet: {add} writes one."),
    no_article_matches: |search| format!("No article matches “{search}”."),
    save_with: |key| format!("This is the last field: {key} saves the incident."),
    may_not_register: "Your role may not register incidents; an operator, a lead or an admin can.",
    wizard_hint_long: |pick, choose, back, cancel| {
        format!("number + {pick} picks · letters narrow · {choose} · {back} back · {cancel} cancel")
    },
};
