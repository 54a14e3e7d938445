//! The timeline of each of the three SLA clocks: every running, paused,
//! out-of-hours and stopped stretch since registration, so anyone can see
//! why a target is due when it is. The screen and `ticket show` draw it.

use chrono::{DateTime, Utc};

use super::{ClockStretch, History, Pauses, StretchKind, Target};
use crate::domain::calendar::Calendar;
use crate::domain::entry::Entry;
use crate::domain::event::{Event, EventKind};
use crate::domain::{Status, Ticket};

/// One clock's stretches, oldest first. For the customer-update clock,
/// `restarts` are the moments a message reached the reporter: a stretch
/// starting there begins the clock anew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub target: Target,
    pub stretches: Vec<ClockStretch>,
    pub restarts: Vec<DateTime<Utc>>,
}

impl Timeline {
    /// Whether the clock started again at this stretch.
    pub fn restarted(&self, stretch: &ClockStretch) -> bool {
        self.restarts.contains(&stretch.start)
    }
}

/// How a target stands for display: as `standing`, except that a resolved
/// ticket's customer updates are no longer due (nothing to show).
pub fn shown_standing(
    clock: &super::Clock,
    calendar: &Calendar,
    at_risk: f64,
    now: DateTime<Utc>,
) -> (super::Standing, i64) {
    if clock.target == Target::Update && clock.stopped_at.is_some() {
        return (super::Standing::None, 0);
    }
    super::standing(clock, calendar, at_risk, now)
}

/// What the clocks need to know of a ticket: its status changes and the
/// messages that reached the reporter.
pub fn history_of(ticket: &Ticket, events: &[Event], entries: &[Entry]) -> History {
    let changes = events.iter().filter(|e| e.kind == EventKind::Changed && e.field.as_deref() == Some("status"));
    let communications = entries.iter().filter(|e| e.reached_the_reporter()).map(|e| e.at).collect();
    let changes: Vec<_> = changes.map(|e| (e.at, e.old.as_deref(), e.new.as_deref())).collect();
    if changes.is_empty() && !ticket.is_open() {
        // Brought in with its times but no status history (an import):
        // open from registration until it was resolved, then closed.
        let resolved = ticket.resolved_at.or(ticket.closed_at);
        let moments = [(resolved, Status::Resolved), (ticket.closed_at, Status::Closed)];
        let known = moments.iter().filter_map(|(at, s)| at.map(|at| (at, Some(Status::New.code()), Some(s.code()))));
        return History::from_status_changes(ticket.created_at, ticket.status, known, communications);
    }
    History::from_status_changes(ticket.created_at, ticket.status, changes, communications)
}

/// The timelines of the response, resolution and customer-update clocks.
pub fn timelines(history: &History, calendar: &Calendar, pauses: &Pauses, now: DateTime<Utc>) -> Vec<Timeline> {
    Target::ALL.iter().map(|target| timeline(history, *target, calendar, pauses, now)).collect()
}

