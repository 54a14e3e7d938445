//! The SLA part of the detail pane: each target's deadline, time used and
//! left, and the clock's timeline that explains why it is due when it is.

use ratatui::text::{Line, Span};

use crate::app::state::{AppState, DetailState};
use crate::domain::sla::{History, Standing, StretchKind, Target, clock_timeline};
use crate::domain::{EventKind, Ticket};
use crate::keymap::{Command, Layer};
use crate::ui::theme::Theme;
use crate::ui::widgets::sla::{standing_of, style};
use crate::ui::widgets::wrap::{label, label_width};

const LABEL_WIDTH: usize = 18;

pub fn lines(state: &AppState, theme: &Theme, detail: &DetailState, ticket: &Ticket) -> Vec<Line<'static>> {
    let t = state.t();
    let mut out = vec![Line::from(Span::styled(t.sla_title.to_string(), theme.header()))];
    let Some(sla) = &detail.sla else {
        let key = state.ctx.keymap.key_for(Layer::Detail, Command::Classify).map(|k| k.to_string()).unwrap_or_default();
        out.push(Line::from(Span::styled(format!("  {}", (t.sla_not_classified)(&key)), theme.dim())));
        return out;
    };
    let calendar = state.ctx.policy.calendars.get(&sla.calendar);
    let targets = label_width(Target::ALL.iter().map(|x| t.target(*x)), LABEL_WIDTH - 2);
    for target in Target::ALL {
        let clock = sla.clocks.get(*target);
        let (standing, left) = standing_of(state, sla, clock, state.now);
        // A clock with nothing to show (updates once resolved) has no deadline either.
        let due = clock.due.filter(|_| standing != Standing::None).map(|d| (t.sla_due)(&t.datetime(d)));
        let due = due.unwrap_or_default();
        let target_text = t.duration(clock.target_secs);
        let how = match standing {
            Standing::Ok => format!(
                "{} · {}",
                (t.sla_left)(&t.duration(left)),
                (t.sla_used)(&t.duration(clock.target_secs - left), &target_text)
            ),
            Standing::AtRisk => format!(
                "! {} · {} · {}",
                t.sla_at_risk,
                (t.sla_left)(&t.duration(left)),
                (t.sla_used)(&t.duration(clock.target_secs - left), &target_text)
            ),
            Standing::Breached => format!("✗ {}", (t.sla_overdue)(&t.duration(left.abs()))),
            Standing::Paused => format!("‖ {} · {}", t.sla_paused, (t.sla_left)(&t.duration(left))),
            Standing::Met => format!("✓ {}", t.sla_met),
            Standing::MetLate => format!("✗ {}", t.sla_met_late),
            Standing::None => String::new(),
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {}", label(t.target(*target), targets)), theme.label()),
            Span::raw(label(&due, 28)),
            Span::styled(how, style(theme, standing)),
        ]));
    }
    // Why it is due when it is: the resolution clock's running, paused and
    // out-of-hours stretches since registration.
    let changes = detail.events.iter().filter(|e| e.kind == EventKind::Changed && e.field.as_deref() == Some("status"));
    let history = History::from_status_changes(
        ticket.created_at,
        ticket.status,
        changes.map(|e| (e.at, e.old.as_deref(), e.new.as_deref())),
        detail.entries.iter().filter(|e| e.reached_the_reporter()).map(|e| e.at).collect(),
    );
    let pausing = &state.ctx.policy.sla.pauses.resolution;
    let stretches = clock_timeline(&history, calendar, pausing, state.now);
    out.push(Line::from(Span::styled(format!("  {}", t.clock_title), theme.label())));
    // The most recent stretches matter most; older ones are summed up by the figures above.
    const SHOWN: usize = 12;
    for s in stretches.iter().skip(stretches.len().saturating_sub(SHOWN)) {
        let (what, st) = match &s.kind {
            StretchKind::Running => (t.stretch_running.to_string(), ratatui::style::Style::new()),
            StretchKind::OutOfHours => (t.stretch_out_of_hours.to_string(), theme.dim()),
            StretchKind::Paused(status) => ((t.stretch_paused)(t.status(*status)), theme.warning()),
            StretchKind::Stopped => (t.stretch_stopped.to_string(), theme.info()),
        };
        out.push(Line::from(vec![
            Span::styled(format!("    {} – {}  ", t.datetime(s.start), t.datetime(s.end)), theme.dim()),
            Span::styled(label(&what, 30), st),
            Span::raw(t.duration((s.end - s.start).num_seconds())),
        ]));
    }
    out
}
