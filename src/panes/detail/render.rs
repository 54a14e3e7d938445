//! One incident: all its fields and its timeline.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::{AppState, DetailState};
use crate::domain::NumberFormat;
use crate::domain::entry::{Delivery, Entry, EntryKind};
use crate::domain::text::{inert, inert_lines, inert_single_line};
use crate::domain::{Event, EventKind, Field, Ticket};
use crate::i18n::Catalogue;
use crate::ui::Regions;
use crate::ui::theme::Theme;
use crate::ui::widgets::title_bar;
use crate::ui::widgets::wrap::{self, fit, label_width, width_of, wrap_lines, wrap_text};

/// The least width of the label column; longer (translated) labels widen it.
const LABEL_WIDTH: usize = 13;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme, r: &Regions) {
    let t = state.t();
    let detail = state.detail.as_ref();
    let number = detail.map(|d| state.ctx.numbers.format(d.id)).unwrap_or_default();
    match detail.and_then(|d| d.ticket.as_ref()) {
        Some(ticket) => {
            let title = format!("{number} · {}", inert(&ticket.title));
            title_bar(frame, r.title, state, theme, &title);
            // Every line wrapped before scrolling, so the last one can be reached.
            let width = (r.body.width as usize).saturating_sub(1);
            let Some(d) = detail else { return };
            let mut head = body(state, theme, d, ticket, width);
            // The next customer update: in the title band, else heading the incident.
            if !crate::ui::widgets::update_clock::in_title(frame, r.title, state, theme, d, &title) {
                head.splice(0..0, crate::ui::widgets::update_clock::header_line(state, theme, d));
            }
            let head = wrap_lines(head, width);
            // The history, which can be long, is built and wrapped once per
            // load and width; each frame takes only the lines on screen.
            let timeline = d.timeline.wrapped(width, || wrap_lines(timeline(state, theme, d, width), width));
            let tail = wrap_lines(super::render_sla::clock_lines(state, theme, d, ticket), width);
            let total = head.len() + timeline.len() + tail.len();
            let max_scroll = u16::try_from(total).unwrap_or(u16::MAX).saturating_sub(r.body.height);
            // Scrolling stops where the last line is on screen.
            d.scroll_limit.set(Some(max_scroll));
            let scroll = d.scroll.min(max_scroll) as usize;
            let shown: Vec<Line> = head
                .iter()
                .chain(timeline.iter())
                .chain(tail.iter())
                .skip(scroll)
                .take(r.body.height as usize)
                .cloned()
                .collect();
            frame.render_widget(Paragraph::new(shown), r.body);
        }
        None => {
            title_bar(frame, r.title, state, theme, &number);
            frame.render_widget(Paragraph::new(t.loading).style(theme.dim()), r.body);
        }
    }
}

/// Label and value pairs two to a line when both values fit their column,
/// else one to a line (where a long value wraps).
fn pairs_lines(theme: &Theme, pairs: Vec<(&str, String, &str, String)>, width: usize) -> Vec<Line<'static>> {
    let labels = label_width(pairs.iter().flat_map(|(l1, _, l2, _)| [*l1, *l2]), LABEL_WIDTH);
    let column = (width.saturating_sub(2 * labels) / 2).max(12);
    let label = |text: &str| Span::styled(wrap::label(text, labels), theme.label());
    let mut lines = Vec::new();
    for (l1, v1, l2, v2) in pairs {
        let (v1, v2) = (inert_single_line(&v1), inert_single_line(&v2));
        // Two spaces at least between a value and the next label.
        if width_of(&v1) + 2 <= column && width_of(&v2) < column {
            lines.push(Line::from(vec![label(l1), Span::raw(fit(&v1, column)), label(l2), Span::raw(v2)]));
        } else {
            lines.push(Line::from(vec![label(l1), Span::raw(v1)]));
            lines.push(Line::from(vec![label(l2), Span::raw(v2)]));
        }
    }
    lines
}

