//! What a report is asked for: which one, over which period, for which
//! tickets; and the arithmetic every report shares (shares, local days and
//! weeks; exact medians in bounded memory are in `domain::median`). The definitions of the figures are in
//! README.md; the code that follows them is in store::reports and report/.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use super::priority::Priority;
use super::ticket::coded_enum;

coded_enum! {
    /// The reports, by their command-line names.
    ReportName {
        Daily => "daily",
        Sla => "sla",
        Times => "times",
        Fcr => "fcr",
        Reassignments => "reassignments",
        Satisfaction => "satisfaction",
        Volume => "volume",
        Recurring => "recurring",
        Backlog => "backlog",
    }
}

coded_enum! {
    /// The periods a report can cover; custom dates are given apart.
    PeriodName {
        Today => "today",
        ThisWeek => "week",
        Last7Days => "7d",
        ThisMonth => "month",
        LastMonth => "last_month",
    }
}

/// A period: a named one, or whole local days from one date to another
/// (both included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Named(PeriodName),
    Dates { from: NaiveDate, to: NaiveDate },
}

impl Default for Period {
    fn default() -> Self {
        Period::Named(PeriodName::Last7Days)
    }
}

/// The start of a local day, as an instant. A day that starts in a gap
/// (a daylight-saving change at midnight) starts at the first moment that exists.
pub fn day_start<Tz: TimeZone>(tz: &Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut t = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    for _ in 0..4 {
        if let Some(at) = tz.from_local_datetime(&t).earliest() {
            return at.with_timezone(&Utc);
        }
        t += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

impl Period {
    /// The local dates it covers, first and last (both included).
    pub fn dates<Tz: TimeZone>(&self, tz: &Tz, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
        let today = now.with_timezone(tz).date_naive();
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let first_of_month = today.with_day(1).expect("day 1 exists");
        match *self {
            Period::Named(PeriodName::Today) => (today, today),
            Period::Named(PeriodName::ThisWeek) => (monday, today),
            Period::Named(PeriodName::Last7Days) => (today - Duration::days(6), today),
            Period::Named(PeriodName::ThisMonth) => (first_of_month, today),
            Period::Named(PeriodName::LastMonth) => {
                let last = first_of_month - Duration::days(1);
                (last.with_day(1).expect("day 1 exists"), last)
            }
            Period::Dates { from, to } => (from.min(to), to.max(from)),
        }
    }

    /// The instants `[from, to)` it covers.
    pub fn range<Tz: TimeZone>(&self, tz: &Tz, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let (first, last) = self.dates(tz, now);
        (day_start(tz, first), day_start(tz, last + Duration::days(1)))
    }
}

/// Which tickets a report counts, besides its period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub team: Option<String>,
    pub priority: Option<Priority>,
    pub category: Option<String>,
    pub service: Option<String>,
    pub department: Option<String>,
}

impl ReportFilter {
    pub fn is_empty(&self) -> bool {
        *self == ReportFilter::default()
    }
}

/// A report to compute: what, over which instants, for which tickets, at
/// which moment ("now", for what is open or overdue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    pub name: ReportName,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub filter: ReportFilter,
    pub now: DateTime<Utc>,
}

/// Counts are grouped in the store per quarter of an hour (`at / SLOT_SECS`):
/// fine enough that every time zone's midnight falls on a slot boundary,
/// coarse enough to group cheaply; Rust then adds them up into local days.
pub const SLOT_SECS: i64 = 900;

/// Counts per slot, as the store gives them.
pub type Slots = Vec<(i64, u64)>;

/// Adds slot counts up into buckets.
pub fn into_buckets(starts: &[(NaiveDate, DateTime<Utc>)], slots: &Slots) -> Vec<u64> {
    let mut out = vec![0; starts.len()];
    for (slot, n) in slots {
        let at = DateTime::<Utc>::from_timestamp(slot * SLOT_SECS, 0).unwrap_or_default();
        if let Some(i) = bucket_of(starts, at) {
            out[i] += n;
        }
    }
    out
}

/// What a group of tickets is keyed by (a team, a priority, a slot…).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    None,
    Int(i64),
    Text(String),
}

impl Key {
    pub fn text(&self) -> Option<&str> {
        match self {
            Key::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            Key::Int(n) => Some(*n),
            _ => None,
        }
    }
}

coded_enum! {
    /// A column tickets are grouped by.
    Dimension {
        Priority => "priority",
        Team => "team",
        Assignee => "assignee",
        Category => "category",
        Service => "service",
        Department => "department",
        Channel => "channel",
        Status => "status",
        /// The quarter hour (see [`SLOT_SECS`]) of the moment the report is about.
        Slot => "slot",
    }
}

coded_enum! {
    /// Which moment of a ticket puts it in a period.
    Moment {
        Created => "created",
        Resolved => "resolved",
        Closed => "closed",
    }
}

/// SLA targets of a group of tickets, decided either way. Targets still
/// running (not yet due) count in neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlaCounts {
    pub response_met: u64,
    pub response_breached: u64,
    pub resolution_met: u64,
    pub resolution_breached: u64,
}

