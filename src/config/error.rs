//! Config errors that say where: file, line and key.

use serde::de::DeserializeOwned;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::keymap::{KeymapError, KeymapProblem};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
    /// A keymap problem, so that it can be said in the user's language.
    pub keymap: Option<Box<KeymapProblem>>,
    /// A problem with a value, likewise.
    pub problem: Option<Box<super::ConfigProblem>>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config error in {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key '{key}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The error in the user's language (the parser's own words stay as they are).
    pub fn localized(&self, t: &crate::i18n::Catalogue) -> String {
        let message = match (&self.keymap, &self.problem) {
            (Some(p), _) => t.keymap_problem(p),
            (None, Some(p)) => (t.refusals.config)(p),
            (None, None) => self.message.clone(),
        };
        (t.err.config)(&self.file.display().to_string(), self.line, self.key.as_deref(), &message)
    }
}

/// The 1-based line on which a byte offset falls.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len())).unwrap_or("").matches('\n').count() + 1
}

fn line_of_span(text: &str, span: Option<Range<usize>>) -> Option<usize> {
    span.map(|s| line_of(text, s.start))
}

impl ConfigError {
    pub fn io(file: &Path, e: &std::io::Error) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            line: None,
            key: None,
            message: e.to_string(),
            keymap: None,
            problem: None,
        }
    }

    pub fn keymap(file: &Path, text: &str, e: KeymapError) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            line: line_of_span(text, e.span),
            key: Some(format!("keymap.{}", e.key)),
            message: e.problem.to_string(),
            keymap: Some(Box::new(e.problem)),
            problem: None,
        }
    }

    /// An error found after parsing, at a known key.
    pub fn at_key(
        file: &Path,
        text: &str,
        key: &str,
        span: Option<Range<usize>>,
        problem: super::ConfigProblem,
    ) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            line: line_of_span(text, span),
            key: Some(key.to_string()),
            message: (crate::i18n::Language::En.catalogue().refusals.config)(&problem),
            keymap: None,
            problem: Some(Box::new(problem)),
        }
    }
}

/// Deserialises TOML, turning any failure into an error with line and key.
pub(crate) fn deserialize<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, ConfigError> {
    let fail = |e: toml::de::Error, key: Option<String>| ConfigError {
        file: file.to_path_buf(),
        line: line_of_span(text, e.span()),
        key: key.filter(|k| !k.is_empty() && k != "."),
        message: first_line(e.message()),
        keymap: None,
        problem: None,
    };
    let deserializer = toml::Deserializer::parse(text).map_err(|e| fail(e, None))?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        // Spanned values add a private level to the path; it is no key of the user's.
        let key = e
            .path()
            .to_string()
            .replace("$__serde_spanned_private_value.", "")
            .replace(".$__serde_spanned_private_value", "");
        let inner = e.into_inner();
        let key = unknown_field(inner.message()).map(|f| join_key(&key, &f)).or(Some(key));
        fail(inner, key)
    })
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// serde reports an unknown key by name in its message only.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest.split('`').next()?.to_string())
}

/// The full key of an unknown field; the path may already end with it.
fn join_key(parent: &str, child: &str) -> String {
    if parent.is_empty() || parent == "." {
        child.to_string()
    } else if parent == child || parent.ends_with(&format!(".{child}")) {
        parent.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
