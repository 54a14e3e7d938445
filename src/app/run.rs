//! The event loop: read a key, update, run effects, draw.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ratatui::crossterm::event::{self, Event};
use ratatui::{Terminal, backend::Backend};

use super::executor::Executor;
use super::state::AppState;
use super::{Action, Effect, update};

/// Applies an action and every action its effects lead to.
pub fn dispatch(state: &mut AppState, executor: &mut Executor, action: Action) {
    let mut effects: Vec<Effect> = update::update(state, action);
    run_effects(state, executor, &mut effects);
}

pub fn run_effects(state: &mut AppState, executor: &mut Executor, effects: &mut Vec<Effect>) {
    while !effects.is_empty() {
        let batch: Vec<Effect> = std::mem::take(effects);
        for effect in batch {
            let result = executor.run(effect);
            effects.extend(update::update(state, result));
        }
    }
}

/// Runs until the user quits. The screen is drawn after every batch of
/// effects, so a long task (loading demo data) shows that it is busy.
pub fn run<B: Backend>(terminal: &mut Terminal<B>, state: &mut AppState, executor: &mut Executor) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let (send, receive) = mpsc::channel();
    executor.in_background(send);
    let mut pending = update::startup(state);
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|frame| crate::ui::render(frame, state)).map_err(Into::into)?;
        if std::mem::take(&mut state.updates.bell) {
            ring_bell();
        }
        if state.quit {
            // What happens to the draft still happens.
            for effect in pending.into_iter().filter(|e| matches!(e, Effect::SaveDraft(..) | Effect::RemoveDraft(_))) {
                executor.run(effect);
            }
            return Ok(());
        }
        if !pending.is_empty() {
            for effect in std::mem::take(&mut pending) {
                let result = executor.run(effect);
                pending.extend(update::update(state, result));
            }
            continue;
        }
        // Answers of work done beside the UI (reports).
        let mut answered = false;
        while let Ok(action) = receive.try_recv() {
            pending.extend(update::update(state, action));
            answered = true;
        }
        if answered {
            continue;
        }
        // While a report computes, a spinner turns ten times a second.
        let spinning = state.reports.running;
        let wait = if spinning { Duration::from_millis(100) } else { Duration::from_secs(1) };
        let action = if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) => Action::Key(key),
                Event::Paste(text) => Action::Paste(text),
                Event::Resize(w, h) => Action::Resize(w, h),
                _ => continue,
            }
        } else if last_tick.elapsed() >= Duration::from_secs(1) {
            last_tick = Instant::now();
            Action::Tick(Utc::now())
        } else {
            Action::Spin
        };
        if !matches!(action, Action::Tick(_)) {
            pending.extend(update::update(state, Action::Clock(Utc::now())));
        }
        pending.extend(update::update(state, action));
    }
}

/// The terminal bell: a customer update fell due.
fn ring_bell() {
    use std::io::Write;
    let mut out = std::io::stdout();
    // A bell that cannot be rung is no reason to stop.
    let _ = out.write_all(b"\x07").and_then(|_| out.flush());
}
