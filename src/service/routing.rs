//! Which team a ticket goes to when nobody names one: the same answer for
//! the assign dialog's first choice and `meldpunt ticket assign` without
//! `--team`, for the escalation dialog and `ticket escalate`.

use crate::domain::Ticket;
use crate::domain::people::TeamInfo;
use crate::domain::routing::Routing;

/// The team to offer first: on assigning (no `line`), the ticket's own team
/// while it is active, else the routing rules' suggestion; on escalating
/// to a support line, the suggestion when it is on that line, else that
/// line's first active team. `None` when no active team fits.
pub fn default_team(routing: &Routing, teams: &[TeamInfo], ticket: &Ticket, line: Option<u8>) -> Option<String> {
    let fits = |name: &str| teams.iter().any(|t| t.active && t.name == name && line.is_none_or(|l| t.line == l));
    if line.is_none()
        && let Some(own) = ticket.team.as_deref().filter(|t| fits(t))
    {
        return Some(own.to_string());
    }
    let routed = routing.suggest(ticket.category.as_deref(), ticket.service.as_deref());
    if let Some(team) = routed.filter(|r| fits(r)) {
        return Some(team.to_string());
    }
    let on_line = |t: &&TeamInfo| t.active && line.is_some_and(|l| t.line == l);
    teams.iter().find(on_line).map(|t| t.name.clone())
}
