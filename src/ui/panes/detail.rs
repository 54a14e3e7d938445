//! One incident: all its fields and its timeline.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::{AppState, DetailState};
use crate::domain::NumberFormat;
use crate::domain::closure::ClosurePolicy;
use crate::domain::entry::{Delivery, Entry, EntryKind};
use crate::domain::text::{inert, inert_lines, inert_single_line};
use crate::domain::{Event, EventKind, Field, Ticket};
use crate::i18n::Catalogue;
use crate::keymap::Layer;
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::{hints_or_message, title_bar};

const LABEL_WIDTH: usize = 13;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let detail = state.detail.as_ref();
    let number = detail.map(|d| state.ctx.numbers.format(d.id)).unwrap_or_default();
    match detail.and_then(|d| d.ticket.as_ref()) {
        Some(ticket) => {
            let title = format!("{number} · {}", inert(&ticket.title));
            title_bar(frame, r.title, state, theme, &title);
            let lines = match detail {
                Some(d) => {
                    let mut lines = body(state, theme, d, ticket, r.body.width);
                    // The next customer update: in the title band, else heading the incident.
                    if !crate::ui::widgets::update_clock::in_title(frame, r.title, state, theme, d, &title) {
                        lines.splice(0..0, crate::ui::widgets::update_clock::header_line(state, theme, d));
                    }
                    lines
                }
                None => Vec::new(),
            };
            let max_scroll = (lines.len() as u16).saturating_sub(r.body.height);
            let scroll = detail.map_or(0, |d| d.scroll).min(max_scroll);
            frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), r.body);
        }
        None => {
            title_bar(frame, r.title, state, theme, &number);
            frame.render_widget(Paragraph::new(t.loading).style(theme.dim()), r.body);
        }
    }
    hints_or_message(frame, r.hints, state, theme, Layer::Detail, &crate::app::hints::detail(state));
}

fn label(theme: &Theme, text: &str) -> Span<'static> {
    Span::styled(format!("{text:<LABEL_WIDTH$}"), theme.label())
}

/// A value cell of fixed width, so two columns line up.
fn value(text: &str, width: usize) -> Span<'static> {
    let shown: String = inert(text).chars().take(width.saturating_sub(1)).collect();
    Span::raw(format!("{shown:<width$}"))
}

fn body(state: &AppState, theme: &Theme, detail: &DetailState, ticket: &Ticket, width: u16) -> Vec<Line<'static>> {
    let events = detail.events.as_slice();
    let t = state.t();
    // A dash is the same in every language.
    let empty = "—";
    let text = |f: Field| ticket.field_value(f).map(|v| t.field_value(f, Some(&v))).unwrap_or_else(|| empty.into());
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|a| t.datetime(a)).unwrap_or_else(|| empty.into());
    let priority = match ticket.priority {
        Some(p) => format!("{p} {}", t.priority_name(p.get())),
        None => t.unclassified.to_string(),
    };
    let language = state.ctx.language.code();
    let matrix = &state.ctx.policy.matrix;
    let level = |l: Option<crate::domain::Level>, info: Option<&crate::domain::priority::LevelInfo>| match l {
        Some(l) => format!("{l} {}", info.map_or("", |i| i.description(language))),
        None => empty.to_string(),
    };
    let category = match (&ticket.category, &ticket.subcategory) {
        (Some(c), Some(s)) => format!("{c} / {s}"),
        (Some(c), None) => c.clone(),
        _ => empty.to_string(),
    };
    let column = ((width as usize).saturating_sub(2 * LABEL_WIDTH) / 2).max(12);
    let pairs: Vec<(&str, String, &str, String)> = vec![
        (t.field(Field::Status), t.status(ticket.status).to_string(), t.field(Field::Priority), priority),
        (t.field(Field::Kind), text(Field::Kind), t.field(Field::Channel), text(Field::Channel)),
        (t.field(Field::Team), text(Field::Team), t.field(Field::Assignee), text(Field::Assignee)),
        (t.field(Field::Service), text(Field::Service), t.field(Field::Category), category),
        (
            t.field(Field::Impact),
            level(ticket.impact, ticket.impact.and_then(|l| matrix.impact_info(l))),
            t.field(Field::Urgency),
            level(ticket.urgency, ticket.urgency.and_then(|l| matrix.urgency_info(l))),
        ),
        (t.label_created, when(Some(ticket.created_at)), t.label_updated, when(Some(ticket.updated_at))),
        (t.label_resolved, when(ticket.resolved_at), t.label_closed, when(ticket.closed_at)),
    ];
    let mut lines: Vec<Line<'static>> = pairs
        .into_iter()
        .map(|(l1, v1, l2, v2)| {
            Line::from(vec![label(theme, l1), value(&v1, column), label(theme, l2), value(&v2, column)])
        })
        .collect();
    if let Some(first) = lines.get_mut(0) {
        // The priority keeps its colour.
        first.spans[3].style = theme.priority(ticket.priority);
    }
    if !detail.others.is_empty() {
        // Before anyone starts the same work twice.
        let names: Vec<String> = detail.others.iter().map(|n| inert(n).into_owned()).collect();
        lines.insert(0, Line::from(Span::styled((t.also_open)(&names.join(", ")), theme.warning())));
    }

    lines.extend(handling_lines(state, theme, detail));
    lines.extend(super::detail_closing::lines(state, theme, detail, ticket));

    lines.push(Line::from(""));
    let r = &ticket.reporter;
    let who = [Some(r.name.as_str()), r.department.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    lines.push(Line::from(vec![label(theme, t.section_reporter), Span::raw(inert(&who).into_owned())]));
    let contact = [r.email.as_deref(), r.phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    if !contact.is_empty() {
        lines.push(Line::from(vec![Span::raw(" ".repeat(LABEL_WIDTH)), Span::raw(inert(&contact).into_owned())]));
    }

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.field(Field::Description).to_string(), theme.header())));
    if ticket.description.trim().is_empty() {
        lines.push(Line::from(Span::styled(format!("  {empty}"), theme.dim())));
    }
    for line in inert_lines(&ticket.description) {
        lines.extend(wrap(&line, width.saturating_sub(2) as usize).into_iter().map(|l| Line::from(format!("  {l}"))));
    }

    lines.push(Line::from(""));
    lines.extend(super::detail_sla::lines(state, theme, detail, ticket));

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.timeline.to_string(), theme.header())));
    // Events and entries (notes, messages) in the order they happened.
    let mut items: Vec<(chrono::DateTime<chrono::Utc>, Vec<Line<'static>>)> = events
        .iter()
        .map(|e| (e.at, vec![timeline_line(t, &state.ctx.numbers, &state.ctx.policy.closure, theme, e)]))
        .collect();
    items.extend(detail.entries.iter().map(|e| (e.at, entry_lines(t, theme, e, width))));
    items.sort_by_key(|(at, _)| *at);
    lines.extend(items.into_iter().flat_map(|(_, l)| l));
    lines
}

