//! A damaged file, with the real binary: it is called damaged and named,
//! `check` looks into it without changing a byte, writes are refused; a
//! folder where the database cannot be created is named.

use crate::accounts;
use crate::sandbox;

use sandbox::{Sandbox, with_db};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A database with some hundreds of tickets, closed again.
fn filled(s: &Sandbox) -> std::path::PathBuf {
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "400"]));
    db
}

#[test]
fn a_file_cut_short_is_called_damaged_and_check_looks_into_it_untouched() {
    let s = Sandbox::new();
    let db = filled(&s);
    let size = std::fs::metadata(&db).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    file.set_len(size / 2).unwrap();
    drop(file);
    let before = std::fs::read(&db).unwrap();

    let out = s.run(&with_db(&db, &["ticket", "list"]));
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains(&format!("{} is damaged", db.display())), "{said}");
    assert!(said.contains("cut short") && !said.contains("not a SQLite database"), "{said}");
    let dutch = s.run_with(&with_db(&db, &["ticket", "list"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(stderr(&dutch).contains("is beschadigd") && stderr(&dutch).contains("afgekapt"), "{}", stderr(&dutch));

    let refused = s.run(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    assert!(!refused.status.success() && stderr(&refused).contains("is damaged"), "{}", stderr(&refused));

    let check = s.run(&with_db(&db, &["check"]));
    assert!(!check.status.success(), "a damaged file fails the check");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("Damaged:") && report.contains(&format!("header says {size}")), "{report}");
    assert!(report.contains("Integrity:"), "what SQLite found: {report}");
    assert!(stderr(&check).contains("The check found"), "{}", stderr(&check));
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
}

#[test]
fn writes_to_a_file_sqlite_reports_as_malformed_are_refused() {
    let s = Sandbox::new();
    let db = filled(&s);
    // Half the pages of the history overwritten, the size kept: only
    // reading finds it. The schema and the planner's statistics, read by
    // every statement, are spared.
    let (page_size, pages): (usize, Vec<usize>) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        let mut stmt = conn.prepare("SELECT pageno FROM dbstat WHERE name = 'events' ORDER BY pageno").unwrap();
        let pages = stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().map(|p| p.unwrap() as usize).collect();
        (size as usize, pages)
    };
    assert!(pages.len() > 10, "the history fills pages: {pages:?}");
    let mut bytes = std::fs::read(&db).unwrap();
    for page in &pages[pages.len() / 4..pages.len() * 3 / 4] {
        bytes[(page - 1) * page_size..page * page_size].fill(0xA5);
    }
    std::fs::write(&db, &bytes).unwrap();

    let out = s.run(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("is damaged") && said.contains("malformed"), "{said}");
    assert!(said.contains("Nothing was written"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");

    let check = s.run(&with_db(&db, &["check"]));
    assert!(!check.status.success());
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.lines().filter(|l| l.starts_with("Integrity:")).count() > 1, "each finding on a line: {report}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
}

#[test]
fn a_read_only_folder_for_a_new_database_is_named() {
    let Some(accounts) = accounts::Accounts::new("a_read_only_folder_for_a_new_database_is_named") else { return };
    let folder = accounts.folder("shared", 0o555);
    let someone = Some(accounts::Account { uid: 4242, gid: 4242, groups: &[] });
    for db in [folder.join("meldpunt.db"), folder.join("team/meldpunt.db")] {
        let out = accounts.run(someone, "", &["--db", db.to_str().unwrap(), "ticket", "list"], &[]);
        assert!(!out.status.success());
        let said = stderr(&out);
        assert!(said.contains(&format!("the folder {} is read-only for you", folder.display())), "{said}");
        assert!(said.contains(&db.display().to_string()), "{said}");
    }
    let dutch = accounts.run(
        someone,
        "",
        &["--db", folder.join("meldpunt.db").to_str().unwrap(), "ticket", "list"],
        &[("LANG", "nl_NL.UTF-8")],
    );
    assert!(stderr(&dutch).contains("is voor u alleen-lezen"), "{}", stderr(&dutch));
}
