//! The plain values of sending mail, known to the config and the catalogue
//! without the adapter that sends it (`crate::mail`).

/// How messages leave: a command that reads a message on its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    pub command: String,
    pub from: Option<String>,
}

/// Why a message did not go out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailProblem {
    NoCommand,
    NoAddress,
    /// An address (the reporter's or the configured sender) that does not
    /// parse as one mailbox, shown with its control characters escaped.
    BadAddress(String),
    Failed(String),
}
