//! The command line: the second front door to the same domain and store.
// Every write goes through `output`: inert for people, no panic on a
// closed pipe or a full disk.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod closing;
pub mod help;
mod import;
mod knowledge;
mod maintenance;
pub mod output;
mod people;
mod privacy;
mod report;
mod show;
mod sla;
mod ticket;
mod work;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub use args::*;

use crate::config::Config;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(name = "meldpunt", version, about = "A terminal helpdesk for IT incident management")]
pub struct Cli {
    /// The database file (default: `database` in the config, else the platform data folder).
    #[arg(long, global = true, env = "MELDPUNT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open the database read-only: look at everything, change nothing.
    #[arg(long, global = true)]
    pub read_only: bool,
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
        #[arg(long, default_value_t = 1000, value_parser = |s: &str| args::within::<u64>(s, 0, 10_000_000))]
        tickets: u64,
        /// The random seed: the same seed gives the same tickets.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Register, list, show and change tickets.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Teams that tickets are assigned to.
    #[command(subcommand)]
    Team(TeamCommand),
    /// People who work on tickets.
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Record the reporter's satisfaction with an incident: a score from 1 to 5 and a comment.
    Feedback {
        number: String,
        /// 1 (very dissatisfied) to 5 (very satisfied).
        #[arg(long, value_parser = |s: &str| args::within::<u8>(s, 1, 5))]
        score: u8,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Post-incident reviews: show, write, export as Markdown.
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Problems behind recurring incidents, with root cause, workaround and fix.
    #[command(subcommand)]
    Problem(ProblemCommand),
    /// The knowledge base: search, write and apply articles.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Reports: daily, sla, times, fcr, reassignments, satisfaction, volume, recurring, backlog.
    Report(Box<ReportArgs>),
    /// Bring in history from another helpdesk, in one transaction (all or nothing).
    Import(Box<ImportArgs>),
    /// Take everything out: json (every ticket with all its rows, and the reference data; imports back
    /// as it was) or csv (a row per ticket), on standard output.
    Export {
        #[arg(long, default_value = "json")]
        format: String,
        /// Tickets registered from this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// … up to and including this date.
        #[arg(long)]
        to: Option<String>,
    },
    /// Business-time arithmetic with the calendars of the config (no database needed).
    #[command(subcommand)]
    Sla(SlaCommand),
    /// AVG/GDPR: what is held about a reporter, erasing it, the retention period (an admin's; each logged).
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// Move everything, with its history, from one database to another, empty one (a SQLite file or a
    /// PostgreSQL server, either way); the counts and references are checked before it lands.
    Copy {
        /// The database to copy: a file, or a postgres:// URL or conninfo.
        #[arg(long, value_name = "DATABASE")]
        from: std::ffi::OsString,
        /// The empty database to copy into (made when it is not there).
        #[arg(long, value_name = "DATABASE")]
        to: std::ffi::OsString,
    },
    /// Copy the database to a new file while others keep working (SQLite's online backup, or pg_dump on a
    /// server); the copy is checked.
    Backup {
        /// Where the copy goes; an existing file is not overwritten.
        path: std::path::PathBuf,
        /// Replace an existing file (never a link or the database itself).
        #[arg(long)]
        force: bool,
    },
    /// Check the database: SQLite's integrity check, every reference between rows, the triggers
    /// that guard the history and search, and values of the wrong kind.
    Check,
    /// The audit trail: every change to people, roles, teams, settings, reference data, problems
    /// and knowledge articles, newest first (who, when, old → new).
    Audit {
        /// At most this many changes.
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Settings of the whole servicedesk (an admin's): trust_config_user, unknown_user_role.
    #[command(subcommand)]
    Setting(SettingCommand),
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
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

pub use maintenance::{check_damaged, copy};
pub use sla::run as run_sla;

/// Runs a subcommand that needs the database.
pub fn run(command: Command, config: &Config, store: &Store) -> anyhow::Result<()> {
    match command {
        Command::Init => {
            let t = config.language.catalogue();
            crate::service::settings::seed(store, &config.seed).localized(config)?;
            output::say(&(t.cli.initialised)(&store.location(), crate::store::SCHEMA_VERSION))
        }
        Command::Demo { tickets, seed } => ticket::demo(config, store, tickets, seed),
        Command::Ticket(command) => ticket::run(command, config, store),
        Command::Team(command) => people::team(command, config, store),
        Command::Agent(command) => people::agent(command, config, store),
        Command::Feedback { number, score, comment } => closing::feedback(config, store, &number, score, &comment),
        Command::Review(command) => closing::review(command, config, store),
        Command::Problem(command) => knowledge::problem(command, config, store),
        Command::Kb(command) => knowledge::kb(command, config, store),
        Command::Report(args) => report::run(*args, config, store),
        Command::Import(args) => import::run(*args, config, store),
        Command::Export { format, from, to } => import::export(config, store, &format, from.as_deref(), to.as_deref()),
        Command::Backup { path, force } => maintenance::backup(config, store, &path, force),
        Command::Check => maintenance::check(config, store),
        Command::Audit { limit, json } => maintenance::audit(config, store, limit, json),
        Command::Setting(command) => maintenance::setting(command, config, store),
        Command::Privacy(command) => privacy::run(command, config, store),
        Command::Completions { .. } | Command::Sla(_) | Command::Copy { .. } => {
            unreachable!("handled before the database is opened")
        }
    }
}
