//! The `meldpunt` binary: parse the command line, load the config, then run
//! the TUI or a subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory, Parser};

use meldpunt::app::executor::Executor;
use meldpunt::app::state::{AppState, Context};
use meldpunt::cli::{Cli, Command};
use meldpunt::config::{Config, Environment, default_database_path};
use meldpunt::domain::text::inert;
use meldpunt::i18n::Language;
use meldpunt::store::Store;
use meldpunt::ui::theme::Theme;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Completions { shell }) = &cli.command {
        clap_complete::generate(*shell, &mut Cli::command(), "meldpunt", &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    let env = Environment::from_process();
    let config = match Config::load(cli.config.as_deref(), &env) {
        Ok(c) => c,
        Err(e) => {
            let language =
                Language::from_locale(env.lc_all.as_deref(), env.lc_messages.as_deref(), env.lang.as_deref());
            eprintln!("meldpunt: {}", inert(&e.localized(language.catalogue())));
            return ExitCode::from(2);
        }
    };
    match run(cli, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meldpunt: {}", inert(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn database_path(cli: &Cli, config: &Config) -> anyhow::Result<PathBuf> {
    cli.db
        .clone()
        .or_else(|| config.database.clone())
        .or_else(default_database_path)
        .context(config.language.catalogue().no_database_path)
}

fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    if let Some(Command::Sla(command)) = cli.command {
        return meldpunt::cli::run_sla(command, &config);
    }
    let path = database_path(&cli, &config)?;
    let t = config.language.catalogue();
    let store = Store::open(&path)
        .map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?
        .with_policy(config.policy.clone());
    match cli.command {
        Some(command) => meldpunt::cli::run(command, &config, &store),
        None => tui(config, store, path),
    }
}

fn tui(config: Config, store: Store, path: PathBuf) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    store.seed_reference(&config.seed).map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?;
    let ctx = Context::from_config(&config, path, Theme::color_from_env());
    let mut executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone())
        .with_mail(config.mail.clone());
    let mut screen = meldpunt::terminal::enter()?;
    let size = screen.terminal.size()?;
    let mut state = AppState::new(ctx, size.width, size.height, chrono::Utc::now());
    meldpunt::app::run::run(&mut screen.terminal, &mut state, &mut executor)?;
    Ok(())
}
