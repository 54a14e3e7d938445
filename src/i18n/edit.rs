//! The words of editing a registered ticket, of honest pick lists and of
//! the closing and learning lists.

pub struct EditWords {
    /// The form's title when it edits a ticket.
    pub title: fn(&str) -> String,
    /// Saved: the ticket's number and the fields that changed.
    pub saved: fn(&str, &str) -> String,
    pub unchanged: &'static str,
    pub not_allowed: &'static str,
    /// Beside the field whose typed text matches nothing.
    pub not_in_list_short: &'static str,
    /// What was typed matches nothing in the list (the typed text, the key
    /// that clears it).
    pub not_in_list: fn(&str, &str) -> String,
    /// …and the key that adds it, for whom may add reference data.
    pub not_in_list_add: fn(&str, &str, &str) -> String,
    pub ask_admin: &'static str,
    pub add_nothing: &'static str,
    pub added: fn(&str) -> String,
    /// The wizard's letters match nothing in its list.
    /// (The typed text, the key that removes it; the key that adds it.)
    pub wizard_not_in_list: fn(&str, &str) -> String,
    pub wizard_not_in_list_add: fn(&str, &str, &str) -> String,
    /// The wizard's hint on a list of more than nine options: the keys that
    /// pick, choose, step back and cancel.
    pub wizard_hint_long: fn(&str, &str, &str, &str) -> String,
    /// Empty lists: no problems (the keys to add one, to see recurring
    /// incidents), no recurring incidents (days looked back), no articles
    /// (the key to add one), no article matching a search.
    pub no_problems: fn(&str, &str) -> String,
    pub no_recurring: fn(i64) -> String,
    pub no_articles: fn(&str) -> String,
    pub no_article_matches: fn(&str) -> String,
    /// Enter on the form's last field: only the save key saves (that key).
    pub save_with: fn(&str) -> String,
    /// `n` for a role that may not register.
    pub may_not_register: &'static str,
}
