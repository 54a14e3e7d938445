//! Business calendars for SLA due times: weekly working hours as local
//! wall-clock ranges in an IANA time zone, plus holidays.
//!
//! All instants are `DateTime<Utc>`; the calendar works out which local dates
//! are working days and converts each local range to UTC per date, so DST
//! changes are handled by the time zone database rather than by arithmetic:
//!
//! * a local time inside a spring-forward gap (e.g. 02:30 on 2026-03-29 in
//!   Europe/Amsterdam) maps to the first instant after the gap (03:00 CEST);
//! * an ambiguous local time (the repeated hour when clocks fall back) maps to
//!   the *earliest* instant when it starts a range and to the *latest* when it
//!   ends one, so a range spanning the repeated hour covers both copies of it.
//!
//! Ranges that touch or (through the rule above) overlap in UTC are joined, so
//! `monday = ["00:00-24:00"]` plus `tuesday = ["00:00-24:00"]` is one stretch.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use thiserror::Error;

const DAY_NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MINUTES_PER_DAY: u16 = 24 * 60;
/// Searches give up after this many consecutive days without working time.
const MAX_IDLE_DAYS: u32 = 3_660;
/// No search walks further than this many days (about a hundred years), so
/// even an absurd duration costs milliseconds, never minutes.
pub const MAX_SEARCH_DAYS: u32 = 36_525;

/// A calendar as written in the configuration (`[calendars.NAME]`).
/// Each weekday holds ranges like `"08:30-12:00"`; a day not listed is closed.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA zone name such as `Europe/Amsterdam`; `None` means UTC.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub monday: Vec<String>,
    #[serde(default)]
    pub tuesday: Vec<String>,
    #[serde(default)]
    pub wednesday: Vec<String>,
    #[serde(default)]
    pub thursday: Vec<String>,
    #[serde(default)]
    pub friday: Vec<String>,
    #[serde(default)]
    pub saturday: Vec<String>,
    #[serde(default)]
    pub sunday: Vec<String>,
    /// Local dates (`YYYY-MM-DD`) on which the calendar is closed all day.
    #[serde(default)]
    pub holidays: Vec<String>,
}

impl CalendarSpec {
    fn days(&self) -> [&[String]; 7] {
        [&self.monday, &self.tuesday, &self.wednesday, &self.thursday, &self.friday, &self.saturday, &self.sunday]
    }
}

/// A configuration error; `field` is `"timezone"`, `"holidays"` or a weekday.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct CalendarError {
    pub field: String,
    /// What is wrong, as a value for the catalogue to word.
    pub problem: CalendarProblem,
    /// The same in English.
    pub message: String,
}

/// What is wrong with one value of a calendar (the text as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarProblem {
    NotATimeZone(String),
    NotADate(String),
    Overlap(String, String),
    NotARange(String),
    StartsAtMidnight(String),
    EndsBeforeStart(String),
}

impl CalendarProblem {
    pub fn english(&self) -> String {
        use CalendarProblem::*;
        match self {
            NotATimeZone(name) => format!("{name:?} is not a known IANA time zone (e.g. Europe/Amsterdam)"),
            NotADate(text) => format!("{text:?} is not a date (YYYY-MM-DD)"),
            Overlap(first, second) => format!("{first:?} overlaps {second:?}"),
            NotARange(text) => format!("{text:?} is not a time range (HH:MM-HH:MM)"),
            StartsAtMidnight(text) => format!("{text:?} starts at 24:00 (24:00 can only end a range)"),
            EndsBeforeStart(text) => format!("{text:?} does not end after it starts"),
        }
    }
}

impl CalendarError {
    fn new(field: &str, problem: CalendarProblem) -> Self {
        CalendarError { field: field.to_string(), message: problem.english(), problem }
    }
}

/// A piece of a timeline: `[start, end)` is either working time or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub open: bool,
}

