//! Shared helpers for the integration tests.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use std::path::{Path, PathBuf};

use meldpunt::app::executor::Executor;
use meldpunt::app::state::{AppState, Context};
use meldpunt::app::{Action, run::dispatch};
use meldpunt::config::{Config, Environment};
use meldpunt::domain::{Channel, NewTicket};
use meldpunt::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

pub fn fixed_now() -> DateTime<Utc> {
    t0()
}

pub fn env(lang: &str) -> Environment {
    Environment { lang: Some(lang.to_string()), os_user: Some("tester".into()), ..Default::default() }
}

pub fn config(lang: &str) -> Config {
    Config::from_toml("", None, &env(lang)).unwrap()
}

pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meldpunt.db");
    (dir, path)
}

pub fn incident(title: &str, reporter: &str) -> NewTicket {
    NewTicket::new(title, reporter, Channel::Phone)
}

/// A TUI state and executor on a database file, with a fixed clock.
pub struct Harness {
    pub state: AppState,
    pub executor: Executor,
}

impl Harness {
    pub fn new(path: &Path, lang: &str, width: u16, height: u16) -> Harness {
        let config = config(lang);
        let store = Store::open(path).unwrap().with_policy(config.policy.clone());
        store.seed_reference(&config.seed).unwrap();
        let executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone())
            .with_clock(fixed_now);
        let ctx = Context::from_config(&config, path.to_path_buf(), true);
        let mut state = AppState::new(ctx, width, height, t0());
        let mut effects = meldpunt::app::update::startup(&mut state);
        let mut executor = executor;
        meldpunt::app::run::run_effects(&mut state, &mut executor, &mut effects);
        Harness { state, executor }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        dispatch(&mut self.state, &mut self.executor, Action::Key(KeyEvent::new(code, modifiers)));
    }

    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            let modifiers = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            self.key_with(KeyCode::Char(c), modifiers);
        }
    }

    pub fn store(&self) -> &Store {
        self.executor.store()
    }

    /// The screen as drawn now, line by line.
    pub fn screen(&self) -> String {
        let (w, h) = (self.state.width, self.state.height);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| meldpunt::ui::render(f, &self.state)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..h).map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>().join("\n")
    }
}

/// Ticks every checklist item, so that closing is only about the status.
pub fn ready_to_close(store: &Store, id: meldpunt::domain::TicketId) {
    for item in &store.policy().closure.items {
        store.tick("tester", t0(), id, &item.name, true).unwrap();
    }
}

/// Sets up a person (an operator in no team), so that tickets can be theirs.
pub fn person(store: &Store, login: &str) {
    let record = meldpunt::domain::people::AgentRecord {
        login: login.into(),
        name: login.into(),
        email: None,
        line: 1,
        role: "operator".into(),
        teams: Vec::new(),
    };
    store.ensure_agent(&record).unwrap();
}
pub mod fit;
pub mod pg;
