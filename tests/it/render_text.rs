//! User text that hides itself (zero-width, direction and other invisible
//! characters) drawn with ratatui's TestBackend: it is shown, and the
//! columns after it stay where they are.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;

const HIDDEN: &str = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}\u{061C}\u{2028}\u{E0041}\u{202E}";

fn draw(h: &Harness) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(h.state.width, h.state.height)).unwrap();
    terminal.draw(|f| meldpunt::ui::render(f, &h.state)).unwrap();
    terminal.backend().buffer().clone()
}

fn lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height).map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect()).collect()
}

/// Column (in cells) where `needle` starts on the first line that has it.
fn column_of(buffer: &Buffer, needle: &str) -> Option<usize> {
    let area = buffer.area;
    (0..area.height).find_map(|y| {
        let cells: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        let line: String = cells.concat();
        let at = line.find(needle)?;
        // Back from bytes to cells.
        let mut bytes = 0;
        cells.iter().position(|c| {
            let here = bytes == at;
            bytes += c.len();
            here
        })
    })
}

/// The queue and the detail of one ticket whose title and team carry `extra`
/// (written with raw SQL, past every check, as another tool could).
fn screens(extra: &str) -> (Buffer, Buffer) {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path).unwrap();
        store.create_ticket("anna", t0(), &incident("Printer jammed", "Sanne Jansen")).unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE tickets SET title = ?1, team = ?2, assignee = 'jbakker'",
        [format!("Printer{extra} jammed"), format!("Work{extra}place")],
    )
    .unwrap();
    drop(conn);
    let mut h = Harness::new(&path, "en", 120, 30);
    let queue = draw(&h);
    h.key(KeyCode::Enter);
    (queue, draw(&h))
}

#[test]
fn invisible_characters_are_drawn_and_do_not_shift_the_columns_after_them() {
    let (plain_queue, plain_detail) = screens("");
    let (queue, detail) = screens(HIDDEN);
    for screen in [&queue, &detail] {
        for line in lines(screen) {
            assert!(!line.chars().any(|c| HIDDEN.contains(c)), "raw invisible character in {line:?}");
        }
    }
    let shown = lines(&queue).concat();
    assert!(
        shown.contains("Printer\u{FFFD}\u{FFFD}"),
        "the hidden characters are shown:\n{}",
        lines(&queue).join("\n")
    );
    // The detail's two columns: the label after the team stays where it was,
    // moved on by exactly the placeholders drawn.
    let assignee = column_of(&plain_detail, "Assignee").unwrap();
    assert_eq!(column_of(&detail, "Assignee"), Some(assignee), "{}", lines(&detail).join("\n"));
    // The queue's columns after the title stay put.
    let age = column_of(&plain_queue, "jbakker").unwrap();
    assert_eq!(column_of(&queue, "jbakker"), Some(age), "{}", lines(&queue).join("\n"));
}

#[test]
fn values_of_seventy_thousand_characters_are_cut_not_a_crash() {
    let long = "x".repeat(70_000);
    let (queue, detail) = screens(&long);
    for screen in [&queue, &detail] {
        assert!(lines(screen).concat().contains("Printerxxx"), "{}", lines(screen).join("\n"));
    }
    assert!(column_of(&queue, "INC-000001").is_some());
}
