//! Problems behind recurring incidents, and the knowledge base.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ticket::coded_enum;

/// How problems and knowledge articles are numbered.
pub fn problem_numbers() -> super::NumberFormat {
    super::NumberFormat::new("PRB-")
}

pub fn article_numbers() -> super::NumberFormat {
    super::NumberFormat::new("KB-")
}

coded_enum! {
    /// Where a problem stands.
    ProblemStatus {
        Open => "open",
        /// The cause is known and a workaround exists.
        KnownError => "known_error",
        Resolved => "resolved",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub id: i64,
    pub title: String,
    pub root_cause: String,
    pub workaround: String,
    pub permanent_fix: String,
    pub status: ProblemStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A knowledge-base article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An article before it is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewArticle {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub service: Option<String>,
    pub category: Option<String>,
}

/// Incidents of one service and category in a period, with no problem yet:
/// a candidate for problem management.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cluster {
    pub service: String,
    pub category: String,
    pub count: u64,
    pub newest: i64,
}

/// A post-incident review: what happened and what is learnt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub what_happened: String,
    pub cause: String,
    pub went_well: String,
    pub went_badly: String,
    pub recommendations: String,
    pub actions: Vec<ActionItem>,
    pub completed_at: Option<DateTime<Utc>>,
    pub completed_by: Option<String>,
}

/// Something to do after a review, by someone, by a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub description: String,
    pub owner: String,
    pub due: Option<chrono::NaiveDate>,
    pub done: bool,
}

impl Review {
    /// A review counts as complete once its main questions are answered.
    pub fn is_filled_in(&self) -> bool {
        [&self.what_happened, &self.cause, &self.recommendations].iter().all(|s| !s.trim().is_empty())
    }
}

impl ActionItem {
    /// One line, as typed in the review form: `[ ] what | who | 2026-12-01`
    /// (`[x]` when done).
    pub fn to_line(&self) -> String {
        let mark = if self.done { "[x]" } else { "[ ]" };
        let due = self.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        format!("{mark} {} | {} | {due}", self.description, self.owner)
    }

    /// Reads action items back from their lines; lines without a description are skipped.
    pub fn parse_lines(text: &str) -> Vec<ActionItem> {
        text.lines()
            .filter_map(|line| {
                let line = line.trim();
                let (done, rest) = if let Some(r) = line.strip_prefix("[x]").or_else(|| line.strip_prefix("[X]")) {
                    (true, r)
                } else {
                    (false, line.strip_prefix("[ ]").or_else(|| line.strip_prefix("[]")).unwrap_or(line))
                };
                let mut parts = rest.split('|').map(str::trim);
                let description = parts.next().filter(|d| !d.is_empty())?.to_string();
                let owner = parts.next().unwrap_or("").to_string();
                let due = parts.next().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                Some(ActionItem { description, owner, due, done })
            })
            .collect()
    }
}

/// The problem fields that can be changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemEdit {
    pub title: Option<String>,
    pub root_cause: Option<String>,
    pub workaround: Option<String>,
    pub permanent_fix: Option<String>,
    pub status: Option<ProblemStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_items_survive_a_round_trip_through_their_lines() {
        let items = ActionItem::parse_lines(
            "[ ] Replace the switch | bram | 2026-12-01\n[x] Tell the users | anna |\n\n | nobody | \nPlain line",
        );
        assert_eq!(items.len(), 3);
        assert_eq!((items[0].owner.as_str(), items[0].due.map(|d| d.to_string())), ("bram", Some("2026-12-01".into())));
        assert!(items[1].done && items[1].due.is_none());
        assert_eq!(items[2].description, "Plain line");
        let again: Vec<String> = items.iter().map(ActionItem::to_line).collect();
        assert_eq!(ActionItem::parse_lines(&again.join("\n")), items);
    }
}