/// What the store keeps of one ticket's response and resolution targets,
/// as unix seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlaFacts {
    pub responded_at: Option<i64>,
    pub response_due: Option<i64>,
    /// A breach of the response target was recorded when its deadline passed.
    pub response_breached: bool,
    pub resolved_at: Option<i64>,
    pub resolution_due: Option<i64>,
    pub resolution_breached: bool,
}

impl SlaCounts {
    /// One ticket's targets at `now`: met when the response (resolution)
    /// came and no breach was recorded nor was it late; missed when a breach
    /// was recorded, when it came after its deadline, or when it has not
    /// come and the deadline has passed; otherwise still running.
    pub fn of(f: &SlaFacts, now: i64) -> SlaCounts {
        let late = |at: Option<i64>, due: Option<i64>| match (at, due) {
            (Some(at), Some(due)) => at > due,
            (None, Some(due)) => due < now,
            _ => false,
        };
        let response_missed = f.response_breached || late(f.responded_at, f.response_due);
        // A resolution is judged by the breach recorded while it ran: pauses
        // move its deadline, so a late resolved_at alone does not miss it.
        let resolution_missed = f.resolution_breached || (f.resolved_at.is_none() && late(None, f.resolution_due));
        SlaCounts {
            response_met: (f.responded_at.is_some() && !response_missed) as u64,
            response_breached: response_missed as u64,
            resolution_met: (f.resolved_at.is_some() && !resolution_missed) as u64,
            resolution_breached: resolution_missed as u64,
        }
    }
    pub fn add(&mut self, o: &SlaCounts) {
        self.response_met += o.response_met;
        self.response_breached += o.response_breached;
        self.resolution_met += o.resolution_met;
        self.resolution_breached += o.resolution_breached;
    }

    pub fn response_share(&self) -> Option<f64> {
        share(self.response_met, self.response_met + self.response_breached)
    }

    pub fn resolution_share(&self) -> Option<f64> {
        share(self.resolution_met, self.resolution_met + self.resolution_breached)
    }
}

/// Count, mean and median of some times, in seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub count: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

/// Times to a moment, for the times report: wall-clock seconds of every
/// ticket, and business seconds of those that have them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Times {
    pub wall: Summary,
    pub business: Summary,
}

/// Times of all tickets, and per group of each dimension asked for.
#[derive(Clone, Debug, Default)]
pub struct TimeGroups {
    pub all: Times,
    pub groups: Vec<Vec<(Key, Times)>>,
}

/// Where a row of a report leads: the tickets it counts, for the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    /// The moment that put them in the period; none: open now.
    pub moment: Option<Moment>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub filter: ReportFilter,
    /// The group of the row, when it is one.
    pub group: Option<(Dimension, Key)>,
    /// Which of those tickets the row counts.
    pub subset: Subset,
    /// Exactly these tickets, when the row counts a list worked out
    /// outside SQL (an SLA target at risk, say).
    pub tickets: Option<Vec<super::TicketId>>,
}

/// Which tickets of a period a row counts, besides its group and filters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Subset {
    #[default]
    All,
    /// Not marked as a duplicate of another ticket.
    NotDuplicates,
    /// With SLA targets (classified).
    WithSla,
    /// With a first response.
    Responded,
    /// Incidents on their own: no service requests, duplicates or
    /// incidents linked to a major incident.
    Recurring,
    /// Escalated to another line or a supplier, or a lead's attention asked.
    Escalated,
    /// With SLA targets, whose response (or resolution) target was met (or
    /// missed) as `SlaCounts::of` judges it at `now` (unix seconds).
    Sla { resolution: bool, missed: bool, now: i64 },
    /// Not duplicates, resolved at the first contact.
    FirstContact,
    /// Not duplicates, resolved with a knowledge article applied.
    WithKnowledge,
    /// Not duplicates, that changed team at least once.
    Reassigned,
    /// Not duplicates, whose reporter gave a score.
    Rated,
}

impl Drill {
    /// The same tickets, narrowed to a subset.
    pub fn only(self, subset: Subset) -> Drill {
        Drill { subset, ..self }
    }

    /// Exactly these tickets.
    pub fn tickets(self, ids: Vec<super::TicketId>) -> Drill {
        Drill { tickets: Some(ids), ..self }
    }
}

/// A share of a whole: `None` when there is nothing to share.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// How a period is cut up for a trend: into local days, or weeks from Monday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    Day,
    Week,
}

impl Bucket {
    /// Days for up to a month, weeks beyond.
    pub fn for_period(from: DateTime<Utc>, to: DateTime<Utc>) -> Bucket {
        if to - from <= Duration::days(32) { Bucket::Day } else { Bucket::Week }
    }
}

