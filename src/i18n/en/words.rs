//! English words for permissions and input problems.

use crate::domain::validate::Problem;
use crate::keymap::KeymapProblem;

pub(super) fn permission(p: crate::domain::access::Permission) -> &'static str {
    use crate::domain::access::Permission::*;
    match p {
        Register => "registering tickets",
        Classify => "classifying",
        Assign => "assigning and escalating",
        Work => "working on tickets",
        Close => "closing",
        Reopen => "reopening closed tickets",
        Learn => "problems and knowledge",
        CompleteReview => "completing reviews",
        ManagePeople => "managing teams and people",
        ReferenceData => "reference data",
        Settings => "settings",
        Restrict => "restricting tickets",
        Privacy => "privacy actions",
        Bookkeeping => "bookkeeping",
        HandleLeadAsk => "handling what a lead was asked",
    }
}

pub(super) fn keymap_problem(p: &KeymapProblem) -> String {
    p.to_string()
}

pub(super) fn problem(p: Problem) -> String {
    match p {
        Problem::Required => "is required".to_string(),
        Problem::TooLong { max } => format!("is longer than {max} characters"),
        Problem::InvalidEmail => "is not an e-mail address".to_string(),
        Problem::ControlCharacter => "must be one line, without control characters".to_string(),
    }
}
