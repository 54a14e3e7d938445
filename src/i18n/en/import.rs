//! English for why a meldpunt export cannot be imported.

use crate::store::ImportProblem;

pub(super) fn problem(p: &ImportProblem) -> String {
    p.to_string()
}
