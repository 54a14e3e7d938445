//! The teams and people tickets are given to, as the screen and the
//! command line show them.

/// Open tickets by priority: unclassified, P1, P2, P3, P4.
pub type Workload = [u64; 5];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamInfo {
    pub name: String,
    pub line: u8,
    pub active: bool,
    pub members: Vec<String>,
    pub open: Workload,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentInfo {
    pub login: String,
    pub name: String,
    pub email: Option<String>,
    pub line: u8,
    pub role: String,
    pub active: bool,
    pub teams: Vec<String>,
    pub open: Workload,
}

/// A person who works on tickets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentRecord {
    pub login: String,
    pub name: String,
    pub email: Option<String>,
    pub line: u8,
    pub role: String,
    pub teams: Vec<String>,
}
