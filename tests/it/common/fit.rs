//! A checker for render tests: is anything on screen cut off? Texts must
//! end within the screen (wrapped, or shortened with `…`), never run into
//! the right edge, and the footer must keep its help and quit hints.
//!
//! `let s = Screen::of(&h); s.assert_nothing_cut(); s.assert_whole("text");`

use meldpunt::app::state::{AppState, Message};
use meldpunt::keymap::{Command, Layer};

use super::Harness;

/// Cells that may stand in the last column: frames, marks that end a cut.
const EDGE_OK: &str = " │┃┐┘┤╮╯║╗╝─━…▾";

pub struct Screen {
    pub rows: Vec<Vec<String>>,
    pub width: usize,
}

impl Screen {
    pub fn of(h: &Harness) -> Screen {
        let (w, height) = (h.state.width, h.state.height);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, height)).unwrap();
        terminal.draw(|f| meldpunt::ui::render(f, &h.state)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let rows = (0..height).map(|y| (0..w).map(|x| buffer[(x, y)].symbol().to_string()).collect()).collect();
        Screen { rows, width: w as usize }
    }

    pub fn text(&self) -> String {
        self.rows.iter().map(|r| r.concat()).collect::<Vec<_>>().join("\n")
    }

    fn cell(&self, x: usize, y: usize) -> &str {
        self.rows.get(y).and_then(|r| r.get(x)).map_or(" ", |c| c.as_str())
    }

    /// No row has text in its last column: what reaches the edge was cut.
    pub fn assert_nothing_at_the_edge(&self) {
        for (y, row) in self.rows.iter().enumerate() {
            let last = row.last().map_or(" ", |c| c.as_str());
            // A wide character's second half is an empty cell.
            let last =
                if last.is_empty() { row.get(row.len().wrapping_sub(2)).map_or(" ", |c| c.as_str()) } else { last };
            assert!(
                last.chars().all(|c| EDGE_OK.contains(c)),
                "row {y} runs into the right edge (cut off?): {:?}\n{}",
                row.concat(),
                self.text()
            );
        }
    }

    /// Inside every box (`┌…┐`), no text touches the right border: what
    /// does was cut by the box.
    pub fn assert_nothing_at_a_box_edge(&self) {
        for (top, row) in self.rows.iter().enumerate() {
            let (Some(left), Some(right)) = (row.iter().position(|c| c == "┌"), row.iter().position(|c| c == "┐"))
            else {
                continue;
            };
            for y in top + 1..self.rows.len() {
                if self.cell(right, y) != "│" || self.cell(left, y) != "│" {
                    break;
                }
                let inside = self.cell(right - 1, y);
                assert!(
                    inside.chars().all(|c| EDGE_OK.contains(c)),
                    "row {y} runs into its box's border (cut off?): {:?}\n{}",
                    self.rows[y].concat(),
                    self.text()
                );
            }
        }
    }

    /// `text` is on screen whole: its words in order, possibly wrapped onto
    /// the following rows (each continuing at or after the column where the
    /// text's block starts), and not cut short with `…`.
    pub fn assert_whole(&self, text: &str) {
        assert!(self.find_whole(text), "not shown whole: {text:?}\n{}", self.text());
    }

    pub fn find_whole(&self, text: &str) -> bool {
        let needle: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        if needle.is_empty() {
            return true;
        }
        for y in 0..self.rows.len() {
            for x in 0..self.width {
                if self.cell(x, y).starts_with(needle[0]) && self.matches_from(&needle, x, y) {
                    return true;
                }
            }
        }
        false
    }

    /// Where the block of text holding column `x` of row `y` starts: back
    /// to a frame, two blanks or the screen's edge.
    fn block_start(&self, x: usize, y: usize) -> usize {
        let mut start = x;
        while start > 0 {
            let before = self.cell(start - 1, y);
            if before == "│" || (before == " " && start >= 2 && self.cell(start - 2, y) == " ") {
                break;
            }
            start -= 1;
        }
        start
    }

    fn matches_from(&self, needle: &[char], x0: usize, y0: usize) -> bool {
        let left = self.block_start(x0, y0);
        let (mut x, mut y, mut i) = (x0, y0, 0);
        let mut blanks = 0;
        while i < needle.len() {
            let cell = self.cell(x, y);
            let at_end = x >= self.width || cell == "│" || blanks >= 2;
            if at_end {
                // On to the next row of the block.
                y += 1;
                if y >= self.rows.len() {
                    return false;
                }
                // Centred text may start a little left of where the block did.
                x = left;
                while x > 0 && !matches!(self.cell(x - 1, y), " " | "│") {
                    x -= 1;
                }
                blanks = 0;
                while x < self.width && self.cell(x, y) == " " {
                    x += 1;
                }
                if x >= self.width {
                    return false;
                }
                continue;
            }
            if cell == " " || cell.is_empty() {
                blanks += usize::from(cell == " ");
                x += 1;
                continue;
            }
            blanks = 0;
            for c in cell.chars() {
                if i < needle.len() && needle[i] == c {
                    i += 1;
                } else {
                    return false;
                }
            }
            x += 1;
        }
        true
    }

    /// The bottom row offers help and quit with their keys (`? help`, `q quit`).
    pub fn assert_footer_has_help_and_quit(&self, state: &AppState) {
        let footer = self.rows.last().map(|r| r.concat()).unwrap_or_default();
        let t = state.t();
        for command in [Command::Help, Command::Quit] {
            let key = state.ctx.keymap.key_for(Layer::Global, command).map(|k| k.to_string()).unwrap_or_default();
            let hint = format!("{key} {}", t.hint(command));
            assert!(footer.contains(&hint), "the footer lacks {hint:?}: {footer:?}\n{}", self.text());
        }
    }

    /// Nothing cut: no text at the right edge of the screen or of a box,
    /// and the message of the moment (if any) shown whole.
    pub fn assert_nothing_cut(&self, state: &AppState) {
        self.assert_nothing_at_the_edge();
        self.assert_nothing_at_a_box_edge();
        if let Some(Message::Info(text) | Message::Error(text)) = &state.message {
            self.assert_whole(&meldpunt::domain::text::inert(text));
        }
    }
}

/// The screen of `h`, checked: nothing cut (see [`Screen::assert_nothing_cut`]).
pub fn checked(h: &Harness) -> Screen {
    let screen = Screen::of(h);
    screen.assert_nothing_cut(&h.state);
    screen
}
