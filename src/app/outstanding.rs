//! Work handed to the workers and not answered yet: which lane each effect
//! goes to, which must wait so that changes to one ticket keep their order,
//! and what the spinner says about it. Pure: the caller passes the time.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::effect::{Ask, Effect};
use crate::domain::TicketId;

/// Work answered sooner than this shows no spinner, and keys wait for it
/// (at most one frame), so that keys typed ahead act on what they opened.
pub const SETTLE: Duration = Duration::from_millis(150);

/// Where an effect runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Loads and ordinary changes, one after the other, in the order asked.
    Quick,
    /// Work that may take seconds (mail, demo data), on its own connection.
    Slow,
}

/// What the spinner says is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// A message on its way; also to the linked incidents' reporters.
    Sending {
        to_linked: bool,
    },
    Recording,
    Demo {
        count: u64,
    },
    Database,
}

/// An effect to hand to a lane, numbered for its answer.
#[derive(Debug, PartialEq)]
pub struct Sent {
    pub seq: u64,
    pub lane: Lane,
    pub effect: Effect,
}

struct Job {
    seq: u64,
    lane: Lane,
    busy: Busy,
    /// The tickets it changes.
    writes: Vec<TicketId>,
    /// It also changes tickets known only when it runs (a message to the
    /// linked incidents ticks theirs): every change waits for it, and it
    /// for every change.
    writes_more: bool,
    since: Instant,
    /// Kept back until the other lane is done with its tickets.
    held: Option<Effect>,
    /// One of the watchers each second asks for again.
    watcher: Option<std::mem::Discriminant<Effect>>,
    /// The pane waiting for it, if any.
    ask: Option<Ask>,
}

#[derive(Default)]
pub struct Outstanding {
    next: u64,
    jobs: Vec<Job>,
    shown: Option<Busy>,
    /// The spinner's turn.
    pub frame: usize,
}

impl Outstanding {
    /// Takes an effect on: what can go to its lane now (it, or nothing when
    /// it must wait or the same watcher is still under way).
    pub fn submit(&mut self, effect: Effect, now: Instant) -> Option<Sent> {
        let (ask, effect) = effect.take_ask();
        let watcher = watcher(&effect);
        if watcher.is_some() && self.jobs.iter().any(|j| j.watcher == watcher) {
            // Asked again while the last one waits (a busy file): once is enough.
            return None;
        }
        let (lane, busy, writes, writes_more) = (lane(&effect), busy(&effect), writes(&effect), writes_more(&effect));
        self.next += 1;
        let seq = self.next;
        let wait = self.must_wait(lane, &writes, writes_more, self.jobs.len());
        self.jobs.push(Job { seq, lane, busy, writes, writes_more, since: now, held: None, watcher, ask });
        if wait {
            self.jobs.last_mut().expect("just pushed").held = Some(effect);
            return None;
        }
        Some(Sent { seq, lane, effect })
    }

    /// The pane waiting for the work numbered `seq`, if any.
    pub fn asked_by(&self, seq: u64) -> Option<Ask> {
        self.jobs.iter().find(|j| j.seq == seq).and_then(|j| j.ask)
    }

    /// The work numbered `seq` is answered: what waited for it may go now.
    pub fn finished(&mut self, seq: u64) -> Vec<Sent> {
        self.jobs.retain(|j| j.seq != seq);
        let mut released = Vec::new();
        for at in 0..self.jobs.len() {
            if self.jobs[at].held.is_none() {
                continue;
            }
            let (lane, writes, more) = (self.jobs[at].lane, self.jobs[at].writes.clone(), self.jobs[at].writes_more);
            if !self.must_wait(lane, &writes, more, at) {
                let job = &mut self.jobs[at];
                let effect = job.held.take().expect("held");
                released.push(Sent { seq: job.seq, lane, effect });
            }
        }
        released
    }

