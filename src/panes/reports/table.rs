//! A report's table drawn to fit its width: the first column (what a row is
//! about) always, then as many whole columns as fit, from the one in view
//! on; `‹` and `›` in the header say there are more to either side. A
//! number is never cut; only the first column's text may end in `…`.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::cell::{self, Align};

/// Space between two columns.
const GAP: usize = 2;
/// The narrowest the first column gets to make room for one more.
const MIN_FIRST: usize = 6;

/// Which columns are shown and how wide the first one is drawn.
#[derive(Debug, PartialEq, Eq)]
pub struct Window {
    pub first_width: usize,
    /// Columns shown after the first: `start..end`.
    pub start: usize,
    pub end: usize,
}

/// The widest text of each column, each cut at `cell::MAX_COLUMN`.
pub fn widths(lines: &[Vec<String>]) -> Vec<usize> {
    let count = lines.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; count];
    for line in lines {
        for (i, c) in line.iter().enumerate() {
            widths[i] = widths[i].max(cell::width(&cell::fit(c, cell::MAX_COLUMN)));
        }
    }
    widths
}

/// The columns that fit in `width` with column `col` among them (the
/// first column is always there; `col` 0 shows from the second on).
pub fn window(widths: &[usize], width: usize, col: usize) -> Window {
    let n = widths.len();
    if n <= 1 {
        return Window { first_width: widths.first().copied().unwrap_or(0).min(width), start: 1, end: n };
    }
    // Room for the markers: "‹ " after the first column, " ›" at the end.
    let room = width.saturating_sub(2 + 2);
    let fits_from = |start: usize, first: usize| {
        let mut used = first;
        let mut end = start;
        while end < n && used + GAP + widths[end] <= room {
            used += GAP + widths[end];
            end += 1;
        }
        end
    };
    let want = col.clamp(1, n - 1);
    let mut first = widths[0];
    for start in 1..=want {
        let end = fits_from(start, first);
        if end > want {
            return Window { first_width: first, start, end };
        }
    }
    // Not even the column in view fits beside the first: the first one gives way.
    first = room.saturating_sub(GAP + widths[want]).clamp(MIN_FIRST.min(widths[0]), widths[0]);
    let end = fits_from(want, first).max(want + 1).min(n);
    Window { first_width: first, start: want, end }
}

/// How one row of the table is drawn: its style, and the cell picked out.
pub struct RowLook {
    pub style: Style,
    pub cell: Option<(usize, Style)>,
}

/// The header (with its markers) and the rows, as lines of `width`.
pub fn lines<'a>(
    header: &[String],
    rows: &[Vec<String>],
    right: &[bool],
    width: usize,
    col: usize,
    header_style: Style,
    look: impl Fn(usize) -> RowLook,
) -> Vec<Line<'a>> {
    let mut all = vec![header.to_vec()];
    all.extend(rows.iter().cloned());
    let widths = widths(&all);
    let w = window(&widths, width, col);
    let more_left = w.start > 1;
    let more_right = w.end < widths.len();
    let draw = |cells: &[String], look: &RowLook, markers: bool| -> Line<'a> {
        let mut spans = Vec::new();
        let first = cells.first().map_or(String::new(), |c| cell::fit(c, w.first_width).into_owned());
        let cell_style = |i: usize| match look.cell {
            Some((at, style)) if at == i => style,
            _ => look.style,
        };
        spans.push(Span::styled(cell::pad(&first, w.first_width, Align::Left), cell_style(0)));
        let left = if markers && more_left { "‹ " } else { "  " };
        spans.push(Span::styled(left, look.style));
        for (i, column_width) in widths.iter().enumerate().take(w.end).skip(w.start) {
            if i > w.start {
                spans.push(Span::styled(" ".repeat(GAP), look.style));
            }
            let text = cells.get(i).map_or(String::new(), |c| cell::fit(c, cell::MAX_COLUMN).into_owned());
            let align = if right.get(i) == Some(&true) { Align::Right } else { Align::Left };
            spans.push(Span::styled(cell::pad(&text, *column_width, align), cell_style(i)));
        }
        if markers && more_right {
            spans.push(Span::styled(" ›", look.style));
        }
        Line::from(spans)
    };
    let plain = RowLook { style: header_style, cell: None };
    let mut out = vec![draw(header, &plain, true)];
    out.extend(rows.iter().enumerate().map(|(i, r)| draw(r, &look(i), false)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_columns_fit_from_the_one_in_view_and_the_first_stays() {
        // A label of 10, then six columns of 15.
        let widths = [10, 15, 15, 15, 15, 15, 15];
        let w = window(&widths, 60, 0);
        assert_eq!((w.first_width, w.start, w.end), (10, 1, 3), "10 + 2·17 = 44; a third would need 61");
        let w = window(&widths, 60, 5);
        assert_eq!((w.start, w.end), (4, 6), "column 5 is in view");
        let all = window(&widths, 120, 6);
        assert_eq!((all.start, all.end), (1, 7), "everything fits at 120");
    }

    #[test]
    fn a_narrow_width_cuts_the_label_never_a_number() {
        let w = window(&[40, 6], 30, 1);
        assert_eq!((w.start, w.end), (1, 2));
        assert_eq!(w.first_width, 30 - 4 - 2 - 6, "the label gives way");
        let lines = lines(
            &["Team".into(), "Share".into()],
            &[vec!["A very long team name that goes on and on".into(), "83.3%".into()]],
            &[false, true],
            30,
            1,
            Style::new(),
            |_| RowLook { style: Style::new(), cell: None },
        );
        let row: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(row.trim_end().ends_with("83.3%"), "{row}");
        assert!(row.contains('…'), "{row}");
        assert!(cell::width(&row) <= 30, "{row}");
    }
}
