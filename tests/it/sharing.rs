//! Two colleagues on one database, each under their own user id: a writer
//! and a viewer who may only read the file but may create files in its
//! folder. Whoever comes first, the writer can always write.

use crate::accounts;

use std::os::unix::fs::MetadataExt;

use accounts::{Account, Accounts, chown, stderr};

/// In the group that shares the database.
const WRITER: Account = Account { uid: 4301, gid: 4300, groups: &[4300] };
/// Not in that group: may read the file, as everyone may.
const VIEWER: Account = Account { uid: 4302, gid: 4302, groups: &[] };
/// The writer's config: files everyone may read.
const READABLE: &str = "database_mode = \"0664\"\n";

fn shared_folder(accounts: &Accounts) -> std::path::PathBuf {
    // Everyone may create files here, the viewer too.
    let data = accounts.folder("data", 0o777);
    chown(&data, WRITER.uid, WRITER.gid);
    data
}

#[test]
fn a_viewer_who_opens_first_does_not_lock_out_the_writer() {
    let Some(accounts) = Accounts::new("a_viewer_who_opens_first_does_not_lock_out_the_writer") else { return };
    let db = shared_folder(&accounts).join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    accounts.ok(
        Some(WRITER),
        READABLE,
        &["--db", db_arg, "ticket", "new", "--title", "Mail down", "--reporter", "Piet"],
    );
    assert_eq!(std::fs::metadata(&db).unwrap().uid(), WRITER.uid);

    // The viewer looks first, with nobody else on the file.
    let out = accounts.run(Some(VIEWER), "", &["--db", db_arg, "ticket", "list"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mail down"));

    // The writer can still write, and the viewer sees it.
    let out = accounts.run(
        Some(WRITER),
        READABLE,
        &["--db", db_arg, "ticket", "new", "--title", "VPN", "--reporter", "Kees"],
        &[],
    );
    assert!(out.status.success(), "the writer was locked out: {}", stderr(&out));
    let listed = accounts.ok(Some(VIEWER), "", &["--db", db_arg, "ticket", "list"]);
    assert!(listed.contains("VPN"), "{listed}");
    for companion in ["meldpunt.db-wal", "meldpunt.db-shm"] {
        let meta = std::fs::metadata(db.with_file_name(companion)).unwrap();
        assert_eq!(meta.uid(), WRITER.uid, "{companion} is not the viewer's");
        assert_eq!(meta.gid(), 4300, "{companion} has the database's group");
        assert_eq!(meta.mode() & 0o777, 0o664, "{companion} has the database's permissions");
    }
    // The viewer changes nothing.
    let refused =
        accounts.run(Some(VIEWER), "", &["--db", db_arg, "ticket", "new", "--title", "X", "--reporter", "Y"], &[]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("read-only for you"), "{}", stderr(&refused));
}

#[test]
fn a_viewer_never_creates_the_files_next_to_the_database() {
    let Some(accounts) = Accounts::new("a_viewer_never_creates_the_files_next_to_the_database") else { return };
    let data = shared_folder(&accounts);
    let db = data.join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    accounts.ok(
        Some(WRITER),
        READABLE,
        &["--db", db_arg, "ticket", "new", "--title", "Mail down", "--reporter", "Piet"],
    );
    // Another program (an older meldpunt, sqlite3) removed them on closing.
    for companion in ["meldpunt.db-wal", "meldpunt.db-shm"] {
        std::fs::remove_file(data.join(companion)).unwrap();
    }
    let out = accounts.run(Some(VIEWER), "", &["--db", db_arg, "ticket", "list"], &[]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains(db_arg) && said.contains("-wal and -shm files are missing"), "{said}");
    assert!(said.contains("must open it once"), "{said}");
    let dutch = accounts.run(Some(VIEWER), "", &["--db", db_arg, "ticket", "list"], &[("LANG", "nl_NL.UTF-8")]);
    assert!(stderr(&dutch).contains("ontbreken"), "{}", stderr(&dutch));
    let files: Vec<String> =
        std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files, vec!["meldpunt.db".to_string()], "nothing created");

    // Once the writer has opened it, the viewer reads.
    accounts.ok(Some(WRITER), READABLE, &["--db", db_arg, "ticket", "list"]);
    assert!(accounts.ok(Some(VIEWER), "", &["--db", db_arg, "ticket", "list"]).contains("Mail down"));
    accounts.ok(Some(WRITER), READABLE, &["--db", db_arg, "ticket", "new", "--title", "VPN", "--reporter", "Kees"]);
}

#[test]
fn a_wal_file_someone_else_left_is_named_and_leaves_the_database_readable() {
    let test = "a_wal_file_someone_else_left_is_named_and_leaves_the_database_readable";
    let Some(accounts) = Accounts::new(test).filter(|a| a.unknown(test, &[VIEWER.uid])) else { return };
    let data = shared_folder(&accounts);
    let db = data.join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    accounts.ok(
        Some(WRITER),
        READABLE,
        &["--db", db_arg, "ticket", "new", "--title", "Mail down", "--reporter", "Piet"],
    );
    // As an older meldpunt left them: the viewer's, readable only.
    for companion in ["meldpunt.db-wal", "meldpunt.db-shm"] {
        chown(&data.join(companion), VIEWER.uid, VIEWER.gid);
    }
    let out = accounts.run(
        Some(WRITER),
        READABLE,
        &["--db", db_arg, "ticket", "new", "--title", "VPN", "--reporter", "Kees"],
        &[],
    );
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("meldpunt.db-wal belongs to uid:4302 and is read-only for you"), "{said}");
    let listed = accounts.run(Some(WRITER), READABLE, &["--db", db_arg, "ticket", "list"], &[]);
    assert!(listed.status.success() && String::from_utf8_lossy(&listed.stdout).contains("Mail down"), "{listed:?}");

    // Not even to be read: named too, not "unable to open database file".
    accounts::chmod(&data.join("meldpunt.db-shm"), 0o600);
    let out = accounts.run(Some(WRITER), READABLE, &["--db", db_arg, "ticket", "list"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("meldpunt.db-shm belongs to uid:4302 and you may not even read it"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn writers_whose_own_group_differs_keep_the_files_writable_for_the_group() {
    let Some(accounts) = Accounts::new("writers_whose_own_group_differs_keep_the_files_writable_for_the_group") else {
        return;
    };
    // Both in the servicedesk's group 4300, each with a group of their own first.
    let anna = Account { uid: 4311, gid: 4311, groups: &[4311, 4300] };
    let bram = Account { uid: 4312, gid: 4312, groups: &[4312, 4300] };
    let data = accounts.folder("data", 0o770);
    chown(&data, 0, 4300);
    let db = data.join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    accounts.ok(Some(anna), "", &["--db", db_arg, "ticket", "new", "--title", "Mail down", "--reporter", "Piet"]);
    // The servicedesk's group gets the file; nothing else next to it yet.
    chown(&db, anna.uid, 4300);
    for companion in ["meldpunt.db-wal", "meldpunt.db-shm"] {
        std::fs::remove_file(data.join(companion)).unwrap();
    }
    // bram opens first: SQLite creates the files as his, in his own group.
    accounts.ok(Some(bram), "", &["--db", db_arg, "ticket", "new", "--title", "VPN", "--reporter", "Kees"]);
    let out = accounts.run(
        Some(anna),
        "",
        &["--db", db_arg, "ticket", "new", "--title", "Printer", "--reporter", "Els"],
        &[],
    );
    assert!(out.status.success(), "anna was locked out: {}", stderr(&out));
    for companion in ["meldpunt.db-wal", "meldpunt.db-shm"] {
        let meta = std::fs::metadata(data.join(companion)).unwrap();
        assert_eq!((meta.gid(), meta.mode() & 0o777), (4300, 0o660), "{companion}");
    }
}
