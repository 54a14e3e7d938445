//! Printing for people (aligned tables, inert text) and for programs (JSON).

use crate::domain::text::inert_single_line;

/// Prints rows as columns aligned under a header.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| inert_single_line(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |row: Vec<String>| {
        let padded: Vec<String> = row.iter().enumerate().map(|(i, c)| format!("{c:<w$}", w = widths[i])).collect();
        padded.join("  ").trim_end().to_string()
    };
    println!("{}", line(header.iter().map(|h| h.to_string()).collect()));
    for row in cells {
        println!("{}", line(row));
    }
}

pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
