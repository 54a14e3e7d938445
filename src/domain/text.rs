//! Making user text inert before it reaches a terminal.
//!
//! Text is stored exactly as it was typed or imported; only its display is
//! changed, so that control characters and escape sequences are shown as
//! visible symbols instead of being interpreted by the terminal.

use std::borrow::Cow;

/// True for characters that must never be written raw to a terminal.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// Bidirectional overrides and isolates can reorder what is shown around
/// them, so a line can read differently from what it contains.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that show nothing, or break a line where a terminal does not
/// expect it: drawn raw they make text look like something else and shift
/// the columns after them (each terminal gives them its own width).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The visible stand-in for an unsafe character.
fn visible(c: char) -> char {
    match c {
        // C0 controls have their own symbols in the Control Pictures block.
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// Text as an input field takes it (pasted, or filled in from a record):
/// line breaks only where the field has lines, tabs as spaces, and no
/// control or direction-changing characters (they could make the field show
/// something else than it holds).
pub fn as_typed(text: &str, multi_line: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if multi_line => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// One line of text, safe to draw: every control character (tab and newline
/// included) becomes a visible symbol.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_unsafe(c) { visible(c) } else { c }).collect())
}

/// Multi-line text split into safe lines: line breaks separate lines, tabs
/// become spaces, and every other control character becomes a symbol.
pub fn inert_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            inert(&line.replace('\t', "    ")).into_owned()
        })
        .collect()
}

/// Text of several lines, each made inert, the line breaks kept.
pub fn inert_text(s: &str) -> String {
    inert_lines(s).join("\n")
}

/// A single-line summary of multi-line text: line breaks become spaces.
pub fn inert_single_line(s: &str) -> String {
    let flattened: String = s.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect();
    inert(&flattened).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(inert("Printer jammed on 3rd floor"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let shown = inert("\u{1b}[2J\u{1b}]0;owned\u{7}");
        assert!(!shown.chars().any(|c| c.is_control()));
        assert!(shown.starts_with('\u{241B}'));
        assert!(shown.ends_with('\u{2407}'));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_replaced() {
        let shown = inert("a\u{9b}31mb\u{202E}c");
        assert_eq!(shown, "a\u{FFFD}31mb\u{FFFD}c");
    }

    #[test]
    fn lines_split_on_newlines_and_expand_tabs() {
        assert_eq!(inert_lines("one\r\ntwo\tx"), vec!["one", "two    x"]);
    }

    #[test]
    fn invisible_characters_become_visible_and_are_not_typed() {
        let title = "a\u{200B}b\u{FEFF}c\u{E0041}d\u{00AD}e\u{2028}f\u{061C}g";
        assert_eq!(inert(title), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g");
        assert_eq!(as_typed(title, false), "abcdefg");
    }

    #[test]
    fn fillers_selectors_and_other_blank_characters_become_visible() {
        for c in [
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{17B4}',
            '\u{17B5}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{E01EF}',
            '\u{206A}',
            '\u{206F}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{1D173}',
            '\u{1D17A}',
        ] {
            let title = format!("A{c}B");
            assert_eq!(inert(&title), "A\u{FFFD}B", "U+{:04X}", c as u32);
            assert_eq!(as_typed(&title, false), "AB", "U+{:04X}", c as u32);
        }
        // Letters next to them stay.
        assert_eq!(inert("\u{1100}\u{1161}"), "\u{1100}\u{1161}");
    }

    #[test]
    fn single_line_flattens_breaks() {
        assert_eq!(inert_single_line("a\nb\u{1b}"), "a b\u{241B}");
    }
}
