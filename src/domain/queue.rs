//! What the queue shows: filters, sort order and the rows of one page.

use chrono::{DateTime, Utc};

use super::{NumberFormat, Priority, Status, TicketId};

/// Open tickets only, or every ticket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Open,
    All,
}

/// The quick filters of the queue; they combine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub scope: Scope,
    pub mine: bool,
    pub unassigned: bool,
    pub my_team: bool,
    pub priority: Option<Priority>,
    pub status: Option<Status>,
    /// Escalated to another line or a supplier, or a lead's attention asked.
    pub escalated: bool,
    /// Waiting for the customer or a supplier.
    pub waiting: bool,
    /// A lead's attention asked of the viewer (or of no lead by name).
    pub asked_of_me: bool,
    /// Free text, or a ticket number.
    pub search: Option<String>,
    /// Exactly the tickets a row of a report counts.
    pub slice: Option<Box<super::report::Drill>>,
}

impl QueueFilter {
    /// The next priority filter in the cycle: all → P1 → … → P4 → all.
    pub fn next_priority(p: Option<Priority>) -> Option<Priority> {
        match p {
            None => Some(Priority::P1),
            Some(p) => Priority::new(p.get() + 1),
        }
    }

    /// The next status filter in the cycle, over the statuses the scope shows.
    pub fn next_status(&self) -> Option<Status> {
        let shown: Vec<Status> =
            Status::ALL.iter().copied().filter(|s| self.scope == Scope::All || s.is_open()).collect();
        match self.status {
            None => shown.first().copied(),
            Some(s) => shown.iter().position(|x| *x == s).and_then(|i| shown.get(i + 1)).copied(),
        }
    }

    pub fn is_default(&self) -> bool {
        *self == QueueFilter::default()
    }
}

/// The columns the queue can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortColumn {
    Number,
    Priority,
    Status,
    Title,
    Team,
    Assignee,
    Age,
    /// The earliest running SLA deadline: most urgent first.
    Due,
}

impl SortColumn {
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Number,
        SortColumn::Priority,
        SortColumn::Status,
        SortColumn::Title,
        SortColumn::Team,
        SortColumn::Assignee,
        SortColumn::Age,
        SortColumn::Due,
    ];

    pub fn next(self) -> SortColumn {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The direction a column is first sorted in: newest, most urgent and
    /// oldest first, alphabetical otherwise.
    pub fn natural_ascending(self) -> bool {
        !matches!(self, SortColumn::Number)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub ascending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Self {
        Sort { column: SortColumn::Number, ascending: false }
    }
}

/// The value of the sort column for one row: with the ticket id it is the
/// key that pages continue from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue {
    Int(i64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    pub value: SortValue,
    pub id: TicketId,
}

/// Where a page starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    First,
    Last,
    After(SortKey),
    Before(SortKey),
    /// The page that starts at this row (inclusive): used to keep the
    /// position when the queue is reloaded or scrolled by one row.
    From(SortKey),
    /// The page that ends at this row (inclusive): scrolling up by one row.
    Until(SortKey),
}

impl Cursor {
    /// True when the page is read from its end towards its start.
    pub fn is_backwards(&self) -> bool {
        matches!(self, Cursor::Before(_) | Cursor::Last | Cursor::Until(_))
    }
}

/// How a ticket is being handled, as marked in the queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub escalated: bool,
    pub lead_attention: bool,
    pub major: bool,
    pub child: bool,
}

/// One line of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub id: TicketId,
    pub priority: Option<Priority>,
    pub status: Status,
    pub title: String,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i64,
    pub key: SortKey,
    /// The SLA clocks, once the ticket is classified.
    pub sla: Option<super::sla::TicketSla>,
    pub marks: Marks,
    /// Its number in the system it was imported from.
    pub source_ref: Option<String>,
}

/// Who is looking: "mine" and "my team" depend on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub login: String,
}

/// The figures shown in the status bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    /// Tickets matching the current filters, up to the counting cap.
    pub matching: u64,
    /// True when there are more than `matching`.
    pub more: bool,
    pub open: u64,
    pub unassigned: u64,
    pub p1: u64,
    /// False only for a database without a single ticket.
    pub any: bool,
}

/// One page of the queue.
pub struct PageRequest<'a> {
    pub filter: &'a QueueFilter,
    pub sort: Sort,
    pub viewer: &'a Viewer,
    pub numbers: &'a NumberFormat,
    pub cursor: &'a Cursor,
    pub limit: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_filter_cycles_back_to_all() {
        let mut p = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            p = QueueFilter::next_priority(p);
            seen.push(p);
        }
        assert_eq!(seen, vec![Some(Priority::P1), Some(Priority::P2), Some(Priority::P3), Some(Priority::P4), None]);
    }

    #[test]
    fn status_filter_skips_closed_states_in_open_scope() {
        let mut f = QueueFilter::default();
        let mut seen = Vec::new();
        loop {
            f.status = f.next_status();
            match f.status {
                Some(s) => seen.push(s),
                None => break,
            }
        }
        assert_eq!(seen.len(), 5);
        assert!(seen.iter().all(|s| s.is_open()));
    }

    #[test]
    fn sort_columns_cycle() {
        let mut c = SortColumn::Number;
        for _ in 0..SortColumn::ALL.len() {
            c = c.next();
        }
        assert_eq!(c, SortColumn::Number);
    }
}
