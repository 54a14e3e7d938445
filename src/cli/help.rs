//! The command line's help and clap's refusals in the user's language. The
//! arguments stay clap derive (`args.rs`, English doc comments); for another
//! language the built command tree gets its texts from the catalogue, keyed
//! by command path and argument (`"ticket new --title"`).

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory};

use super::Cli;
use crate::i18n::{HelpTexts, Language};

/// The whole command tree, built, with its words in `language`.
pub fn command(language: Language, bin_name: &str) -> clap::Command {
    let mut cmd = Cli::command().bin_name(bin_name.to_string());
    cmd.build();
    match language.help() {
        Some(words) => localized(cmd, words, ""),
        None => english(cmd, ""),
    }
}

/// English: an argument or command without words of its own gets the
/// common ones (`--json`, `<number>`: the same wherever they stand).
fn english(cmd: clap::Command, path: &str) -> clap::Command {
    use crate::i18n::{ENGLISH_ABOUTS, ENGLISH_BY_ARGUMENT};
    let mut cmd = match ENGLISH_ABOUTS.iter().find(|(p, _)| *p == path) {
        Some((_, about)) if cmd.get_about().is_none() => cmd.about(*about),
        _ => cmd,
    };
    cmd = cmd.mut_args(|arg| {
        if arg.get_help().is_some() || is_builtin(&arg) {
            return arg;
        }
        let own = arg_key("", &arg);
        match ENGLISH_BY_ARGUMENT.iter().find(|(key, _)| *key == own) {
            Some((_, help)) => arg.help(*help),
            None => arg,
        }
    });
    let children: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in children {
        let child = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| english(sub, &child));
    }
    cmd
}

/// The key of an argument in the catalogue: its command's path and its
/// flag (`ticket new --title`) or name (`ticket show <number>`); a global
/// option by its flag alone.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    let own = match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => format!("<{}>", arg.get_id()),
    };
    if arg.is_global_set() || path.is_empty() { own } else { format!("{path} {own}") }
}

/// Whether an argument is clap's own (help, version): its words are the
/// catalogue's generic ones.
pub fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version)
}

/// Whether a command is clap's `help` or lies under it.
pub fn is_help_command(path: &str) -> bool {
    path.split(' ').any(|part| part == "help")
}

/// The about of a command: under `help`, that of the command it names.
fn about(words: &'static HelpTexts, path: &str) -> Option<&'static str> {
    if path.rsplit(' ').next() == Some("help") {
        return Some(words.help_command);
    }
    let named: Vec<&str> = path.split(' ').filter(|part| *part != "help").collect();
    words.text(&named.join(" "))
}

fn localized(cmd: clap::Command, words: &'static HelpTexts, path: &str) -> clap::Command {
    let mut cmd = match about(words, path) {
        Some(about) => cmd.about(about).long_about(None::<&str>),
        None => cmd,
    };
    let command_path = path.to_string();
    cmd = cmd.mut_args(|arg| localized_arg(arg, words, &command_path));
    let children: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in children {
        let child = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| localized(sub, words, &child));
    }
    let heading = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{}:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        heading.render(),
        words.usage,
        heading.render_reset()
    );
    cmd = cmd
        .help_template(StyledStr::from(template))
        .subcommand_help_heading(words.commands)
        .subcommand_value_name(words.command_placeholder);
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).replace("[OPTIONS]", words.options_placeholder);
    cmd.override_usage(usage)
}

fn localized_arg(arg: Arg, words: &'static HelpTexts, path: &str) -> Arg {
    let text = match arg.get_action() {
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => Some(words.help_flag.to_string()),
        ArgAction::Version => Some(words.version_flag.to_string()),
        _ if is_help_command(path) => Some(words.help_command_arg.to_string()),
        _ => words.text(&arg_key(path, &arg)).map(str::to_string),
    };
    let mut text = text.unwrap_or_else(|| arg.get_help().map(|h| h.to_string()).unwrap_or_default());
    let takes_values = arg.get_action().takes_values();
    let mut spec = Vec::new();
    if takes_values && !arg.is_hide_possible_values_set() {
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() {
            spec.push(format!("{}: {}", words.possible_values, values.join(", ")));
        }
    }
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        let shown = defaults.iter().map(|v| if v.is_empty() { "\"\"".to_string() } else { v.clone() });
        spec.push(format!("{}: {}", words.default, shown.collect::<Vec<_>>().join(", ")));
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        spec.push(format!("{}: {}", words.env, env.to_string_lossy()));
    }
    for part in &spec {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("[{part}]"));
    }
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None if takes_values => vec![arg.get_id().as_str().to_ascii_uppercase()],
        None => Vec::new(),
    };
    let translated: Vec<&'static str> = names.iter().filter_map(|n| words.value_name(n)).collect();
    let heading = if arg.is_positional() { words.arguments } else { words.options };
    let mut arg = arg
        .help(text)
        .long_help(None::<&str>)
        .hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
        .help_heading(heading);
    if !names.is_empty() && translated.len() == names.len() {
        arg = arg.value_names(translated);
    }
    arg
}

