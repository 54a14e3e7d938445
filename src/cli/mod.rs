//! The command line: the second front door to the same domain and store.

mod output;
mod sla;
mod ticket;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use crate::config::Config;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(name = "meldpunt", version, about = "A terminal helpdesk for IT incident management")]
pub struct Cli {
    /// The database file (default: `database` in the config, else the platform data folder).
    #[arg(long, global = true, env = "MELDPUNT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file (default: config.toml in the platform config folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database, or migrate it to this version's schema.
    Init,
    /// Fill the database with realistic demo incidents.
    Demo {
        /// How many tickets to create.
        #[arg(long, default_value_t = 1000)]
        tickets: u64,
        /// The random seed: the same seed gives the same tickets.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Register, list, show and change tickets.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Business-time arithmetic with the calendars of the config (no database needed).
    #[command(subcommand)]
    Sla(SlaCommand),
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
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
        /// Business time: 45s, 90m, 4h, 4h30m, 2d.
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
    /// Refuse the change if the ticket is no longer at this version.
    #[arg(long, value_name = "VERSION")]
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
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

/// Store failures on the command line, in the user's language.
pub(crate) trait Localized<T> {
    fn localized(self, config: &Config) -> anyhow::Result<T>;
}

impl<T> Localized<T> for crate::store::Result<T> {
    fn localized(self, config: &Config) -> anyhow::Result<T> {
        self.map_err(|e| anyhow::anyhow!(config.language.catalogue().store_error(&e, &config.numbers)))
    }
}

pub use sla::run as run_sla;

/// Runs a subcommand that needs the database.
pub fn run(command: Command, config: &Config, store: &Store) -> anyhow::Result<()> {
    match command {
        Command::Init => {
            let t = config.language.catalogue();
            store.seed_reference(&config.seed).localized(config)?;
            println!("{}", (t.cli_initialised)(&store.path().display().to_string(), crate::store::SCHEMA_VERSION));
            Ok(())
        }
        Command::Demo { tickets, seed } => ticket::demo(config, store, tickets, seed),
        Command::Ticket(command) => ticket::run(command, config, store),
        Command::Completions { .. } | Command::Sla(_) => unreachable!("handled before the database is opened"),
    }
}