impl Stretch {
    /// Length in whole seconds.
    pub fn secs(&self) -> i64 {
        (self.end - self.start).num_seconds()
    }
}

/// A validated business calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    tz: Tz,
    /// Per weekday (Monday first): sorted, non-overlapping minute ranges,
    /// `0..=1440`, start < end.
    week: [Vec<(u16, u16)>; 7],
    holidays: BTreeSet<NaiveDate>,
    /// Every day is 00:00-24:00 and there are no holidays.
    always: bool,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::always()
    }
}

impl Calendar {
    /// Open around the clock: UTC, every day 00:00-24:00, no holidays.
    pub fn always() -> Calendar {
        Calendar {
            tz: Tz::UTC,
            week: std::array::from_fn(|_| vec![(0, MINUTES_PER_DAY)]),
            holidays: BTreeSet::new(),
            always: true,
        }
    }

    /// Validates a spec; the error names the offending field.
    pub fn from_spec(spec: &CalendarSpec) -> Result<Calendar, CalendarError> {
        let tz = match &spec.timezone {
            None => Tz::UTC,
            Some(name) => Tz::from_str(name.trim())
                .map_err(|_| CalendarError::new("timezone", CalendarProblem::NotATimeZone(name.clone())))?,
        };
        let mut week: [Vec<(u16, u16)>; 7] = Default::default();
        for (i, texts) in spec.days().into_iter().enumerate() {
            week[i] = parse_day(texts).map_err(|m| CalendarError::new(DAY_NAMES[i], m))?;
        }
        let mut holidays = BTreeSet::new();
        for text in &spec.holidays {
            let date = parse_date(text.trim())
                .ok_or_else(|| CalendarError::new("holidays", CalendarProblem::NotADate(text.clone())))?;
            holidays.insert(date);
        }
        let always = holidays.is_empty() && week.iter().all(|d| d[..] == [(0, MINUTES_PER_DAY)]);
        Ok(Calendar { tz, week, holidays, always })
    }

    /// True when the calendar is open at every instant (whole days, all week,
    /// no holidays), whatever its time zone.
    pub fn is_always(&self) -> bool {
        self.always
    }

    pub fn timezone(&self) -> Tz {
        self.tz
    }

    /// False when no weekday has a range: `due` can then never finish.
    pub fn has_working_time(&self) -> bool {
        self.week.iter().any(|d| !d.is_empty())
    }

