//! What the reports count about one ticket, worked out from its history
//! whenever it changes, so that a report over a million tickets is a sum
//! and not a replay.

use chrono::{DateTime, Duration, Utc};

use super::calendar::Calendar;
use super::event::EventKind;
use super::sla::{History, Pauses, Target, business_secs};
use super::status::Status;

/// One event of a ticket, as far as the figures need it.
#[derive(Clone, Copy, Debug)]
pub struct Happening<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub kind: EventKind,
    pub field: Option<&'a str>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// The figures of one ticket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// A message that reached the reporter, or the start of work.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Business seconds to the first response, pauses left out.
    pub response_secs: Option<i64>,
    /// Business seconds the ticket was open and not paused until it was
    /// (last) resolved.
    pub resolution_secs: Option<i64>,
    /// Business seconds from registration to closing.
    pub close_secs: Option<i64>,
    /// Hand-overs from one team to another.
    pub reassignments: i64,
    /// Ever escalated to another line or a supplier.
    pub escalated: bool,
    /// Resolved at the first contact (see [`FirstContactRule`]).
    pub first_contact: bool,
    /// Who resolved it (last).
    pub resolved_by: Option<String>,
}

/// When a resolution counts as first-contact resolution: by the person who
/// registered the incident, on the 1st line, within `window` of registering,
/// never handed to another team and never escalated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstContactRule {
    pub window: Duration,
}

impl Default for FirstContactRule {
    fn default() -> Self {
        FirstContactRule { window: Duration::minutes(30) }
    }
}

/// Everything the figures are worked out from.
pub struct Sources<'a> {
    pub history: &'a History,
    pub happenings: &'a [Happening<'a>],
    pub closed_at: Option<DateTime<Utc>>,
    /// The team it is with now.
    pub team: Option<&'a str>,
    /// The calendar business time is counted in.
    pub calendar: &'a Calendar,
    pub pauses: &'a Pauses,
    pub rule: FirstContactRule,
}

fn is_status_change(h: &Happening) -> bool {
    h.kind == EventKind::Changed && h.field == Some("status")
}

/// The figures of a ticket; `first_line` says whether a team (or no team)
/// is on the 1st line.
pub fn figures(s: &Sources, first_line: impl Fn(Option<&str>) -> bool) -> Figures {
    let history = s.history;
    let resolved_at = history.resolved_since();
    let created_by = s.happenings.iter().find(|h| h.kind == EventKind::Created).map(|h| h.actor);
    let resolved_by = resolved_at.and_then(|at| {
        s.happenings
            .iter()
            .rev()
            .filter(|h| is_status_change(h) && h.at <= at)
            .find(|h| matches!(h.new.and_then(Status::from_code), Some(Status::Resolved | Status::Closed)))
            .map(|h| h.actor)
    });
    let team_changes = || s.happenings.iter().filter(|h| h.kind == EventKind::Changed && h.field == Some("team"));
    let reassignments = team_changes()
        .filter(
            |h| matches!((h.old, h.new), (Some(old), Some(new)) if !old.is_empty() && !new.is_empty() && old != new),
        )
        .count() as i64;
    // The team then: the one a later change moved it from, else the current one.
    let team_at_resolution = resolved_at.and_then(|at| match team_changes().find(|h| h.at > at) {
        Some(later) => later.old,
        None => s.team,
    });
    let escalated = s.happenings.iter().any(|h| h.kind == EventKind::Escalated);
    let first_contact = match (resolved_at, created_by, resolved_by) {
        (Some(at), Some(creator), Some(resolver)) => {
            at - history.created_at <= s.rule.window
                && creator == resolver
                && reassignments == 0
                && !escalated
                && first_line(team_at_resolution.filter(|t| !t.is_empty()))
        }
        _ => false,
    };
    Figures {
        first_response_at: history.first_response(),
        response_secs: business_secs(history, Target::Response, s.calendar, s.pauses),
        resolution_secs: business_secs(history, Target::Resolution, s.calendar, s.pauses),
        close_secs: s.closed_at.map(|at| s.calendar.elapsed(history.created_at, at)),
        reassignments,
        escalated,
        first_contact,
        resolved_by: resolved_by.map(str::to_string),
    }
}

