//! Dutch words of the timeline's events (see `i18n/event_words.rs`).

use crate::i18n::event_words::EventWords;

pub(super) static EVENTS: EventWords = EventWords {
    created: "heeft de melding geregistreerd",
    priority_override: |chosen, matrix, reason| {
        format!("prioriteit {chosen} gekozen in plaats van {matrix} (matrix): {reason}")
    },
    deadline: |target, old, new| format!("deadline {target} verschoven: {old} → {new}"),
    paused: |target, status| format!("klok {target} gepauzeerd ({status})"),
    resumed: |target, due| format!("klok {target} loopt weer, uiterlijk {due}"),
    breached: |target| format!("norm {target} overschreden"),
    escalated: |to, reason| format!("geëscaleerd naar {to}: {reason}"),
    lead: |reason| format!("aandacht van een teamleider gevraagd: {reason}"),
    major: |coordinator, comms| format!("major incident gemaakt (coördinator {coordinator}, communicatie {comms})"),
    linked: |major| format!("gekoppeld aan major incident {major}"),
    child_linked: |child| format!("{child} aan dit major incident gekoppeld"),
    ticked: |item| format!("afgevinkt: {item}"),
    unticked: |item| format!("niet meer afgevinkt: {item}"),
    feedback: |score, comment| format!("tevredenheid melder {score}/5 {comment}"),
    review_updated: "heeft de evaluatie bijgewerkt",
    review_completed: "heeft de evaluatie afgerond",
    review_reopened: "heeft de evaluatie weer een concept gemaakt",
    duplicate: |original| format!("gemarkeerd als dubbele melding van {original}"),
    problem_linked: |problem| format!("gekoppeld aan probleem {problem}"),
    problem_unlinked: |problem| format!("ontkoppeld van probleem {problem}"),
    knowledge: |article| format!("kennisartikel {article} toegepast"),
    update_missed: super::clock::ev_update_missed,
};
