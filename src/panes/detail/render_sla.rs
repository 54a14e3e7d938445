//! The SLA part of the detail pane: each target's deadline, time used and
//! left, and each clock's timeline that explains why it is due when it is.

use ratatui::text::{Line, Span};

use crate::app::state::{AppState, DetailState};
use crate::domain::Ticket;
use crate::domain::sla::{Standing, StretchKind, Target, history_of, timelines};
use crate::keymap::{Command, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::sla::{standing_of, style};
use crate::ui::widgets::wrap::{label, label_width};

const LABEL_WIDTH: usize = 18;

pub fn lines(state: &AppState, theme: &Theme, detail: &DetailState) -> Vec<Line<'static>> {
    let t = state.t();
    let mut out = vec![Line::from(Span::styled(t.sla.title.to_string(), theme.header()))];
    let Some(sla) = &detail.sla else {
        let key = state.ctx.keymap.key_for(Layer::Detail, Command::Classify).map(|k| k.to_string()).unwrap_or_default();
        out.push(Line::from(Span::styled(format!("  {}", (t.sla.not_classified)(&key)), theme.dim())));
        return out;
    };
    let targets = label_width(Target::ALL.iter().map(|x| t.target(*x)), LABEL_WIDTH - 2);
    for target in Target::ALL {
        let clock = sla.clocks.get(*target);
        let (standing, left) = standing_of(state, sla, clock, state.now);
        // A clock with nothing to show (updates once resolved) has no deadline either.
        let due = clock.due.filter(|_| standing != Standing::None).map(|d| (t.sla.due)(&t.datetime(d)));
        let due = due.unwrap_or_default();
        let how = t.clock_standing(standing, left, clock.target_secs);
        out.push(Line::from(vec![
            Span::styled(format!("  {}", label(t.target(*target), targets)), theme.label()),
            Span::raw(label(&due, 28)),
            Span::styled(how, style(theme, standing)),
        ]));
    }
    out
}

/// Why each target is due when it is: every clock's running, paused,
/// out-of-hours and stopped stretches since registration, below the timeline.
pub fn clock_lines(state: &AppState, theme: &Theme, detail: &DetailState, ticket: &Ticket) -> Vec<Line<'static>> {
    let t = state.t();
    let Some(sla) = &detail.sla else { return Vec::new() };
    let calendar = state.ctx.policy.calendars.get(&sla.calendar);
    let mut out = vec![Line::from("")];
    let history = history_of(ticket, &detail.events, &detail.entries);
    out.push(Line::from(Span::styled((t.work.clocks_title)(&sla.calendar), theme.header())));
    for line in timelines(&history, calendar, &state.ctx.policy.sla.pauses, state.now) {
        out.push(Line::from(Span::styled(format!("  {}", t.target(line.target)), theme.label())));
        // The most recent stretches matter most; older ones are summed up by the figures above.
        const SHOWN: usize = 6;
        let skipped = line.stretches.len().saturating_sub(SHOWN);
        if skipped > 0 {
            out.push(Line::from(Span::styled(format!("    {}", (t.work.stretches_earlier)(skipped)), theme.dim())));
        }
        for s in line.stretches.iter().skip(skipped) {
            let st = match &s.kind {
                _ if line.restarted(s) => theme.info(),
                StretchKind::Running => ratatui::style::Style::new(),
                StretchKind::OutOfHours => theme.dim(),
                StretchKind::Paused(_) => theme.warning(),
                StretchKind::Stopped | StretchKind::Responded => theme.info(),
            };
            let what = t.stretch(&line, s);
            out.push(Line::from(vec![
                Span::styled(format!("    {}  ", t.stretch_span(s)), theme.dim()),
                Span::styled(format!("{}  ", label(&what, 28)), st),
                Span::raw(t.duration((s.end - s.start).num_seconds())),
            ]));
        }
    }
    out
}
