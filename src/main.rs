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
    let options = meldpunt::store::files::OpenOptions { mode: config.database_mode, read_only: cli.read_only };
    let store = Store::open_with(&path, options)
        .map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?
        .with_policy(config.policy.clone());
    match cli.command {
        Some(command) => {
            for warning in store.warnings() {
                eprintln!("{}", t.open_warning(warning));
            }
            meldpunt::cli::run(command, &config, &store)
        }
        None => tui(config, store, path),
    }
}

fn tui(config: Config, store: Store, path: PathBuf) -> anyhow::Result<()> {
    let t = config.language.catalogue();
    if !store.is_read_only() {
        store.seed_reference(&config.seed).map_err(|e| anyhow::anyhow!(t.store_error(&e, &config.numbers)))?;
    }
    let mut ctx = Context::from_config(&config, path, Theme::color_from_env());
    ctx.read_only = store.is_read_only();
    let notice: Vec<String> = store.warnings().iter().map(|w| t.open_warning(w)).collect();
    let mut executor = Executor::new(store, &config.user, config.numbers.clone(), config.language, config.seed.clone())
        .with_mail(config.mail.clone());
    let mut screen = meldpunt::terminal::enter()?;
    let size = screen.terminal.size()?;
    let mut state = AppState::new(ctx, size.width, size.height, chrono::Utc::now());
    if !notice.is_empty() {
        state.message = Some(meldpunt::app::state::Message::Error(notice.join(" ")));
    }
    meldpunt::app::run::run(&mut screen.terminal, &mut state, &mut executor)?;
    Ok(())
}
