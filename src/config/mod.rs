//! The user's configuration: one optional TOML file. Every section may be
//! left out; what is missing takes its default. Errors name the file, the
//! line and the key.

mod closure;
pub(crate) mod error;
mod paths;
mod policy;
mod problem;

pub use error::ConfigError;
pub use paths::{default_config_path, default_database_path};
pub use problem::ConfigProblem;

use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

use crate::domain::mail::MailSettings;
use crate::domain::reference::ReferenceData;
use crate::domain::template::{TemplateName, Templates};
use crate::domain::{NumberFormat, Policy};
use crate::i18n::Language;
use crate::keymap::{Keymap, KeymapTable};

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    user: Option<String>,
    language: Option<Language>,
    database: Option<Spanned<String>>,
    number_prefix: Option<Spanned<String>>,
    #[serde(default)]
    keymap: KeymapTable,
    seed: Option<ReferenceData>,
    impact: Option<Vec<policy::LevelFile>>,
    urgency: Option<Vec<policy::LevelFile>>,
    matrix: Option<toml::Spanned<indexmap::IndexMap<String, toml::Spanned<Vec<crate::domain::Priority>>>>>,
    sla: Option<policy::SlaFile>,
    #[serde(default)]
    calendars: indexmap::IndexMap<String, toml::Spanned<crate::domain::calendar::CalendarSpec>>,
    routing: Option<Vec<crate::domain::routing::RoutingRule>>,
    reopen_days: Option<Spanned<i64>>,
    first_contact_minutes: Option<Spanned<i64>>,
    database_mode: Option<Spanned<String>>,
    retention_months: Option<Spanned<u32>>,
    closure: Option<closure::ClosureFile>,
    mail: Option<MailFile>,
    /// Ring the terminal bell once when a customer update falls due.
    update_bell: Option<bool>,
}

/// `[mail]`: how messages to reporters leave.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailFile {
    /// Reads a whole message (headers, blank line, body) on its input, e.g. `sendmail -t -i`.
    command: Option<String>,
    from: Option<String>,
}

/// What the process knows about its surroundings, passed in so that tests
/// need not change the real environment.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
    /// The operating-system login name (`uid:4242` for a user id the user
    /// database does not know).
    pub os_user: Option<String>,
}

impl Environment {
    pub fn from_process() -> Environment {
        let var = |name| std::env::var(name).ok();
        Environment {
            lc_all: var("LC_ALL"),
            lc_messages: var("LC_MESSAGES"),
            lang: var("LANG"),
            // From the real user id, never from $USER or $LOGNAME.
            os_user: crate::identity::os_login(),
        }
    }
}

/// The configuration in effect.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from, if one existed.
    pub source: Option<PathBuf>,
    /// Who is working: recorded on every event. The config's `user` where
    /// it has one, else the login name; see `identity` for which is believed.
    pub user: String,
    /// The `user` the config file names, if any.
    pub named_user: Option<String>,
    /// The login name of the operating system.
    pub os_user: Option<String>,
    pub language: Language,
    pub database: Option<PathBuf>,
    /// Permissions of a database file (and folder) meldpunt creates.
    pub database_mode: u32,
    /// Reporters of tickets closed longer ago than this are anonymised by
    /// `meldpunt privacy retention --apply`.
    pub retention_months: Option<u32>,
    pub numbers: NumberFormat,
    pub keymap: Keymap,
    pub seed: ReferenceData,
    pub policy: Policy,
    /// Message templates: built in, with the user's own laid over them.
    pub templates: Templates,
    /// Without a mail command, messages can only be recorded.
    pub mail: Option<MailSettings>,
    /// Ring the terminal bell once when a customer update falls due (off by default).
    pub update_bell: bool,
}

