//! Files the command line writes where the user says (`backup`, `review
//! export --output`, the copy before migrating): never over an existing
//! file without `--force`, never through a link, never onto the database,
//! never a half-written file at the target.

use crate::sandbox;

use std::path::Path;
use std::process::{Command, Output};

use sandbox::{Sandbox, with_db};

/// A database with one incident that has a review.
fn with_review() -> (Sandbox, std::path::PathBuf) {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees"]));
    s.ok(&with_db(&db, &["review", "set", "1", "--what-happened", "The printer jammed"]));
    (s, db)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Runs meldpunt as the sandbox does, but allowed to write files of at most
/// 128 kB: a larger write kills it (SIGXFSZ), as a kill or a full disk would.
fn run_limited(s: &Sandbox, args: &[&str]) -> Output {
    let home = s.dir.path().join("home");
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 256; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_meldpunt"))
        .args(args)
        .env_remove("MELDPUNT_DB")
        .env("LANG", "en_GB.UTF-8")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("USER", "tester")
        .output()
        .unwrap()
}

#[test]
fn review_export_replaces_an_existing_file_only_with_force() {
    let (s, db) = with_review();
    let target = s.dir.path().join("review.md");
    std::fs::write(&target, "my notes").unwrap();
    let out = s.run(&with_db(&db, &["review", "export", "1", "--output", target.to_str().unwrap()]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("exists already; add --force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my notes");
    let said = s.ok(&with_db(&db, &["review", "export", "1", "--output", target.to_str().unwrap(), "--force"]));
    assert!(said.contains("Written to"), "{said}");
    assert!(std::fs::read_to_string(&target).unwrap().contains("The printer jammed"));
}

#[test]
fn backup_replaces_an_existing_file_only_with_force() {
    let (s, db) = with_review();
    let target = s.dir.path().join("copy.db");
    std::fs::write(&target, "mine").unwrap();
    let out = s.run(&with_db(&db, &["backup", target.to_str().unwrap()]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("exists already; add --force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    s.ok(&with_db(&db, &["backup", target.to_str().unwrap(), "--force"]));
    let listed = s.ok(&with_db(&target, &["ticket", "list"]));
    assert!(listed.contains("Printer"), "{listed}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_never_written_through() {
    let (s, db) = with_review();
    let victim = s.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let link = s.dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let l = link.to_str().unwrap();
    for args in [
        vec!["review", "export", "1", "--output", l],
        vec!["review", "export", "1", "--output", l, "--force"],
        vec!["backup", l],
        vec!["backup", l, "--force"],
    ] {
        let out = s.run(&with_db(&db, &args));
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains("is a symbolic link"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn the_database_itself_is_never_a_target() {
    let (s, db) = with_review();
    let folder = db.parent().unwrap();
    let spelled_otherwise = folder.join("../data/meldpunt.db");
    let wal = folder.join("meldpunt.db-wal");
    for target in [&db, &spelled_otherwise, &wal] {
        let t = target.to_str().unwrap();
        for args in [
            vec!["review", "export", "1", "--output", t],
            vec!["review", "export", "1", "--output", t, "--force"],
            vec!["backup", t],
            vec!["backup", t, "--force"],
        ] {
            let out = s.run(&with_db(&db, &args));
            assert!(!out.status.success(), "{args:?}");
            assert!(stderr(&out).contains("is the database itself"), "{args:?}: {}", stderr(&out));
        }
    }
    let listed = s.ok(&with_db(&db, &["ticket", "list"]));
    assert!(listed.contains("Printer"), "{listed}");
    s.ok(&with_db(&db, &["check"]));
    // In Dutch too.
    let out = s.run_with(&with_db(&db, &["backup", db.to_str().unwrap()]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(stderr(&out).contains("is de database zelf"), "{}", stderr(&out));
}

/// Opened through a symbolic link, the database's journal files lie beside
/// the file the link points to, and those are refused too.
#[cfg(unix)]
#[test]
fn the_journal_files_of_a_database_opened_through_a_link_are_never_a_target() {
    let (s, db) = with_review();
    let folder = db.parent().unwrap();
    let link = s.dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    s.ok(&with_db(&link, &["ticket", "list"]));
    for suffix in ["-wal", "-shm", "-journal", ""] {
        let target = folder.join(format!("meldpunt.db{suffix}"));
        let t = target.to_str().unwrap();
        for args in [vec!["review", "export", "1", "--output", t, "--force"], vec!["backup", t, "--force"]] {
            let out = s.run(&with_db(&link, &args));
            assert!(!out.status.success(), "{args:?}");
            assert!(stderr(&out).contains("is the database itself"), "{args:?}: {}", stderr(&out));
        }
    }
    let listed = s.ok(&with_db(&link, &["ticket", "list"]));
    assert!(listed.contains("Printer"), "{listed}");
    s.ok(&with_db(&db, &["check"]));
}

#[test]
fn a_backup_killed_halfway_leaves_nothing_at_its_target() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["demo", "--tickets", "300"]));
    assert!(std::fs::metadata(&db).unwrap().len() > 256 * 1024, "the copy must outgrow the limit");
    let folder = s.dir.path().join("copies");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("b.db");
    let out = run_limited(&s, &with_db(&db, &["backup", target.to_str().unwrap()]));
    assert!(!out.status.success(), "the backup was to be cut off");
    assert!(!target.exists(), "a stub at the target: {:?}", files_in(&folder));
    let left = files_in(&folder);
    assert!(left.iter().any(|f| f.starts_with(".b.db.") && f.ends_with(".part")), "{left:?}");
    // An erase names that copy among those that still hold the data.
    let folder_of_db = db.parent().unwrap();
    let stale = folder_of_db.join(".meldpunt.db.Ab12Cd.part");
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Mail", "--reporter", "Sanne", "--email", "s@example.nl"]));
    s.ok(&with_db(&db, &["check"]));
    std::fs::copy(&db, &stale).unwrap();
    let erased = s.ok(&with_db(&db, &["privacy", "erase", "--reporter", "s@example.nl"]));
    assert!(erased.contains("still hold the person") && erased.contains(".meldpunt.db.Ab12Cd.part"), "{erased}");
    // Nothing blocks a second try, and it clears what the killed one left.
    s.ok(&with_db(&db, &["backup", target.to_str().unwrap()]));
    assert_eq!(files_in(&folder), ["b.db"]);
    let checked = s.ok(&with_db(&target, &["check"]));
    assert!(checked.contains("301 tickets"), "{checked}");
}

#[test]
fn a_migration_killed_while_copying_leaves_no_backup_that_looks_whole() {
    let s = Sandbox::new();
    let folder = s.dir.path().join("old");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("v1.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.db"), &db).unwrap();
    let out = run_limited(&s, &with_db(&db, &["ticket", "list"]));
    assert!(!out.status.success(), "the copy was to be cut off");
    let files = files_in(&folder);
    assert!(!files.iter().any(|f| f.ends_with(".bak")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(".part")), "{files:?}");
    // The next run migrates, keeps a whole copy and clears the half one.
    let listed = s.ok(&with_db(&db, &["ticket", "list"]));
    assert!(listed.contains("VPN drops every ten minutes"), "{listed}");
    let files = files_in(&folder);
    assert!(!files.iter().any(|f| f.contains(".part")), "{files:?}");
    let bak = files_in(&folder).into_iter().find(|f| f.ends_with(".bak")).expect("a backup");
    let copy =
        rusqlite::Connection::open_with_flags(folder.join(bak), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let tickets: i64 = copy.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0)).unwrap();
    assert_eq!((version, verdict.as_str()), (1, "ok"));
    assert!(tickets > 0);
}
