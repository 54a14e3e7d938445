//! The `meldpunt` binary: parse the command line, load the config, then run
//! the TUI or a subcommand.
// Output goes through `meldpunt::cli::output`: inert for people, and a
// closed pipe or a full disk is an error to report, not a panic.
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::FromArgMatches;

use meldpunt::app::executor::Executor;
use meldpunt::app::state::{AppState, Context};
use meldpunt::cli::output::{OutputFailed, data, note};
use meldpunt::cli::{Cli, Command};
use meldpunt::config::{Config, Environment, default_database_path};
use meldpunt::domain::text::inert;
use meldpunt::i18n::Language;
use meldpunt::store::{Location, Store};
use meldpunt::ui::theme::Theme;

fn main() -> ExitCode {
    let env = Environment::from_process();
    let locale = Language::from_locale(env.lc_all.as_deref(), env.lc_messages.as_deref(), env.lang.as_deref());
    let args: Vec<OsString> = std::env::args_os().collect();
    // The config names the language, also of the help and of clap's refusals:
    // read it before the command line is parsed (a broken one is named later).
    let named = named_config(&args);
    let early = Config::load(named.as_deref(), &env);
    let language = early.as_ref().map_or(locale, |c| c.language);
    let bin_name = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_name())
        .map_or_else(|| "meldpunt".to_string(), |n| n.to_string_lossy().into_owned());
    let mut command = meldpunt::cli::help::command(language, &bin_name);
    let parsed = command.try_get_matches_from_mut(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version into a pipe or file: written like all output, so a
        // closed pipe ends quietly and a full disk is named.
        Err(e) if !e.use_stderr() && !std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            return ended(data(&e.render().to_string()), language);
        }
        Err(e) if !e.use_stderr() => e.exit(),
        // A wrong argument is repeated inert, like every error.
        Err(e) => {
            note(meldpunt::cli::help::error_text(&e, language).trim_end());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    if let Some(Command::Completions { shell }) = &cli.command {
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut command, "meldpunt", &mut script);
        return ended(data(&String::from_utf8_lossy(&script)), language);
    }
    let loaded = if cli.config == named { early } else { Config::load(cli.config.as_deref(), &env) };
    let config = match loaded {
        Ok(c) => c,
        Err(e) => {
            note(&format!("meldpunt: {}", inert(&e.localized(locale.catalogue()))));
            return ExitCode::from(2);
        }
    };
    let language = config.language;
    ended(run(cli, config), language)
}

/// The file `--config` names, read as clap will read it.
fn named_config(args: &[OsString]) -> Option<PathBuf> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--config" {
            return rest.next().map(PathBuf::from);
        }
        if let Some(path) = text.strip_prefix("--config=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// The exit status of a run, with its error on standard error. A reader
/// that went away (`| head`) ends it quietly and successfully; output that
/// could not be written otherwise (a full disk) is named as such.
fn ended(result: anyhow::Result<()>, language: Language) -> ExitCode {
    let Err(e) = result else { return ExitCode::SUCCESS };
    if let Some(failed) = e.downcast_ref::<OutputFailed>() {
        if failed.is_closed_pipe() {
            return ExitCode::SUCCESS;
        }
        let said = (language.catalogue().cli.output_failed)(&failed.to_string());
        // What was done before the output failed (e.g. the ticket was created) comes first.
        let done = e.to_string();
        if done == failed.to_string() {
            note(&format!("meldpunt: {said}"));
        } else {
            note(&format!("meldpunt: {}: {said}", inert(&done)));
        }
        return ExitCode::FAILURE;
    }
    note(&format!("meldpunt: {}", inert(&format!("{e:#}"))));
    ExitCode::FAILURE
}

/// Where the database is: `--db` (or `MELDPUNT_DB`), the config's
/// `database`, or the default file.
fn database_location(cli: &Cli, config: &Config) -> anyhow::Result<Location> {
    let t = config.language.catalogue();
    let parsed = match (&cli.db, &config.database) {
        (Some(named), _) => Location::named(named.as_os_str(), false),
        (None, Some(configured)) => Location::named(configured.as_os_str(), true),
        (None, None) => return Ok(Location::File(default_database_path().context(t.no_database_path)?)),
    };
    parsed.map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))
}

