//! Which team an incident goes to, by category or service.

use serde::Deserialize;

/// A rule: when the category and/or service match, suggest this team.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingRule {
    pub category: Option<String>,
    pub service: Option<String>,
    pub team: String,
}

/// Rules in order; the first that matches wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Routing {
    pub rules: Vec<RoutingRule>,
}

impl Default for Routing {
    /// The default categories to the default teams.
    fn default() -> Self {
        let rule = |category: &str, team: &str| RoutingRule {
            category: Some(category.to_string()),
            service: None,
            team: team.to_string(),
        };
        Routing {
            rules: vec![
                rule("Hardware", "Workplace"),
                rule("Software", "Applications"),
                rule("Network", "Network"),
                rule("Access", "Servicedesk"),
                rule("E-mail", "Infrastructure"),
                rule("Security", "Security"),
                rule("Infrastructure", "Infrastructure"),
                rule("Telephony", "Workplace"),
                rule("Request", "Servicedesk"),
            ],
        }
    }
}

impl Routing {
    /// The team for an incident of this category and service, if a rule says so.
    /// A rule's fields that are given must all match; a rule naming neither never does.
    pub fn suggest(&self, category: Option<&str>, service: Option<&str>) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| {
                (r.category.is_some() || r.service.is_some())
                    && r.category.as_deref().is_none_or(|c| Some(c) == category)
                    && r.service.as_deref().is_none_or(|s| Some(s) == service)
            })
            .map(|r| r.team.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_matching_rule_wins() {
        let mut routing = Routing::default();
        routing
            .rules
            .insert(0, RoutingRule { category: None, service: Some("ERP".into()), team: "Finance apps".into() });
        assert_eq!(routing.suggest(Some("Software"), Some("ERP")), Some("Finance apps"));
        assert_eq!(routing.suggest(Some("Software"), Some("CRM")), Some("Applications"));
        assert_eq!(routing.suggest(Some("Unknown"), None), None);
        assert_eq!(routing.suggest(None, None), None);
    }
}
