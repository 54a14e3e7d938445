//! The dialogs for handing an incident on: building their steps from what
//! was loaded, answering them, and what they do at the end.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::action::DialogData;
use crate::app::effect::Effect;
use crate::app::picklist::{Choice, PickList};
use crate::app::state::{AppState, Message};
use crate::domain::escalation::Escalation;
use crate::domain::people::{AgentInfo, TeamInfo, Workload};
use crate::i18n::Catalogue;
use crate::keymap::Command;
use crate::panes::dialog::state::{Dialog, DialogKind, Step};
use crate::service::routing::default_team;

/// "P1 0 · P2 3 · P3 12 · P4 30": open work by priority.
fn workload(t: &Catalogue, w: &Workload) -> String {
    let mut parts: Vec<String> = (1..=4).map(|p| format!("P{p} {}", w[p])).collect();
    if w[0] > 0 {
        parts.push(format!("{} {}", t.unclassified, w[0]));
    }
    parts.join(" · ")
}

fn team_choices(t: &Catalogue, teams: &[TeamInfo], line: Option<u8>) -> Vec<Choice> {
    teams
        .iter()
        .filter(|team| team.active && line.is_none_or(|l| team.line == l))
        .map(|team| Choice {
            value: Some(team.name.clone()),
            label: format!("{:<18} {}  {}", team.name, (t.line_label)(team.line), workload(t, &team.open)),
        })
        .collect()
}

fn person_choices(t: &Catalogue, agents: &[AgentInfo], team: Option<&str>) -> Vec<Choice> {
    agents
        .iter()
        .filter(|a| a.active && team.is_none_or(|team| a.teams.iter().any(|x| x == team)))
        .map(|a| Choice { value: Some(a.login.clone()), label: format!("{:<24} {}", a.name, workload(t, &a.open)) })
        .collect()
}

fn pick(label: &str, choices: Vec<Choice>, preselect: Option<&str>) -> Step {
    let mut list = PickList::new(choices);
    list.choose_value(preselect);
    list.highlight_chosen();
    Step::Pick { label: label.to_string(), list }
}

fn text(label: &str) -> Step {
    Step::Text { label: label.to_string(), value: String::new(), optional: false }
}

fn optional_text(label: &str) -> Step {
    Step::Text { label: label.to_string(), value: String::new(), optional: true }
}

fn coded<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, label: impl Fn(T) -> String) -> Vec<Choice> {
    all.iter().map(|v| Choice { value: Some(code(*v).to_string()), label: label(*v) }).collect()
}

fn lines(t: &Catalogue) -> Vec<Choice> {
    (1..=3).map(|l| Choice { value: Some(l.to_string()), label: (t.line_label)(l) }).collect()
}

/// A dialog of the admin pane, with what it offers its choices from.
pub fn open_admin(state: &mut AppState, kind: DialogKind, teams: Vec<TeamInfo>) -> Vec<Effect> {
    let t = state.t();
    let (title, first) = match kind {
        DialogKind::AddTeam => (t.form.dialog_add_team.to_string(), text(t.col.team)),
        _ => (t.form.dialog_add_agent.to_string(), text(t.col.login)),
    };
    state.dialog = Some(Dialog::new(kind, 0, 0, title, first));
    state.dialog_data = Some(Box::new(DialogData {
        kind,
        ticket: None,
        teams,
        agents: Vec::new(),
        problems: Vec::new(),
        articles: Vec::new(),
    }));
    Vec::new()
}

