//! A value on its way out, made safe for where it goes: a column of an
//! aligned table, a cell of a CSV file, a string in JSON.
//!
//! None of these change what is stored; they only change how it is written.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use super::text::{is_bidi_control, is_invisible};

/// The widest a column of an aligned table gets; longer text is cut with `…`.
pub const MAX_COLUMN: usize = 60;

/// How many terminal columns text takes (wide characters count two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Text cut to at most `max` columns, with `…` where it was cut.
pub fn fit(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Where text sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Text padded with spaces to `columns` (no padding when it is wider).
/// Written by hand: a formatting width has a limit, this has none.
pub fn pad(text: &str, columns: usize, align: Align) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(text)));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// Rows aligned under a header, columns two spaces apart. Every column but
/// the last is cut to [`MAX_COLUMN`]; the last is never padded, so it keeps
/// all its text. The cells must already be safe to show (one line, inert).
pub fn align_rows(rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let cut: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| {
            row.iter().enumerate().map(|(i, c)| if i + 1 < count { fit(c, MAX_COLUMN) } else { Cow::from(c) }).collect()
        })
        .collect();
    let mut widths = vec![0; count];
    for row in &cut {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    cut.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let align = if right.get(i) == Some(&true) { Align::Right } else { Align::Left };
                    pad(c, widths[i], align)
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// A CSV cell that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so
/// it is read as the text it is.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// JSON text with every character a terminal would act on or hide spelled
/// as `\uXXXX`; the data read back is exactly the same. serde_json escapes
/// the C0 controls already; this adds DEL, the C1 controls, direction
/// controls and invisible characters. Outside strings JSON is ASCII, so
/// every such character found is inside a string.
pub fn json_inert(json: &str) -> Cow<'_, str> {
    let escaped = |c: char| matches!(c, '\u{7F}'..='\u{9F}') || is_bidi_control(c) || is_invisible(c);
    // Plain ASCII (most of an export) has nothing to escape: told at once.
    if json.bytes().all(|b| b < 0x7F) || !json.chars().any(escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escaped(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_short_text_kept() {
        assert_eq!(fit("Printer", 10), "Printer");
        assert_eq!(fit("Printer jammed", 8), "Printer…");
        assert_eq!(width(&fit(&"x".repeat(70_000), MAX_COLUMN)), MAX_COLUMN);
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
    }

    #[test]
    fn padding_has_no_limit_and_counts_wide_characters() {
        assert_eq!(pad("ab", 4, Align::Left), "ab  ");
        assert_eq!(pad("ab", 4, Align::Right), "  ab");
        assert_eq!(pad("日本", 5, Align::Left), "日本 ");
        assert_eq!(pad("x", 70_000, Align::Left).len(), 70_000);
    }

    #[test]
    fn rows_line_up_and_only_the_last_column_keeps_long_text() {
        let long = "y".repeat(70_000);
        let rows = vec![vec!["Name".to_string(), "Open".into(), "Note".into()], vec![long.clone(), "3".into(), long]];
        let lines = align_rows(&rows, &[false, true, false]);
        assert_eq!(lines[0], format!("Name{}  Open  Note", " ".repeat(MAX_COLUMN - 4)));
        assert!(lines[1].starts_with(&format!("{}…     3  yyy", "y".repeat(MAX_COLUMN - 1))));
        assert_eq!(lines[1].chars().count(), MAX_COLUMN + 2 + 4 + 2 + 70_000);
    }

    #[test]
    fn formulas_are_neutralised_in_csv() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(bad), format!("'{bad}"));
        }
        assert_eq!(csv_cell("Printer = broken"), "Printer = broken");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_reads_back_the_same() {
        let title = "a\u{1b}]0;x\u{7}\u{9b}b\u{202E}c\u{200B}d\u{E0041}e\u{7F}";
        let json = serde_json::to_string(&title).unwrap();
        let safe = json_inert(&json);
        assert!(safe.is_ascii(), "{safe}");
        assert!(safe.contains("\\u001b") && safe.contains("\\u202e") && safe.contains("\\udb40\\udc41"), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), title);
        assert!(matches!(json_inert("{\n  \"a\": \"é\"\n}"), Cow::Borrowed(_)));
    }
}