    /// Whether work changing `writes` on `lane` must wait for what came
    /// before it (the first `before` jobs): the other lane changing one of
    /// these tickets, or an earlier change to one of them still waiting.
    fn must_wait(&self, lane: Lane, writes: &[TicketId], more: bool, before: usize) -> bool {
        if writes.is_empty() && !more {
            return false;
        }
        self.jobs[..before]
            .iter()
            .filter(|j| j.lane != lane || j.held.is_some())
            .any(|j| j.writes_more || (more && !j.writes.is_empty()) || j.writes.iter().any(|t| writes.contains(t)))
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Work asked for a moment ago: keys wait for it a little.
    pub fn settling(&self, now: Instant) -> bool {
        self.jobs.iter().any(|j| now.saturating_duration_since(j.since) < SETTLE)
    }

    /// Looks at what has been under way long enough to show, the slow work first.
    pub fn refresh(&mut self, now: Instant) {
        let long = |j: &&Job| now.saturating_duration_since(j.since) >= SETTLE;
        let slow = self.jobs.iter().filter(long).find(|j| j.busy != Busy::Database);
        self.shown = slow.or_else(|| self.jobs.iter().find(long)).map(|j| j.busy);
    }

    /// What the spinner says, if it shows.
    pub fn shown(&self) -> Option<Busy> {
        self.shown
    }
}

pub fn lane(effect: &Effect) -> Lane {
    match effect {
        Effect::SendMessage(_) | Effect::LoadDemo { .. } => Lane::Slow,
        _ => Lane::Quick,
    }
}

fn busy(effect: &Effect) -> Busy {
    match effect {
        Effect::SendMessage(out) if out.record_only => Busy::Recording,
        Effect::SendMessage(out) => Busy::Sending { to_linked: out.to_linked },
        Effect::LoadDemo { count } => Busy::Demo { count: *count },
        _ => Busy::Database,
    }
}

/// The watchers that each second asks for: one of each under way is enough.
fn watcher(effect: &Effect) -> Option<std::mem::Discriminant<Effect>> {
    matches!(
        effect,
        Effect::WatchDeadlines | Effect::WatchUpdates { .. } | Effect::WatchOthers | Effect::BePresent { .. }
    )
    .then(|| std::mem::discriminant(effect))
}

/// Whether an effect also changes tickets it does not name.
fn writes_more(effect: &Effect) -> bool {
    matches!(effect, Effect::SendMessage(out) if out.to_linked)
}

/// The tickets an effect changes.
pub fn writes(effect: &Effect) -> Vec<TicketId> {
    let mut ids: Vec<TicketId> = match effect {
        Effect::Classify { id, .. }
        | Effect::EditTicket { id, .. }
        | Effect::Assign { id, .. }
        | Effect::Escalate { id, .. }
        | Effect::AskLead { id, .. }
        | Effect::LeadHandled { id, .. }
        | Effect::MakeMajor { id, .. }
        | Effect::AddNote { id, .. }
        | Effect::Tick { id, .. }
        | Effect::SaveReview { id, .. }
        | Effect::MarkDuplicate { id, .. } => vec![*id],
        Effect::SetStatus { id, also, .. } => std::iter::once(*id).chain(also.iter().copied()).collect(),
        Effect::LinkToMajor { child, major } => vec![*child, *major],
        // The linked incidents a message also goes to are looked up as it is
        // sent (see `writes_more`).
        Effect::SendMessage(out) => vec![out.ticket_id],
        Effect::Close(input) => vec![input.id],
        Effect::LinkProblem { ticket, .. } | Effect::ApplyKnowledge { ticket, .. } => vec![*ticket],
        Effect::SaveProblem { incidents, .. } => incidents.clone(),
        _ => Vec::new(),
    };
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::effect::Outgoing;

    fn message(id: TicketId, to_linked: bool) -> Effect {
        Effect::SendMessage(Box::new(Outgoing {
            ticket_id: id,
            subject: "s".into(),
            body: "b".into(),
            record_only: false,
            to_linked,
            template: None,
        }))
    }

    fn note(id: TicketId) -> Effect {
        Effect::AddNote { id, body: "n".into() }
    }

    #[test]
    fn mail_and_demo_data_go_to_the_slow_lane_and_the_rest_to_the_quick_one() {
        assert_eq!(lane(&message(1, false)), Lane::Slow);
        assert_eq!(lane(&Effect::LoadDemo { count: 10 }), Lane::Slow);
        assert_eq!(lane(&note(1)), Lane::Quick);
        assert_eq!(lane(&Effect::LoadTicket(1)), Lane::Quick);
    }

    #[test]
    fn a_pane_s_save_goes_to_its_lane_as_itself_and_its_answer_knows_whose_it_is() {
        let mut work = Outstanding::default();
        let now = Instant::now();
        let sent = work.submit(message(1, false).asked(Ask(7)), now).expect("goes at once");
        assert_eq!((sent.lane, &sent.effect), (Lane::Slow, &message(1, false)));
        // Held behind the message, the note still knows its pane.
        assert!(work.submit(note(1).asked(Ask(8)), now).is_none());
        let load = work.submit(Effect::LoadTicket(1), now).expect("a read waits for nothing");
        assert_eq!((work.asked_by(sent.seq), work.asked_by(load.seq)), (Some(Ask(7)), None));
        let released = work.finished(sent.seq);
        assert_eq!(released.len(), 1);
        assert_eq!((work.asked_by(released[0].seq), &released[0].effect), (Some(Ask(8)), &note(1)));
    }

    #[test]
    fn a_change_waits_while_the_other_lane_changes_the_same_ticket() {
        let mut work = Outstanding::default();
        let t0 = Instant::now();
        let send = work.submit(message(7, false), t0).expect("nothing before it");
        assert_eq!(send.lane, Lane::Slow);
        // A note on the same ticket waits for the message; on another it does not.
        assert_eq!(work.submit(note(7), t0), None);
        let other = work.submit(note(8), t0).expect("another ticket");
        // A load of the ticket waits for nothing.
        assert!(work.submit(Effect::LoadTicket(7), t0).is_some());
        // Behind the waiting note, a later change of ticket 7 waits too, in its lane as well.
        assert_eq!(work.submit(Effect::LeadHandled { id: 7, note: String::new() }, t0), None);
        assert!(work.finished(other.seq).is_empty());
        let released = work.finished(send.seq);
        let effects: Vec<Effect> = released.into_iter().map(|s| s.effect).collect();
        assert_eq!(effects, vec![note(7), Effect::LeadHandled { id: 7, note: String::new() }]);
    }

    #[test]
    fn a_message_waits_for_the_change_before_it_to_its_ticket() {
        let mut work = Outstanding::default();
        let t0 = Instant::now();
        let status = Effect::SetStatus { id: 3, version: 1, status: crate::domain::Status::Resolved, also: vec![4] };
        let first = work.submit(status, t0).unwrap();
        // To ticket 3, and its linked ticket 4 as it is sent.
        assert_eq!(work.submit(message(3, true), t0), None);
        let released = work.finished(first.seq);
        assert_eq!(released.len(), 1);
        assert_eq!(released[0].lane, Lane::Slow);
    }

    #[test]
    fn a_message_to_the_linked_incidents_keeps_changes_to_any_ticket_in_order() {
        let mut work = Outstanding::default();
        let t0 = Instant::now();
        let summary = work.submit(message(3, true), t0).expect("nothing before it");
        // Closing ticket 9, which may be one of 3's linked incidents, waits for it.
        let close = Effect::AddNote { id: 9, body: "n".into() };
        assert_eq!(work.submit(close.clone(), t0), None);
        assert!(work.submit(Effect::LoadTicket(9), t0).is_some(), "reading does not wait");
        let released = work.finished(summary.seq);
        assert_eq!(released.iter().map(|s| &s.effect).collect::<Vec<_>>(), vec![&close]);
        // A message to its own reporter only keeps to its own ticket.
        let plain = work.submit(message(3, false), t0).unwrap();
        assert!(work.submit(Effect::AddNote { id: 9, body: "n".into() }, t0).is_some());
        work.finished(plain.seq);
    }

    #[test]
    fn a_watcher_still_under_way_is_not_asked_for_again() {
        let mut work = Outstanding::default();
        let t0 = Instant::now();
        let first = work.submit(Effect::WatchDeadlines, t0).unwrap();
        assert_eq!(work.submit(Effect::WatchDeadlines, t0), None);
        assert!(work.submit(Effect::WatchOthers, t0).is_some());
        work.finished(first.seq);
        assert!(work.submit(Effect::WatchDeadlines, t0).is_some());
    }

    #[test]
    fn the_spinner_shows_only_what_lasts_and_tells_the_slow_work_first() {
        let mut work = Outstanding::default();
        let t0 = Instant::now();
        let load = work.submit(Effect::LoadTicket(1), t0).unwrap();
        let send = work.submit(message(2, true), t0 + Duration::from_millis(10)).unwrap();
        work.refresh(t0 + Duration::from_millis(100));
        assert_eq!(work.shown(), None);
        assert!(work.settling(t0 + Duration::from_millis(100)));
        work.refresh(t0 + Duration::from_millis(200));
        assert_eq!(work.shown(), Some(Busy::Sending { to_linked: true }));
        assert!(!work.settling(t0 + Duration::from_millis(200)));
        work.finished(send.seq);
        work.refresh(t0 + Duration::from_millis(200));
        assert_eq!(work.shown(), Some(Busy::Database));
        work.finished(load.seq);
        work.refresh(t0 + Duration::from_millis(300));
        assert_eq!(work.shown(), None);
        assert!(work.is_empty());
    }
}