/// A count from `min` to `max`, refused in words each language can give.
#[derive(Debug)]
pub struct OutOfRange {
    pub text: String,
    pub min: u64,
    pub max: u64,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not in {}..={}", self.text, self.min, self.max)
    }
}

impl std::error::Error for OutOfRange {}

/// clap's refusal of the command line, whole, in `language`: for English
/// clap's own words.
pub fn error_text(e: &clap::Error, language: Language) -> String {
    let Some(words) = language.help() else { return e.render().to_string() };
    if !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // Help and version: the tree's own, already in the language.
        return e.render().to_string();
    }
    let mut text = format!("{}: {}", words.error, message(e, words));
    let mut suggested = false;
    for (kind, say) in [
        (ContextKind::SuggestedSubcommand, words.similar_subcommand),
        (ContextKind::SuggestedArg, words.similar_argument),
        (ContextKind::SuggestedValue, words.similar_value),
    ] {
        if let Some(value) = e.get(kind) {
            text.push_str(if suggested { "\n" } else { "\n\n" });
            suggested = true;
            text.push_str(&format!("  {}", say(&joined(value))));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        text.push_str(&format!("\n\n{}: {usage}", words.usage));
    }
    text.push_str(&format!("\n\n{}", (words.try_help)("--help")));
    text
}

