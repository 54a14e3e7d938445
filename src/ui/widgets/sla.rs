//! How SLA clocks read on screen: time left with a marker that does not
//! rely on colour (`!` at risk, `✗` breached, `‖` paused, `✓` met).

use chrono::{DateTime, Utc};
use ratatui::text::Span;

use crate::app::state::AppState;
use crate::domain::sla::{Clock, Standing, Target, TicketSla};
use crate::ui::theme::Theme;

/// The standing of one clock now, and the seconds left (negative: overdue).
pub fn standing_of(state: &AppState, sla: &TicketSla, clock: &Clock, now: DateTime<Utc>) -> (Standing, i64) {
    let calendar = state.ctx.policy.calendars.get(&sla.calendar);
    // Once resolved, updates are no longer due: nothing to show.
    crate::domain::sla::shown_standing(clock, calendar, state.ctx.policy.sla.at_risk, now)
}

/// The marker and text for a clock, e.g. `!35m` or `✗1h5m`.
pub fn text(state: &AppState, standing: Standing, left: i64) -> String {
    let t = state.t();
    match standing {
        Standing::Ok => t.duration(left),
        Standing::AtRisk => format!("!{}", t.duration(left)),
        Standing::Breached => format!("✗{}", t.duration(left.abs())),
        Standing::Paused => format!("‖{}", t.duration(left)),
        Standing::Met => "✓".to_string(),
        Standing::MetLate => "✓✗".to_string(),
        Standing::None => String::new(),
    }
}

pub fn style(theme: &Theme, standing: Standing) -> ratatui::style::Style {
    match standing {
        Standing::AtRisk => theme.warning(),
        Standing::Breached | Standing::MetLate => theme.error(),
        Standing::Met => theme.info(),
        Standing::Paused | Standing::None => theme.dim(),
        Standing::Ok => ratatui::style::Style::new(),
    }
}

/// One clock as a cell.
pub fn cell(state: &AppState, theme: &Theme, sla: Option<&TicketSla>, target: Target) -> Span<'static> {
    let Some(sla) = sla else { return Span::raw("") };
    let (standing, left) = standing_of(state, sla, sla.clocks.get(target), state.now);
    Span::styled(text(state, standing, left), style(theme, standing))
}

/// The most pressing clock that still runs (or the worst one), named:
/// e.g. `Upd !35m`.
pub fn most_urgent(state: &AppState, theme: &Theme, sla: Option<&TicketSla>) -> Span<'static> {
    let Some(sla) = sla else { return Span::raw("") };
    let rank = |s: Standing| match s {
        Standing::Breached => 0,
        Standing::AtRisk => 1,
        Standing::Ok => 2,
        Standing::Paused => 3,
        _ => 4,
    };
    let best = Target::ALL
        .iter()
        .map(|target| {
            let (standing, left) = standing_of(state, sla, sla.clocks.get(*target), state.now);
            (rank(standing), left, *target, standing)
        })
        .filter(|(rank, ..)| *rank < 4)
        .min_by_key(|(rank, left, ..)| (*rank, *left));
    match best {
        Some((_, left, target, standing)) => Span::styled(
            format!("{} {}", state.t().target_short(target), text(state, standing, left)),
            style(theme, standing),
        ),
        None => Span::raw(""),
    }
}
