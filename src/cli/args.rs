//! The arguments of the subcommands, as clap reads them.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file; a .gz file is read as it is.
    pub file: std::path::PathBuf,
    /// csv (with --preset) or json (a meldpunt export).
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// The form of a CSV file: servicenow (its incident audit log, a snapshot per row).
    #[arg(long, default_value = "servicenow")]
    pub preset: String,
    /// A CSV file with a row per ticket, read through this mapping (TOML: columns, values,
    /// date_format, timezone); instead of --preset.
    #[arg(long)]
    pub mapping: Option<std::path::PathBuf>,
    /// The time zone of the file's dates (IANA name); default UTC.
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
    /// Read and check everything, store nothing: counts and the first errors.
    #[arg(long)]
    pub dry_run: bool,
    /// A ticket whose number is there already: skip or update.
    #[arg(long, default_value = "skip")]
    pub existing: String,
    /// Also bring in the people of a meldpunt export (an admin's); settings never come in.
    #[arg(long)]
    pub with_people: bool,
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Print, as JSON, everything held about a reporter: their tickets with closing fields,
    /// feedback, review, messages and history, and every other record that mentions them.
    Export {
        /// Their e-mail address, name or phone number (any case, any formatting).
        #[arg(long)]
        reporter: String,
    },
    /// Erase a reporter: anonymised in their tickets, and every mention of their name, address or
    /// phone number removed everywhere, also from the search index, freed pages and the
    /// write-ahead log; the statistics stay. Lists backups next to the database that still hold them.
    Erase {
        /// Their e-mail address, name or phone number (any case, any formatting).
        #[arg(long)]
        reporter: String,
    },
    /// Anonymise the reporters of tickets closed more than N months ago (`retention_months` in the
    /// config, or --months); a dry run unless --apply.
    Retention {
        #[arg(long, value_parser = |s: &str| within::<u32>(s, 1, 1200))]
        months: Option<u32>,
        #[arg(long)]
        apply: bool,
    },
    /// The privacy actions taken: who, when, what, how many records.
    Log,
}

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// Every setting with its value.
    List,
    /// Change a setting.
    Set { key: String, value: String },
}

