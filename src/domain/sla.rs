//! SLA clocks: how much of each service-level target is used, when it is
//! due, and why. Pure functions of a ticket's history and the time passed in.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use super::calendar::Calendar;
use super::priority::Priority;
use super::status::Status;
use super::ticket::coded_enum;

coded_enum! {
    /// The three service-level targets of a ticket.
    Target {
        Response => "response",
        Resolution => "resolution",
        Update => "update",
    }
}

/// The targets for one priority, in business seconds of a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    pub response_secs: i64,
    pub resolution_secs: i64,
    pub update_secs: i64,
    pub calendar: String,
}

impl Targets {
    pub fn secs(&self, target: Target) -> i64 {
        match target {
            Target::Response => self.response_secs,
            Target::Resolution => self.resolution_secs,
            Target::Update => self.update_secs,
        }
    }
}

/// Which statuses stop which clock for a while.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pauses {
    pub response: Vec<Status>,
    pub resolution: Vec<Status>,
    pub update: Vec<Status>,
}

impl Pauses {
    pub fn of(&self, target: Target) -> &[Status] {
        match target {
            Target::Response => &self.response,
            Target::Resolution => &self.resolution,
            Target::Update => &self.update,
        }
    }
}

/// The SLA policy: targets per priority, when a target is "at risk", and
/// which statuses pause which clock.
#[derive(Clone, Debug, PartialEq)]
pub struct SlaPolicy {
    /// P1 to P4.
    pub targets: [Targets; 4],
    /// Share of a target used from which it shows as at risk.
    pub at_risk: f64,
    pub pauses: Pauses,
}

/// The longest target a policy may set: 366 days of business time. Stored
/// or imported targets beyond it count as this much, so no clock is ever
/// worked out over centuries.
pub const MAX_TARGET_SECS: i64 = 366 * 86_400;

pub const ALWAYS: &str = "always";
pub const OFFICE: &str = "office";

impl Default for SlaPolicy {
    /// P1 around the clock with an update every 30 minutes; P2–P4 in office hours.
    fn default() -> Self {
        let targets = |response: i64, resolution: i64, update: i64, calendar: &str| Targets {
            response_secs: response * 60,
            resolution_secs: resolution * 60,
            update_secs: update * 60,
            calendar: calendar.to_string(),
        };
        SlaPolicy {
            targets: [
                targets(15, 4 * 60, 30, ALWAYS),
                targets(30, 8 * 60, 2 * 60, OFFICE),
                targets(4 * 60, 24 * 60, 8 * 60, OFFICE),
                targets(8 * 60, 40 * 60, 16 * 60, OFFICE),
            ],
            at_risk: 0.75,
            pauses: Pauses {
                response: Vec::new(),
                resolution: vec![Status::WaitingCustomer, Status::WaitingSupplier],
                update: vec![Status::WaitingCustomer],
            },
        }
    }
}

impl SlaPolicy {
    pub fn targets_for(&self, priority: Priority) -> &Targets {
        &self.targets[priority.get() as usize - 1]
    }
}

/// Named business calendars; `always` exists unless redefined.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendars {
    map: BTreeMap<String, Calendar>,
    always: Calendar,
}

impl Default for Calendars {
    /// `always`, and `office`: Monday to Friday 08:30–17:00, Europe/Amsterdam.
    fn default() -> Self {
        let day = vec!["08:30-17:00".to_string()];
        let office = super::calendar::CalendarSpec {
            timezone: Some("Europe/Amsterdam".into()),
            monday: day.clone(),
            tuesday: day.clone(),
            wednesday: day.clone(),
            thursday: day.clone(),
            friday: day,
            ..Default::default()
        };
        let mut map = BTreeMap::new();
        map.insert(OFFICE.to_string(), Calendar::from_spec(&office).expect("the default office calendar is valid"));
        Calendars::new(map)
    }
}

impl Calendars {
    pub fn new(mut map: BTreeMap<String, Calendar>) -> Self {
        map.entry(ALWAYS.to_string()).or_insert_with(Calendar::always);
        Calendars { map, always: Calendar::always() }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The calendar of that name; an unknown name counts around the clock.
    pub fn get(&self, name: &str) -> &Calendar {
        self.map.get(name).unwrap_or(&self.always)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// What happened to a ticket that matters to its clocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    pub created_at: DateTime<Utc>,
    pub initial: Status,
    /// Status changes after creation, oldest first.
    pub changes: Vec<(DateTime<Utc>, Status)>,
    /// Messages to the reporter, oldest first.
    pub communications: Vec<DateTime<Utc>>,
}

/// The SLA of one ticket as kept with it: the clocks and their calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketSla {
    pub clocks: Clocks,
    pub calendar: String,
}

impl History {
    /// The history from a ticket's status-change events (field, old, new),
    /// oldest first; `now_status` is its status when there are none.
    pub fn from_status_changes<'a>(
        created_at: DateTime<Utc>,
        now_status: Status,
        changes: impl IntoIterator<Item = (DateTime<Utc>, Option<&'a str>, Option<&'a str>)>,
        communications: Vec<DateTime<Utc>>,
    ) -> History {
        let mut initial = None;
        let mut list = Vec::new();
        for (at, old, new) in changes {
            if initial.is_none() {
                initial = old.and_then(Status::from_code);
            }
            if let Some(s) = new.and_then(Status::from_code) {
                list.push((at, s));
            }
        }
        History { created_at, initial: initial.unwrap_or(now_status), changes: list, communications }
    }