/// The data is there: open the dialog on its first step.
pub fn loaded(state: &mut AppState, data: DialogData) -> Vec<Effect> {
    let t = state.t();
    let Some(ticket) = &data.ticket else { return Vec::new() };
    let number = state.ctx.numbers.format(ticket.id);
    let (title, first) = match data.kind {
        DialogKind::Assign => {
            let preselect = default_team(&state.ctx.policy.routing, &data.teams, ticket, None);
            (
                (t.form.dialog_assign)(&number),
                pick(t.field(crate::domain::Field::Team), team_choices(t, &data.teams, None), preselect.as_deref()),
            )
        }
        DialogKind::Escalate => {
            let levels = Escalation::ALL
                .iter()
                .map(|e| Choice { value: Some(e.code().to_string()), label: t.escalation(*e).to_string() })
                .collect();
            ((t.form.dialog_escalate)(&number), pick(t.form.dialog_to, levels, None))
        }
        DialogKind::AskLead => {
            // The leads (and admins), the ticket's team lead first chosen.
            use crate::domain::escalation::{Candidate, can_lead, team_lead};
            let leads: Vec<AgentInfo> = data.agents.iter().filter(|a| can_lead(&a.role)).cloned().collect();
            let candidates: Vec<Candidate> =
                leads.iter().map(|a| Candidate { login: &a.login, role: &a.role, teams: &a.teams }).collect();
            let preselect = team_lead(ticket.team.as_deref(), &candidates);
            ((t.form.dialog_ask_lead)(&number), pick(t.work.dialog_lead, person_choices(t, &leads, None), preselect))
        }
        DialogKind::MakeMajor => {
            let me = Some(state.ctx.user.as_str());
            ((t.form.dialog_major)(&number), pick(t.form.dialog_coordinator, person_choices(t, &data.agents, None), me))
        }
        DialogKind::LinkToMajor => ((t.form.dialog_link)(&number), text(t.form.dialog_major_number)),
        DialogKind::LinkProblem => {
            let problems = crate::domain::knowledge::problem_numbers();
            let mut choices = vec![Choice { value: Some("new".into()), label: t.form.dialog_new_problem.to_string() }];
            let linked = state.detail.as_ref().filter(|d| d.id == ticket.id).and_then(|d| d.closing.problem.as_ref());
            if linked.is_some() {
                choices.push(Choice { value: Some("none".into()), label: t.form.dialog_unlink_problem.to_string() });
            }
            choices.extend(
                data.problems
                    .iter()
                    .filter(|(p, _)| p.status != crate::domain::knowledge::ProblemStatus::Resolved)
                    .map(|(p, n)| Choice {
                        value: Some(p.id.to_string()),
                        label: format!("{}  {}  ({}, {n})", problems.format(p.id), p.title, t.problem_status(p.status)),
                    }),
            );
            ((t.form.dialog_link_problem)(&number), pick(t.form.dialog_problem, choices, None))
        }
        DialogKind::ApplyKnowledge if data.articles.is_empty() => {
            state.message = Some(Message::Info(t.no_articles.to_string()));
            return Vec::new();
        }
        DialogKind::ApplyKnowledge => {
            let articles = crate::domain::knowledge::article_numbers();
            let choices = data
                .articles
                .iter()
                .map(|a| Choice {
                    value: Some(a.id.to_string()),
                    label: format!("{}  {}", articles.format(a.id), a.title),
                })
                .collect();
            ((t.form.dialog_apply_knowledge)(&number), pick(t.form.dialog_article, choices, None))
        }
        DialogKind::Duplicate => ((t.form.dialog_duplicate)(&number), text(t.form.dialog_original)),
        DialogKind::AddTeam | DialogKind::AddAgent | DialogKind::ReportFilter | DialogKind::ReportDates => {
            return Vec::new();
        }
    };
    state.dialog = Some(Dialog::new(data.kind, ticket.id, ticket.version, title, first));
    state.dialog_data = Some(Box::new(data));
    Vec::new()
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let Some(dialog) = state.dialog.as_mut() else { return Vec::new() };
    if dialog.saving.is_some() {
        return Vec::new();
    }
    match command {
        Command::Cancel => close(state),
        Command::Up | Command::Down => {
            if let Step::Pick { list, .. } = dialog.step_mut() {
                list.move_highlight(if command == Command::Down { 1 } else { -1 });
            }
        }
        // Backspace deletes what was typed, then goes a step back.
        Command::StepBack if !dialog.backspace() => dialog.back(),
        Command::Confirm => return confirm(state),
        _ => {}
    }
    Vec::new()
}

