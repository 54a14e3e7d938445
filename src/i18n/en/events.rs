//! English words of the timeline's events (see `i18n/event_words.rs`).

use crate::i18n::event_words::EventWords;

pub(super) static EVENTS: EventWords = EventWords {
    created: "registered the incident",
    priority_override: |chosen, matrix, reason| format!("set priority {chosen} instead of {matrix} (matrix): {reason}"),
    deadline: |target, old, new| format!("{target} deadline moved: {old} → {new}"),
    paused: |target, status| format!("{target} clock paused ({status})"),
    resumed: |target, due| format!("{target} clock resumed, due {due}"),
    breached: |target| format!("{target} target breached"),
    escalated: |to, reason| format!("escalated to {to}: {reason}"),
    lead: |reason| format!("asked a lead's attention: {reason}"),
    major: |coordinator, comms| format!("made a major incident (coordinator {coordinator}, communication {comms})"),
    linked: |major| format!("linked to major incident {major}"),
    child_linked: |child| format!("{child} linked to this major incident"),
    ticked: |item| format!("ticked: {item}"),
    unticked: |item| format!("unticked: {item}"),
    feedback: |score, comment| format!("reporter's satisfaction {score}/5 {comment}"),
    review_updated: "updated the post-incident review",
    review_completed: "completed the post-incident review",
    review_reopened: "made the post-incident review a draft again",
    duplicate: |original| format!("marked as a duplicate of {original}"),
    problem_linked: |problem| format!("linked to problem {problem}"),
    problem_unlinked: |problem| format!("unlinked from problem {problem}"),
    knowledge: |article| format!("applied knowledge article {article}"),
    update_missed: super::clock::ev_update_missed,
};
