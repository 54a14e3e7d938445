//! Who is working, with the real binary: the login comes from the real user
//! id, never from `$USER`; config names are believed for the set-up only
//! until an admin works under their login name, and while they are believed
//! `setting list` and the title bar say so.

use crate::accounts;
use crate::pty;
use crate::sandbox;

use accounts::{Account, Accounts, chmod, stderr};
use sandbox::{Sandbox, with_db};

/// A user id the user database does not know.
const NOBODY_KNOWN: Account = Account { uid: 4242, gid: 4242, groups: &[] };

#[test]
fn a_user_id_without_an_entry_is_a_stranger_whatever_user_says() {
    let test = "a_user_id_without_an_entry_is_a_stranger_whatever_user_says";
    let Some(accounts) = Accounts::new(test).filter(|a| a.unknown(test, &[NOBODY_KNOWN.uid])) else { return };
    let data = accounts.folder("data", 0o777);
    let db = data.join("meldpunt.db");
    let db_arg = db.to_str().unwrap();
    // root sets up the servicedesk and so becomes its admin.
    accounts.ok(None, "", &["--db", db_arg, "ticket", "new", "--title", "Mail down", "--reporter", "Piet"]);
    accounts.ok(None, "", &["--db", db_arg, "agent", "add", "bram", "--name", "Bram", "--role", "technician"]);
    let people = accounts.ok(None, "", &["--db", db_arg, "agent", "list", "--json"]);
    assert!(people.contains("\"root\"") && people.contains("\"admin\""), "{people}");
    // Everyone may write the files, so only the identity can stop a change.
    for entry in std::fs::read_dir(&data).unwrap() {
        chmod(&entry.unwrap().path(), 0o666);
    }

    let pretend = [("USER", "root"), ("LOGNAME", "root")];
    let attempts: [&[&str]; 3] = [
        &["ticket", "new", "--title", "Borrowed", "--reporter", "Piet"],
        &["setting", "set", "unknown_user_role", "admin"],
        &["agent", "add", "eve", "--name", "Eve", "--role", "admin"],
    ];
    for attempt in attempts {
        let out = accounts.run(Some(NOBODY_KNOWN), "", &[&["--db", db_arg], attempt].concat(), &pretend);
        assert!(!out.status.success(), "{attempt:?} was let through: {}", String::from_utf8_lossy(&out.stdout));
        let said = stderr(&out);
        assert!(said.contains("uid:4242 is not among the people"), "{attempt:?}: {said}");
    }
    // Looking is fine, and says who they are taken for.
    let out = accounts.run(Some(NOBODY_KNOWN), "", &["--db", db_arg, "ticket", "list"], &pretend);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mail down"));
    assert!(stderr(&out).contains("uid:4242"), "{}", stderr(&out));

    // Nothing changed.
    let tickets = accounts.ok(None, "", &["--db", db_arg, "ticket", "list", "--json"]);
    assert!(!tickets.contains("Borrowed"), "{tickets}");
    let settings = accounts.ok(None, "", &["--db", db_arg, "setting", "list"]);
    assert!(settings.contains("unknown_user_role = none"), "{settings}");
    let people = accounts.ok(None, "", &["--db", db_arg, "agent", "list", "--json"]);
    assert!(!people.contains("eve"), "{people}");
}

