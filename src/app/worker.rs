//! The workers that run effects beside the screen: a quick lane for loads
//! and ordinary changes (one after the other, so their order is kept) and a
//! slow lane, on a connection of its own, for work that may take seconds
//! (a message to deliver, demo data). Their answers come back numbered, as
//! actions, on one channel the event loop looks at every frame.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::action::{Action, Failure, Origin};
use super::executor::Executor;
use super::outstanding::{Lane, Sent};
use crate::domain::NumberFormat;
use crate::i18n::Catalogue;

type Job = (u64, super::effect::Effect);

pub struct Lanes {
    quick: Sender<Job>,
    /// None when its connection could not be opened: its work then fails, saying why.
    slow: Option<Sender<Job>>,
    no_slow: Option<std::sync::Arc<crate::store::StoreError>>,
    numbers: NumberFormat,
    answers: Receiver<(u64, Action)>,
    /// Answers given here, without a lane.
    answer: Sender<(u64, Action)>,
    threads: Vec<JoinHandle<()>>,
    t: &'static Catalogue,
}

impl Lanes {
    /// Starts both lanes: the quick one with `executor`, the slow one with an
    /// executor beside it. A slow lane that cannot open is an error the user
    /// is told (`Lanes::trouble`), not a silent fallback to the quick lane.
    pub fn start(executor: Executor, t: &'static Catalogue, numbers: &NumberFormat) -> std::io::Result<Lanes> {
        let (answer, answers) = mpsc::channel();
        let beside = executor.beside();
        let (quick, handle) = spawn("quick", executor, answer.clone(), false)?;
        let mut threads = vec![handle];
        let (slow, no_slow) = match beside {
            Ok(slow) => {
                let (send, handle) = spawn("slow", slow, answer.clone(), true)?;
                threads.push(handle);
                (Some(send), None)
            }
            Err(e) => (None, Some(std::sync::Arc::new(e))),
        };
        Ok(Lanes { quick, slow, no_slow, numbers: numbers.clone(), answers, answer, threads, t })
    }

    /// What the user should know about the lanes (the slow one missing).
    pub fn trouble(&self) -> Option<String> {
        self.no_slow.as_ref().map(|e| (self.t.busy.no_lane)(&self.t.store_error(e, &self.numbers)))
    }

    /// Hands an effect to its lane.
    pub fn send(&self, sent: Sent) {
        let lane = match sent.lane {
            Lane::Quick => Some(&self.quick),
            Lane::Slow => self.slow.as_ref(),
        };
        let origin = Origin::of(&sent.effect);
        let refused = match lane {
            Some(lane) => lane.send((sent.seq, sent.effect)).is_err(),
            None => true,
        };
        if refused {
            // No lane to run it: it is answered at once, or the spinner would turn for ever.
            let why = match &self.no_slow {
                Some(e) if self.slow.is_none() => Failure::NoLane(e.clone()),
                _ => Failure::Stopped,
            };
            let _ = self.answer.send((sent.seq, Action::Failed(origin, why)));
        }
    }

    /// The next answer, waiting at most `wait` for it.
    pub fn answer(&self, wait: Duration) -> Option<(u64, Action)> {
        if wait.is_zero() {
            return self.answers.try_recv().ok();
        }
        // Disconnected only when both lanes ended, which they do with the program.
        self.answers.recv_timeout(wait).ok()
    }

    /// Lets the lanes end once their work is done. Work still under way
    /// when the program ends is not waited for (the caller waited enough).
    pub fn finish(self) {
        let Lanes { quick, slow, threads, .. } = self;
        drop((quick, slow));
        for thread in threads.into_iter().filter(|t| t.is_finished()) {
            let _ = thread.join();
        }
    }
}

/// A lane: a thread that runs the effects it is sent, in order, and answers each.
fn spawn(
    name: &str,
    mut executor: Executor,
    answer: Sender<(u64, Action)>,
    follow_role: bool,
) -> std::io::Result<(Sender<Job>, JoinHandle<()>)> {
    let (send, jobs) = mpsc::channel::<Job>();
    let handle = std::thread::Builder::new().name(format!("effects-{name}")).spawn(move || {
        for (seq, effect) in jobs {
            if follow_role {
                // The quick lane follows a changed role each second; this
                // lane, which works seldom, looks again before each job.
                executor.follow_role();
            }
            let origin = Origin::of(&effect);
            // An effect that panics still answers, or the spinner would turn for ever.
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| executor.run(effect)));
            let action = run.unwrap_or_else(|_| Action::Failed(origin, Failure::Stopped));
            if answer.send((seq, action)).is_err() {
                // The screen is gone: the program is ending.
                return;
            }
        }
    })?;
    Ok((send, handle))
}