fn body(state: &AppState, theme: &Theme, detail: &DetailState, ticket: &Ticket, width: usize) -> Vec<Line<'static>> {
    let t = state.t();
    // A dash is the same in every language.
    let empty = "—";
    let text = |f: Field| ticket.field_value(f).map(|v| t.field_value(f, Some(&v))).unwrap_or_else(|| empty.into());
    let when = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|a| t.datetime(a)).unwrap_or_else(|| empty.into());
    let priority = match ticket.priority {
        Some(p) => format!("{p} {}", t.priority_name(p.get())),
        None => t.unclassified.to_string(),
    };
    let priority_text = inert_single_line(&priority);
    let language = state.ctx.language.code();
    let matrix = &state.ctx.policy.matrix;
    let level = |l: Option<crate::domain::Level>, info: Option<&crate::domain::priority::LevelInfo>| match l {
        Some(l) => format!("{l} {}", info.map_or("", |i| i.description(language))),
        None => empty.to_string(),
    };
    let category = match (&ticket.category, &ticket.subcategory) {
        (Some(c), Some(s)) => {
            format!("{} / {}", t.field_value(Field::Category, Some(c)), t.field_value(Field::Subcategory, Some(s)))
        }
        (Some(c), None) => t.field_value(Field::Category, Some(c)),
        _ => empty.to_string(),
    };
    let pairs: Vec<(&str, String, &str, String)> = vec![
        (t.field(Field::Status), t.status(ticket.status).to_string(), t.field(Field::Priority), priority.clone()),
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
    let mut lines = pairs_lines(theme, pairs, width);
    // The priority keeps its colour.
    let priority_style = theme.priority(ticket.priority);
    if let Some(span) = lines.iter_mut().take(2).filter_map(|l| l.spans.last_mut()).find(|s| s.content == priority_text)
    {
        span.style = priority_style;
    }
    if !detail.others.is_empty() {
        // Before anyone starts the same work twice.
        let names: Vec<String> = detail.others.iter().map(|n| inert(n).into_owned()).collect();
        lines.insert(0, Line::from(Span::styled((t.also_open)(&names.join(", ")), theme.warning())));
    }

    lines.extend(handling_lines(state, theme, detail));
    lines.extend(super::render_closing::lines(state, theme, detail, ticket));

    lines.push(Line::from(""));
    let r = &ticket.reporter;
    let department = r.department.as_deref().map(|d| t.field_value(Field::Department, Some(d)));
    let who = [Some(r.name.as_str()), department.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let reporter_label = wrap::label(t.section_reporter, LABEL_WIDTH);
    let indent = " ".repeat(width_of(&reporter_label));
    lines.push(Line::from(vec![Span::styled(reporter_label, theme.label()), Span::raw(inert_single_line(&who))]));
    let contact = [r.email.as_deref(), r.phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    if !contact.is_empty() {
        lines.push(Line::from(vec![Span::raw(indent), Span::raw(inert_single_line(&contact))]));
    }

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.field(Field::Description).to_string(), theme.header())));
    if ticket.description.trim().is_empty() {
        lines.push(Line::from(Span::styled(format!("  {empty}"), theme.dim())));
    }
    lines.extend(inert_lines(&ticket.description).into_iter().map(|line| Line::from(format!("  {line}"))));

    lines.push(Line::from(""));
    lines.extend(super::render_sla::lines(state, theme, detail));

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.timeline.to_string(), theme.header())));
    lines
}

/// Events and entries (notes, messages) in the order they happened.
fn timeline(state: &AppState, theme: &Theme, detail: &DetailState, width: usize) -> Vec<Line<'static>> {
    let t = state.t();
    let mut items: Vec<(chrono::DateTime<chrono::Utc>, Vec<Line<'static>>)> = detail
        .events
        .iter()
        .map(|e| (e.at, vec![timeline_line(t, &state.ctx.numbers, &state.ctx.policy, theme, e)]))
        .collect();
    items.extend(detail.entries.iter().map(|e| (e.at, entry_lines(t, theme, e, width))));
    items.sort_by_key(|(at, _)| *at);
    items.into_iter().flat_map(|(_, l)| l).collect()
}

/// A note or a message on the timeline: a heading line, then its text.
fn entry_lines(t: &Catalogue, theme: &Theme, entry: &Entry, width: usize) -> Vec<Line<'static>> {
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
        for piece in wrap_text(&line, width.saturating_sub(8)) {
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
        facts.push(format!("↳ {}", (t.ev.linked)(&state.ctx.numbers.format(parent))));
    }
    if !h.restricted_to.is_empty() {
        facts.push(format!("⊘ {}", (t.handling_restricted)(&inert_single_line(&h.restricted_to.join(", ")))));
    }
    let mut lines = Vec::new();
    if let Some(source) = &h.source_ref {
        let source_label = Span::styled(wrap::label(t.work.label_source, LABEL_WIDTH), theme.label());
        lines.push(Line::from(vec![source_label, Span::raw(inert_single_line(source))]));
    }
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
    policy: &crate::domain::policy::Policy,
    theme: &Theme,
    event: &Event,
) -> Line<'static> {
    let style = if event.kind == EventKind::SlaBreached { theme.error() } else { ratatui::style::Style::new() };
    Line::from(vec![
        Span::styled(format!("  {}  ", t.datetime(event.at)), theme.dim()),
        Span::styled(format!("{:<12} ", inert(&event.actor)), theme.label()),
        Span::styled(t.describe_event(numbers, policy, event), style),
    ])
}