pub fn input(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(dialog) = state.dialog.as_mut() else { return Vec::new() };
    if let KeyCode::Char(c) = key.code
        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && dialog.saving.is_none()
    {
        dialog.type_char(c);
    }
    Vec::new()
}

pub fn close(state: &mut AppState) {
    state.dialog = None;
    state.dialog_data = None;
}

/// Takes the current answer: on to the next question, or done.
fn confirm(state: &mut AppState) -> Vec<Effect> {
    if state.dialog.as_ref().is_some_and(|d| matches!(d.kind, DialogKind::ReportFilter | DialogKind::ReportDates)) {
        return confirm_report(state);
    }
    let t = state.t();
    let routing = state.ctx.policy.routing.clone();
    let (Some(dialog), Some(data)) = (state.dialog.as_mut(), state.dialog_data.as_ref()) else { return Vec::new() };
    if !dialog.accept_current() {
        return Vec::new();
    }
    if let Some(step) = next_question(t, &routing, dialog, data) {
        dialog.push(step);
        return Vec::new();
    }
    match answered(state) {
        Answered::Save(effect) => {
            let ask = state.ask();
            if let Some(dialog) = state.dialog.as_mut() {
                dialog.saving = Some(ask);
            }
            vec![effect.asked(ask)]
        }
        Answered::Instead(effects) => effects,
    }
}

/// The reports' dialogs ask their next question of the reports pane.
fn confirm_report(state: &mut AppState) -> Vec<Effect> {
    let Some(dialog) = state.dialog.as_mut() else { return Vec::new() };
    if !dialog.accept_current() {
        return Vec::new();
    }
    let answered = dialog.clone();
    match crate::panes::reports::update::next_step(state, &answered) {
        Some(step) => {
            if let Some(d) = state.dialog.as_mut() {
                d.push(step);
            }
            Vec::new()
        }
        None => crate::panes::reports::update::answered(state, &answered),
    }
}

/// The question after the one answered, if the dialog asks another.
fn next_question(
    t: &'static Catalogue,
    routing: &crate::domain::routing::Routing,
    dialog: &Dialog,
    data: &DialogData,
) -> Option<Step> {
    let ticket = data.ticket.as_ref();
    let answer = |i: usize| dialog.answer(i);
    match (dialog.kind, dialog.current) {
        (DialogKind::Assign, 0) => {
            let team = answer(0);
            let mut choices = vec![Choice { value: None, label: t.form.dialog_nobody.to_string() }];
            choices.extend(person_choices(t, &data.agents, team.as_deref()));
            Some(pick(t.field(crate::domain::Field::Assignee), choices, ticket.and_then(|x| x.assignee.as_deref())))
        }
        (DialogKind::Escalate, 0) => match answer(0).as_deref().and_then(Escalation::from_code) {
            Some(Escalation::Supplier) => Some(text(t.form.dialog_supplier)),
            Some(level) => {
                let routed = ticket.and_then(|x| default_team(routing, &data.teams, x, level.line()));
                let choices = team_choices(t, &data.teams, level.line());
                Some(pick(t.field(crate::domain::Field::Team), choices, routed.as_deref()))
            }
            None => None,
        },
        (DialogKind::Escalate, 1) => Some(text(t.form.wizard_reason)),
        (DialogKind::AskLead, 0) => Some(text(t.form.wizard_reason)),
        (DialogKind::MakeMajor, 0) => {
            Some(pick(t.form.dialog_comms_lead, person_choices(t, &data.agents, None), answer(0).as_deref()))
        }
        (DialogKind::AddTeam, 0) => Some(pick(t.col.line, lines(t), Some("2"))),
        (DialogKind::AddAgent, 0) => Some(text(t.col.name)),
        (DialogKind::AddAgent, 1) => Some(optional_text(t.field(crate::domain::Field::ReporterEmail))),
        (DialogKind::AddAgent, 2) => Some(pick(t.col.line, lines(t), Some("1"))),
        (DialogKind::AddAgent, 3) => {
            use crate::domain::escalation::Role;
            Some(pick(t.col.role, coded(Role::ALL, |r| r.code(), |r| t.role(r).to_string()), Some("operator")))
        }
        (DialogKind::AddAgent, 4) => Some(pick(t.col.team, team_choices(t, &data.teams, None), None)),
        _ => None,
    }
}

