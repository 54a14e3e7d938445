//! `meldpunt ticket …` and `meldpunt demo`.

use anyhow::{Context as _, anyhow, bail};
use chrono::Utc;
use serde::Serialize;

use super::output::{note, print_json, print_table, say};
use super::{FieldArgs, ListArgs, Localized, NewArgs, TicketCommand, UpdateArgs};
use crate::config::Config;
use crate::domain::queue::PageRequest;
use crate::domain::queue::{Cursor, QueueFilter, Scope, Sort, SortColumn, Viewer};
use crate::domain::sla::{Target, TicketSla, shown_standing};
use crate::domain::validate::check_new_ticket;
use crate::domain::{Channel, Event, Field, NewTicket, Reporter, Ticket, TicketId, TicketKind};
use crate::i18n::Catalogue;
use crate::service::demo::load_demo;
use crate::store::Store;

pub fn run(command: TicketCommand, config: &Config, store: &Store) -> anyhow::Result<()> {
    match command {
        TicketCommand::New(args) => new(config, store, *args),
        TicketCommand::List(args) => list(config, store, args),
        TicketCommand::Show { number, json } => super::show::show(config, store, &number, json),
        TicketCommand::Update(args) => update(config, store, *args),
        TicketCommand::Restrict { number, team } => {
            let t = config.language.catalogue();
            let id = parse_number(config, &number)?;
            let actor = crate::service::Actor::new(&config.user, chrono::Utc::now());
            crate::service::work::restrict(store, actor, id, &team).localized(config)?;
            say(&(t.cli.restricted)(
                &config.numbers.format(id),
                &crate::domain::text::inert_single_line(&team.join(", ")),
            ))?;
            Ok(())
        }
        command @ (TicketCommand::Close(_) | TicketCommand::Check { .. } | TicketCommand::Duplicate { .. }) => {
            super::closing::ticket(command, config, store)
        }
        other => super::work::run(other, config, store),
    }
}

pub(super) fn parse_number(config: &Config, text: &str) -> anyhow::Result<TicketId> {
    let t = config.language.catalogue();
    config.numbers.parse(text).ok_or_else(|| anyhow!((t.cli.not_a_number)(text, &config.numbers.format(123))))
}

/// Values a command-line option accepts, for its error message.
pub(super) trait Allowed {
    fn allowed() -> String;
}

macro_rules! allowed_codes {
    ($($t:ty),*) => {$(
        impl Allowed for $t {
            fn allowed() -> String {
                <$t>::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }
    )*};
}
allowed_codes!(Channel, TicketKind, crate::domain::Status);

impl Allowed for crate::domain::Level {
    fn allowed() -> String {
        "1, 2, 3, 4".into()
    }
}

impl Allowed for crate::domain::Priority {
    fn allowed() -> String {
        "P1, P2, P3, P4".into()
    }
}

pub(super) fn parse<T: std::str::FromStr + Allowed>(
    config: &Config,
    value: Option<&String>,
    option: &str,
) -> anyhow::Result<Option<T>> {
    let t = config.language.catalogue();
    value.map(|v| v.parse::<T>().map_err(|_| anyhow!((t.cli.bad_value)(option, v, &T::allowed())))).transpose()
}

/// A ticket as JSON: its number as people write it, then all fields.
#[derive(Serialize)]
pub(super) struct TicketJson<'a> {
    pub number: String,
    #[serde(flatten)]
    pub ticket: &'a Ticket,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<&'a [Event]>,
}

/// Each SLA target with its deadline and how it stands now.
pub(super) fn sla_json(config: &Config, sla: &TicketSla, now: chrono::DateTime<Utc>) -> serde_json::Value {
    let calendar = config.policy.calendars.get(&sla.calendar);
    let mut targets = serde_json::Map::new();
    targets.insert("calendar".into(), sla.calendar.clone().into());
    for target in Target::ALL {
        let clock = sla.clocks.get(*target);
        // As the screen shows it: a resolved ticket's updates are no longer due.
        let (standing, left) = shown_standing(clock, calendar, config.policy.sla.at_risk, now);
        targets.insert(
            target.code().into(),
            serde_json::json!({
                "target_seconds": clock.target_secs,
                "due": clock.due.map(|d| d.to_rfc3339()),
                "state": standing.code(),
                "left_seconds": left,
                "stopped_at": clock.stopped_at.map(|d| d.to_rfc3339()),
            }),
        );
    }
    serde_json::Value::Object(targets)
}

