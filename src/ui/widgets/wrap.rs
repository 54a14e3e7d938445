//! Fitting text to the screen: lines that wrap at words (keeping their
//! colours and a hanging indent), and text cut short with `…` where a
//! cell has a fixed width. Widths are display cells, not characters.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a text.
pub fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `text` in at most `width` cells: cut short with `…` when it is longer.
pub fn ellipsis(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` in exactly `width` cells: cut short with `…` or padded with spaces.
pub fn fit(text: &str, width: usize) -> String {
    let shown = ellipsis(text, width);
    let pad = width.saturating_sub(width_of(&shown));
    format!("{shown}{}", " ".repeat(pad))
}

/// A hint of parts joined by ` · ` in at most `width` cells: the parts
/// before the last make way from the end (the first, how to use the pane,
/// and the last, the way out, stay longest), and only then is it cut with `…`.
pub fn shorten_parts(text: &str, width: usize) -> String {
    let mut parts: Vec<&str> = text.split(" · ").collect();
    while width_of(&parts.join(" · ")) > width && parts.len() > 2 {
        parts.remove(parts.len() - 2);
    }
    ellipsis(&parts.join(" · "), width)
}

/// A label padded to `width` cells, and always followed by at least one
/// space, so a long (translated) label never runs into its value.
pub fn label(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(width_of(text)).max(1);
    format!("{text}{}", " ".repeat(pad))
}

/// The width a column of labels needs: the widest label and a space, at
/// least `least`.
pub fn label_width<'a>(labels: impl IntoIterator<Item = &'a str>, least: usize) -> usize {
    labels.into_iter().map(|l| width_of(l) + 1).max().unwrap_or(0).max(least)
}

/// Breaks plain text into lines of at most `width` cells, at spaces where
/// possible and inside a word only when the word alone is too long.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    wrap_line(Line::from(text.to_string()), width)
        .into_iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// Every line of `lines` wrapped to `width` cells (see [`wrap_line`]).
pub fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    lines.into_iter().flat_map(|l| wrap_line(l, width)).collect()
}

/// Where the continuation lines of `line` start: under its last span (the
/// value after a label, the text after a time and a name) when that is in
/// the left half, else under its first word.
fn hanging_indent(line: &Line, width: usize) -> usize {
    let leading = line.spans.first().map_or(0, |s| s.content.chars().take_while(|c| *c == ' ').count());
    if line.spans.len() < 2 {
        return leading;
    }
    let before_last: usize = line.spans[..line.spans.len() - 1].iter().map(|s| width_of(&s.content)).sum();
    if before_last <= width / 2 { before_last } else { leading.min(width / 2) }
}

/// One line broken into lines of at most `width` cells, at spaces where
/// possible; each span keeps its style and continuation lines are indented
/// under the line's value (see [`hanging_indent`]). A line that fits comes
/// back as it is.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(4);
    let total: usize = line.spans.iter().map(|s| width_of(&s.content)).sum();
    if total <= width {
        return vec![line];
    }
    let indent = hanging_indent(&line, width);
    let cells: Vec<(char, Style)> =
        line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style))).collect();
    let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
    let mut used = 0;
    // No word on the current row yet (only its indentation).
    let mut fresh = true;
    // Spaces between words wait until the next word shows where it goes.
    let mut pending: Vec<(char, Style)> = Vec::new();
    let new_row = |rows: &mut Vec<Vec<(char, Style)>>| rows.push(vec![(' ', Style::new()); indent]);
    let mut i = 0;
    while i < cells.len() {
        let start = i;
        if cells[i].0 == ' ' {
            while i < cells.len() && cells[i].0 == ' ' {
                i += 1;
            }
            if rows.len() == 1 && fresh {
                // Leading spaces are the line's own indentation.
                rows[0].extend_from_slice(&cells[start..i]);
                used = i - start;
            } else {
                pending.extend_from_slice(&cells[start..i]);
            }
            continue;
        }
        while i < cells.len() && cells[i].0 != ' ' {
            i += 1;
        }
        let word = &cells[start..i];
        let word_width: usize = word.iter().map(|(c, _)| char_width(*c)).sum();
        if used + pending.len() + word_width > width {
            pending.clear();
            if !fresh {
                new_row(&mut rows);
                used = indent;
            }
        }
        fresh = false;
        used += pending.len();
        rows.last_mut().expect("a row").append(&mut pending);
        if used + word_width <= width {
            rows.last_mut().expect("a row").extend_from_slice(word);
            used += word_width;
            continue;
        }
        // A word longer than a line: split it where the line ends.
        for &(c, style) in word {
            let w = char_width(c);
            if used + w > width && used > indent {
                new_row(&mut rows);
                used = indent;
            }
            rows.last_mut().expect("a row").push((c, style));
            used += w;
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, style) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            let mut out = Line::from(spans).style(line.style);
            out.alignment = line.alignment;
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn breaks_at_spaces_and_splits_only_words_too_long_for_a_line() {
        assert_eq!(wrap_text("aaa bbb ccc", 10), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap_text(&"x".repeat(25), 10), vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
        assert_eq!(wrap_text("", 10), vec![""]);
        assert_eq!(wrap_text("the firewall/proxy", 12), vec!["the", "firewall/pro", "xy"]);
    }

    #[test]
    fn continuation_lines_hang_under_the_value_and_keep_styles() {
        let label = Style::new().bold();
        let line = Line::from(vec![Span::styled("Cause    ", label), Span::raw("one two three four five")]);
        let lines = wrap_line(line, 20);
        assert_eq!(texts(&lines), vec!["Cause    one two", "         three four", "         five"]);
        assert_eq!(lines[0].spans[0].style, label);
        assert!(lines.iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn wide_characters_count_as_two_cells() {
        for line in wrap_text("日本語のテキスト 日本語のテキスト", 10) {
            assert!(width_of(&line) <= 10, "{line}");
        }
        assert_eq!(ellipsis("日本語", 4), "日…");
    }

    #[test]
    fn hints_drop_middle_parts_before_the_way_out() {
        let hint = "type digits or letters · ↑↓ choose · Enter next · Backspace back · Esc cancel";
        assert_eq!(shorten_parts(hint, 80), hint);
        assert_eq!(shorten_parts(hint, 60), "type digits or letters · ↑↓ choose · Enter next · Esc cancel");
        assert_eq!(shorten_parts(hint, 40), "type digits or letters · Esc cancel");
        assert_eq!(shorten_parts(hint, 20), "type digits or lett…");
    }

    #[test]
    fn labels_never_touch_their_values() {
        assert_eq!(label("Cause", 8), "Cause   ");
        assert_eq!(label("Genomen maatregelen", 13), "Genomen maatregelen ");
        assert_eq!(label_width(["Cause", "Genomen maatregelen"], 13), 20);
    }

    #[test]
    fn ellipsis_marks_what_was_cut() {
        assert_eq!(ellipsis("Printer jammed", 8), "Printer…");
        assert_eq!(ellipsis("short", 8), "short");
        assert_eq!(fit("short", 8), "short   ");
        assert_eq!(fit("Printer jammed", 8), "Printer…");
    }
}