    pub fn status_at_end(&self) -> Status {
        self.changes.last().map_or(self.initial, |(_, s)| *s)
    }

    /// The first response: a message to the reporter, or the start of work
    /// (in progress or straight to resolved), whichever came first.
    pub fn first_response(&self) -> Option<DateTime<Utc>> {
        let work = self
            .changes
            .iter()
            .find(|(_, s)| matches!(s, Status::InProgress | Status::Resolved | Status::Closed))
            .map(|(at, _)| *at);
        [work, self.communications.first().copied()].into_iter().flatten().min()
    }

    /// When the reporter last heard from us (or registered).
    pub fn last_update(&self) -> DateTime<Utc> {
        self.communications.last().copied().unwrap_or(self.created_at).max(self.created_at)
    }

    /// When the ticket was last resolved or closed, if it is so now.
    pub fn resolved_since(&self) -> Option<DateTime<Utc>> {
        if self.status_at_end().is_open() {
            return None;
        }
        let mut since = None;
        for (at, s) in &self.changes {
            match (s.is_open(), since) {
                (false, None) => since = Some(*at),
                (true, _) => since = None,
                _ => {}
            }
        }
        since.or(Some(self.created_at))
    }

    /// Spans in which a clock runs: from `start`, while the status is open
    /// and not one of `pausing`, until `stop`. The last span may be open.
    fn running_spans(
        &self,
        start: DateTime<Utc>,
        pausing: &[Status],
        stop: Option<DateTime<Utc>>,
    ) -> Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> {
        let runs = |s: Status| s.is_open() && !pausing.contains(&s);
        let mut spans = Vec::new();
        let mut open_from = None;
        let mut marks: Vec<(DateTime<Utc>, Status)> = vec![(self.created_at, self.initial)];
        marks.extend(self.changes.iter().copied());
        for (at, s) in marks {
            let at = at.max(start);
            if let Some(limit) = stop
                && at >= limit
            {
                break;
            }
            match (runs(s), open_from) {
                (true, None) => open_from = Some(at),
                (false, Some(from)) => {
                    if at > from {
                        spans.push((from, Some(at)));
                    }
                    open_from = None;
                }
                _ => {}
            }
        }
        if let Some(from) = open_from {
            spans.push((from, stop));
        }
        spans
    }
}

/// A clock as worked out from the history: stored with the ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub target: Target,
    pub target_secs: i64,
    /// The deadline: `None` while the clock is paused.
    pub due: Option<DateTime<Utc>>,
    /// When the target was met (or the clock otherwise stopped).
    pub stopped_at: Option<DateTime<Utc>>,
    /// Business seconds left when the clock paused.
    pub paused_left_secs: Option<i64>,
}

/// All three clocks of a ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clocks {
    pub response: Clock,
    pub resolution: Clock,
    pub update: Clock,
}

impl Clocks {
    pub fn get(&self, target: Target) -> &Clock {
        match target {
            Target::Response => &self.response,
            Target::Resolution => &self.resolution,
            Target::Update => &self.update,
        }
    }

    /// The earliest deadline of a clock that still runs: what "most urgent" sorts by.
    pub fn most_urgent_due(&self) -> Option<DateTime<Utc>> {
        [&self.response, &self.resolution, &self.update]
            .into_iter()
            .filter(|c| c.stopped_at.is_none())
            .filter_map(|c| c.due)
            .min()
    }
}

/// Works a clock out: walks its running spans until the target is used up.
fn clock(
    target: Target,
    calendar: &Calendar,
    target_secs: i64,
    spans: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
    stopped_at: Option<DateTime<Utc>>,
    paused: bool,
) -> Clock {
    let target_secs = target_secs.clamp(0, MAX_TARGET_SECS);
    let done = |due| Clock { target, target_secs, due, stopped_at, paused_left_secs: None };
    let mut remaining = target_secs;
    for (from, to) in spans {
        match to {
            Some(end) => {
                let used = calendar.elapsed(*from, *end);
                if used >= remaining {
                    return done(calendar.due(*from, remaining));
                }
                remaining -= used;
            }
            None => return done(calendar.due(*from, remaining)),
        }
    }
    match stopped_at {
        // Stopped before the target ran out: the deadline lies past the stop.
        Some(stop) => done(calendar.due(stop, remaining)),
        None if paused => Clock { target, target_secs, due: None, stopped_at, paused_left_secs: Some(remaining) },
        None => done(None),
    }
}