#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    /// The instant at which a duration of business time has passed.
    Due {
        /// A calendar of the config, or "always".
        #[arg(long)]
        calendar: String,
        /// The start, e.g. 2026-11-23T16:00:00+01:00.
        #[arg(long)]
        start: String,
        /// Business time: 45s, 90m, 4h, 4h30m, 2d; at most 366d.
        #[arg(long)]
        duration: String,
        #[arg(long)]
        json: bool,
    },
    /// The business time between two instants.
    Elapsed {
        #[arg(long)]
        calendar: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Register a new ticket.
    New(Box<NewArgs>),
    /// List tickets, newest first.
    List(ListArgs),
    /// Show one ticket with its timeline.
    Show {
        /// The ticket number, e.g. INC-000123 or 123.
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Change fields of a ticket.
    Update(Box<UpdateArgs>),
    /// Give a ticket to a team (left out: its own team, else the routing rules' choice) and a person.
    Assign {
        number: String,
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        person: Option<String>,
    },
    /// Escalate: to the 2nd or 3rd line, a supplier, or a lead's attention.
    Escalate {
        number: String,
        /// line2, line3, supplier or lead.
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        /// The team of that line (default: by the routing rules).
        #[arg(long)]
        team: Option<String>,
        /// The supplier's name, with --to supplier.
        #[arg(long)]
        supplier: Option<String>,
        /// With --to lead: the lead to ask (default: the ticket's team lead).
        #[arg(long, value_name = "LOGIN")]
        lead: Option<String>,
    },
    /// Mark what a lead's attention was asked for as handled.
    Handled {
        number: String,
        /// What was done.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move a ticket along its lifecycle.
    Status {
        number: String,
        /// new, assigned, in_progress, waiting_customer, waiting_supplier, resolved or closed.
        status: String,
        /// Resolving a major incident: its open linked incidents too, all or none.
        #[arg(long)]
        with_linked: bool,
    },
    /// Add an internal work note.
    Note { number: String, text: String },
    /// Message the reporter from a template (or your own text).
    Notify {
        number: String,
        /// confirmation, progress, no_news, delay or resolved.
        #[arg(long, default_value = "progress")]
        template: String,
        #[arg(long)]
        subject: Option<String>,
        /// The text instead of the template's.
        #[arg(long)]
        body: Option<String>,
        /// Only write it down (told by phone or in person).
        #[arg(long)]
        record_only: bool,
        /// Also to the reporters of the incidents linked to this major incident.
        #[arg(long)]
        to_linked: bool,
    },
    /// Make a ticket a major incident.
    Major {
        number: String,
        #[arg(long)]
        coordinator: String,
        #[arg(long)]
        communication: String,
    },
    /// Link a ticket to a major incident.
    Link {
        number: String,
        #[arg(long)]
        major: String,
    },
    /// Close a resolved ticket with a closure code; the checklist must be complete.
    Close(Box<CloseArgs>),
    /// Tick checklist items (names as in `ticket check N`), or show the checklist.
    Check {
        number: String,
        items: Vec<String>,
        /// Untick instead.
        #[arg(long)]
        undo: bool,
    },
    /// Close a ticket as a duplicate of another.
    Duplicate {
        number: String,
        /// The original ticket.
        #[arg(long)]
        of: String,
    },
    /// Restrict a ticket (a security incident, say) to these teams, besides its assignee, leads and admins;
    /// without teams, everyone sees it again.
    Restrict {
        number: String,
        #[arg(long)]
        team: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// daily, sla, times, fcr, reassignments, satisfaction, volume, recurring or backlog.
    pub name: String,
    /// today, week, 7d, month or last_month (default 7d; daily is always today).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// The first day, e.g. 2026-11-01 (with --to).
    #[arg(long, requires = "to")]
    pub from: Option<String>,
    /// The last day, included.
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// P1 to P4.
    #[arg(long)]
    pub priority: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub service: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    /// table, csv, json or markdown.
    #[arg(long, default_value = "table")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    pub number: String,
    /// A closure code of the config, e.g. solved, workaround, no_fault, cancelled.
    #[arg(long)]
    pub code: String,
    #[arg(long)]
    pub cause: Option<String>,
    /// The measures taken.
    #[arg(long)]
    pub measures: Option<String>,
    /// The final solution.
    #[arg(long)]
    pub solution: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Show the review of a ticket.
    Show {
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Write or change the review; fields left out keep their text.
    Set(Box<ReviewArgs>),
    /// The review as a Markdown document, with the incident's timeline.
    Export {
        number: String,
        /// Write to this file instead of printing.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace an existing file (never a link or the database itself).
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    pub number: String,
    #[arg(long)]
    pub what_happened: Option<String>,
    #[arg(long)]
    pub cause: Option<String>,
    #[arg(long)]
    pub went_well: Option<String>,
    #[arg(long)]
    pub went_badly: Option<String>,
    #[arg(long)]
    pub recommendations: Option<String>,
    /// An action, "what | who | 2026-12-01"; repeat for more. Replaces the list.
    #[arg(long = "action")]
    pub actions: Vec<String>,
    /// Mark the review complete (what happened, cause and recommendations needed).
    #[arg(long)]
    pub complete: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProblemCommand {
    /// Problems with the number of incidents linked to each.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Open a problem, linking the incidents named.
    New {
        #[arg(long)]
        title: String,
        /// An incident to link; repeat for more.
        #[arg(long = "incident")]
        incidents: Vec<String>,
    },
    /// A problem with its incidents.
    Show {
        /// PRB-000001 or 1.
        problem: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a problem: status, root cause, workaround, permanent fix.
    Update(Box<ProblemArgs>),
    /// Link incidents to a problem.
    Link {
        problem: String,
        #[arg(required = true)]
        incidents: Vec<String>,
    },
    /// Take incidents off their problem.
    Unlink {
        #[arg(required = true)]
        incidents: Vec<String>,
    },
    /// Incidents of the same service and category without a problem.
    Recurring {
        #[arg(long, default_value_t = 30, value_parser = |s: &str| within::<i64>(s, 1, 36_500))]
        days: i64,
        /// At least this many incidents.
        #[arg(long, default_value_t = 3, value_parser = |s: &str| within::<u64>(s, 1, 1_000_000))]
        min: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ProblemArgs {
    pub problem: String,
    #[arg(long)]
    pub title: Option<String>,
    /// open, known_error or resolved.
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub root_cause: Option<String>,
    #[arg(long)]
    pub workaround: Option<String>,
    #[arg(long)]
    pub fix: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Search articles (all of them without words).
    Search {
        words: Vec<String>,
        #[arg(long, default_value_t = 20, value_parser = |s: &str| within::<usize>(s, 1, 10_000))]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Write an article.
    Add(Box<ArticleArgs>),
    /// Show an article.
    Show {
        /// KB-000001 or 1.
        article: String,
        #[arg(long)]
        json: bool,
    },
    /// Record that an article was used on an incident.
    Apply { article: String, number: String },
}

#[derive(Debug, Args)]
pub struct ArticleArgs {
    #[arg(long)]
    pub title: String,
    /// The text; "-" reads it from standard input.
    #[arg(long)]
    pub body: String,
    /// A tag; repeat for more.
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub service: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    Add {
        name: String,
        /// Support line: 1, 2 or 3.
        #[arg(long, default_value_t = 1, value_parser = |s: &str| within::<u8>(s, 1, 3))]
        line: u8,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long, default_value_t = 1, value_parser = |s: &str| within::<u8>(s, 1, 3))]
        line: u8,
        /// operator, technician, lead or admin.
        #[arg(long, default_value = "operator")]
        role: String,
        /// A team to be in; repeat for more.
        #[arg(long = "team")]
        teams: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        login: String,
    },
}

/// Fields of a ticket as options; shared by `new` and `update`.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    #[arg(long)]
    pub title: Option<String>,
    /// Symptoms and details.
    #[arg(long)]
    pub description: Option<String>,
    /// incident or request.
    #[arg(long)]
    pub kind: Option<String>,
    /// Name of the person reporting.
    #[arg(long)]
    pub reporter: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    /// phone, email, chat, portal, walk_in or monitoring.
    #[arg(long)]
    pub channel: Option<String>,
    /// The affected service or system.
    #[arg(long)]
    pub service: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub subcategory: Option<String>,
    /// 1 (whole organisation) to 4 (one person).
    #[arg(long)]
    pub impact: Option<String>,
    /// 1 (work stopped) to 4 (can wait).
    #[arg(long)]
    pub urgency: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub fields: FieldArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The ticket number, e.g. INC-000123 or 123.
    pub number: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// new, assigned, in_progress, waiting_customer, waiting_supplier, resolved or closed.
    #[arg(long)]
    pub status: Option<String>,
    /// P1 to P4; normally derived from impact and urgency.
    #[arg(long)]
    pub priority: Option<String>,
    /// Why the priority differs from the matrix's (needed then; kept in the timeline).
    #[arg(long, requires = "priority")]
    pub reason: Option<String>,
    /// What caused it (for closing).
    #[arg(long)]
    pub cause: Option<String>,
    /// The measures taken.
    #[arg(long)]
    pub measures: Option<String>,
    /// The final solution.
    #[arg(long)]
    pub solution: Option<String>,
    /// Refuse the change if the ticket is no longer at this version.
    #[arg(long, value_name = "VERSION", value_parser = |s: &str| within::<i64>(s, 1, i64::MAX as u64))]
    pub expect_version: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include resolved and closed tickets.
    #[arg(long)]
    pub all: bool,
    /// Only tickets assigned to me.
    #[arg(long)]
    pub mine: bool,
    #[arg(long)]
    pub unassigned: bool,
    /// Only tickets of my teams.
    #[arg(long)]
    pub my_team: bool,
    #[arg(long)]
    pub priority: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// Only escalated tickets (another line, a supplier or a lead).
    #[arg(long)]
    pub escalated: bool,
    /// Only tickets waiting for the customer or a supplier.
    #[arg(long)]
    pub waiting: bool,
    /// Only tickets whose lead's attention is asked of me.
    #[arg(long)]
    pub asked_of_me: bool,
    /// Words to find in number, title, description or reporter.
    #[arg(long)]
    pub search: Option<String>,
    /// number, priority, status, title, team, assignee or age.
    #[arg(long, default_value = "number")]
    pub sort: String,
    /// Sort ascending (default: the column's natural order).
    #[arg(long, conflicts_with = "desc")]
    pub asc: bool,
    #[arg(long)]
    pub desc: bool,
    #[arg(long, default_value_t = 50, value_parser = |s: &str| within::<usize>(s, 1, 100_000))]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

/// A count from `min` to `max`; any other text, a huge number too, names the range.
pub(crate) fn within<T: TryFrom<u64>>(text: &str, min: u64, max: u64) -> Result<T, super::help::OutOfRange> {
    let refused = || super::help::OutOfRange { text: text.trim().to_string(), min, max };
    match text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => T::try_from(n).map_err(|_| refused()),
        _ => Err(refused()),
    }
}
