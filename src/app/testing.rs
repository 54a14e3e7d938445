//! Small builders for the unit tests of the pure update: a state without a
//! database, and tickets in a given status.

use super::state::{AppState, Context, DetailState};
use crate::domain::{Status, Ticket};

/// A state as the program starts it, in this language ("en" or "nl").
pub fn state(lang: &str) -> AppState {
    let env = crate::config::Environment { lang: Some(lang.to_string()), ..Default::default() };
    let config = crate::config::Config::from_toml("", None, &env).expect("the empty config is valid");
    let ctx = Context::from_config(&config, "meldpunt.db".into(), false);
    AppState::new(ctx, 80, 24, chrono::Utc::now())
}

pub fn ticket(id: i64, status: Status) -> Ticket {
    let json = serde_json::json!({
        "id": id, "kind": "incident", "title": "VPN drops", "description": "",
        "reporter": {"name": "Sanne Jansen", "email": null, "phone": null, "department": null},
        "channel": "phone", "service": null, "category": null, "subcategory": null,
        "impact": null, "urgency": null, "priority": null, "status": status.code(),
        "team": null, "assignee": null, "created_at": "2026-11-23T09:00:00Z",
        "updated_at": "2026-11-23T09:00:00Z", "resolved_at": null, "closed_at": null,
        "version": 3, "cause": null, "measures": null, "solution": null, "closure_code": null,
    });
    serde_json::from_value(json).expect("a valid ticket")
}

/// The incident pane open on a ticket in this status.
pub fn on_ticket(mut s: AppState, status: Status) -> AppState {
    s.detail = Some(DetailState { ticket: Some(ticket(1, status)), ..DetailState::loading(1) });
    s.screen = super::state::Screen::Detail;
    s
}

/// A queue row of this ticket number, sorted by number.
pub fn row(id: i64) -> crate::domain::queue::QueueRow {
    use crate::domain::queue::{Marks, QueueRow, SortKey, SortValue};
    QueueRow {
        id,
        priority: None,
        status: Status::InProgress,
        title: format!("ticket {id}"),
        team: None,
        assignee: None,
        created_at: chrono::Utc::now(),
        version: 1,
        key: SortKey { value: SortValue::Int(id), id },
        sla: None,
        marks: Marks::default(),
        source_ref: None,
    }
}

/// Effects as update asked for them, without the number that says which
/// pane waits for each: to compare.
pub fn plain(effects: &[super::Effect]) -> Vec<super::Effect> {
    effects.iter().cloned().map(|e| e.take_ask().1).collect()
}

/// The answer to the save among `asked`, given back to the pane that asked
/// for it, as the workers do.
pub fn answer_to(s: &mut AppState, asked: &[super::Effect], action: super::Action) -> Vec<super::Effect> {
    let ask = asked.iter().find_map(|e| match e {
        super::Effect::Asked(ask, _) => Some(*ask),
        _ => None,
    });
    assert!(ask.is_some(), "a pane's save says whose it is: {asked:?}");
    super::update::answer(s, ask, action)
}

/// A state in English for a user whose role allows these (all when `None`).
pub fn with_permissions(permissions: Option<Vec<crate::domain::access::Permission>>) -> AppState {
    let mut s = state("en");
    s.permissions = permissions;
    s
}
