//! The event loop: read a key, update, hand effects to the workers, take
//! their answers, draw.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ratatui::crossterm::event::{self, Event};
use ratatui::{Terminal, backend::Backend};

use super::executor::Executor;
use super::state::{AppState, Message};
use super::worker::Lanes;
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
            let (asked_by, effect) = effect.take_ask();
            let result = executor.run(effect);
            effects.extend(update::answer(state, asked_by, result));
        }
    }
}

/// How long quitting waits for work under way (a message being delivered
/// waits up to 30 s for the mail command).
const QUIT_WAIT: Duration = Duration::from_secs(35);

/// Runs until the user quits. Effects run on the workers (`worker.rs`);
/// their answers are looked at every frame, so keys are handled while they
/// work, and a spinner says what takes long.
pub fn run<B: Backend>(terminal: &mut Terminal<B>, state: &mut AppState, mut executor: Executor) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let (send, reports) = mpsc::channel();
    executor.in_background(send);
    let lanes = Lanes::start(executor, state.t(), &state.ctx.numbers)?;
    if let Some(trouble) = lanes.trouble() {
        let said = match state.message.take() {
            Some(Message::Error(before) | Message::Info(before)) => format!("{before} {trouble}"),
            None => trouble,
        };
        state.message = Some(Message::Error(said));
    }
    let startup = update::startup(state);
    submit(state, &lanes, startup);
    let result = event_loop(terminal, state, &lanes, &reports);
    lanes.finish();
    result
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut AppState,
    lanes: &Lanes,
    reports: &mpsc::Receiver<Action>,
) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let mut last_tick = Instant::now();
    let mut quitting: Option<Instant> = None;
    // Keys read while work settled, to be handled in turn.
    let mut typed = std::collections::VecDeque::new();
    loop {
        state.work.refresh(Instant::now());
        terminal.draw(|frame| crate::ui::render(frame, state)).map_err(Into::into)?;
        if std::mem::take(&mut state.updates.bell) {
            ring_bell();
        }
        if state.quit {
            // What is under way (a message, the draft) is finished first.
            let since = *quitting.get_or_insert_with(Instant::now);
            if state.work.is_empty() || since.elapsed() >= QUIT_WAIT {
                return Ok(());
            }
            if !take_answers(state, lanes, reports, Duration::from_millis(100)) {
                state.work.frame = state.work.frame.wrapping_add(1);
            }
            continue;
        }
        if take_answers(state, lanes, reports, Duration::ZERO) {
            continue;
        }
        // Work asked for a moment ago: keys typed meanwhile wait for it (a
        // frame at most), so that they act on what it opens. They are read
        // at once all the same: an Esc read together with the next key
        // would be taken for Alt and that key.
        let mut answered = false;
        while !answered && state.work.settling(Instant::now()) {
            while event::poll(Duration::ZERO)? {
                typed.push_back(event::read()?);
            }
            answered = take_answers(state, lanes, reports, Duration::from_millis(10));
        }
        if answered {
            continue;
        }
        // While work is under way, the spinner turns and answers are looked for.
        let wait = if !state.work.is_empty() {
            Duration::from_millis(80)
        } else if state.panes.reports.running {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(1)
        };
        let event = match typed.pop_front() {
            Some(event) => Some(event),
            None if event::poll(wait)? => Some(event::read()?),
            None => None,
        };
        let action = if let Some(event) = event {
            match event {
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
            let effects = update::update(state, Action::Clock(Utc::now()));
            submit(state, lanes, effects);
        }
        let effects = update::update(state, action);
        submit(state, lanes, effects);
    }
}

/// Hands effects to the lanes; once quitting, only what keeps the draft.
fn submit(state: &mut AppState, lanes: &Lanes, effects: Vec<Effect>) {
    for effect in effects {
        if state.quit && !matches!(effect, Effect::SaveDraft(..) | Effect::RemoveDraft(_)) {
            continue;
        }
        if let Some(sent) = state.work.submit(effect, Instant::now()) {
            lanes.send(sent);
        }
    }
}

/// Takes the answers that came (waiting up to `wait` for the first) and
/// the reports computed beside; says whether there were any.
fn take_answers(state: &mut AppState, lanes: &Lanes, reports: &mpsc::Receiver<Action>, wait: Duration) -> bool {
    let mut any = false;
    let mut next = lanes.answer(wait);
    while let Some((seq, action)) = next {
        any = true;
        let asked_by = state.work.asked_by(seq);
        for released in state.work.finished(seq) {
            lanes.send(released);
        }
        let effects = update::answer(state, asked_by, action);
        submit(state, lanes, effects);
        next = lanes.answer(Duration::ZERO);
    }
    while let Ok(action) = reports.try_recv() {
        any = true;
        let effects = update::update(state, action);
        submit(state, lanes, effects);
    }
    any
}

/// The terminal bell: a customer update fell due.
fn ring_bell() {
    use std::io::Write;
    let mut out = std::io::stdout();
    // A bell that cannot be rung is no reason to stop.
    let _ = out.write_all(b"\x07").and_then(|_| out.flush());
}