/// The buckets of `[from, to)`: each its first local date and its start.
/// Weeks start on Monday; the first and last may be partial.
pub fn buckets<Tz: TimeZone>(
    tz: &Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    bucket: Bucket,
) -> Vec<(NaiveDate, DateTime<Utc>)> {
    let mut out = Vec::new();
    let mut day = from.with_timezone(tz).date_naive();
    if bucket == Bucket::Week {
        out.push((day, from));
        day += Duration::days(7 - day.weekday().num_days_from_monday() as i64);
    }
    loop {
        let start = day_start(tz, day).max(from);
        if start >= to {
            break;
        }
        if out.last().is_none_or(|(_, s)| *s < start) {
            out.push((day, start));
        }
        day += Duration::days(if bucket == Bucket::Week { 7 } else { 1 });
    }
    out
}

/// Which bucket an instant falls in (the last whose start is not after it).
pub fn bucket_of(starts: &[(NaiveDate, DateTime<Utc>)], at: DateTime<Utc>) -> Option<usize> {
    let i = starts.partition_point(|(_, s)| *s <= at);
    i.checked_sub(1)
}

/// An open ticket in the list of the oldest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenTicket {
    pub id: crate::domain::TicketId,
    pub title: String,
    pub priority: Option<crate::domain::Priority>,
    pub status: Option<crate::domain::Status>,
    pub team: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Amsterdam;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn named_periods_are_local_days() {
        // Wednesday 25 November 2026, 00:30 in Amsterdam (23:30 UTC the day before).
        let now = at(2026, 11, 24, 23) + Duration::minutes(30);
        let day = |p| Period::Named(p).dates(&Amsterdam, now);
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(day(PeriodName::Today), (d(11, 25), d(11, 25)));
        assert_eq!(day(PeriodName::ThisWeek), (d(11, 23), d(11, 25)));
        assert_eq!(day(PeriodName::Last7Days), (d(11, 19), d(11, 25)));
        assert_eq!(day(PeriodName::ThisMonth), (d(11, 1), d(11, 25)));
        assert_eq!(day(PeriodName::LastMonth), (d(10, 1), d(10, 31)));
        let (from, to) = Period::Named(PeriodName::Today).range(&Amsterdam, now);
        assert_eq!((from, to), (at(2026, 11, 24, 23), at(2026, 11, 25, 23)));
    }

    #[test]
    fn a_month_across_the_clock_change_has_its_real_length() {
        let now = at(2026, 11, 5, 12);
        let (from, to) = Period::Named(PeriodName::LastMonth).range(&Amsterdam, now);
        // October 2026: summer time until the 25th, so one hour longer than 31 × 24 h.
        assert_eq!((to - from).num_hours(), 31 * 24 + 1);
        let custom = Period::Dates {
            from: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        };
        assert_eq!(custom.dates(&Amsterdam, now).0, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), "either order");
    }

    #[test]
    fn a_target_is_met_missed_or_still_running() {
        let now = 1_000;
        let on_time = SlaFacts {
            responded_at: Some(100),
            response_due: Some(200),
            resolved_at: Some(500),
            resolution_due: Some(900),
            ..Default::default()
        };
        assert_eq!(
            SlaCounts::of(&on_time, now),
            SlaCounts { response_met: 1, resolution_met: 1, ..Default::default() }
        );
        let late_answer = SlaFacts { responded_at: Some(300), ..on_time };
        assert_eq!(SlaCounts::of(&late_answer, now).response_breached, 1);
        let silent = SlaFacts { responded_at: None, resolved_at: None, ..on_time };
        let c = SlaCounts::of(&silent, now);
        assert_eq!((c.response_breached, c.resolution_breached), (1, 1), "both deadlines passed");
        let running = SlaFacts { response_due: Some(2_000), resolution_due: Some(3_000), ..silent };
        assert_eq!(SlaCounts::of(&running, now), SlaCounts::default(), "still running counts in neither");
        let recorded = SlaFacts { resolution_breached: true, ..on_time };
        assert_eq!(SlaCounts::of(&recorded, now).resolution_breached, 1);
        let unclassified = SlaFacts { responded_at: Some(5), ..Default::default() };
        assert_eq!(SlaCounts::of(&unclassified, now).response_met, 1, "no deadline: not late");
    }

    #[test]
    fn shares() {
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn weeks_start_on_monday_and_every_instant_has_one_bucket() {
        // Thursday 1 October to Tuesday 13 October 2026.
        let (from, to) = Period::Dates {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
        }
        .range(&Amsterdam, at(2026, 11, 1, 0));
        let weeks = buckets(&Amsterdam, from, to, Bucket::Week);
        let dates: Vec<String> = weeks.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(dates, vec!["2026-10-01", "2026-10-05", "2026-10-12"]);
        let days = buckets(&Amsterdam, from, to, Bucket::Day);
        assert_eq!(days.len(), 13);
        assert_eq!(bucket_of(&weeks, from), Some(0));
        assert_eq!(bucket_of(&weeks, day_start(&Amsterdam, NaiveDate::from_ymd_opt(2026, 10, 5).unwrap())), Some(1));
        assert_eq!(bucket_of(&weeks, from - Duration::seconds(1)), None);
    }
}