fn joined(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("', '"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        _ => String::new(),
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> String {
    e.get(kind).map(joined).unwrap_or_default()
}

fn message(e: &clap::Error, words: &HelpTexts) -> String {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::UnknownArgument => (words.unknown_argument)(&arg),
        ErrorKind::InvalidSubcommand => (words.unknown_subcommand)(&string(e, ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => (words.value_required)(&arg),
        ErrorKind::InvalidValue => {
            let mut text = (words.invalid_value)(&value, &arg);
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
                text.push_str(&format!("\n  [{}: {}]", words.possible_values, valid.join(", ")));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let mut text = (words.invalid_value)(&value, &arg);
            let source = std::error::Error::source(e);
            if let Some(range) = source.and_then(|s| s.downcast_ref::<OutOfRange>()) {
                text.push_str(&format!(": {}", (words.out_of_range)(&range.text, range.min, range.max)));
            } else if let Some(number) = source.and_then(|s| s.downcast_ref::<std::num::ParseIntError>()) {
                text.push_str(&format!(": {}", words.not_a_number(number.kind())));
            } else if let Some(source) = source {
                text.push_str(&format!(": {source}"));
            }
            text
        }
        ErrorKind::MissingRequiredArgument => {
            let mut text = words.missing_arguments.to_string();
            if let Some(ContextValue::Strings(missing)) = e.get(ContextKind::InvalidArg) {
                for m in missing {
                    text.push_str(&format!("\n  {m}"));
                }
            }
            text
        }
        ErrorKind::MissingSubcommand => {
            let mut text = (words.missing_subcommand)(&string(e, ContextKind::InvalidSubcommand));
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidSubcommand) {
                text.push_str(&format!("\n  [{}: {}]", words.subcommands, valid.join(", ")));
            }
            text
        }
        ErrorKind::ArgumentConflict => {
            let prior = e.get(ContextKind::PriorArg).map(joined).unwrap_or_default();
            if prior == arg {
                (words.used_twice)(&arg)
            } else {
                format!("{} '{prior}'", (words.cannot_be_used_with)(&arg))
            }
        }
        ErrorKind::TooManyValues => (words.unexpected_value)(&value, &arg),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let number = |kind| match e.get(kind) {
                Some(ContextValue::Number(n)) => usize::try_from(*n).unwrap_or(0),
                _ => 0,
            };
            let expected = match e.get(ContextKind::MinValues) {
                Some(_) => number(ContextKind::MinValues),
                None => number(ContextKind::ExpectedNumValues),
            };
            (words.wrong_number_of_values)(&arg, expected, number(ContextKind::ActualNumValues))
        }
        ErrorKind::NoEquals => (words.needs_equals)(&arg),
        ErrorKind::InvalidUtf8 => words.not_utf8.to_string(),
        _ => words.unknown_problem.to_string(),
    }
}

/// Every command and argument of the tree with its English text, by key,
/// clap's own (help, version, the help command) left out.
pub fn english_texts() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        if is_help_command(path) {
            return;
        }
        out.push((path.to_string(), cmd.get_about().map(|a| a.to_string()).unwrap_or_default()));
        for arg in cmd.get_arguments().filter(|a| !is_builtin(a)) {
            let key = arg_key(path, arg);
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, arg.get_help().map(|h| h.to_string()).unwrap_or_default()));
            }
        }
        for sub in cmd.get_subcommands() {
            let child = if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
            walk(sub, &child, out);
        }
    }
    let mut out = Vec::new();
    walk(&command(Language::En, "meldpunt"), "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_an_english_text() {
        let missing: Vec<String> = english_texts()
            .into_iter()
            .filter(|(k, text)| !k.is_empty() && text.trim().is_empty())
            .map(|(k, _)| k)
            .collect();
        assert!(missing.is_empty(), "no English help in src/cli/args.rs for: {missing:#?}");
    }

    /// Every value name of the tree, as clap writes it in English.
    fn value_names(cmd: &clap::Command, out: &mut Vec<String>) {
        for arg in cmd.get_arguments().filter(|a| a.get_action().takes_values()) {
            match arg.get_value_names() {
                Some(names) => out.extend(names.iter().map(|n| n.to_string())),
                None => out.push(arg.get_id().as_str().to_ascii_uppercase()),
            }
        }
        for sub in cmd.get_subcommands() {
            value_names(sub, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_dutch_text() {
        let words = Language::Nl.help().expect("Dutch has its own help");
        let english = english_texts();
        let missing: Vec<&str> =
            english.iter().map(|(key, _)| key.as_str()).filter(|key| words.text(key).is_none()).collect();
        assert!(missing.is_empty(), "no Dutch text in src/i18n/nl/help.rs for: {missing:#?}");
        let stale: Vec<&str> =
            words.texts.iter().map(|(key, _)| *key).filter(|key| !english.iter().any(|(k, _)| k == key)).collect();
        assert!(stale.is_empty(), "Dutch texts for commands or arguments that do not exist: {stale:#?}");
        for (key, text) in &english {
            let dutch = words.text(key).unwrap_or_default();
            assert!(!dutch.trim().is_empty(), "{key}: empty Dutch text");
            if text.split(' ').count() > 3 {
                assert_ne!(dutch, text, "{key} is not translated");
            }
        }
        let mut names = Vec::new();
        value_names(&command(Language::En, "meldpunt"), &mut names);
        let untranslated: Vec<&String> = names.iter().filter(|n| words.value_name(n).is_none()).collect();
        assert!(untranslated.is_empty(), "value names without a Dutch one: {untranslated:?}");
    }

    #[test]
    fn dutch_help_has_dutch_headings_and_texts() {
        let mut cmd = command(Language::Nl, "meldpunt");
        let help = cmd.render_help().to_string();
        for dutch in ["Gebruik: meldpunt [OPTIES] [OPDRACHT]", "Opdrachten:", "Opties:", "Toon deze hulp", "Meldingen"]
        {
            assert!(help.contains(dutch), "{dutch:?} missing from:\n{help}");
        }
        for english in ["Usage", "Options", "Commands", "Print help", "[env:", "[default:"] {
            assert!(!help.contains(english), "{english:?} in:\n{help}");
        }
        let sub = cmd.find_subcommand_mut("ticket").and_then(|t| t.find_subcommand_mut("list")).expect("ticket list");
        let help = sub.render_help().to_string();
        assert!(help.contains("Gebruik: meldpunt ticket list [OPTIES]"), "{help}");
        assert!(help.contains("[standaard: number]") && help.contains("--limit <AANTAL>"), "{help}");
    }

    #[test]
    fn english_help_is_clap_and_the_doc_comments() {
        let help = command(Language::En, "meldpunt").render_help().to_string();
        assert!(
            help.contains("Usage: meldpunt [OPTIONS] [COMMAND]") && help.contains("Register, list, show"),
            "{help}"
        );
    }
}
