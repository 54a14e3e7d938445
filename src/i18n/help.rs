//! The words of the command line's own help and errors in a language other
//! than clap's English: about texts of every command, help of every
//! argument, value names, headings and clap's refusals. English needs none:
//! the doc comments of `cli/args.rs` and clap's own words are English.

use super::Language;

pub struct HelpTexts {
    /// About a command by its path (`""` is meldpunt itself, `"ticket new"`), and help of an
    /// argument after its command's path: `"ticket new --title"`, `"ticket show <number>"`; a
    /// global option by itself (`"--db"`).
    pub texts: &'static [(&'static str, &'static str)],
    /// Value names as clap writes them in English (`NUMBER`) and their translation.
    pub value_names: &'static [(&'static str, &'static str)],
    pub usage: &'static str,
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub options_placeholder: &'static str,
    pub command_placeholder: &'static str,
    pub help_flag: &'static str,
    pub version_flag: &'static str,
    /// meldpunt help: about it, and its argument.
    pub help_command: &'static str,
    pub help_command_arg: &'static str,
    pub default: &'static str,
    pub env: &'static str,
    pub possible_values: &'static str,
    pub error: &'static str,
    pub try_help: fn(&str) -> String,
    pub unknown_argument: fn(&str) -> String,
    pub unknown_subcommand: fn(&str) -> String,
    pub similar_argument: fn(&str) -> String,
    pub similar_subcommand: fn(&str) -> String,
    pub similar_value: fn(&str) -> String,
    pub invalid_value: fn(&str, &str) -> String,
    pub value_required: fn(&str) -> String,
    pub missing_arguments: &'static str,
    pub missing_subcommand: fn(&str) -> String,
    pub subcommands: &'static str,
    pub cannot_be_used_with: fn(&str) -> String,
    pub used_twice: fn(&str) -> String,
    pub unexpected_value: fn(&str, &str) -> String,
    pub wrong_number_of_values: fn(&str, usize, usize) -> String,
    pub needs_equals: fn(&str) -> String,
    pub not_utf8: &'static str,
    /// A count outside its range: the text given, the least and the most.
    pub out_of_range: fn(&str, u64, u64) -> String,
    /// A count that is not one, and one too large for its option.
    pub not_a_count: &'static str,
    pub too_large: &'static str,
    pub unknown_problem: &'static str,
}

impl HelpTexts {
    /// The text of a command or argument by its key, if translated.
    pub fn text(&self, key: &str) -> Option<&'static str> {
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, text)| *text)
    }

    /// Why a whole number was not read.
    pub fn not_a_number(&self, kind: &std::num::IntErrorKind) -> &'static str {
        match kind {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => self.too_large,
            _ => self.not_a_count,
        }
    }

    pub fn value_name(&self, english: &str) -> Option<&'static str> {
        self.value_names.iter().find(|(k, _)| *k == english).map(|(_, text)| *text)
    }
}

impl Language {
    /// The command line's help and errors in this language; `None` for
    /// English, which is clap's and the doc comments' own.
    pub fn help(self) -> Option<&'static HelpTexts> {
        match self {
            Language::En => None,
            Language::Nl => Some(&super::nl::help::HELP),
        }
    }
}