/// Whether a team is of the 1st line, given each team with its line: no
/// team yet counts as the 1st line (the servicedesk itself), an unknown one
/// does not.
pub fn is_first_line(lines: &[(String, u8)], team: Option<&str>) -> bool {
    match team {
        None => true,
        Some(team) => lines.iter().any(|(name, line)| name == team && *line == 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, h, m, 0).unwrap() // a Monday
    }

    fn status<'a>(t: DateTime<Utc>, actor: &'a str, old: &'a str, new: &'a str) -> Happening<'a> {
        Happening { at: t, actor, kind: EventKind::Changed, field: Some("status"), old: Some(old), new: Some(new) }
    }

    fn team<'a>(t: DateTime<Utc>, old: Option<&'a str>, new: &'a str) -> Happening<'a> {
        Happening { at: t, actor: "anna", kind: EventKind::Changed, field: Some("team"), old, new: Some(new) }
    }

    fn created(t: DateTime<Utc>, actor: &str) -> Happening<'_> {
        Happening { at: t, actor, kind: EventKind::Created, field: None, old: None, new: None }
    }

    fn history(happenings: &[Happening], communications: Vec<DateTime<Utc>>) -> History {
        let changes = happenings.iter().filter(|h| is_status_change(h)).map(|h| (h.at, h.old, h.new));
        History::from_status_changes(at(9, 0), Status::New, changes, communications)
    }

    fn office() -> Calendar {
        crate::domain::sla::Calendars::default().get("office").clone()
    }

    fn run(happenings: &[Happening], closed_at: Option<DateTime<Utc>>, communications: Vec<DateTime<Utc>>) -> Figures {
        let h = history(happenings, communications);
        let calendar = office();
        let pauses = crate::domain::sla::SlaPolicy::default().pauses;
        let team = happenings.iter().rev().find(|h| h.field == Some("team")).and_then(|h| h.new);
        let sources = Sources {
            history: &h,
            happenings,
            closed_at,
            team,
            calendar: &calendar,
            pauses: &pauses,
            rule: FirstContactRule::default(),
        };
        figures(&sources, |team| team.is_none_or(|t| t == "Servicedesk"))
    }

    #[test]
    fn a_call_solved_on_the_phone_is_first_contact() {
        let events = [
            created(at(9, 0), "anna"),
            team(at(9, 2), None, "Servicedesk"),
            status(at(9, 2), "anna", "new", "in_progress"),
            status(at(9, 20), "anna", "in_progress", "resolved"),
        ];
        let f = run(&events, None, Vec::new());
        assert!(f.first_contact);
        assert_eq!(f.first_response_at, Some(at(9, 2)));
        assert_eq!((f.response_secs, f.resolution_secs), (Some(120), Some(20 * 60)));
        assert_eq!(f.resolved_by.as_deref(), Some("anna"));
    }

    #[test]
    fn a_hand_over_an_escalation_another_resolver_or_a_long_wait_is_not() {
        let base = [created(at(9, 0), "anna"), status(at(9, 2), "anna", "new", "in_progress")];
        let resolve = |who| status(at(9, 20), who, "in_progress", "resolved");
        let handed = [
            base[0],
            team(at(9, 1), None, "Servicedesk"),
            team(at(9, 5), Some("Servicedesk"), "Network"),
            base[1],
            resolve("anna"),
        ];
        let f = run(&handed, None, Vec::new());
        assert_eq!((f.reassignments, f.first_contact), (1, false));
        let escalated = [
            base[0],
            base[1],
            Happening {
                at: at(9, 5),
                actor: "anna",
                kind: EventKind::Escalated,
                field: None,
                old: None,
                new: Some("line2"),
            },
            resolve("anna"),
        ];
        assert!(run(&escalated, None, Vec::new()).escalated);
        assert!(!run(&escalated, None, Vec::new()).first_contact);
        assert!(!run(&[base[0], base[1], resolve("bram")], None, Vec::new()).first_contact);
        let late = [base[0], base[1], status(at(10, 0), "anna", "in_progress", "resolved")];
        assert!(!run(&late, None, Vec::new()).first_contact, "an hour later is not the first contact");
        let second_line = [base[0], team(at(9, 1), None, "Network"), base[1], resolve("anna")];
        assert!(!run(&second_line, None, Vec::new()).first_contact);
        // Registered straight for the 2nd line: no team change at all.
        let h = history(&[base[0], base[1], resolve("anna")], Vec::new());
        let calendar = office();
        let pauses = crate::domain::sla::SlaPolicy::default().pauses;
        let events = [base[0], base[1], resolve("anna")];
        let sources = Sources {
            history: &h,
            happenings: &events,
            closed_at: None,
            team: Some("Network"),
            calendar: &calendar,
            pauses: &pauses,
            rule: FirstContactRule::default(),
        };
        assert!(!figures(&sources, |team| team.is_none_or(|t| t == "Servicedesk")).first_contact);
    }

    #[test]
    fn business_time_leaves_out_nights_and_pauses() {
        // In Amsterdam time (UTC+1 in November): registered Monday 16:00,
        // waiting for the customer 16:30–Tuesday 10:00, resolved Tuesday
        // 11:00, closed Wednesday 09:00.
        let local = |day: i64, h: u32, m: u32| at(h - 1, m) + Duration::days(day);
        let events = [
            created(local(0, 16, 0), "anna"),
            status(local(0, 16, 10), "bram", "new", "in_progress"),
            status(local(0, 16, 30), "bram", "in_progress", "waiting_customer"),
            status(local(1, 10, 0), "bram", "waiting_customer", "in_progress"),
            status(local(1, 11, 0), "bram", "in_progress", "resolved"),
            status(local(2, 9, 0), "system", "resolved", "closed"),
        ];
        let changes = events.iter().filter(|h| is_status_change(h)).map(|h| (h.at, h.old, h.new));
        let h = History::from_status_changes(local(0, 16, 0), Status::New, changes, Vec::new());
        let calendar = office();
        let pauses = crate::domain::sla::SlaPolicy::default().pauses;
        let closed = local(2, 9, 0);
        let sources = Sources {
            history: &h,
            happenings: &events,
            closed_at: Some(closed),
            team: None,
            calendar: &calendar,
            pauses: &pauses,
            rule: FirstContactRule::default(),
        };
        let f = figures(&sources, |_| true);
        assert_eq!(f.response_secs, Some(10 * 60));
        // 16:00–16:30 Monday, then 10:00–11:00 Tuesday.
        assert_eq!(f.resolution_secs, Some(90 * 60));
        // Monday 16:00–17:00, Tuesday 08:30–17:00, Wednesday 08:30–09:00.
        assert_eq!(f.close_secs, Some(3600 + 8 * 3600 + 1800 + 1800));
        assert_eq!(f.resolved_by.as_deref(), Some("bram"));
        assert!(!f.first_contact);
    }

    #[test]
    fn a_message_before_work_is_the_first_response_and_open_tickets_have_no_resolution() {
        let events = [created(at(9, 0), "anna")];
        let f = run(&events, None, vec![at(9, 30)]);
        assert_eq!((f.first_response_at, f.response_secs), (Some(at(9, 30)), Some(1800)));
        assert_eq!((f.resolution_secs, f.close_secs, f.resolved_by.clone()), (None, None, None));
    }

    #[test]
    fn no_team_is_the_first_line_and_an_unknown_team_is_not() {
        let lines = [("Servicedesk".to_string(), 1), ("Network".to_string(), 2)];
        assert!(is_first_line(&lines, None));
        assert!(is_first_line(&lines, Some("Servicedesk")));
        assert!(!is_first_line(&lines, Some("Network")));
        assert!(!is_first_line(&lines, Some("Gone")));
    }
}
