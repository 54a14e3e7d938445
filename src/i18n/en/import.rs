//! English for why a meldpunt export cannot be imported.

use crate::domain::storage::ImportProblem;

pub(super) fn problem(p: &ImportProblem) -> String {
    p.to_string()
}
