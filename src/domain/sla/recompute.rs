//! The SLA a ticket keeps with it, worked out again after a change: which
//! targets apply, the deadlines, and the events that say what moved, paused,
//! resumed or was breached. The store loads the inputs and keeps the result.

use chrono::{DateTime, Utc};

use super::{Clock, Clocks, History, Target, Targets, TicketSla, clocks};
use crate::domain::Ticket;
use crate::domain::event::{EventKind, NewEvent, SYSTEM};
use crate::domain::policy::Policy;

/// The SLA of a ticket as kept with it: the targets it was given, the
/// deadlines and stops in seconds since 1970 (UTC), and whether a breach was
/// recorded already.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredSla {
    pub targets: Option<Targets>,
    pub response_due: Option<i64>,
    pub responded_at: Option<i64>,
    pub resolution_due: Option<i64>,
    pub resolution_left: Option<i64>,
    pub update_due: Option<i64>,
    pub update_left: Option<i64>,
    pub response_breached: bool,
    pub resolution_breached: bool,
}

fn to_time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

fn ts(at: Option<DateTime<Utc>>) -> Option<i64> {
    at.map(|t| t.timestamp())
}

fn rfc3339(at: Option<i64>) -> Option<String> {
    at.map(|t| to_time(t).to_rfc3339())
}

impl StoredSla {
    /// The clocks as the screen shows them; `resolved_at` stops resolution and updates.
    pub fn ticket_sla(&self, resolved_at: Option<i64>) -> Option<TicketSla> {
        let targets = self.targets.as_ref()?;
        let clock = |target, due: Option<i64>, stopped: Option<i64>, left| Clock {
            target,
            target_secs: targets.secs(target),
            due: due.map(to_time),
            stopped_at: stopped.map(to_time),
            paused_left_secs: left,
        };
        Some(TicketSla {
            calendar: targets.calendar.clone(),
            clocks: Clocks {
                response: clock(Target::Response, self.response_due, self.responded_at, None),
                resolution: clock(Target::Resolution, self.resolution_due, resolved_at, self.resolution_left),
                update: clock(Target::Update, self.update_due, resolved_at, self.update_left),
            },
        })
    }
}

/// What a ticket's SLA becomes after a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recomputed {
    pub sla: StoredSla,
    /// The earliest deadline of a clock that still runs on an open ticket
    /// (what "most urgent" sorts by); none when no clock runs.
    pub urgent: Option<DateTime<Utc>>,
    /// What changed since the kept SLA, in order.
    pub events: Vec<NewEvent>,
}

