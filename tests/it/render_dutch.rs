//! Dutch on the screen: role names and the words for tickets, at 80×24 and
//! 120×40.

use crate::common;

use common::{Harness, incident, t0, temp_db};
use meldpunt::domain::people::AgentRecord;
use meldpunt::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(h: &Harness) -> String {
    let mut terminal = Terminal::new(TestBackend::new(h.state.width, h.state.height)).unwrap();
    terminal.draw(|f| meldpunt::ui::render(f, &h.state)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A database with a technician, a lead and one ticket.
fn people() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.seed_reference(&Default::default()).unwrap();
    for (login, name, role) in [("tvos", "Tom Vos", "technician"), ("lbakker", "Lies Bakker", "lead")] {
        let record = AgentRecord {
            login: login.into(),
            name: name.into(),
            email: None,
            line: 2,
            role: role.into(),
            teams: Vec::new(),
        };
        store.add_agent(&record).unwrap();
    }
    store.create_ticket("anna", t0(), &incident("Printer jammed", "Sanne")).unwrap();
    (dir, path)
}

#[test]
fn the_people_pane_names_roles_in_the_users_language() {
    for size in SIZES {
        let (_dir, path) = people();
        let mut h = Harness::new(&path, "nl_NL.UTF-8", size.0, size.1);
        h.chars("T");
        let shown = screen(&h);
        assert!(shown.contains("technicus") && shown.contains("teamleider"), "{size:?}:\n{shown}");
        assert!(!shown.contains("technician") && !shown.contains("lead "), "{size:?}:\n{shown}");
        let mut h = Harness::new(&path, "en_GB.UTF-8", size.0, size.1);
        h.chars("T");
        let shown = screen(&h);
        assert!(shown.contains("technician") && shown.contains("lead"), "{size:?}:\n{shown}");
    }
}

/// What the screen shows after these keys from the queue, in Dutch.
fn dutch_after(keys: &str, size: (u16, u16)) -> String {
    let (_dir, path) = people();
    let mut h = Harness::new(&path, "nl_NL.UTF-8", size.0, size.1);
    if !keys.is_empty() {
        h.chars(keys);
    }
    screen(&h)
}

#[test]
fn the_dutch_screen_speaks_of_meldingen_never_of_tickets() {
    for size in SIZES {
        // The queue, its help, the reports (with their filters), people, problems and knowledge.
        for keys in ["", "?", "v", "T", "P", "K", "\n"] {
            let shown = dutch_after(keys, size);
            assert!(!shown.to_lowercase().contains("ticket"), "{keys:?} at {size:?}:\n{shown}");
        }
        assert!(dutch_after("", size).contains("melding"), "{size:?}");
    }
}
