//! Dutch words for permissions and input problems.

use crate::domain::validate::Problem;
use crate::keymap::KeymapProblem;

pub(super) fn permission(p: crate::domain::access::Permission) -> &'static str {
    use crate::domain::access::Permission::*;
    match p {
        Register => "meldingen registreren",
        Classify => "inschatten",
        Assign => "toewijzen en escaleren",
        Work => "aan meldingen werken",
        Close => "afsluiten",
        Reopen => "gesloten meldingen heropenen",
        Learn => "problemen en kennis",
        CompleteReview => "evaluaties afronden",
        ManagePeople => "teams en mensen beheren",
        ReferenceData => "referentiegegevens",
        Settings => "instellingen",
        Restrict => "meldingen afschermen",
        Privacy => "privacyhandelingen",
        Bookkeeping => "administratie",
        HandleLeadAsk => "afhandelen wat een teamleider gevraagd is",
    }
}

pub(super) fn keymap_problem(p: &KeymapProblem) -> String {
    match p {
        KeymapProblem::UnknownLayer(layer) => {
            format!("onbekende toetslaag '{layer}' (bekend: {})", crate::keymap::Layer::known())
        }
        KeymapProblem::UnknownKey(key) => format!("onbekende toets '{key}'"),
        KeymapProblem::UnknownCommand(command) => format!("onbekende opdracht '{command}'"),
        KeymapProblem::WrongLayer { command, layer, fits } => {
            format!("opdracht '{command}' hoort niet in laag '{layer}' (wel in: {fits})")
        }
    }
}

pub(super) fn problem(p: Problem) -> String {
    match p {
        Problem::Required => "is verplicht".to_string(),
        Problem::TooLong { max } => format!("is langer dan {max} tekens"),
        Problem::InvalidEmail => "is geen e-mailadres".to_string(),
        Problem::ControlCharacter => "moet één regel zijn, zonder stuurtekens".to_string(),
    }
}