/// What an answered dialog does.
enum Answered {
    /// The change to save; the dialog waits for it.
    Save(Effect),
    /// Something else instead (another pane, or nothing: the answer is refused).
    Instead(Vec<Effect>),
}

fn answered(state: &mut AppState) -> Answered {
    let Some(dialog) = state.dialog.clone() else { return Answered::Instead(Vec::new()) };
    let answer = |i: usize| dialog.answer(i);
    let (id, version) = (dialog.ticket_id, dialog.version);
    // A ticket's number as typed, or the dialog says what is wrong with it.
    let number = |state: &mut AppState, typed: String| {
        let parsed = state.ctx.numbers.parse(&typed);
        if parsed.is_none() {
            let example = state.ctx.numbers.format(123);
            state.message = Some(Message::Error((state.t().cli.not_a_number)(&typed, &example)));
        }
        parsed
    };
    let effect = match dialog.kind {
        DialogKind::Assign => Effect::Assign { id, version, team: answer(0).unwrap_or_default(), person: answer(1) },
        DialogKind::Escalate => {
            let to = answer(0).as_deref().and_then(Escalation::from_code).unwrap_or(Escalation::Line2);
            let (team, supplier) = if to == Escalation::Supplier { (None, answer(1)) } else { (answer(1), None) };
            Effect::Escalate { id, version, to, team, supplier, reason: answer(2).unwrap_or_default() }
        }
        DialogKind::AskLead => Effect::AskLead { id, reason: answer(1).unwrap_or_default(), lead: answer(0) },
        DialogKind::MakeMajor => Effect::MakeMajor {
            id,
            coordinator: answer(0).unwrap_or_default(),
            communication_lead: answer(1).unwrap_or_default(),
        },
        DialogKind::AddTeam => Effect::AddTeam {
            name: answer(0).unwrap_or_default(),
            line: answer(1).and_then(|l| l.parse().ok()).unwrap_or(1),
        },
        DialogKind::AddAgent => Effect::AddAgent(Box::new(crate::domain::people::AgentRecord {
            login: answer(0).unwrap_or_default(),
            name: answer(1).unwrap_or_default(),
            email: answer(2),
            line: answer(3).and_then(|l| l.parse().ok()).unwrap_or(1),
            role: answer(4).unwrap_or_else(|| "operator".into()),
            teams: answer(5).into_iter().collect(),
        })),
        DialogKind::LinkProblem => match answer(0).as_deref() {
            Some("new") => {
                // The problem pane takes over from the dialog.
                state.dialog = None;
                state.dialog_data = None;
                let target = crate::app::effect::RecordTarget::NewProblem(vec![id]);
                return Answered::Instead(vec![Effect::OpenRecord(target)]);
            }
            Some("none") => Effect::LinkProblem { ticket: id, problem: None },
            Some(problem) => match problem.parse() {
                Ok(problem) => Effect::LinkProblem { ticket: id, problem: Some(problem) },
                Err(_) => return Answered::Instead(Vec::new()),
            },
            None => return Answered::Instead(Vec::new()),
        },
        DialogKind::ApplyKnowledge => match answer(0).and_then(|a| a.parse().ok()) {
            Some(article) => Effect::ApplyKnowledge { ticket: id, article },
            None => return Answered::Instead(Vec::new()),
        },
        DialogKind::Duplicate => match number(state, answer(0).unwrap_or_default()) {
            Some(original) => Effect::MarkDuplicate { id, original },
            None => return Answered::Instead(Vec::new()),
        },
        DialogKind::LinkToMajor => match number(state, answer(0).unwrap_or_default()) {
            Some(major) => Effect::LinkToMajor { child: id, major },
            None => return Answered::Instead(Vec::new()),
        },
        DialogKind::ReportFilter | DialogKind::ReportDates => return Answered::Instead(Vec::new()),
    };
    Answered::Save(effect)
}
