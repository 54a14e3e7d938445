//! Export files to import again, with the real binary: a small export,
//! written as a person editing it would leave it, and a target to import into.
#![allow(dead_code)]

use super::sandbox::{Sandbox, with_db};
use serde_json::Value;

/// A database with two tickets and its export, pretty-printed as a person
/// editing it by hand would leave it.
pub fn exported(s: &Sandbox) -> (std::path::PathBuf, Value) {
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer jams", "--reporter", "Kees"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "VPN down", "--reporter", "Piet"]));
    s.ok(&with_db(&db, &["ticket", "note", "1", "Called back"]));
    let export: Value = serde_json::from_str(&s.ok(&with_db(&db, &["export"]))).unwrap();
    (db, export)
}

pub fn write(s: &Sandbox, document: &Value) -> std::path::PathBuf {
    let file = s.db().with_file_name("import.json");
    std::fs::write(&file, serde_json::to_string_pretty(document).unwrap()).unwrap();
    file
}

/// The line of the file where a text stands.
pub fn line_of(file: &std::path::Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.contains(needle)).expect("in the file") + 1
}

pub fn import(s: &Sandbox, db: &std::path::Path, file: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", file.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    s.run(&with_db(db, &args))
}

/// A target with people and one ticket of its own.
pub fn target(s: &Sandbox) -> std::path::PathBuf {
    let db = s.db().with_file_name("target.db");
    // Whoever sets up the first person is an admin: tester.
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--role", "operator"]));
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Our own ticket", "--reporter", "Anna"]));
    db
}

/// Every ticket as `ticket list --json` gives it, without its SLA clocks
/// (whose time left moves on while a test runs): what an import must leave unchanged.
pub fn tickets(s: &Sandbox, db: &std::path::Path) -> Value {
    let mut list: Value = serde_json::from_str(&s.ok(&with_db(db, &["ticket", "list", "--all", "--json"]))).unwrap();
    for ticket in list.as_array_mut().expect("a list") {
        ticket.as_object_mut().expect("a ticket").remove("sla");
    }
    list
}