/// A note or a message on the timeline: a heading line, then its text.
fn entry_lines(t: &Catalogue, theme: &Theme, entry: &Entry, width: u16) -> Vec<Line<'static>> {
    let heading = match entry.kind {
        EntryKind::Note => t.entry_note.to_string(),
        EntryKind::Message => {
            let to = entry.recipient.as_deref().map(inert_single_line).unwrap_or_else(|| t.entry_reporter.to_string());
            let how = match entry.delivery {
                Some(Delivery::Sent) => t.delivery_sent.to_string(),
                Some(Delivery::Recorded) => t.delivery_recorded.to_string(),
                Some(Delivery::Failed) => {
                    format!("{}: {}", t.delivery_failed, inert_single_line(entry.error.as_deref().unwrap_or_default()))
                }
                None => String::new(),
            };
            let subject = entry.subject.as_deref().map(inert_single_line).unwrap_or_default();
            (t.entry_message)(&to, &how, &subject)
        }
    };
    let style = match (entry.kind, entry.delivery) {
        (_, Some(Delivery::Failed)) => theme.error(),
        (EntryKind::Message, _) => theme.info(),
        _ => theme.warning(),
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("  {}  ", t.datetime(entry.at)), theme.dim()),
        Span::styled(format!("{:<12} ", inert(&entry.actor)), theme.label()),
        Span::styled(heading, style),
    ])];
    for line in inert_lines(&entry.body) {
        for piece in wrap(&line, width.saturating_sub(8) as usize) {
            out.push(Line::from(format!("      │ {piece}")));
        }
    }
    out
}

/// Reassignments, escalation, major incident: how the ticket is handled.
fn handling_lines(state: &AppState, theme: &Theme, detail: &DetailState) -> Vec<Line<'static>> {
    let t = state.t();
    let Some(h) = &detail.handling else { return Vec::new() };
    let mut facts: Vec<String> = Vec::new();
    if h.reassignments > 0 {
        facts.push((t.handling_reassigned)(h.reassignments));
    }
    if let Some(e) = h.escalation {
        let supplier = h.supplier.as_deref().map(|s| format!(" ({})", inert_single_line(s))).unwrap_or_default();
        facts.push(format!("▲ {}{supplier}", (t.handling_escalated)(t.escalation(e))));
    }
    if h.lead_attention {
        facts.push(format!("⚑ {}", t.handling_lead));
    }
    if h.major {
        let who = |v: &Option<String>| v.as_deref().map(inert_single_line).unwrap_or_default();
        facts.push(format!("★ {}", (t.handling_major)(&who(&h.coordinator), &who(&h.communication_lead))));
    }
    if let Some(parent) = h.parent_id {
        facts.push(format!("↳ {}", (t.ev_linked)(&state.ctx.numbers.format(parent))));
    }
    if !h.restricted_to.is_empty() {
        facts.push(format!("⊘ {}", (t.handling_restricted)(&inert_single_line(&h.restricted_to.join(", ")))));
    }
    let mut lines = Vec::new();
    if !facts.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(facts.join(" · "), theme.warning())));
    }
    if !detail.children.is_empty() {
        lines.push(Line::from(Span::styled((t.handling_children)(detail.children.len()), theme.header())));
        for c in &detail.children {
            lines.push(Line::from(format!(
                "  {}  {:<14} {}",
                state.ctx.numbers.format(c.id),
                t.status_short(c.status),
                inert_single_line(&c.title)
            )));
        }
    }
    lines
}

pub(crate) fn timeline_line(
    t: &Catalogue,
    numbers: &NumberFormat,
    closure: &ClosurePolicy,
    theme: &Theme,
    event: &Event,
) -> Line<'static> {
    let style = if event.kind == EventKind::SlaBreached { theme.error() } else { ratatui::style::Style::new() };
    Line::from(vec![
        Span::styled(format!("  {}  ", t.datetime(event.at)), theme.dim()),
        Span::styled(format!("{:<12} ", inert(&event.actor)), theme.label()),
        Span::styled(t.describe_event(numbers, closure, event), style),
    ])
}

/// Breaks a line into pieces of at most `width` characters, at spaces where possible.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let needed = current.chars().count() + word.chars().count() + usize::from(!current.is_empty());
        if needed > width && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        while current.chars().count() > width {
            let head: String = current.chars().take(width).collect();
            current = current.chars().skip(width).collect();
            out.push(head);
        }
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 10), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap(&"x".repeat(25), 10), vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
        assert_eq!(wrap("", 10), vec![""]);
    }
}