#[test]
fn config_names_are_believed_for_the_set_up_until_an_admin_works_under_their_login() {
    // The sandbox's config names "tester"; the login is the test's own.
    let s = Sandbox::new();
    let db = s.db();
    let me = nix::unistd::User::from_uid(nix::unistd::getuid()).unwrap().map(|u| u.name);
    let Some(me) = me.filter(|m| m != "tester") else {
        accounts::skipped("config_names_are_believed_…: the test's own user id has no login name apart from tester");
        return;
    };
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--role", "technician"]));
    let settings = s.ok(&with_db(&db, &["setting", "list"]));
    assert!(settings.contains("trust_config_user = yes"), "{settings}");
    assert!(settings.contains("Config names are believed") && settings.contains("tester set up"), "{settings}");
    assert!(settings.contains("ends once an admin works under their login name"), "{settings}");
    let dutch = s.run_with(&with_db(&db, &["setting", "list"]), &[("LANG", "nl_NL.UTF-8")]);
    assert!(String::from_utf8_lossy(&dutch.stdout).contains("Namen uit de configuratie worden geloofd"), "{dutch:?}");

    // The first admin sets up the person they are by login: that ends it.
    s.ok(&with_db(&db, &["agent", "add", &me, "--name", "Me", "--role", "admin"]));
    let settings = s.ok(&with_db(&db, &["setting", "list"]));
    assert!(settings.contains("trust_config_user = no"), "{settings}");
    assert!(!settings.contains("believed"), "{settings}");
    // From now on the config's name is not believed; the login is an admin.
    let out = s.run(&with_db(&db, &["ticket", "new", "--title", "Mail down", "--reporter", "Piet"]));
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("you work as"), "{out:?}");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1"]));
    assert!(shown.contains(&me), "registered under the login: {shown}");

    // An admin who chooses to believe config names is told what that means,
    // and it stays their choice.
    s.ok(&with_db(&db, &["setting", "set", "trust_config_user", "yes"]));
    s.ok(&with_db(&db, &["agent", "add", "carla", "--name", "Carla", "--role", "operator"]));
    let settings = s.ok(&with_db(&db, &["setting", "list"]));
    assert!(settings.contains("trust_config_user = yes"), "{settings}");
    assert!(settings.contains("setting set trust_config_user no ends that"), "{settings}");
}

#[test]
fn the_title_bar_says_when_config_names_are_believed() {
    let s = Sandbox::new();
    let db = s.db();
    s.ok(&with_db(&db, &["agent", "add", "bram", "--name", "Bram", "--role", "technician"]));
    let home = s.dir.path().join("home");
    let mut tui = pty::Session::start(&home, &["--db", db.to_str().unwrap()], &[], 100, 30);
    let screen = tui.wait_for("No incidents yet.");
    let title = screen.lines().next().unwrap_or_default();
    assert!(title.contains("[config names believed] tester"), "{screen}");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn the_set_up_trust_ends_for_the_store_too_and_an_admin_choice_stays() {
    use meldpunt::domain::access::ConfigNames;
    use meldpunt::domain::people::AgentRecord;
    use meldpunt::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meldpunt.db");
    let person = |login: &str, role: &str| AgentRecord {
        login: login.into(),
        name: login.into(),
        email: None,
        line: 1,
        role: role.into(),
        teams: Vec::new(),
    };
    // anna logs in as "anna" but her config says "tester".
    let as_tester = || Store::open(&path).unwrap().as_user("tester", true, None).unwrap().with_os_login(Some("anna"));
    as_tester().add_agent(&person("bram", "technician")).unwrap();
    assert_eq!(as_tester().config_names().unwrap(), ConfigNames::BelievedForSetUp { admin: "tester".into() });
    // Someone else's login made an admin does not end it; hers does.
    as_tester().add_agent(&person("carla", "admin")).unwrap();
    assert_ne!(as_tester().config_names().unwrap(), ConfigNames::NotBelieved);
    as_tester().add_agent(&person("anna", "admin")).unwrap();
    assert_eq!(as_tester().config_names().unwrap(), ConfigNames::NotBelieved);

    let anna = || Store::open(&path).unwrap().as_user("anna", false, None).unwrap().with_os_login(Some("anna"));
    anna().set_setting(meldpunt::domain::access::Setting::TrustConfigUser, "yes").unwrap();
    anna().add_agent(&person("dirk", "operator")).unwrap();
    assert_eq!(anna().config_names().unwrap(), ConfigNames::Believed, "an admin's choice stays");
}