/// The three clocks of a ticket from its history and its targets.
pub fn clocks(history: &History, targets: &Targets, calendars: &Calendars, pauses: &Pauses) -> Clocks {
    let calendar = calendars.get(&targets.calendar);
    let end = history.status_at_end();

    let responded = history.first_response();
    let spans = history.running_spans(history.created_at, pauses.of(Target::Response), responded);
    let paused = responded.is_none() && pauses.response.contains(&end);
    let response = clock(Target::Response, calendar, targets.response_secs, &spans, responded, paused);

    let resolved = history.resolved_since();
    let spans = history.running_spans(history.created_at, pauses.of(Target::Resolution), resolved);
    let paused = resolved.is_none() && pauses.resolution.contains(&end);
    let resolution = clock(Target::Resolution, calendar, targets.resolution_secs, &spans, resolved, paused);

    let last = history.last_update();
    let spans = history.running_spans(last, pauses.of(Target::Update), resolved);
    let paused = resolved.is_none() && pauses.update.contains(&end);
    let update = clock(Target::Update, calendar, targets.update_secs, &spans, resolved, paused);

    Clocks { response, resolution, update }
}

/// How long a clock ran before it stopped, in business seconds of
/// `calendar`: the response clock until the first response, the resolution
/// clock until the (last) resolution, each without its pauses. `None` while
/// the clock has not stopped.
pub fn business_secs(history: &History, target: Target, calendar: &Calendar, pauses: &Pauses) -> Option<i64> {
    let stop = match target {
        Target::Response => history.first_response(),
        Target::Resolution => history.resolved_since(),
        Target::Update => None,
    }?;
    let spans = history.running_spans(history.created_at, pauses.of(target), Some(stop));
    Some(spans.iter().map(|(from, to)| calendar.elapsed(*from, to.unwrap_or(stop))).sum())
}

/// How a target stands at a moment, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Ok,
    AtRisk,
    Breached,
    Paused,
    Met,
    /// Stopped after its deadline.
    MetLate,
    /// No target applies (unclassified, or nothing left to do).
    None,
}

impl Standing {
    /// The name used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Standing::Ok => "ok",
            Standing::AtRisk => "at_risk",
            Standing::Breached => "breached",
            Standing::Paused => "paused",
            Standing::Met => "met",
            Standing::MetLate => "met_late",
            Standing::None => "none",
        }
    }
}

/// The standing of a clock at `now` and the business seconds left
/// (negative: overdue, in wall-clock seconds past the deadline).
pub fn standing(clock: &Clock, calendar: &Calendar, at_risk: f64, now: DateTime<Utc>) -> (Standing, i64) {
    if let Some(stopped) = clock.stopped_at {
        return match clock.due {
            Some(due) if stopped > due => (Standing::MetLate, 0),
            Some(_) => (Standing::Met, 0),
            None => (Standing::None, 0),
        };
    }
    if let Some(left) = clock.paused_left_secs {
        return if left <= 0 { (Standing::Breached, left) } else { (Standing::Paused, left) };
    }
    let Some(due) = clock.due else {
        return (Standing::None, 0);
    };
    if now >= due {
        return (Standing::Breached, -(now - due).num_seconds());
    }
    // A moment before the clock started counts as nothing used yet.
    let left = calendar.elapsed(now, due).min(clock.target_secs);
    let used = clock.target_secs - left;
    if clock.target_secs > 0 && used as f64 >= at_risk * clock.target_secs as f64 {
        (Standing::AtRisk, left)
    } else {
        (Standing::Ok, left)
    }
}

/// One stretch of the resolution clock's life, for the timeline that explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StretchKind {
    Running,
    OutOfHours,
    /// Paused because of this status.
    Paused(Status),
    /// Resolved or closed.
    Stopped,
    /// The response clock after the first response.
    Responded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockStretch {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub kind: StretchKind,
}

/// The resolution clock from creation to `now`: running, paused and
/// out-of-hours stretches, in order.
pub fn clock_timeline(
    history: &History,
    calendar: &Calendar,
    pausing: &[Status],
    now: DateTime<Utc>,
) -> Vec<ClockStretch> {
    let mut marks: Vec<(DateTime<Utc>, Status)> = vec![(history.created_at, history.initial)];
    marks.extend(history.changes.iter().copied());
    let mut out: Vec<ClockStretch> = Vec::new();
    for (i, (from, status)) in marks.iter().enumerate() {
        let to = marks.get(i + 1).map_or(now, |(at, _)| *at).min(now);
        if to <= *from {
            continue;
        }
        let mut push = |start, end, kind: StretchKind| match out.last_mut() {
            Some(prev) if prev.kind == kind && prev.end == start => prev.end = end,
            _ => out.push(ClockStretch { start, end, kind }),
        };
        if !status.is_open() {
            push(*from, to, StretchKind::Stopped);
        } else if pausing.contains(status) {
            push(*from, to, StretchKind::Paused(*status));
        } else {
            for s in calendar.stretches(*from, to) {
                push(s.start, s.end, if s.open { StretchKind::Running } else { StretchKind::OutOfHours });
            }
        }
    }
    out
}

mod recompute;
pub use recompute::{Recomputed, StoredSla, recompute};

mod timeline;
pub use timeline::{Timeline, history_of, shown_standing, timeline, timelines};

#[cfg(test)]
mod tests;