impl Config {
    /// Reads the config file. An explicitly named file must exist; the
    /// default file may be missing, which means all defaults.
    pub fn load(explicit: Option<&Path>, env: &Environment) -> Result<Config, ConfigError> {
        let (path, required) = match explicit {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (default_config_path(), false),
        };
        let Some(path) = path else {
            return Config::from_toml("", None, env);
        };
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::from_toml(&text, Some(&path), env)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Config::from_toml("", None, env)?,
            Err(e) => return Err(ConfigError::io(&path, &e)),
        };
        if let Some(folder) = path.parent() {
            config.read_templates(&folder.join("templates"))?;
        }
        Ok(config)
    }

    /// Lays the user's own templates over the built-in ones:
    /// `templates/en/resolved.txt`, `templates/nl/progress.txt`, …
    pub fn read_templates(&mut self, folder: &Path) -> Result<(), ConfigError> {
        for language in ["en", "nl"] {
            for name in TemplateName::ALL {
                let file = folder.join(language).join(format!("{}.txt", name.code()));
                match std::fs::read_to_string(&file) {
                    Ok(text) => self.templates.set(language, *name, &text),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(ConfigError::io(&file, &e)),
                }
            }
        }
        Ok(())
    }

    /// Builds the configuration from TOML text; `file` is used in errors.
    pub fn from_toml(text: &str, file: Option<&Path>, env: &Environment) -> Result<Config, ConfigError> {
        let shown = file.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("(defaults)"));
        let parsed: ConfigFile = error::deserialize(text, &shown)?;
        let keymap = Keymap::with_overrides(&parsed.keymap).map_err(|e| ConfigError::keymap(&shown, text, e))?;
        let mut policy = policy::build(
            policy::PolicyFile {
                impact: parsed.impact,
                urgency: parsed.urgency,
                matrix: parsed.matrix,
                sla: parsed.sla,
                calendars: parsed.calendars,
                routing: parsed.routing,
                reopen_days: parsed.reopen_days,
                first_contact_minutes: parsed.first_contact_minutes,
            },
            &shown,
            text,
        )?;
        policy.closure = closure::build(parsed.closure, &shown, text)?;
        let language = parsed.language.unwrap_or_else(|| {
            Language::from_locale(env.lc_all.as_deref(), env.lc_messages.as_deref(), env.lang.as_deref())
        });
        let named_user = parsed.user.filter(|u| !u.trim().is_empty());
        let user = named_user.clone().or_else(|| env.os_user.clone()).unwrap_or_else(|| "unknown".to_string());
        Ok(Config {
            source: file.map(Path::to_path_buf),
            user,
            named_user,
            os_user: env.os_user.clone(),
            language,
            database: database(parsed.database, &shown, text)?,
            database_mode: file_mode(parsed.database_mode, &shown, text)?,
            retention_months: retention(parsed.retention_months, &shown, text)?,
            numbers: number_format(parsed.number_prefix, &shown, text)?,
            keymap,
            seed: parsed.seed.unwrap_or_default(),
            policy,
            templates: Templates::default(),
            update_bell: parsed.update_bell.unwrap_or(false),
            mail: parsed.mail.and_then(|m| {
                m.command.filter(|c| !c.trim().is_empty()).map(|command| MailSettings { command, from: m.from })
            }),
        })
    }
}

/// The database: a file's path, or a server's URL or conninfo, which may
/// not hold a password (the config is read by more people than should know it).
fn database(given: Option<Spanned<String>>, file: &Path, text: &str) -> Result<Option<PathBuf>, ConfigError> {
    let Some(given) = given else { return Ok(None) };
    if crate::domain::storage::holds_password(given.get_ref()) {
        return Err(ConfigError::at_key(file, text, "database", Some(given.span()), ConfigProblem::DatabasePassword));
    }
    Ok(Some(PathBuf::from(given.into_inner())))
}

/// An octal permission such as "0660"; the owner must be able to read and write.
fn file_mode(mode: Option<Spanned<String>>, file: &Path, text: &str) -> Result<u32, ConfigError> {
    let Some(mode) = mode else { return Ok(crate::domain::storage::DEFAULT_MODE) };
    match u32::from_str_radix(mode.get_ref().trim().trim_start_matches("0o"), 8) {
        Ok(m) if m <= 0o777 && m & 0o600 == 0o600 => Ok(m),
        _ => {
            let problem = ConfigProblem::FileMode(mode.get_ref().clone());
            Err(ConfigError::at_key(file, text, "database_mode", Some(mode.span()), problem))
        }
    }
}

/// A retention period in months, within what `privacy retention --months` takes.
fn retention(months: Option<Spanned<u32>>, file: &Path, text: &str) -> Result<Option<u32>, ConfigError> {
    let Some(months) = months else { return Ok(None) };
    let value = *months.get_ref();
    if (1..=1200).contains(&value) {
        return Ok(Some(value));
    }
    Err(ConfigError::at_key(file, text, "retention_months", Some(months.span()), ConfigProblem::RetentionMonths(value)))
}