/// Where the screen keeps its drafts: beside a database file, or for a
/// server in the user's own data folder, named after the server.
fn drafts_beside(location: &Location) -> PathBuf {
    match location {
        Location::File(path) => path.clone(),
        Location::Server(server) => {
            let name: String = server
                .to_string()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
                .collect();
            let folder = default_database_path().and_then(|p| p.parent().map(PathBuf::from)).unwrap_or_default();
            folder.join(name)
        }
    }
}

fn run(cli: Cli, mut config: Config) -> anyhow::Result<()> {
    if let Some(Command::Sla(command)) = cli.command {
        return meldpunt::cli::run_sla(command, &config);
    }
    if let Some(Command::Copy { from, to }) = &cli.command {
        return meldpunt::cli::copy(&config, from, to);
    }
    let location = database_location(&cli, &config)?;
    let t = config.language.catalogue();
    let options = meldpunt::store::files::OpenOptions { mode: config.database_mode, read_only: cli.read_only };
    let localized = |e: meldpunt::store::StoreError| anyhow::anyhow!(t.store_error(&e, &config.numbers));
    let store = match Store::open_at(&location, options) {
        Ok(store) => store.with_policy(config.policy.clone()),
        // A damaged file can still be looked into.
        Err(meldpunt::store::StoreError::Damaged { damage, path }) if matches!(cli.command, Some(Command::Check)) => {
            return meldpunt::cli::check_damaged(&config, &path, &damage);
        }
        Err(e) => return Err(localized(e)),
    };
    let who = meldpunt::identity::resolve(&config, store).map_err(localized)?;
    let store = who.store;
    // A new database starts with the config's pick lists, whatever command made it.
    if *store.opened() == meldpunt::store::Opened::Created
        && store.may(meldpunt::domain::access::Permission::ReferenceData)
    {
        store.seed_reference(&config.seed).map_err(localized)?;
    }
    // What the user should know before working: the file, and who they are.
    let mut notices: Vec<String> = store.warnings().iter().map(|w| t.open_warning(w)).collect();
    for grant in store.grants_left() {
        notices.push((t.cli.grant_for_dba)(&grant));
    }
    if let Some(named) = &who.ignored {
        let note = if store.server_login().is_some() { t.note_server_login } else { t.note_user_ignored };
        notices.push(note(named, &who.user));
    }
    if let meldpunt::domain::access::Identity::Unknown(login) = store.identity() {
        notices.push((t.err.unknown_user)(login));
    }
    config.user = who.user;
    match cli.command {
        Some(command) => {
            for notice in &notices {
                note(notice);
            }
            meldpunt::cli::run(command, &config, &store)
        }
        None => tui(config, store, drafts_beside(&location), notices),
    }
}

fn tui(config: Config, store: Store, path: PathBuf, notices: Vec<String>) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    if store.may(meldpunt::domain::access::Permission::ReferenceData) {
        store.seed_reference(&config.seed).map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?;
    }
    let mut ctx = Context::from_config(&config, path, Theme::color_from_env());
    ctx.read_only = store.is_read_only();
    ctx.names_trusted = store.config_names().map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?
        != meldpunt::domain::access::ConfigNames::NotBelieved;
    let executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone())
        .with_mail(config.mail.clone());
    let mut screen = meldpunt::terminal::enter()?;
    let size = screen.terminal.size()?;
    let mut state = AppState::new(ctx, size.width, size.height, chrono::Utc::now());
    if !notices.is_empty() {
        state.message = Some(meldpunt::app::state::Message::Error(notices.join(" ")));
    }
    meldpunt::app::run::run(&mut screen.terminal, &mut state, executor)?;
    Ok(())
}
