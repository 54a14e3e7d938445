//! A report written out: as an aligned table with bar charts for a
//! terminal, as CSV, JSON or Markdown for other tools. Every format shows
//! the same cells.

use std::fmt::Write as _;

use super::{Cell, Report, ReportJson, Section, SectionJson};
use crate::domain::cell;
use crate::domain::text::inert_single_line;
use crate::i18n::Catalogue;

/// A cell as people read it.
pub fn human(t: &Catalogue, cell: &Cell) -> String {
    let none = || "—".to_string();
    // Dutch writes a decimal comma.
    let decimal = |text: String| if t.code == "nl" { text.replace('.', ",") } else { text };
    match cell {
        Cell::Text(s) => inert_single_line(s),
        Cell::Count(n) => n.to_string(),
        Cell::Share(s) => s.map_or_else(none, |s| decimal(format!("{:.1}%", s * 100.0))),
        Cell::Secs(s) => s.map_or_else(none, |s| t.duration(s.round() as i64)),
        Cell::Score(s) => s.map_or_else(none, |s| decimal(format!("{s:.2}"))),
    }
}

/// A cell for programs: plain numbers (seconds, fractions), null for none.
pub fn raw(cell: &Cell) -> serde_json::Value {
    use serde_json::Value;
    let number = |f: f64| {
        let f = (f * 10_000.0).round() / 10_000.0;
        if f.fract() == 0.0 && f.abs() < 1e15 {
            Value::from(f as i64)
        } else {
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
    };
    match cell {
        Cell::Text(s) => Value::String(s.clone()),
        Cell::Count(n) => Value::from(*n),
        Cell::Share(s) | Cell::Secs(s) | Cell::Score(s) => s.map_or(Value::Null, number),
    }
}

fn raw_text(cell: &Cell) -> String {
    match raw(cell) {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// The period as people read it: first and last day.
pub fn period(t: &Catalogue, r: &Report) -> String {
    let last = r.to - chrono::Duration::seconds(1);
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).format(t.date_format).to_string();
    if day(r.from) == day(last) { day(r.from) } else { format!("{} – {}", day(r.from), day(last)) }
}

fn is_numeric(cell: &Cell) -> bool {
    !matches!(cell, Cell::Text(_))
}

/// Bars of at most `width` characters, scaled to the largest value.
pub fn bar_lines(chart: &super::Chart, width: usize) -> Vec<String> {
    let max = chart.bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let labels: Vec<String> =
        chart.bars.iter().map(|(l, _)| cell::fit(&inert_single_line(l), cell::MAX_COLUMN).into_owned()).collect();
    let label_width = labels.iter().map(|l| cell::width(l)).max().unwrap_or(0);
    chart
        .bars
        .iter()
        .zip(&labels)
        .map(|((_, n), label)| {
            let len = ((*n as f64 / max as f64) * width as f64).round() as usize;
            format!("{}  {} {n}", cell::pad(label, label_width, cell::Align::Left), "█".repeat(len))
        })
        .collect()
}

/// A section's header and rows as aligned lines: numbers to the right.
pub fn aligned(t: &Catalogue, s: &Section) -> (String, Vec<String>) {
    let mut all: Vec<Vec<String>> = vec![s.columns.iter().map(|c| inert_single_line(c)).collect()];
    all.extend(s.rows.iter().map(|r| r.cells.iter().map(|c| human(t, c)).collect()));
    let numeric: Vec<bool> =
        (0..s.columns.len()).map(|i| s.rows.first().and_then(|r| r.cells.get(i)).is_some_and(is_numeric)).collect();
    let mut lines = cell::align_rows(&all, &numeric).into_iter();
    let header = lines.next().unwrap_or_default();
    (header, lines.collect())
}

fn table(t: &Catalogue, s: &Section, out: &mut String) {
    let _ = writeln!(out, "{}", inert_single_line(&s.title));
    let (header, rows) = aligned(t, s);
    let _ = writeln!(out, "{header}");
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    if let Some(chart) = &s.chart {
        let _ = writeln!(out, "\n{}", inert_single_line(&chart.title));
        for l in bar_lines(chart, 40) {
            let _ = writeln!(out, "{l}");
        }
    }
}

/// For a terminal: each section as an aligned table, charts as bars.
pub fn to_table(t: &Catalogue, r: &Report) -> String {
    let mut out = format!("{} · {}\n\n", r.title, period(t, r));
    for s in &r.sections {
        table(t, s, &mut out);
        out.push('\n');
    }
    out
}

/// CSV: per section a line with its title, a header and the rows, then an
/// empty line. Numbers are plain: seconds, fractions. Text that a
/// spreadsheet would take for a formula starts with `'`.
pub fn to_csv(r: &Report) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for (i, s) in r.sections.iter().enumerate() {
        if i > 0 {
            w.write_record(std::iter::empty::<&str>())?;
        }
        w.write_record([cell::csv_cell(&s.title).as_bytes()])?;
        w.write_record(s.columns.iter().map(|c| cell::csv_cell(c).into_owned()))?;
        for row in &s.rows {
            w.write_record(row.cells.iter().map(|c| match c {
                Cell::Text(s) => cell::csv_cell(s).into_owned(),
                number => raw_text(number),
            }))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

pub fn to_json(r: &Report) -> anyhow::Result<String> {
    let json = ReportJson {
        report: r.name.code(),
        from: r.from,
        to: r.to,
        sections: r
            .sections
            .iter()
            .map(|s| SectionJson {
                title: &s.title,
                columns: &s.columns,
                rows: s.rows.iter().map(|row| row.cells.iter().map(raw).collect()).collect(),
            })
            .collect(),
    };
    Ok(cell::json_inert(&serde_json::to_string_pretty(&json)?).into_owned())
}

fn md(text: &str) -> String {
    inert_single_line(text).replace('|', "\\|")
}

pub fn to_markdown(t: &Catalogue, r: &Report) -> String {
    let mut out = format!("# {} · {}\n", md(&r.title), period(t, r));
    for s in &r.sections {
        let _ = write!(out, "\n## {}\n\n", md(&s.title));
        let header: Vec<String> = s.columns.iter().map(|c| md(c)).collect();
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let align: Vec<&str> = (0..s.columns.len())
            .map(|i| if s.rows.first().and_then(|r| r.cells.get(i)).is_some_and(is_numeric) { "--:" } else { "---" })
            .collect();
        let _ = writeln!(out, "|{}|", align.join("|"));
        for row in &s.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| md(&human(t, c))).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn shares_and_scores_have_the_decimal_mark_of_the_language() {
        let (en, nl) = (Language::En.catalogue(), Language::Nl.catalogue());
        assert_eq!(human(en, &Cell::Share(Some(0.5))), "50.0%");
        assert_eq!(human(nl, &Cell::Share(Some(0.5))), "50,0%");
        assert_eq!(human(nl, &Cell::Score(Some(4.25))), "4,25");
    }
}