    /// Whether `t` lies in working time (ranges are half-open: open at the
    /// opening instant, closed at the closing instant).
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        if self.always {
            return true;
        }
        for (start, end) in self.open_from(t) {
            if end > t {
                return start <= t;
            }
        }
        false
    }

    /// The instant at which `business_secs` of working time have elapsed,
    /// counting from `start`. A start outside working hours counts from the
    /// next opening; a target reached exactly at a closing time is due at that
    /// closing time. `business_secs <= 0` returns `start` unchanged (nothing
    /// to wait for, even when `start` is out of hours). `None` when the
    /// calendar has no working time, none within ~10 years of a point in the
    /// search, the target is not reached within `MAX_SEARCH_DAYS`, or the
    /// result does not fit a `DateTime`.
    pub fn due(&self, start: DateTime<Utc>, business_secs: i64) -> Option<DateTime<Utc>> {
        if business_secs <= 0 {
            return Some(start);
        }
        let mut remaining = TimeDelta::try_seconds(business_secs)?;
        if self.always {
            if remaining > TimeDelta::days(i64::from(MAX_SEARCH_DAYS)) {
                return None;
            }
            return start.checked_add_signed(remaining);
        }
        if !self.has_working_time() {
            return None;
        }
        for (open, close) in self.open_from(start) {
            if close <= start {
                continue;
            }
            let open = open.max(start);
            let available = close - open;
            if remaining <= available {
                return Some(open + remaining);
            }
            remaining -= available;
        }
        None
    }

    /// Working seconds in `[from, to)`; 0 when `to <= from`. Counts at most
    /// `MAX_SEARCH_DAYS` of calendar days from `from`.
    pub fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        if self.always {
            let limit = from.checked_add_signed(TimeDelta::days(i64::from(MAX_SEARCH_DAYS))).unwrap_or(to);
            return (to.min(limit) - from).num_seconds();
        }
        if !self.has_working_time() {
            return 0;
        }
        let mut total = TimeDelta::zero();
        for (open, close) in self.open_from(from) {
            if open >= to {
                break;
            }
            if close > from {
                total += close.min(to) - open.max(from);
            }
        }
        total.num_seconds()
    }

    /// Splits `[from, to)` into alternating open and closed stretches that
    /// cover it exactly. Empty when `to <= from`.
    pub fn stretches(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Stretch> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        let mut cursor = from;
        if self.always {
            cursor = to;
            push_stretch(&mut out, from, to, true);
        } else if self.has_working_time() {
            for (open, close) in self.open_from(from) {
                if open >= to {
                    break;
                }
                if close <= from {
                    continue;
                }
                let (open, close) = (open.max(from), close.min(to));
                push_stretch(&mut out, cursor, open, false);
                push_stretch(&mut out, open, close, true);
                cursor = close;
            }
        }
        push_stretch(&mut out, cursor, to, false);
        out
    }

    /// The next opening or closing strictly after `t`. `None` when there is
    /// none within ~10 years (e.g. `always()`, or no working time).
    pub fn next_change(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.always || !self.has_working_time() {
            return None;
        }
        let limit = t.checked_add_signed(TimeDelta::days(i64::from(MAX_IDLE_DAYS))).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut current_close: Option<DateTime<Utc>> = None;
        for (open, close) in self.open_from(t) {
            match current_close {
                None if close <= t => continue,
                None if open > t => return Some(open),
                Some(end) if open > end => return Some(end),
                _ => {}
            }
            if close > limit {
                return None;
            }
            current_close = Some(close);
        }
        current_close
    }

    /// Open intervals in UTC, ascending, non-overlapping (possibly touching),
    /// starting with the local day before `t` so an interval containing `t`
    /// is included.
    fn open_from(&self, t: DateTime<Utc>) -> OpenIntervals<'_> {
        let date = t.with_timezone(&self.tz).date_naive();
        OpenIntervals {
            cal: self,
            next_date: Some(date.pred_opt().unwrap_or(date)),
            buf: Vec::with_capacity(4),
            pos: 0,
            last_end: None,
            idle_days: 0,
            days: 0,
        }
    }

    /// The working ranges of one local date, in UTC.
    fn day_intervals(&self, date: NaiveDate, out: &mut Vec<(DateTime<Utc>, DateTime<Utc>)>) {
        if self.holidays.contains(&date) {
            return;
        }
        let ranges = &self.week[date.weekday().num_days_from_monday() as usize];
        for &(start, end) in ranges {
            let (Some(start), Some(end)) =
                (self.local_to_utc(date, start, Edge::Start), self.local_to_utc(date, end, Edge::End))
            else {
                continue;
            };
            if start < end {
                out.push((start, end));
            }
        }
    }

    fn local_to_utc(&self, date: NaiveDate, minute: u16, edge: Edge) -> Option<DateTime<Utc>> {
        let (date, minute) =
            if minute >= MINUTES_PER_DAY { (date.succ_opt()?, minute - MINUTES_PER_DAY) } else { (date, minute) };
        let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
        to_utc(self.tz, date.and_time(time), edge)
    }
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// Local wall-clock time to UTC; see the module docs for gaps and overlaps.
fn to_utc(tz: Tz, local: NaiveDateTime, edge: Edge) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            Some(match edge {
                Edge::Start => a.min(b),
                Edge::End => a.max(b),
            })
        }
        LocalResult::None => after_gap(tz, local),
    }
}