/// Works a ticket's SLA out again from its history. With `reclassified`,
/// the targets of its (new) priority replace the kept ones and every moved
/// deadline is recorded; a clock that pauses or resumes is recorded with the
/// status that did it; a clock that stopped after its deadline is a breach,
/// recorded once. An unclassified ticket has no SLA.
pub fn recompute(
    kept: &StoredSla,
    ticket: &Ticket,
    history: &History,
    policy: &Policy,
    reclassified: bool,
    actor: &str,
    now: DateTime<Utc>,
) -> Recomputed {
    let Some(priority) = ticket.priority else {
        return Recomputed { sla: StoredSla::default(), urgent: None, events: Vec::new() };
    };
    let targets = match (&kept.targets, reclassified) {
        (Some(kept), false) => kept.clone(),
        _ => policy.sla.targets_for(priority).clone(),
    };
    let clocks = clocks(history, &targets, &policy.calendars, &policy.sla.pauses);
    let mut next = StoredSla {
        targets: Some(targets),
        response_due: ts(clocks.response.due),
        responded_at: ts(clocks.response.stopped_at),
        resolution_due: ts(clocks.resolution.due),
        resolution_left: clocks.resolution.paused_left_secs,
        update_due: ts(clocks.update.due),
        update_left: clocks.update.paused_left_secs,
        response_breached: kept.response_breached,
        resolution_breached: kept.resolution_breached,
    };
    let mut events = Vec::new();
    if reclassified && kept.targets.is_some() {
        for (target, old, new) in [
            (Target::Response, kept.response_due, next.response_due),
            (Target::Resolution, kept.resolution_due, next.resolution_due),
            (Target::Update, kept.update_due, next.update_due),
        ] {
            if old != new {
                events.push(NewEvent::of(
                    EventKind::Deadline,
                    now,
                    actor,
                    Some(target.code()),
                    rfc3339(old),
                    rfc3339(new),
                ));
            }
        }
    }
    let status = ticket.status.code();
    for (target, was, is) in [
        (Target::Resolution, kept.resolution_left.is_some(), next.resolution_left.is_some()),
        (Target::Update, kept.update_left.is_some(), next.update_left.is_some()),
    ] {
        let kind = match (was, is) {
            (false, true) => EventKind::SlaPaused,
            (true, false) if ticket.is_open() => EventKind::SlaResumed,
            _ => continue,
        };
        let due = if target == Target::Resolution { next.resolution_due } else { next.update_due };
        events.push(NewEvent::of(kind, now, actor, Some(target.code()), None, rfc3339(due)).with_note(status));
    }
    // A clock that stopped after its deadline is a breach, recorded once.
    for (target, stopped, due, flag) in [
        (Target::Response, clocks.response.stopped_at, clocks.response.due, &mut next.response_breached),
        (Target::Resolution, clocks.resolution.stopped_at, clocks.resolution.due, &mut next.resolution_breached),
    ] {
        if let (Some(stopped), Some(due)) = (stopped, due)
            && stopped > due
            && !*flag
        {
            *flag = true;
            events.push(NewEvent::of(EventKind::SlaBreached, due, SYSTEM, Some(target.code()), None, None));
        }
    }
    let urgent = if ticket.is_open() { clocks.most_urgent_due() } else { None };
    Recomputed { sla: next, urgent, events }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::{ALWAYS, OFFICE};
    use crate::domain::{Priority, Status};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        // November 2026: the 23rd is a Monday.
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
    }

    fn ticket(priority: Option<Priority>, status: Status) -> Ticket {
        Ticket { priority, status, created_at: at(23, 9, 0), ..Ticket::example() }
    }

    fn history(changes: &[(DateTime<Utc>, Status)]) -> History {
        History { created_at: at(23, 9, 0), initial: Status::New, changes: changes.to_vec(), communications: vec![] }
    }

    fn secs(d: u32, h: u32, m: u32) -> Option<i64> {
        Some(at(d, h, m).timestamp())
    }

    fn kinds(events: &[NewEvent]) -> Vec<(EventKind, Option<&str>)> {
        events.iter().map(|e| (e.kind, e.field.as_deref())).collect()
    }

    #[test]
    fn an_unclassified_ticket_has_no_sla() {
        let kept = StoredSla { response_due: Some(1), ..Default::default() };
        let r =
            recompute(&kept, &ticket(None, Status::New), &history(&[]), &Policy::default(), true, "ann", at(23, 9, 0));
        assert_eq!(r, Recomputed { sla: StoredSla::default(), urgent: None, events: vec![] });
    }

    #[test]
    fn a_new_ticket_gets_its_prioritys_targets_and_deadlines() {
        let p1 = ticket(Some(Priority::P1), Status::New);
        let r = recompute(&StoredSla::default(), &p1, &history(&[]), &Policy::default(), true, "ann", at(23, 9, 0));
        let targets = r.sla.targets.as_ref().unwrap();
        assert_eq!((targets.calendar.as_str(), targets.response_secs), (ALWAYS, 15 * 60));
        // P1 counts around the clock: 15 minutes, 4 hours, 30 minutes.
        assert_eq!(
            (r.sla.response_due, r.sla.resolution_due, r.sla.update_due),
            (secs(23, 9, 15), secs(23, 13, 0), secs(23, 9, 30))
        );
        assert_eq!(r.urgent, Some(at(23, 9, 15)));
        assert!(r.events.is_empty(), "a first SLA moves no deadline: {:?}", r.events);
    }

    #[test]
    fn kept_targets_stay_until_the_ticket_is_reclassified() {
        let p1 = ticket(Some(Priority::P1), Status::New);
        let first = recompute(&StoredSla::default(), &p1, &history(&[]), &Policy::default(), true, "ann", at(23, 9, 0));
        let mut policy = Policy::default();
        policy.sla.targets[0].response_secs = 60 * 60;
        let p1_later = recompute(&first.sla, &p1, &history(&[]), &policy, false, "ann", at(23, 9, 5));
        assert_eq!(p1_later.sla, first.sla, "a status change keeps the targets it was given");
        let p3 = ticket(Some(Priority::P3), Status::New);
        let moved = recompute(&first.sla, &p3, &history(&[]), &policy, true, "bob", at(23, 9, 5));
        assert_eq!(moved.sla.targets.as_ref().unwrap().calendar, OFFICE);
        assert_eq!(
            kinds(&moved.events),
            [
                (EventKind::Deadline, Some("response")),
                (EventKind::Deadline, Some("resolution")),
                (EventKind::Deadline, Some("update"))
            ]
        );
        let response = &moved.events[0];
        assert_eq!((response.actor.as_str(), response.at), ("bob", at(23, 9, 5)));
        assert_eq!(response.old, Some(at(23, 9, 15).to_rfc3339()));
        assert_eq!(response.new, rfc3339(moved.sla.response_due));
    }

    #[test]
    fn waiting_for_the_customer_pauses_and_working_again_resumes() {
        let policy = Policy::default();
        let t = ticket(Some(Priority::P1), Status::New);
        let first = recompute(&StoredSla::default(), &t, &history(&[]), &policy, true, "ann", at(23, 9, 0));
        let waiting = [(at(23, 9, 5), Status::InProgress), (at(23, 9, 20), Status::WaitingCustomer)];
        let t = ticket(Some(Priority::P1), Status::WaitingCustomer);
        let paused = recompute(&first.sla, &t, &history(&waiting), &policy, false, "ann", at(23, 9, 20));
        let expected = [(EventKind::SlaPaused, Some("resolution")), (EventKind::SlaPaused, Some("update"))];
        assert_eq!(kinds(&paused.events), expected);
        assert!(paused.events.iter().all(|e| e.note.as_deref() == Some("waiting_customer") && e.new.is_none()));
        // 20 minutes ran of 4 hours and of 30 minutes.
        assert_eq!((paused.sla.resolution_left, paused.sla.update_left), (Some(220 * 60), Some(10 * 60)));
        assert_eq!((paused.sla.resolution_due, paused.sla.update_due), (None, None));
        let back = [waiting[0], waiting[1], (at(23, 11, 0), Status::InProgress)];
        let t = ticket(Some(Priority::P1), Status::InProgress);
        let resumed = recompute(&paused.sla, &t, &history(&back), &policy, false, "bob", at(23, 11, 0));
        let expected = [(EventKind::SlaResumed, Some("resolution")), (EventKind::SlaResumed, Some("update"))];
        assert_eq!(kinds(&resumed.events), expected);
        assert_eq!(resumed.events[0].new, Some(at(23, 14, 40).to_rfc3339()));
        assert_eq!(resumed.events[1].new, Some(at(23, 11, 10).to_rfc3339()));
        assert_eq!(resumed.urgent, Some(at(23, 11, 10)));
    }

    #[test]
    fn a_late_response_is_a_breach_recorded_once_at_its_deadline() {
        let policy = Policy::default();
        let late = [(at(23, 10, 0), Status::InProgress)];
        let t = ticket(Some(Priority::P1), Status::InProgress);
        let r = recompute(&StoredSla::default(), &t, &history(&late), &policy, true, "ann", at(23, 10, 0));
        assert!(r.sla.response_breached && !r.sla.resolution_breached);
        assert_eq!(kinds(&r.events), [(EventKind::SlaBreached, Some("response"))]);
        assert_eq!((r.events[0].actor.as_str(), r.events[0].at), (SYSTEM, at(23, 9, 15)));
        let again = recompute(&r.sla, &t, &history(&late), &policy, false, "ann", at(23, 10, 5));
        assert!(again.events.is_empty() && again.sla.response_breached);
    }

    #[test]
    fn a_resolved_ticket_is_urgent_for_nobody() {
        let done = [(at(23, 9, 5), Status::Resolved)];
        let t = ticket(Some(Priority::P2), Status::Resolved);
        let r = recompute(&StoredSla::default(), &t, &history(&done), &Policy::default(), true, "ann", at(23, 9, 5));
        assert_eq!(r.urgent, None);
        assert_eq!(r.sla.responded_at, secs(23, 9, 5));
    }

    #[test]
    fn the_kept_sla_reads_as_the_screens_clocks() {
        let t = ticket(Some(Priority::P1), Status::New);
        let r = recompute(&StoredSla::default(), &t, &history(&[]), &Policy::default(), true, "ann", at(23, 9, 0));
        let shown = r.sla.ticket_sla(secs(23, 12, 0)).unwrap();
        assert_eq!(shown.calendar, ALWAYS);
        assert_eq!(shown.clocks.response.due, Some(at(23, 9, 15)));
        assert_eq!(shown.clocks.resolution.stopped_at, Some(at(23, 12, 0)));
        assert_eq!(shown.clocks.response.stopped_at, None);
        assert_eq!(StoredSla::default().ticket_sla(None), None);
    }

    /// A ticket's life: when it came in, its status changes and messages
    /// after that (in any order of statuses), and the priorities it had.
    fn life() -> impl Strategy<Value = (i64, Vec<(i64, Status)>, Vec<i64>, u8, u8)> {
        let status = proptest::sample::select(Status::ALL.to_vec());
        (
            0..366 * 86_400i64,
            proptest::collection::vec((0..3 * 86_400i64, status), 0..8),
            proptest::collection::vec(0..5 * 86_400i64, 0..3),
            1..=4u8,
            1..=4u8,
        )
    }

    proptest! {
        #[test]
        fn deadlines_never_lie_before_the_start_and_nothing_recomputed_twice_is_recorded_twice(
            (start, steps, messages, first, second) in life()
        ) {
            let created = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::seconds(start);
            let mut moment = created;
            let mut changes = Vec::new();
            for (gap, status) in steps {
                moment += chrono::Duration::seconds(gap);
                changes.push((moment, status));
            }
            let communications = {
                let mut m: Vec<DateTime<Utc>> = messages.iter().map(|s| created + chrono::Duration::seconds(*s)).collect();
                m.sort();
                m
            };
            let history = History { created_at: created, initial: Status::New, changes, communications };
            let status = history.status_at_end();
            let policy = Policy::default();
            let as_first = Ticket { priority: Priority::new(first), status, created_at: created, ..Ticket::example() };
            let as_second = Ticket { priority: Priority::new(second), ..as_first.clone() };
            let a = recompute(&StoredSla::default(), &as_first, &history, &policy, true, "ann", moment);
            let b = recompute(&a.sla, &as_second, &history, &policy, true, "bob", moment);
            for r in [&a, &b] {
                for due in [r.sla.response_due, r.sla.resolution_due, r.sla.update_due].into_iter().flatten() {
                    prop_assert!(due >= created.timestamp(), "due {} before the start {}", due, created);
                }
                prop_assert!(r.urgent.is_none_or(|u| u >= created));
                prop_assert!(status.is_open() || r.urgent.is_none());
            }
            // A breach once recorded stays recorded.
            prop_assert!(!a.sla.response_breached || b.sla.response_breached);
            prop_assert!(!a.sla.resolution_breached || b.sla.resolution_breached);
            // Worked out again with nothing new, it stays the same and says nothing.
            let c = recompute(&b.sla, &as_second, &history, &policy, false, "carl", moment);
            prop_assert_eq!(&c.sla, &b.sla);
            prop_assert_eq!(c.urgent, b.urgent);
            prop_assert!(c.events.is_empty(), "{:?}", c.events);
        }
    }
}
