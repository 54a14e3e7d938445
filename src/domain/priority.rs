//! Impact, urgency and the priority they give.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An impact or urgency level: 1 is the highest. How many levels there are
/// is set by the priority matrix in the config (at most `MAX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub const MAX: u8 = 9;

    pub fn new(n: u8) -> Option<Level> {
        (1..=Self::MAX).contains(&n).then_some(Level(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Levels 1 to `count`.
    pub fn up_to(count: usize) -> impl Iterator<Item = Level> {
        (1..=count.min(Self::MAX as usize) as u8).map(Level)
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Level::new(n).ok_or_else(|| format!("level {n} is not between 1 and {}", Self::MAX))
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let n: u8 = s.trim().parse().map_err(|_| format!("'{s}' is not a level (1-{})", Self::MAX))?;
        Level::try_from(n)
    }
}

/// P1 (critical) to P4 (low).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Priority(u8);

impl Priority {
    pub const P1: Priority = Priority(1);
    pub const P2: Priority = Priority(2);
    pub const P3: Priority = Priority(3);
    pub const P4: Priority = Priority(4);
    pub const ALL: [Priority; 4] = [Self::P1, Self::P2, Self::P3, Self::P4];

    pub fn new(n: u8) -> Option<Priority> {
        (1..=4).contains(&n).then_some(Priority(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

impl FromStr for Priority {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let digits = t.strip_prefix(['P', 'p']).unwrap_or(t);
        digits.parse::<u8>().ok().and_then(Priority::new).ok_or_else(|| format!("'{s}' is not a priority (P1-P4)"))
    }
}

impl TryFrom<String> for Priority {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Priority> for String {
    fn from(p: Priority) -> String {
        p.to_string()
    }
}

/// One impact or urgency level: its name in the config and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelInfo {
    pub name: String,
    pub en: String,
    pub nl: String,
}

impl LevelInfo {
    pub fn new(name: &str, en: &str, nl: &str) -> Self {
        LevelInfo { name: name.into(), en: en.into(), nl: nl.into() }
    }

    /// The description in a language (`en` or `nl`).
    pub fn description(&self, language: &str) -> &str {
        if language == "nl" { &self.nl } else { &self.en }
    }
}

/// Impact levels × urgency levels → priority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityMatrix {
    impact: Vec<LevelInfo>,
    urgency: Vec<LevelInfo>,
    /// `cells[impact - 1][urgency - 1]`
    cells: Vec<Vec<Priority>>,
}

impl Default for PriorityMatrix {
    /// A common servicedesk policy: high impact and urgency give P1, low and low give P4.
    fn default() -> Self {
        let p = Priority;
        PriorityMatrix {
            impact: vec![
                LevelInfo::new("organisation", "whole organisation", "hele organisatie"),
                LevelInfo::new(
                    "several",
                    "several departments or a critical service",
                    "meerdere afdelingen of een kritieke dienst",
                ),
                LevelInfo::new("department", "one department or group", "één afdeling of groep"),
                LevelInfo::new("person", "one person", "één persoon"),
            ],
            urgency: vec![
                LevelInfo::new("stopped", "work has stopped, no workaround", "werk ligt stil, geen workaround"),
                LevelInfo::new("hindered", "seriously hindered", "ernstig gehinderd"),
                LevelInfo::new("workaround", "a workaround exists", "er is een workaround"),
                LevelInfo::new("can_wait", "can wait", "kan wachten"),
            ],
            cells: vec![
                vec![p(1), p(2), p(2), p(3)],
                vec![p(2), p(2), p(3), p(3)],
                vec![p(2), p(3), p(3), p(4)],
                vec![p(3), p(3), p(4), p(4)],
            ],
        }
    }
}

impl PriorityMatrix {
    /// A matrix with one row of priorities per impact level, one priority
    /// per urgency level. Refuses missing cells and repeated names.
    pub fn new(impact: Vec<LevelInfo>, urgency: Vec<LevelInfo>, cells: Vec<Vec<Priority>>) -> Result<Self, String> {
        for (axis, levels) in [("impact", &impact), ("urgency", &urgency)] {
            if levels.is_empty() || levels.len() > Level::MAX as usize {
                return Err(format!("{axis} needs 1 to {} levels, not {}", Level::MAX, levels.len()));
            }
            for (i, level) in levels.iter().enumerate() {
                if levels[..i].iter().any(|l| l.name == level.name) {
                    return Err(format!("{axis} level name '{}' is used twice", level.name));
                }
            }
        }
        if cells.len() != impact.len() {
            return Err(format!("{} rows for {} impact levels", cells.len(), impact.len()));
        }
        if let Some((i, row)) = cells.iter().enumerate().find(|(_, r)| r.len() != urgency.len()) {
            return Err(format!(
                "row '{}' has {} priorities for {} urgency levels",
                impact[i].name,
                row.len(),
                urgency.len()
            ));
        }
        Ok(PriorityMatrix { impact, urgency, cells })
    }

    pub fn priority(&self, impact: Level, urgency: Level) -> Option<Priority> {
        self.cells.get(impact.0 as usize - 1)?.get(urgency.0 as usize - 1).copied()
    }

    /// The priority a ticket is registered with: the one given, else the
    /// matrix's for its impact and urgency (none while either is missing).
    pub fn priority_or_cell(
        &self,
        given: Option<Priority>,
        impact: Option<Level>,
        urgency: Option<Level>,
    ) -> Option<Priority> {
        given.or_else(|| self.priority(impact?, urgency?))
    }

    pub fn impact_levels(&self) -> &[LevelInfo] {
        &self.impact
    }

    pub fn urgency_levels(&self) -> &[LevelInfo] {
        &self.urgency
    }

    pub fn impact_info(&self, level: Level) -> Option<&LevelInfo> {
        self.impact.get(level.0 as usize - 1)
    }

    pub fn urgency_info(&self, level: Level) -> Option<&LevelInfo> {
        self.urgency.get(level.0 as usize - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_follows_policy() {
        let m = PriorityMatrix::default();
        let l = |n| Level::new(n).unwrap();
        assert_eq!(m.priority(l(1), l(1)), Some(Priority::P1));
        assert_eq!(m.priority(l(1), l(3)), Some(Priority::P2));
        assert_eq!(m.priority(l(2), l(3)), Some(Priority::P3));
        assert_eq!(m.priority(l(4), l(4)), Some(Priority::P4));
        assert_eq!(m.priority(l(5), l(1)), None);
    }

    #[test]
    fn matrix_refuses_missing_cells_and_repeated_names() {
        let d = PriorityMatrix::default();
        let rows = |n: usize| vec![vec![Priority::P1; 4]; n];
        assert!(PriorityMatrix::new(d.impact.clone(), d.urgency.clone(), rows(3)).unwrap_err().contains("3 rows"));
        let mut short = rows(4);
        short[2].pop();
        assert!(PriorityMatrix::new(d.impact.clone(), d.urgency.clone(), short).unwrap_err().contains("'department'"));
        let mut twice = d.impact.clone();
        twice[1].name = "organisation".into();
        assert!(PriorityMatrix::new(twice, d.urgency.clone(), rows(4)).unwrap_err().contains("used twice"));
    }

    #[test]
    fn higher_impact_or_urgency_never_lowers_priority() {
        let m = PriorityMatrix::default();
        for i in Level::up_to(4) {
            for u in Level::up_to(4) {
                if let Some(higher) = Level::new(i.get().wrapping_sub(1)) {
                    assert!(m.priority(higher, u) <= m.priority(i, u));
                }
                if let Some(higher) = Level::new(u.get().wrapping_sub(1)) {
                    assert!(m.priority(i, higher) <= m.priority(i, u));
                }
            }
        }
    }

    #[test]
    fn a_given_priority_stays_and_a_missing_one_comes_from_the_cell() {
        let m = PriorityMatrix::default();
        let l = |n| Level::new(n);
        assert_eq!(m.priority_or_cell(Some(Priority::P4), l(1), l(1)), Some(Priority::P4));
        assert_eq!(m.priority_or_cell(None, l(1), l(1)), Some(Priority::P1));
        assert_eq!(m.priority_or_cell(None, l(2), l(3)), Some(Priority::P3));
        assert_eq!(m.priority_or_cell(None, l(1), None), None);
        assert_eq!(m.priority_or_cell(None, None, l(1)), None);
        // A level the matrix has no cell for gives none.
        assert_eq!(m.priority_or_cell(None, l(5), l(1)), None);
    }

    #[test]
    fn parsing() {
        assert_eq!("p2".parse::<Priority>(), Ok(Priority::P2));
        assert_eq!("3".parse::<Priority>(), Ok(Priority::P3));
        assert!("P5".parse::<Priority>().is_err());
        assert!("0".parse::<Level>().is_err());
    }
}
