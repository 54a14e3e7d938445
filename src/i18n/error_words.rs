//! Words of what went wrong (files, databases, settings, keymaps), one
//! struct each language fills in (`en/errors.rs`, `nl/errors.rs`).

use crate::keymap::KeymapProblem;

pub struct ErrorWords {
    pub not_a_database: fn(&str, &str) -> String,
    pub foreign: fn(&str) -> String,
    pub too_new: fn(&str, u32, u32) -> String,
    /// A database server that could not be used, named by its location.
    pub server: fn(&str, &crate::domain::storage::ServerProblem) -> String,
    /// The connection to the database server was lost (the server's words).
    pub connection_lost: fn(&str) -> String,
    /// A copy's target that holds rows (of a table) already.
    pub target_not_empty: fn(&str, &str) -> String,
    /// A table's rows in a copy's source and its target.
    pub copy_differs: fn(&str, u64, u64) -> String,
    /// What the database server's own tools do (a backup).
    pub not_on_server: fn(&str) -> String,
    pub io: fn(&str, &str) -> String,
    pub required: fn(&str) -> String,
    pub invalid_value: fn(&str, &str) -> String,
    pub transition: fn(&str, &str, &str) -> String,
    pub reopen_window: fn(i64) -> String,
    pub conflict: fn(i64, i64) -> String,
    pub database: fn(&str) -> String,
    pub keymap: fn(&KeymapProblem) -> String,
    pub review_incomplete: &'static str,
    pub bad_score: fn(u8) -> String,
    pub exists: fn(&str) -> String,
    pub write_exists: fn(&str) -> String,
    pub write_symlink: fn(&str) -> String,
    pub write_database: fn(&str) -> String,
    pub write_not_file: fn(&str) -> String,
    pub unknown_name: fn(&str) -> String,
    pub reason_required: &'static str,
    pub link_itself: &'static str,
    pub already_closed: fn(&str) -> String,
    pub feedback_needs_score: &'static str,
    pub not_major: fn(&str) -> String,
    /// File, line, key and the parser's own message.
    pub config: fn(&str, Option<usize>, Option<&str>, &str) -> String,
    pub backup_damaged: fn(&str) -> String,
    pub read_only: &'static str,
    pub not_allowed: fn(&str, &str, &str) -> String,
    pub unknown_user: fn(&str) -> String,
    pub last_admin: fn(&str) -> String,
    pub bad_import: fn(&str) -> String,
    /// What, and its limit.
    pub too_long: fn(&str, usize) -> String,
    pub control_char: fn(&str) -> String,
    /// What, the value and the values that would do (empty when none).
    pub not_known: fn(&str, &str, &str) -> String,
    pub wrong_line: fn(&str, u8, u8, &str) -> String,
    pub not_a: fn(&str, crate::domain::limits::ValueKind) -> String,
    pub missing: fn(&str) -> String,
    /// A ticket (number, the file's reference) an update would take history from.
    pub history_here: fn(&str, &str) -> String,
    /// Ticket, field, line and the problem.
    pub import_at: fn(&str, &str, u64, &str) -> String,
    pub companion_read_only: fn(&str, &str) -> String,
    pub writer_first: fn(&str) -> String,
    pub companion_unreadable: fn(&str, &str) -> String,
    pub damaged: fn(&str, &str) -> String,
    pub folder_read_only: fn(&str, &str) -> String,
}
