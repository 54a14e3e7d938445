//! Impact, urgency and the priority they give.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An impact or urgency level: 1 is the highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub const MAX: u8 = 4;

    pub fn new(n: u8) -> Option<Level> {
        (1..=Self::MAX).contains(&n).then_some(Level(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Level> {
        (1..=Self::MAX).map(Level)
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

/// Impact × urgency → priority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityMatrix {
    /// `cells[impact - 1][urgency - 1]`
    cells: [[Priority; 4]; 4],
}

impl Default for PriorityMatrix {
    /// A common servicedesk policy: high impact and urgency give P1, low and low give P4.
    fn default() -> Self {
        let p = |n| Priority(n);
        PriorityMatrix {
            cells: [
                [p(1), p(2), p(2), p(3)],
                [p(2), p(2), p(3), p(3)],
                [p(2), p(3), p(3), p(4)],
                [p(3), p(3), p(4), p(4)],
            ],
        }
    }
}

impl PriorityMatrix {
    pub fn from_cells(cells: [[Priority; 4]; 4]) -> Self {
        PriorityMatrix { cells }
    }

    pub fn priority(&self, impact: Level, urgency: Level) -> Priority {
        self.cells[impact.0 as usize - 1][urgency.0 as usize - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_follows_policy() {
        let m = PriorityMatrix::default();
        let l = |n| Level::new(n).unwrap();
        assert_eq!(m.priority(l(1), l(1)), Priority::P1);
        assert_eq!(m.priority(l(1), l(3)), Priority::P2);
        assert_eq!(m.priority(l(2), l(3)), Priority::P3);
        assert_eq!(m.priority(l(4), l(4)), Priority::P4);
    }

    #[test]
    fn higher_impact_or_urgency_never_lowers_priority() {
        let m = PriorityMatrix::default();
        for i in Level::all() {
            for u in Level::all() {
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
    fn parsing() {
        assert_eq!("p2".parse::<Priority>(), Ok(Priority::P2));
        assert_eq!("3".parse::<Priority>(), Ok(Priority::P3));
        assert!("P5".parse::<Priority>().is_err());
        assert!("0".parse::<Level>().is_err());
    }
}