fn new(config: &Config, store: &Store, args: NewArgs) -> anyhow::Result<()> {
    let f = &args.fields;
    let t = config.language.catalogue();
    let impact: Option<crate::domain::Level> = parse(config, f.impact.as_ref(), "impact")?;
    let urgency: Option<crate::domain::Level> = parse(config, f.urgency.as_ref(), "urgency")?;
    let matrix = &config.policy.matrix;
    let ticket = NewTicket {
        kind: parse::<TicketKind>(config, f.kind.as_ref(), "kind")?.unwrap_or(TicketKind::Incident),
        title: f.title.clone().unwrap_or_default(),
        description: f.description.clone().unwrap_or_default(),
        reporter: Reporter {
            name: f.reporter.clone().unwrap_or_default(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            department: f.department.as_deref().map(stored),
        },
        channel: parse::<Channel>(config, f.channel.as_ref(), "channel")?.unwrap_or(Channel::Phone),
        service: f.service.as_deref().map(stored),
        category: f.category.as_deref().map(stored),
        subcategory: f.subcategory.as_deref().map(stored),
        impact,
        urgency,
        priority: impact.zip(urgency).and_then(|(i, u)| matrix.priority(i, u)),
        team: f.team.clone(),
        assignee: f.assignee.clone(),
    };
    let problems = check_new_ticket(&ticket);
    if !problems.is_empty() {
        let lines: Vec<String> =
            problems.iter().map(|p| format!("{} {}", t.field(p.field), (t.problem)(p.problem))).collect();
        bail!("{}", lines.join("; "));
    }
    let actor = crate::service::Actor::new(&config.user, Utc::now());
    let created = crate::service::work::register(store, actor, &ticket).localized(config)?;
    let number = config.numbers.format(created.id);
    // The ticket exists whatever happens to the output: say so when it cannot be shown.
    let shown = if args.json {
        print_json(&TicketJson { number: number.clone(), ticket: &created, sla: None, events: None })
    } else {
        say(&(t.cli.created)(&number))
    };
    shown.map_err(|e| e.context((t.cli.created_unshown)(&number)))
}

fn sort_column(t: &Catalogue, name: &str) -> anyhow::Result<SortColumn> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "number" => SortColumn::Number,
        "priority" => SortColumn::Priority,
        "status" => SortColumn::Status,
        "title" => SortColumn::Title,
        "team" => SortColumn::Team,
        "assignee" => SortColumn::Assignee,
        "age" | "created" => SortColumn::Age,
        "due" | "urgent" => SortColumn::Due,
        _ => bail!((t.cli.bad_value)("sort", name, "number, priority, status, title, team, assignee, age, due")),
    })
}

/// A row of the queue as JSON: every column the queue shows, its marks
/// and each SLA clock (`due` is the most pressing deadline still running).
#[derive(Serialize)]
struct RowJson {
    number: String,
    id: TicketId,
    version: i64,
    priority: Option<String>,
    status: String,
    title: String,
    team: Option<String>,
    assignee: Option<String>,
    created_at: chrono::DateTime<Utc>,
    escalated: bool,
    lead_attention: bool,
    major: bool,
    linked_to_major: bool,
    due: Option<chrono::DateTime<Utc>>,
    sla: Option<serde_json::Value>,
    source_ref: Option<String>,
}

fn list(config: &Config, store: &Store, args: ListArgs) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let filter = QueueFilter {
        scope: if args.all { Scope::All } else { Scope::Open },
        mine: args.mine,
        unassigned: args.unassigned,
        my_team: args.my_team,
        priority: parse(config, args.priority.as_ref(), "priority")?,
        status: parse(config, args.status.as_ref(), "status")?,
        search: args.search.clone(),
        escalated: args.escalated,
        waiting: args.waiting,
        asked_of_me: args.asked_of_me,
        slice: None,
    };
    let column = sort_column(t, &args.sort)?;
    let ascending = if args.asc {
        true
    } else if args.desc {
        false
    } else {
        column.natural_ascending()
    };
    let viewer = Viewer { login: config.user.clone() };
    let request = PageRequest {
        filter: &filter,
        sort: Sort { column, ascending },
        viewer: &viewer,
        numbers: &config.numbers,
        cursor: &Cursor::First,
        limit: args.limit,
    };
    let rows = store.queue_page(&request).localized(config)?;
    let now = Utc::now();
    if args.json {
        let out: Vec<RowJson> = rows
            .iter()
            .map(|r| RowJson {
                number: config.numbers.format(r.id),
                id: r.id,
                version: r.version,
                priority: r.priority.map(|p| p.to_string()),
                status: r.status.code().to_string(),
                title: r.title.clone(),
                team: r.team.clone(),
                assignee: r.assignee.clone(),
                created_at: r.created_at,
                escalated: r.marks.escalated,
                lead_attention: r.marks.lead_attention,
                major: r.marks.major,
                linked_to_major: r.marks.child,
                due: r.sla.as_ref().and_then(|s| s.clocks.most_urgent_due()),
                sla: r.sla.as_ref().map(|s| sla_json(config, s, now)),
                source_ref: r.source_ref.clone(),
            })
            .collect();
        return print_json(&out);
    }
    // Imported tickets also show the number they had there.
    let sources = rows.iter().any(|r| r.source_ref.is_some());
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                config.numbers.format(r.id),
                r.priority.map(|p| p.to_string()).unwrap_or_else(|| "--".into()),
                t.status(r.status).to_string(),
                r.title.clone(),
                r.team.clone().unwrap_or_default(),
                r.assignee.clone().unwrap_or_default(),
                t.age((now - r.created_at).num_seconds()),
            ];
            if sources {
                cells.push(r.source_ref.clone().unwrap_or_default());
            }
            cells
        })
        .collect();
    let mut header =
        vec![t.col.number, t.col.priority, t.col.status, t.col.title, t.col.team, t.col.assignee, t.col.age];
    if sources {
        header.push(t.work.label_source);
    }
    print_table(&header, &table)?;
    Ok(())
}