/// A text of the config that is shown to people (a level's or a code's
/// label): plain text, without control, direction-changing or invisible
/// characters, which would make it show something else than it says.
pub(crate) fn plain_label(label: &Spanned<String>, key: &str, file: &Path, text: &str) -> Result<(), ConfigError> {
    let value = label.get_ref();
    if value.chars().any(crate::domain::text::is_unsafe) {
        return Err(ConfigError::at_key(file, text, key, Some(label.span()), ConfigProblem::NotPlain(value.clone())));
    }
    Ok(())
}

/// The prefix is shown everywhere: it must be plain, printable text.
fn number_format(prefix: Option<Spanned<String>>, file: &Path, text: &str) -> Result<NumberFormat, ConfigError> {
    let Some(prefix) = prefix else { return Ok(NumberFormat::default()) };
    let value = prefix.get_ref();
    let unsafe_char = |c: char| crate::domain::text::is_unsafe(c) || c.is_ascii_digit();
    if value.chars().count() > 10 || value.chars().any(unsafe_char) {
        let problem = ConfigProblem::NumberPrefix(value.clone());
        return Err(ConfigError::at_key(file, text, "number_prefix", Some(prefix.span()), problem));
    }
    Ok(NumberFormat::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        Environment { lang: Some("nl_NL.UTF-8".into()), os_user: Some("jdevries".into()), ..Default::default() }
    }

    #[test]
    fn the_update_bell_is_off_unless_the_config_turns_it_on() {
        assert!(!Config::from_toml("", None, &env()).unwrap().update_bell);
        assert!(Config::from_toml("update_bell = true", None, &env()).unwrap().update_bell);
        assert!(Config::from_toml("update_bell = \"loud\"", None, &env()).is_err(), "a yes or no");
    }

    #[test]
    fn empty_file_gives_defaults_from_the_environment() {
        let c = Config::from_toml("", None, &env()).unwrap();
        assert_eq!(c.user, "jdevries");
        assert_eq!(c.language, Language::Nl);
        assert_eq!(c.numbers.format(5), "INC-000005");
        assert_eq!(c.seed, ReferenceData::default());
    }

    #[test]
    fn settings_override_the_environment() {
        let text = "user = \"operator1\"\nlanguage = \"en\"\nnumber_prefix = \"SD-\"\n";
        let c = Config::from_toml(text, None, &env()).unwrap();
        assert_eq!((c.user.as_str(), c.language), ("operator1", Language::En));
        assert_eq!(c.numbers.format(5), "SD-000005");
    }

    #[test]
    fn keymap_overrides_read_arguments_and_older_names_and_say_where_a_name_is_wrong() {
        use crate::keymap::{Command, FilterName, KeyChord, Layer, ViewName};
        let text = "[keymap.queue]\n\"x\" = \"view team\"\n\"z\" = \"filter_mine\"\n";
        let c = Config::from_toml(text, None, &env()).unwrap();
        let key = |s| KeyChord::parse(s).unwrap();
        assert_eq!(c.keymap.resolve(Layer::Queue, &key("x")), Some(Command::View(ViewName::Team)));
        assert_eq!(c.keymap.resolve(Layer::Queue, &key("z")), Some(Command::Filter(FilterName::Mine)));
        let text = "user = \"an\"\n[keymap.queue]\n\"x\" = \"view nobody\"\n";
        let err = Config::from_toml(text, Some(Path::new("config.toml")), &env()).unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(3), Some("keymap.queue.\"x\"")));
        assert!(err.to_string().contains("unknown command 'view nobody'"), "{err}");
    }

    #[test]
    fn a_partial_seed_section_keeps_other_defaults() {
        let text = "[seed]\nservices = [\"Kassa\"]\n";
        let c = Config::from_toml(text, None, &env()).unwrap();
        assert_eq!(c.seed.services, vec!["Kassa".to_string()]);
        assert_eq!(c.seed.teams, ReferenceData::default().teams);
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    /// The example file documents the defaults: it must parse, and its seed
    /// section must be exactly the built-in default.
    #[test]
    fn config_example_is_valid_and_shows_the_defaults() {
        let text = include_str!("../../config.example.toml");
        let c = Config::from_toml(text, Some(Path::new("config.example.toml")), &Environment::default()).unwrap();
        assert_eq!(c.seed, ReferenceData::default());
        assert_eq!(c.policy, Policy::default());
    }
}