/// For a local time that does not exist, the first instant whose wall-clock
/// time is at or after it: the transition that skipped it. Binary search over
/// a window of ±16 hours, which holds any real offset and gap.
fn after_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let target = local.and_utc().timestamp();
    let wall = |ts: i64| -> Option<i64> {
        let t = DateTime::from_timestamp(ts, 0)?;
        Some(t.with_timezone(&tz).naive_local().and_utc().timestamp())
    };
    let (mut lo, mut hi) = (target - 16 * 3_600, target + 16 * 3_600);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if wall(mid)? >= target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::from_timestamp(hi, 0)
}

/// Walks local dates forward, yielding each date's working ranges in UTC,
/// trimmed so they never overlap. Ends after `MAX_IDLE_DAYS` days in a row
/// without working time, and after `MAX_SEARCH_DAYS` days in all.
struct OpenIntervals<'a> {
    cal: &'a Calendar,
    next_date: Option<NaiveDate>,
    buf: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pos: usize,
    last_end: Option<DateTime<Utc>>,
    idle_days: u32,
    days: u32,
}

impl Iterator for OpenIntervals<'_> {
    type Item = (DateTime<Utc>, DateTime<Utc>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            while let Some(&(start, end)) = self.buf.get(self.pos) {
                self.pos += 1;
                let start = self.last_end.map_or(start, |last| start.max(last));
                if start < end {
                    self.last_end = Some(end);
                    return Some((start, end));
                }
            }
            if self.idle_days >= MAX_IDLE_DAYS || self.days >= MAX_SEARCH_DAYS {
                return None;
            }
            self.days += 1;
            let date = self.next_date?;
            self.next_date = date.succ_opt();
            self.buf.clear();
            self.pos = 0;
            self.cal.day_intervals(date, &mut self.buf);
            if self.buf.is_empty() {
                self.idle_days += 1;
            } else {
                self.idle_days = 0;
            }
        }
    }
}

/// Appends `[start, end)` unless empty, joining it to a touching stretch of
/// the same kind.
fn push_stretch(out: &mut Vec<Stretch>, start: DateTime<Utc>, end: DateTime<Utc>, open: bool) {
    if start >= end {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.open == open
        && last.end == start
    {
        last.end = end;
        return;
    }
    out.push(Stretch { start, end, open });
}

/// Parses and validates one weekday's ranges into sorted minute pairs.
fn parse_day(texts: &[String]) -> Result<Vec<(u16, u16)>, CalendarProblem> {
    let mut ranges = Vec::with_capacity(texts.len());
    for text in texts {
        ranges.push((parse_range(text)?, text.as_str()));
    }
    ranges.sort_by_key(|&(range, _)| range);
    for pair in ranges.windows(2) {
        let ((first, first_text), (second, second_text)) = (pair[0], pair[1]);
        if second.0 < first.1 {
            return Err(CalendarProblem::Overlap(first_text.to_string(), second_text.to_string()));
        }
    }
    Ok(ranges.into_iter().map(|(range, _)| range).collect())
}

fn parse_range(text: &str) -> Result<(u16, u16), CalendarProblem> {
    let parsed = text.split_once('-').and_then(|(a, b)| Some((parse_time(a.trim())?, parse_time(b.trim())?)));
    let Some((start, end)) = parsed else {
        return Err(CalendarProblem::NotARange(text.to_string()));
    };
    if start == MINUTES_PER_DAY {
        return Err(CalendarProblem::StartsAtMidnight(text.to_string()));
    }
    if start >= end {
        return Err(CalendarProblem::EndsBeforeStart(text.to_string()));
    }
    Ok((start, end))
}

/// `H:MM` or `HH:MM` from 00:00 to 24:00, as minutes since midnight.
fn parse_time(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Strictly `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape_ok {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

// Unit tests live in `calendar/tests.rs` to keep this file short.
#[cfg(test)]
mod tests;
