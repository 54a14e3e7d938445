//! Message templates with placeholders, in English and Dutch.

use std::collections::BTreeMap;

use super::ticket::coded_enum;

coded_enum! {
    /// The messages a servicedesk sends to reporters.
    TemplateName {
        Confirmation => "confirmation",
        Progress => "progress",
        NoNews => "no_news",
        Delay => "delay",
        Resolved => "resolved",
        // Cause, measures and solution, sent when closing.
        Summary => "summary",
    }
}

/// A template: a subject line and a body, with `{placeholders}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

impl Template {
    /// Reads `Subject: …` on the first line, the body after an empty line.
    pub fn parse(text: &str) -> Template {
        let text = text.replace("\r\n", "\n");
        match text.split_once('\n') {
            Some((first, rest)) if first.to_ascii_lowercase().starts_with("subject:") => Template {
                subject: first["subject:".len()..].trim().to_string(),
                body: rest.trim_start_matches('\n').trim_end().to_string(),
            },
            _ => Template { subject: String::new(), body: text.trim_end().to_string() },
        }
    }

    /// Fills in `{name}` placeholders; unknown ones stay as they are.
    pub fn fill(&self, values: &BTreeMap<&str, String>) -> Template {
        let fill = |s: &str| {
            let mut out = String::with_capacity(s.len());
            let mut rest = s;
            while let Some(start) = rest.find('{') {
                out.push_str(&rest[..start]);
                let after = &rest[start + 1..];
                match after.find('}') {
                    Some(end) if values.contains_key(&after[..end]) => {
                        out.push_str(&values[&after[..end]]);
                        rest = &after[end + 1..];
                    }
                    _ => {
                        out.push('{');
                        rest = after;
                    }
                }
            }
            out.push_str(rest);
            out
        };
        Template { subject: fill(&self.subject), body: fill(&self.body) }
    }
}

/// The placeholders every template can use.
pub const PLACEHOLDERS: &[&str] =
    &["number", "title", "status", "priority", "next_update", "operator", "reporter", "cause", "measures", "solution"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subject_and_body_and_fills_placeholders() {
        let t = Template::parse("Subject: {number} received\n\nDear {reporter},\n\nWe work on {title}. {unknown}\n");
        assert_eq!(t.subject, "{number} received");
        let mut v = BTreeMap::new();
        v.insert("number", "INC-000001".to_string());
        v.insert("reporter", "Piet".to_string());
        v.insert("title", "VPN".to_string());
        let f = t.fill(&v);
        assert_eq!(f.subject, "INC-000001 received");
        assert_eq!(f.body, "Dear Piet,\n\nWe work on VPN. {unknown}");
    }

    #[test]
    fn a_template_without_subject_is_all_body() {
        assert_eq!(Template::parse("Hello").subject, "");
        assert_eq!(Template::parse("Hello").body, "Hello");
    }
}

/// The templates in effect: the built-in ones, with a user's own laid over them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Templates {
    map: BTreeMap<(String, TemplateName), Template>,
}

macro_rules! builtin {
    ($lang:literal, $name:literal) => {
        include_str!(concat!("../../assets/templates/", $lang, "/", $name, ".txt"))
    };
}

impl Default for Templates {
    fn default() -> Self {
        let texts = [
            ("en", TemplateName::Confirmation, builtin!("en", "confirmation")),
            ("en", TemplateName::Progress, builtin!("en", "progress")),
            ("en", TemplateName::NoNews, builtin!("en", "no_news")),
            ("en", TemplateName::Delay, builtin!("en", "delay")),
            ("en", TemplateName::Resolved, builtin!("en", "resolved")),
            ("en", TemplateName::Summary, builtin!("en", "summary")),
            ("nl", TemplateName::Confirmation, builtin!("nl", "confirmation")),
            ("nl", TemplateName::Progress, builtin!("nl", "progress")),
            ("nl", TemplateName::NoNews, builtin!("nl", "no_news")),
            ("nl", TemplateName::Delay, builtin!("nl", "delay")),
            ("nl", TemplateName::Resolved, builtin!("nl", "resolved")),
            ("nl", TemplateName::Summary, builtin!("nl", "summary")),
        ];
        let map =
            texts.into_iter().map(|(lang, name, text)| ((lang.to_string(), name), Template::parse(text))).collect();
        Templates { map }
    }
}

impl Templates {
    /// Replaces one template (from the user's config folder).
    pub fn set(&mut self, language: &str, name: TemplateName, text: &str) {
        self.map.insert((language.to_string(), name), Template::parse(text));
    }

    /// The template in a language, falling back to English.
    pub fn get(&self, language: &str, name: TemplateName) -> &Template {
        self.map
            .get(&(language.to_string(), name))
            .or_else(|| self.map.get(&("en".to_string(), name)))
            .expect("every template exists in English")
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    #[test]
    fn every_builtin_template_has_a_subject_and_uses_only_known_placeholders() {
        let t = Templates::default();
        for lang in ["en", "nl"] {
            for name in TemplateName::ALL {
                let template = t.get(lang, *name);
                assert!(!template.subject.is_empty(), "{lang}/{name}");
                let values: BTreeMap<&str, String> = PLACEHOLDERS.iter().map(|p| (*p, "X".to_string())).collect();
                let filled = template.fill(&values);
                assert!(!filled.subject.contains('{') && !filled.body.contains('{'), "{lang}/{name}: {filled:?}");
            }
        }
        assert_ne!(t.get("nl", TemplateName::Resolved), t.get("en", TemplateName::Resolved));
    }
}
