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
pub const PLACEHOLDERS: &[&str] = &["number", "title", "status", "priority", "next_update", "operator", "reporter"];

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
