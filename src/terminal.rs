//! Entering and leaving the full-screen terminal mode. The terminal is
//! restored on every way out, a panic included.

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// The full-screen terminal; leaving it (however the program ends, short
/// of being killed) puts the terminal back.
pub struct Screen {
    pub terminal: Tui,
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Raw mode, the alternate screen and bracketed paste; restores on failure.
pub fn enter() -> io::Result<Screen> {
    install_panic_hook();
    enable_raw_mode()?;
    let setup = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
        .and_then(|_| Terminal::new(CrosstermBackend::new(io::stdout())));
    match setup {
        Ok(terminal) => Ok(Screen { terminal }),
        Err(e) => {
            let _ = restore();
            Err(e)
        }
    }
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    raw.and(screen)
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore();
        previous(info);
    }));
}
