//! The reports pane's state: which report, over which period, for which
//! tickets, the result, and the row the cursor is on.

use crate::domain::report::{Drill, Period, PeriodName, ReportFilter, ReportName};
use crate::report::Report;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The list of reports.
    #[default]
    List,
    /// The rows of the report shown.
    Rows,
}

#[derive(Debug, Default)]
pub struct ReportsState {
    /// Index into `ReportName::ALL`.
    pub selected: usize,
    pub focus: Focus,
    pub period: Period,
    pub filter: ReportFilter,
    pub report: Option<Report>,
    /// How long the report shown took to compute.
    pub millis: u64,
    /// The request whose answer is awaited; older answers are dropped.
    pub generation: u64,
    /// A report is being computed (one at a time).
    pub running: bool,
    /// Settings changed while one was computing: compute again when it is done.
    pub pending: bool,
    /// Spinner frame while running.
    pub frame: usize,
    /// Index into the rows that lead somewhere (`drills`).
    pub row: usize,
    /// How far the report is scrolled while the list has the focus.
    pub scroll: u16,
    /// The column in view and, on the rows, the cell under the cursor
    /// (0: the whole row).
    pub col: usize,
}

/// The periods `p` cycles through.
pub const PERIODS: [PeriodName; 5] =
    [PeriodName::Today, PeriodName::ThisWeek, PeriodName::Last7Days, PeriodName::ThisMonth, PeriodName::LastMonth];

impl ReportsState {
    pub fn name(&self) -> ReportName {
        ReportName::ALL[self.selected.min(ReportName::ALL.len() - 1)]
    }

    /// The next named period (from custom dates: the first one).
    pub fn next_period(&mut self) {
        let next = match self.period {
            Period::Named(p) => PERIODS.iter().position(|x| *x == p).map_or(0, |i| (i + 1) % PERIODS.len()),
            Period::Dates { .. } => 0,
        };
        self.period = Period::Named(PERIODS[next]);
    }

    /// Every row that leads to tickets, in the order shown: (section, row, drill).
    pub fn drills(&self) -> Vec<(usize, usize, &Drill)> {
        let Some(report) = &self.report else { return Vec::new() };
        report
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| {
                section.rows.iter().enumerate().filter_map(move |(r, row)| row.drill.as_ref().map(|d| (s, r, d)))
            })
            .collect()
    }

    /// The section and row under the cursor.
    pub fn current_row(&self) -> Option<(usize, usize)> {
        self.drills().get(self.row).map(|(s, r, _)| (*s, *r))
    }

    /// The tickets under the cursor: of the cell when it has its own, else
    /// of the row; with the row's section and row index.
    pub fn current(&self) -> Option<(usize, usize, Drill)> {
        let (s, r) = self.current_row()?;
        let row = &self.report.as_ref()?.sections[s].rows[r];
        row.drill_at(self.col).map(|d| (s, r, d.clone()))
    }

    /// The most columns a table of the report has.
    pub fn columns(&self) -> usize {
        self.report.as_ref().map_or(0, |r| r.sections.iter().map(|s| s.columns.len()).max().unwrap_or(0))
    }

    /// Whether the report shown is the one selected (else the list moved on).
    pub fn shows_selected(&self) -> bool {
        self.report.as_ref().is_some_and(|r| r.name == self.name())
    }
}

/// The lines the pane draws for a report (see `panes::reports::render`): per
/// section with rows a title, a header, the rows, a chart (a blank line, a
/// title and its bars) and a blank line.
pub fn content_lines(report: &Report) -> usize {
    let shown = report.sections.iter().filter(|s| !s.rows.is_empty());
    shown.map(|s| 3 + s.rows.len() + s.chart.as_ref().map_or(0, |c| 2 + c.bars.len())).sum::<usize>().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_cycles_through_the_named_ones_and_leaves_custom_dates() {
        let mut r = ReportsState::default();
        assert_eq!(r.period, Period::Named(PeriodName::Last7Days));
        r.next_period();
        assert_eq!(r.period, Period::Named(PeriodName::ThisMonth));
        r.next_period();
        r.next_period();
        assert_eq!(r.period, Period::Named(PeriodName::Today), "after last month comes today");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        r.period = Period::Dates { from: d, to: d };
        r.next_period();
        assert_eq!(r.period, Period::Named(PeriodName::Today));
    }
}
