//! The `[closure]` section: the checklist, the closure codes and which
//! incidents need a post-incident review.

use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

use super::ConfigError;
use crate::domain::Priority;
use crate::domain::closure::{ChecklistItem, ClosureCode, ClosurePolicy, DUPLICATE};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemFile {
    name: Spanned<String>,
    en: Spanned<String>,
    nl: Option<Spanned<String>>,
    #[serde(default = "yes")]
    required: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CodeFile {
    name: Spanned<String>,
    en: Spanned<String>,
    nl: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClosureFile {
    /// Replaces the whole default checklist when given.
    item: Option<Vec<ItemFile>>,
    /// Replaces the default codes when given; "duplicate" is always kept.
    code: Option<Vec<CodeFile>>,
    review_priorities: Option<Vec<Priority>>,
    review_major: Option<bool>,
}

/// A name is what the database stores: short, lower case, no spaces.
fn check_name(name: &Spanned<String>, key: &str, seen: &[&str], file: &Path, text: &str) -> Result<(), ConfigError> {
    let n = name.get_ref();
    let fine =
        !n.is_empty() && n.len() <= 40 && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let message = if !fine {
        super::ConfigProblem::NotAName(n.clone())
    } else if seen.contains(&n.as_str()) {
        super::ConfigProblem::NameTwice(n.clone())
    } else {
        return Ok(());
    };
    Err(ConfigError::at_key(file, text, key, Some(name.span()), message))
}

/// The English and Dutch labels people see: plain text.
fn labels(
    en: &Spanned<String>,
    nl: Option<&Spanned<String>>,
    key: &str,
    file: &Path,
    text: &str,
) -> Result<(), ConfigError> {
    super::plain_label(en, &format!("{key}.en"), file, text)?;
    match nl {
        Some(nl) => super::plain_label(nl, &format!("{key}.nl"), file, text),
        None => Ok(()),
    }
}

pub(super) fn build(given: Option<ClosureFile>, file: &Path, text: &str) -> Result<ClosurePolicy, ConfigError> {
    let mut policy = ClosurePolicy::default();
    let Some(given) = given else { return Ok(policy) };
    if let Some(items) = given.item {
        let mut seen = Vec::new();
        for item in &items {
            check_name(&item.name, "closure.item.name", &seen, file, text)?;
            labels(&item.en, item.nl.as_ref(), "closure.item", file, text)?;
            seen.push(item.name.get_ref());
        }
        policy.items = items
            .into_iter()
            .map(|i| ChecklistItem {
                nl: i.nl.map_or_else(|| i.en.get_ref().clone(), Spanned::into_inner),
                en: i.en.into_inner(),
                name: i.name.into_inner(),
                required: i.required,
            })
            .collect();
    }
    if let Some(codes) = given.code {
        let mut seen = Vec::new();
        for code in &codes {
            check_name(&code.name, "closure.code.name", &seen, file, text)?;
            labels(&code.en, code.nl.as_ref(), "closure.code", file, text)?;
            seen.push(code.name.get_ref());
        }
        if codes.is_empty() {
            return Err(ConfigError::at_key(file, text, "closure.code", None, super::ConfigProblem::NoClosureCode));
        }
        let duplicate = policy.code(DUPLICATE).cloned();
        policy.codes = codes
            .into_iter()
            .map(|c| ClosureCode {
                nl: c.nl.map_or_else(|| c.en.get_ref().clone(), Spanned::into_inner),
                en: c.en.into_inner(),
                name: c.name.into_inner(),
            })
            .collect();
        // Marking a duplicate closes with this code, so it is always there.
        if policy.code(DUPLICATE).is_none()
            && let Some(duplicate) = duplicate
        {
            policy.codes.push(duplicate);
        }
    }
    if let Some(priorities) = given.review_priorities {
        policy.review_priorities = priorities;
    }
    if let Some(major) = given.review_major {
        policy.review_major = major;
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Environment};

    #[test]
    fn a_checklist_of_our_own_keeps_the_duplicate_code() {
        let text = r#"
[closure]
review_priorities = ["P1"]
review_major = false

[[closure.item]]
name = "restored"
en = "Restored"

[[closure.item]]
name = "photo"
en = "Photo of the repair"
nl = "Foto van de reparatie"
required = false

[[closure.code]]
name = "fixed"
en = "Fixed"
"#;
        let c = Config::from_toml(text, None, &Environment::default()).unwrap().policy.closure;
        let items: Vec<(&str, &str, bool)> =
            c.items.iter().map(|i| (i.name.as_str(), i.nl.as_str(), i.required)).collect();
        assert_eq!(items, vec![("restored", "Restored", true), ("photo", "Foto van de reparatie", false)]);
        let codes: Vec<&str> = c.codes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(codes, vec!["fixed", "duplicate"]);
        assert!(!c.review_required(Some(crate::domain::Priority::P2), true));
        assert!(c.review_required(Some(crate::domain::Priority::P1), false));
    }
}
