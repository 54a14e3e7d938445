//! The classification wizard: one step at a time, with what was chosen so
//! far, and at the end the priority with its targets and due times.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::picklist::PickList;
use crate::app::state::AppState;
use crate::domain::sla::clocks;
use crate::domain::text::inert;
use crate::keymap::{Command, Layer};
use crate::panes::wizard::state::{Step, Wizard};
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::title_bar;
use crate::ui::widgets::wrap::label;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let Some(wizard) = &state.wizard else { return };
    let number = state.ctx.numbers.format(wizard.ticket_id);
    title_bar(frame, r.title, state, theme, &format!("{} · {}", (t.form.wizard_title)(&number), inert(&wizard.title)));

    let mut lines = vec![steps_line(state, theme, wizard), Line::from("")];
    lines.extend(chosen_so_far(state, theme, wizard));
    lines.push(Line::from(""));
    match wizard.list() {
        Some(list) => {
            let room = r.body.height.saturating_sub(lines.len() as u16 + 1);
            lines.extend(options(theme, list, &wizard.number, room));
        }
        None => lines.extend(result(state, theme, wizard)),
    }
    let lines = crate::ui::widgets::wrap::wrap_lines(lines, (r.body.width as usize).saturating_sub(1));
    frame.render_widget(Paragraph::new(lines), r.body);

    let keys = &state.ctx.keymap;
    let key = |c| keys.name(Layer::Wizard, c);
    let (choose, back, cancel) = (keys.up_down(Layer::Wizard), key(Command::StepBack), key(Command::Cancel));
    let hint = match wizard.step {
        Step::Result => {
            (t.form.wizard_result_hint)(&key(Command::Confirm), &key(Command::OverridePriority), &back, &cancel)
        }
        _ if wizard.numbered() > 9 => (t.edit.wizard_hint_long)(&key(Command::Confirm), &choose, &back, &cancel),
        _ => (t.form.wizard_hint)(&choose, &back, &cancel),
    };
    crate::ui::widgets::hint_or_message(frame, r.hints, state, theme, &hint);
}

fn steps_line(state: &AppState, theme: &Theme, wizard: &Wizard) -> Line<'static> {
    let t = state.t();
    let mut spans = vec![Span::raw(" ")];
    for (i, step) in Step::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim()));
        }
        let name = t.form.wizard_steps[step.index()];
        let style = if *step == wizard.step { theme.focus() } else { theme.dim() };
        let text = if *step == wizard.step { format!("[{name}]") } else { name.to_string() };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

fn chosen_so_far(state: &AppState, theme: &Theme, wizard: &Wizard) -> Vec<Line<'static>> {
    let t = state.t();
    let rows = [
        (Step::Category, &wizard.category),
        (Step::Subcategory, &wizard.subcategory),
        (Step::Service, &wizard.service),
        (Step::Impact, &wizard.impact),
        (Step::Urgency, &wizard.urgency),
    ];
    rows.iter()
        .filter(|(step, _)| step.index() < wizard.step.index())
        .map(|(step, pick)| {
            // A level with its number: the list showed both.
            let chosen = match (step, pick.value()) {
                (Step::Impact | Step::Urgency, Some(level)) => format!("{level} {}", pick.chosen_label()),
                _ => pick.chosen_label().to_string(),
            };
            Line::from(vec![
                Span::styled(format!("  {}", label(t.form.wizard_steps[step.index()], 14)), theme.label()),
                Span::raw(inert(&chosen).into_owned()),
            ])
        })
        .collect()
}

/// The options of the current step, numbered as they can be typed: an
/// option keeps its number while letters narrow the list.
fn options(theme: &Theme, list: &PickList, number: &str, room: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let typed = if number.is_empty() { list.filter.as_str() } else { number };
    if !typed.is_empty() {
        lines.push(Line::from(vec![Span::styled("  › ", theme.key()), Span::raw(inert(typed).into_owned())]));
    }
    let matches = list.matches();
    let room = (room as usize).max(3);
    let first = list.highlighted.saturating_sub(room.saturating_sub(1));
    let real = list.choices.iter().filter(|c| c.value.is_some()).count();
    let width = real.to_string().len();
    for (pos, i) in matches.iter().enumerate() {
        let choice = &list.choices[*i];
        if pos < first || lines.len() >= room {
            continue;
        }
        let number = list.choices[..=*i].iter().filter(|c| c.value.is_some()).count();
        let label = match choice.value {
            Some(_) => format!("{number:>width$} "),
            None => " ".repeat(width + 1),
        };
        let style = if pos == list.highlighted { theme.selected() } else { ratatui::style::Style::new() };
        lines.push(Line::from(vec![
            Span::styled(format!("  {label}"), theme.key()),
            Span::styled(inert(&choice.label).into_owned(), style),
        ]));
    }
    lines
}

fn result(state: &AppState, theme: &Theme, wizard: &Wizard) -> Vec<Line<'static>> {
    let t = state.t();
    let policy = &state.ctx.policy;
    let Some(from_matrix) = wizard.matrix_priority(&policy.matrix) else { return Vec::new() };
    let priority = wizard.override_priority.unwrap_or(from_matrix);
    let label = |text: &str| Span::styled(format!("  {}", label(text, 14)), theme.label());
    let mut lines = Vec::new();
    let why = match wizard.override_priority {
        Some(_) => (t.form.wizard_overridden)(&from_matrix.to_string()),
        None => (t.form.wizard_matrix)(wizard.impact.value().unwrap_or(""), wizard.urgency.value().unwrap_or("")),
    };
    lines.push(Line::from(vec![
        label(t.field(crate::domain::Field::Priority)),
        Span::styled(format!("{priority} {}", t.priority_name(priority.get())), theme.priority(Some(priority))),
        Span::styled(format!("   {why}"), theme.dim()),
    ]));
    let targets = policy.sla.targets_for(priority);
    let text = (t.form.wizard_targets)(
        &t.duration(targets.response_secs),
        &t.duration(targets.resolution_secs),
        &t.duration(targets.update_secs),
        &targets.calendar,
    );
    lines.push(Line::from(vec![label(t.sla.title), Span::raw(text)]));
    let c = clocks(&wizard.history, targets, &policy.calendars, &policy.sla.pauses);
    for clock in [&c.response, &c.resolution, &c.update] {
        let due = clock.due.map(|d| t.datetime(d)).unwrap_or_else(|| "—".into());
        lines.push(Line::from(vec![
            label(""),
            Span::styled(crate::ui::widgets::wrap::label(t.target(clock.target), 16), theme.label()),
            Span::raw(format!("{} {due}", t.form.wizard_due.to_lowercase())),
        ]));
    }
    if wizard.override_priority.is_some() {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            label(t.form.wizard_reason),
            Span::raw(inert(&wizard.reason).into_owned()),
            Span::styled(" ", theme.selected()),
        ]));
    }
    lines
}