fn edits(f: &FieldArgs) -> Vec<(Field, Option<String>)> {
    let pairs = [
        (Field::Title, &f.title),
        (Field::Description, &f.description),
        (Field::Kind, &f.kind),
        (Field::ReporterName, &f.reporter),
        (Field::ReporterEmail, &f.email),
        (Field::ReporterPhone, &f.phone),
        (Field::Department, &f.department),
        (Field::Channel, &f.channel),
        (Field::Service, &f.service),
        (Field::Category, &f.category),
        (Field::Subcategory, &f.subcategory),
        (Field::Impact, &f.impact),
        (Field::Urgency, &f.urgency),
        (Field::Team, &f.team),
        (Field::Assignee, &f.assignee),
    ];
    let picked = [Field::Department, Field::Service, Field::Category, Field::Subcategory];
    pairs
        .into_iter()
        .filter_map(|(field, v)| {
            let v = v.as_deref()?;
            Some((field, Some(if picked.contains(&field) { stored(v) } else { v.to_string() })))
        })
        .collect()
}

/// A pick-list value as typed, in either language's name for a seed value.
fn stored(typed: &str) -> String {
    crate::domain::reference::stored_name(typed).to_string()
}

fn update(config: &Config, store: &Store, args: UpdateArgs) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let id = parse_number(config, &args.number)?;
    let mut changes = edits(&args.fields);
    if let Some(status) = &args.status {
        changes.push((Field::Status, Some(status.clone())));
    }
    for (field, value) in [
        (Field::Priority, &args.priority),
        (Field::Cause, &args.cause),
        (Field::Measures, &args.measures),
        (Field::Solution, &args.solution),
    ] {
        if let Some(value) = value {
            changes.push((field, Some(value.clone())));
        }
    }
    if changes.is_empty() {
        bail!(t.cli.nothing_to_change);
    }
    let actor = crate::service::Actor::new(&config.user, Utc::now());
    let result = crate::service::work::edit(store, actor, id, args.expect_version, &changes, args.reason.as_deref());
    // On the command line the reason is an option: name it.
    if let Err(crate::store::StoreError::Classification(
        crate::domain::classification::ClassificationError::ReasonRequired,
    )) = &result
    {
        bail!("{} (--reason)", t.form.wizard_reason_required);
    }
    let (ticket, made) = result.localized(config)?;
    let number = config.numbers.format(id);
    if args.json {
        return print_json(&TicketJson { number, ticket: &ticket, sla: None, events: None });
    }
    if made.is_empty() {
        say(&(t.cli.unchanged)(&number))?;
    } else {
        say(&(t.cli.updated)(&number, made.len()))?;
    }
    Ok(())
}

/// `meldpunt demo`: many tickets with a progress bar on stderr.
pub fn demo(config: &Config, store: &Store, count: u64, seed: u64) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    let bar = indicatif::ProgressBar::new(count);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message((t.demo_loading)(count));
    // This process reads nothing else meanwhile.
    store.set_alone(true);
    let stored = load_demo(store, &config.seed, config.language.code(), count, seed, Utc::now(), |n| {
        if n % 1000 == 0 {
            bar.set_position(n);
        }
    })
    .localized(config)?;
    bar.finish_and_clear();
    note(&(t.demo_loaded)(stored));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_names() {
        let t = crate::i18n::Language::En.catalogue();
        assert_eq!(sort_column(t, "Age").unwrap(), SortColumn::Age);
        assert!(sort_column(t, "colour").unwrap_err().to_string().contains("'colour' is not one of"));
    }

    #[test]
    fn only_named_fields_are_edited() {
        let f = FieldArgs { title: Some("x".into()), team: Some(String::new()), ..Default::default() };
        assert_eq!(edits(&f), vec![(Field::Title, Some("x".into())), (Field::Team, Some(String::new()))]);
    }
}
