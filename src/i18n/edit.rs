//! The words of editing a registered ticket and of honest pick lists.

pub struct EditWords {
    /// The form's title when it edits a ticket.
    pub title: fn(&str) -> String,
    /// Saved: the ticket's number and the fields that changed.
    pub saved: fn(&str, &str) -> String,
    pub unchanged: &'static str,
    pub not_allowed: &'static str,
}