/// One clock's timeline from registration to `now`. The response clock
/// stops at the first response; the resolution and update clocks stop while
/// the ticket is resolved or closed; the update clock starts again at every
/// message that reached the reporter.
pub fn timeline(
    history: &History,
    target: Target,
    calendar: &Calendar,
    pauses: &Pauses,
    now: DateTime<Utc>,
) -> Timeline {
    let start = history.created_at;
    // A closed ticket's clocks end when it was closed.
    let now = match history.changes.last() {
        Some((closed, Status::Closed)) => now.min(*closed).max(start),
        _ => now,
    };
    let responded = if target == Target::Response { history.first_response() } else { None };
    let restarts: Vec<DateTime<Utc>> = match target {
        Target::Update => history.communications.iter().copied().filter(|c| *c > start && *c < now).collect(),
        _ => Vec::new(),
    };
    let mut marks: Vec<(DateTime<Utc>, Status)> = vec![(start, history.initial)];
    marks.extend(history.changes.iter().copied());
    let mut points: Vec<DateTime<Utc>> = marks.iter().map(|(at, _)| *at).chain(restarts.iter().copied()).collect();
    points.extend(responded);
    points.retain(|p| *p >= start && *p < now);
    points.push(start);
    points.sort();
    points.dedup();
    points.push(now);
    let status_at = |at: DateTime<Utc>| marks.iter().rev().find(|(m, _)| *m <= at).map_or(history.initial, |(_, s)| *s);
    let pausing = pauses.of(target);
    let mut out: Vec<ClockStretch> = Vec::new();
    for pair in points.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        if to <= from {
            continue;
        }
        let status = status_at(from);
        let fixed = if responded.is_some_and(|r| from >= r) {
            Some(StretchKind::Responded)
        } else if !status.is_open() {
            Some(StretchKind::Stopped)
        } else if pausing.contains(&status) {
            Some(StretchKind::Paused(status))
        } else {
            None
        };
        let mut fresh = restarts.contains(&from);
        let mut push = |s: DateTime<Utc>, e: DateTime<Utc>, kind: StretchKind| {
            match out.last_mut() {
                Some(prev) if !fresh && prev.kind == kind && prev.end == s => prev.end = e,
                _ => out.push(ClockStretch { start: s, end: e, kind }),
            }
            fresh = false;
        };
        match fixed {
            Some(kind) => push(from, to, kind),
            None => {
                for s in calendar.stretches(from, to) {
                    push(s.start, s.end, if s.open { StretchKind::Running } else { StretchKind::OutOfHours });
                }
            }
        }
    }
    Timeline { target, stretches: out, restarts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0).unwrap()
    }

    fn pauses() -> Pauses {
        Pauses {
            response: Vec::new(),
            resolution: vec![Status::WaitingCustomer],
            update: vec![Status::WaitingCustomer],
        }
    }

    fn kinds(t: &Timeline) -> Vec<(u32, StretchKind)> {
        use chrono::Timelike;
        t.stretches.iter().map(|s| (s.start.hour() * 100 + s.start.minute(), s.kind.clone())).collect()
    }

    #[test]
    fn each_clock_has_its_own_timeline() {
        // Registered at 9:00, a message at 9:10, waiting for the customer
        // from 10:00 to 11:00, resolved at 12:00, looked at 13:00.
        let history = History {
            created_at: at(9, 0),
            initial: Status::New,
            changes: vec![
                (at(10, 0), Status::WaitingCustomer),
                (at(11, 0), Status::InProgress),
                (at(12, 0), Status::Resolved),
            ],
            communications: vec![at(9, 10)],
        };
        let all = timelines(&history, &Calendar::always(), &pauses(), at(13, 0));
        assert_eq!(all.iter().map(|t| t.target).collect::<Vec<_>>(), Target::ALL.to_vec());
        let paused = StretchKind::Paused(Status::WaitingCustomer);
        assert_eq!(kinds(&all[0]), vec![(900, StretchKind::Running), (910, StretchKind::Responded)]);
        assert_eq!(
            kinds(&all[1]),
            vec![
                (900, StretchKind::Running),
                (1000, paused.clone()),
                (1100, StretchKind::Running),
                (1200, StretchKind::Stopped)
            ]
        );
        // The update clock starts again at the message: a stretch of its own.
        assert_eq!(
            kinds(&all[2]),
            vec![
                (900, StretchKind::Running),
                (910, StretchKind::Running),
                (1000, paused),
                (1100, StretchKind::Running),
                (1200, StretchKind::Stopped)
            ]
        );
        assert!(all[2].restarted(&all[2].stretches[1]));
        assert!(!all[2].restarted(&all[2].stretches[0]));
        assert_eq!(all[2].stretches.last().unwrap().end, at(13, 0));
    }

    #[test]
    fn an_imported_closed_ticket_ran_until_it_was_resolved_and_ends_when_closed() {
        let mut ticket = Ticket::example();
        ticket.created_at = at(9, 0);
        ticket.status = Status::Closed;
        ticket.resolved_at = Some(at(11, 0));
        ticket.closed_at = Some(at(12, 0));
        // No status history: only the times it was brought in with.
        let history = history_of(&ticket, &[], &[]);
        let years_later = at(9, 0) + chrono::Duration::days(3650);
        let resolution = timeline(&history, Target::Resolution, &Calendar::always(), &pauses(), years_later);
        assert_eq!(kinds(&resolution), vec![(900, StretchKind::Running), (1100, StretchKind::Stopped)]);
        assert_eq!(resolution.stretches.last().unwrap().end, at(12, 0), "not until today");
    }
}
