//! meldpunt on a PostgreSQL server: naming it, its schema, who works, and
//! what goes wrong connecting, with the real binary where a user would
//! notice. Each test has a fresh database on the tests' own server.

use std::time::Duration;

use meldpunt::store::files::OpenOptions;
use meldpunt::store::{Location, Opened, Store, StoreError};

use crate::common::{incident, pg, t0};
use crate::sandbox::Sandbox;

fn open(db: &pg::Database) -> Result<Store, StoreError> {
    Store::open_at(&Location::Server(Box::new(db.server(pg::OWNER))), OpenOptions::default())
}

fn count(db: &pg::Database, sql: &str) -> i64 {
    db.client().query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn postgres_a_new_database_gets_the_schema_once_and_a_newer_one_is_refused_untouched() {
    let Some(cluster) = pg::cluster("postgres schema") else { return };
    let db = cluster.fresh();
    let store = open(&db).unwrap();
    assert_eq!(*store.opened(), Opened::Created);
    store.create_ticket("anna", t0(), &incident("VPN", "Piet")).unwrap();
    drop(store);
    assert_eq!(*open(&db).unwrap().opened(), Opened::Current);
    // meldpunt's tables are in a schema of their own, not in public.
    assert_eq!(count(&db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
    assert_eq!(count(&db, "SELECT count(*) FROM meldpunt.tickets"), 1);

    db.client().batch_execute("UPDATE meldpunt.meldpunt_schema SET version = 99").unwrap();
    let refused = open(&db).err().expect("a newer schema is refused");
    let said = meldpunt::i18n::Language::En.catalogue().store_error(&refused, &Default::default());
    assert!(said.contains("schema version 99") && said.contains("left untouched"), "{said}");
    assert_eq!(count(&db, "SELECT version::bigint FROM meldpunt.meldpunt_schema"), 99);
    assert_eq!(count(&db, "SELECT count(*) FROM meldpunt.tickets"), 1);
}

#[test]
fn postgres_a_schema_holding_another_programs_tables_is_refused_untouched() {
    let Some(cluster) = pg::cluster("postgres schema") else { return };
    let db = cluster.fresh();
    db.client().batch_execute("CREATE SCHEMA meldpunt; CREATE TABLE meldpunt.invoices (id int)").unwrap();
    let refused = open(&db).err().expect("another program's schema is refused");
    let said = meldpunt::i18n::Language::Nl.catalogue().store_error(&refused, &Default::default());
    assert!(said.contains("ander programma") && said.contains("meldpunt"), "{said}");
    let tables = count(&db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'meldpunt'");
    assert_eq!(tables, 1, "nothing was added beside the other program's table");
}

#[test]
fn postgres_the_schema_is_made_in_one_transaction() {
    let Some(cluster) = pg::cluster("postgres schema") else { return };
    let db = cluster.fresh();
    // A login that may connect but not create anything: nothing is left half made.
    let visitor = db.login("visitor");
    db.client()
        .batch_execute(&format!(
            "REVOKE CREATE ON DATABASE {} FROM PUBLIC; REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            db.name
        ))
        .unwrap();
    let refused = Store::open_at(&Location::Server(Box::new(db.server(&visitor))), OpenOptions::default());
    let said = meldpunt::i18n::Language::En.catalogue().store_error(&refused.err().unwrap(), &Default::default());
    assert!(said.contains("may not create"), "{said}");
    assert_eq!(count(&db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'meldpunt'"), 0);
    // Its owner makes it; then the other login uses it.
    open(&db).unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM meldpunt.meldpunt_schema"), 1);
}

#[test]
fn postgres_the_person_is_the_login_the_server_authenticated() {
    let Some(cluster) = pg::cluster("postgres identity") else { return };
    let db = cluster.fresh();
    let s = Sandbox::new();
    // The sandbox's config names the user "tester"; the server says meldpunt_owner.
    let out = s.run(&["--db", &db.url(), "ticket", "new", "--title", "Printer", "--reporter", "Piet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let actor: String = db
        .client()
        .query_one("SELECT actor FROM meldpunt.events WHERE ticket_id = 1 ORDER BY id LIMIT 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(actor, pg::OWNER);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("tester") && said.contains("database server"),
        "the config's user is said not to count: {said}"
    );
}

#[test]
fn postgres_what_goes_wrong_connecting_is_told_apart_before_anything_starts() {
    let Some(cluster) = pg::cluster("postgres connecting") else { return };
    let db = cluster.fresh();
    let s = Sandbox::new();
    let fails = |db: &str, args: &[&str]| -> String {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let out = s.run(&all);
        assert!(!out.status.success(), "{db}");
        assert!(out.stdout.is_empty(), "{db}: nothing was drawn");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = fails("postgres://db.example.org:notaport/x", &[]);
    assert!(said.contains("cannot read the database address"), "{said}");
    let said = fails(&format!("host={} dbname={} user=nobody_here", cluster.socket.display(), db.name), &[]);
    assert!(said.contains("refused the login nobody_here"), "{said}");
    let said = fails("host=/nonexistent/socket dbname=x user=y", &["report", "daily"]);
    assert!(said.contains("cannot reach the database server"), "{said}");
    let said = fails(&format!("{} sslmode=nonsense", db.url()), &[]);
    assert!(said.contains("sslmode=nonsense"), "{said}");
    let said = fails(&format!("host={} dbname=nothing_here user={}", cluster.socket.display(), pg::OWNER), &[]);
    assert!(said.contains("nothing_here"), "{said}");
}

#[test]
fn postgres_a_password_in_the_config_is_refused_with_its_file_line_and_key() {
    let s = Sandbox::new();
    let config = s.dir.path().join("home/.config/meldpunt/config.toml");
    std::fs::write(&config, "user = \"tester\"\ndatabase = \"postgres://anna:s3cret@db.example.org/meldpunt\"\n")
        .unwrap();
    let out = s.run(&["report", "daily"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("config.toml") && said.contains("line 2") && said.contains("database"), "{said}");
    assert!(said.contains("~/.pgpass") && !said.contains("s3cret"), "{said}");
}

/// Runs one statement with `psql` as `login`: its output, or the server's refusal.
fn psql(db: &pg::Database, login: &str, sql: &str) -> Result<String, String> {
    let out = std::process::Command::new(db.cluster.bin.join("psql"))
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .arg(db.cluster.conninfo(&db.name, login))
        .env("PGOPTIONS", "-c search_path=meldpunt")
        .output()
        .unwrap();
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

#[test]
fn postgres_the_server_refuses_what_a_role_may_not_do_even_to_direct_sql() {
    let Some(cluster) = pg::cluster("postgres roles") else { return };
    let db = cluster.fresh();
    let s = Sandbox::new();
    let url = db.url();
    let ok = |args: &[&str]| {
        let mut all = vec!["--db", url.as_str()];
        all.extend_from_slice(args);
        s.ok(&all)
    };
    ok(&["team", "add", "Desk"]);
    ok(&["team", "add", "CERT"]);
    let (anna, tom, lea, stranger) = (db.login("anna"), db.login("tom"), db.login("lea"), db.login("stranger"));
    let (anna, tom, lea, stranger) = (anna.as_str(), tom.as_str(), lea.as_str(), stranger.as_str());
    ok(&["agent", "add", anna, "--name", "Anna", "--role", "operator"]);
    ok(&["agent", "add", tom, "--name", "Tom", "--role", "technician", "--team", "Desk"]);
    ok(&["agent", "add", lea, "--name", "Lea", "--role", "lead"]);
    ok(&["ticket", "new", "--title", "Printer", "--reporter", "Piet"]);
    ok(&["ticket", "new", "--title", "Phishing mail", "--reporter", "Zoë"]);
    ok(&["ticket", "restrict", "2", "--team", "CERT"]);
    // Adding a person made the login a member of its role's group.
    let member = |login: &str, role: &str| {
        psql(&db, pg::OWNER, &format!("SELECT pg_has_role('{login}', '{}_{role}', 'MEMBER')", db.name)).unwrap()
    };
    assert_eq!((member(tom, "technician"), member(tom, "operator")), ("t".into(), "f".into()));

    for login in [anna, tom, lea] {
        // History cannot be rewritten by anyone.
        let refused = psql(&db, login, "UPDATE events SET actor = 'someone else'").unwrap_err();
        assert!(refused.contains("permission denied"), "{login}: {refused}");
        assert!(psql(&db, login, "DELETE FROM events").is_err(), "{login}");
        assert!(psql(&db, login, "UPDATE audit SET new_value = 'x'").is_err(), "{login}");
        assert!(psql(&db, login, "DELETE FROM audit").is_err(), "{login}");
        // Nobody makes themselves an admin.
        let refused = psql(&db, login, &format!("GRANT {}_admin TO {login}", db.name)).unwrap_err();
        assert!(
            refused.contains("permission denied") || refused.contains("must have admin option"),
            "{login}: {refused}"
        );
        assert!(
            psql(&db, login, &format!("UPDATE agents SET role = 'admin' WHERE login = '{login}'")).is_err(),
            "{login}"
        );
        assert_eq!(psql(&db, pg::OWNER, &format!("SELECT role FROM agents WHERE login = '{login}'")).unwrap(), {
            if login == anna {
                "operator"
            } else if login == tom {
                "technician"
            } else {
                "lead"
            }
        });
    }
    // Nobody writes history in another's name, numbers it, or blocks it.
    let forged = format!("INSERT INTO events (ticket_id, at, actor, kind) VALUES (1, 0, '{lea}', 'changed')");
    assert!(psql(&db, tom, &forged).is_err(), "a technician forging a lead's event");
    let own = format!(
        "INSERT INTO events (id, ticket_id, at, actor, kind) VALUES (9223372036854775807, 1, 0, '{tom}', 'changed') RETURNING id"
    );
    let numbered = psql(&db, tom, &own).unwrap();
    assert_ne!(numbered, "9223372036854775807", "the server numbers the history");
    let blocking = "INSERT INTO tickets (id, title, reporter_name, channel, created_at, updated_at) VALUES (9223372036854775807, 'x', 'y', 'phone', 0, 0)";
    assert!(psql(&db, anna, blocking).is_err(), "no number so high that the next cannot follow");
    // An operator does not register a restricted ticket either.
    let hidden = "INSERT INTO tickets (title, reporter_name, channel, created_at, updated_at, restricted) VALUES ('x', 'y', 'phone', 0, 0, 1)";
    assert!(psql(&db, anna, hidden).is_err());
    // A privacy action of one's own making unlocks nothing outside the owner's function.
    let unlock =
        format!("INSERT INTO privacy_log (at, actor, action, subject, running) VALUES (0, '{lea}', 'x', 'x', 1)");
    assert!(psql(&db, lea, &unlock).is_err(), "only an admin logs privacy actions");
    // A restricted ticket is not there for whoever may not see it, to read or to change.
    assert_eq!(psql(&db, anna, "SELECT count(*) FROM tickets WHERE id = 2").unwrap(), "0");
    assert_eq!(psql(&db, tom, "SELECT count(*) FROM events WHERE ticket_id = 2").unwrap(), "0");
    assert_eq!(psql(&db, anna, "UPDATE tickets SET status = 'in_progress' WHERE id = 2 RETURNING id").unwrap(), "");
    assert_eq!(psql(&db, lea, "SELECT title FROM tickets WHERE id = 2").unwrap(), "Phishing mail");
    // What a role may not change in a ticket it sees.
    let refused = psql(&db, tom, "UPDATE tickets SET title = 'Nothing' WHERE id = 1").unwrap_err();
    assert!(refused.contains("technician"), "{refused}");
    assert!(psql(&db, tom, "INSERT INTO tickets (title, reporter_name, channel, created_at, updated_at) VALUES ('x', 'y', 'phone', 0, 0)").is_err());
    assert!(psql(&db, anna, "UPDATE tickets SET restricted = 1 WHERE id = 1").is_err());
    assert!(psql(&db, anna, "INSERT INTO settings VALUES ('trust_config_user', 'yes')").is_err());
    // ... and what it may.
    assert_eq!(
        psql(&db, anna, "UPDATE tickets SET title = 'Printer jams' WHERE id = 1 RETURNING title").unwrap(),
        "Printer jams"
    );
    assert_eq!(
        psql(&db, tom, "UPDATE tickets SET status = 'in_progress' WHERE id = 1 RETURNING status").unwrap(),
        "in_progress"
    );
    // A login that is none of the people reads nothing.
    let refused = psql(&db, stranger, "SELECT count(*) FROM meldpunt.tickets").unwrap_err();
    assert!(refused.contains("permission denied"), "{refused}");
    // meldpunt itself, as such a login, is refused by the server too.
    let stranger = db.cluster.conninfo(&db.name, stranger);
    let out = s.run(&["--db", &stranger, "ticket", "new", "--title", "x", "--reporter", "y"]);
    assert!(!out.status.success());
    assert_eq!(psql(&db, pg::OWNER, "SELECT count(*) FROM tickets").unwrap(), "2");
}

#[test]
fn postgres_each_role_does_its_work_through_meldpunt_with_the_servers_grants() {
    let Some(cluster) = pg::cluster("postgres roles at work") else { return };
    let db = cluster.fresh();
    let s = Sandbox::new();
    let as_login = |login: &str, args: &[&str]| -> std::process::Output {
        let conninfo = db.cluster.conninfo(&db.name, login);
        let mut all = vec!["--db", conninfo.as_str()];
        all.extend_from_slice(args);
        s.run(&all)
    };
    let ok = |login: &str, args: &[&str]| -> String {
        let out = as_login(login, args);
        assert!(out.status.success(), "{login} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (ada, anna, tom) = (db.login("ada"), db.login("anna"), db.login("tom"));
    let (ada, anna, tom) = (ada.as_str(), anna.as_str(), tom.as_str());
    ok(pg::OWNER, &["agent", "add", ada, "--name", "Ada", "--role", "admin"]);
    // An admin who is not the schema's owner sets up the others.
    ok(ada, &["agent", "add", anna, "--name", "Anna", "--role", "operator"]);
    ok(ada, &["agent", "add", tom, "--name", "Tom", "--role", "technician", "--team", "Network"]);
    ok(anna, &["ticket", "new", "--title", "VPN drops", "--reporter", "Zoë de Wit", "--email", "zoe@example.org"]);
    ok(anna, &["ticket", "assign", "1", "--team", "Network", "--person", tom]);
    ok(tom, &["ticket", "note", "1", "Zoë de Wit says it drops every hour"]);
    ok(tom, &["ticket", "status", "1", "in_progress"]);
    ok(tom, &["ticket", "status", "1", "resolved"]);
    let refused = as_login(tom, &["ticket", "update", "1", "--title", "Something else"]);
    assert!(!refused.status.success(), "a technician does not retitle");
    let shown = ok(anna, &["ticket", "show", "1"]);
    assert!(shown.contains("VPN drops") && shown.contains("every hour"), "{shown}");
    ok(anna, &["ticket", "notify", "1", "--template", "progress", "--record-only"]);
    let sent = psql(&db, pg::OWNER, "SELECT count(*) FROM entries WHERE recipient LIKE '%zoe@example.org%'").unwrap();
    assert_eq!(sent, "1", "a message to the reporter");
    // The privacy erase, by an admin who is not the owner, rewrites the history too.
    ok(ada, &["privacy", "erase", "--reporter", "zoe@example.org"]);
    let left = psql(&db, pg::OWNER, "SELECT count(*) FROM entries WHERE recipient LIKE '%zoe@example.org%'").unwrap();
    assert_eq!(left, "0", "the message's recipient too");
    let left = psql(&db, pg::OWNER, "SELECT count(*) FROM entries WHERE body LIKE '%Zoë%'").unwrap();
    assert_eq!(left, "0");
    let left = psql(&db, pg::OWNER, "SELECT count(*) FROM tickets WHERE reporter_name LIKE '%Zoë%'").unwrap();
    assert_eq!(left, "0");
    let logged = psql(&db, pg::OWNER, "SELECT actor || ' ' || action FROM privacy_log").unwrap();
    assert!(logged.starts_with(&format!("{ada} ")), "{logged}");
    // ... which nobody can call outside a privacy action of their own.
    let refused = psql(&db, ada, "SELECT mp_privacy_rewrite('events', 'note', 'id', 1, 'x')").unwrap_err();
    assert!(refused.contains("no privacy action"), "{refused}");
    assert!(psql(&db, anna, "SELECT mp_privacy_rewrite('events', 'note', 'id', 1, 'x')").is_err());
}

#[test]
fn postgres_where_the_owner_may_not_make_roles_the_exact_statements_for_a_dba_are_told() {
    let Some(cluster) = pg::cluster("postgres roles by a DBA") else { return };
    let db = cluster.fresh();
    let s = Sandbox::new();
    // A login that may create the schema, not roles.
    let keeper = db.login("keeper");
    db.client().batch_execute(&format!("GRANT CREATE ON DATABASE {} TO {keeper}", db.name)).unwrap();
    let as_keeper = db.cluster.conninfo(&db.name, &keeper);
    let out = s.run(&["--db", &as_keeper, "init"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let create = format!("CREATE ROLE {}_operator NOLOGIN;", db.name);
    assert!(said.contains("a DBA runs first") && said.contains(&create), "{said}");
    assert_eq!(count(&db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'meldpunt'"), 0, "nothing half made");
    // The DBA does as told; the keeper sets up, and adding a person tells
    // the GRANT the keeper may not make.
    let statements = said.split("runs first: ").nth(1).unwrap().split(" Then").next().unwrap();
    cluster.client("postgres").batch_execute(statements).unwrap();
    let out = s.run(&["--db", &as_keeper, "init"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tom = db.login("tom");
    let out = s.run(&["--db", &as_keeper, "agent", "add", &tom, "--name", "Tom", "--role", "technician"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr);
    let grant = format!("GRANT {}_technician TO {tom}", db.name);
    assert!(said.contains(&grant), "{said}");
    cluster.client(&db.name).batch_execute(&grant).unwrap();
    let out = s.run(&["--db", &db.cluster.conninfo(&db.name, &tom), "ticket", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn postgres_copy_moves_everything_there_and_back_with_its_numbers_and_history() {
    let Some(cluster) = pg::cluster("postgres copy") else { return };
    let s = Sandbox::new();
    let file = s.dir.path().join("from.db");
    let file = file.to_str().unwrap();
    s.ok(&["--db", file, "demo", "--tickets", "300"]);
    s.ok(&["--db", file, "ticket", "note", "7", "Called Zoë back"]);
    s.ok(&["--db", file, "ticket", "restrict", "8", "--team", "Security"]);
    // The server's login, an admin there as here, sees everything in both.
    s.ok(&["--db", file, "agent", "add", pg::OWNER, "--name", "Owner", "--role", "admin"]);
    let export = |db: &str| s.ok(&["--db", db, "export"]);
    let same = |a: &str, b: &str| a == b;
    let before = export(file);

    let server = cluster.fresh();
    let url = server.url();
    let said = s.ok(&["copy", "--from", file, "--to", &url]);
    assert!(said.contains("tickets") && said.contains("300") && said.contains("sound"), "{said}");
    assert!(same(&export(&url), &before), "the server holds what the file held");
    let back = s.dir.path().join("back.db");
    let back = back.to_str().unwrap();
    s.ok(&["copy", "--from", &url, "--to", back]);
    assert!(same(&export(back), &before), "and back again, to the byte");
    // New rows on the server get numbers after the copied ones.
    s.ok(&["--db", &url, "ticket", "new", "--title", "After the move", "--reporter", "Jan"]);
    assert!(s.ok(&["--db", &url, "ticket", "show", "301"]).contains("After the move"));

    // A database that holds anything is no target, and stays as it was.
    let out = s.run(&["copy", "--from", file, "--to", &url]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not empty") && said.contains("nothing was written"), "{said}");
    assert_eq!(count(&server, "SELECT count(*) FROM meldpunt.tickets"), 301);
    let out = s.run(&["copy", "--from", &url, "--to", file]);
    assert!(!out.status.success());
    assert!(same(&export(file), &before), "the file is as it was");
}

#[test]
fn postgres_search_finds_the_same_tickets_as_sqlite_for_the_same_words() {
    use meldpunt::domain::NumberFormat;
    use meldpunt::domain::queue::{Cursor, PageRequest, QueueFilter, Scope, Sort, SortColumn, Viewer};
    let Some(cluster) = pg::cluster("postgres search") else { return };
    let s = Sandbox::new();
    let file = s.dir.path().join("demo.db");
    let file = file.to_str().unwrap();
    s.ok(&["--db", file, "demo", "--tickets", "1500"]);
    s.ok(&["--db", file, "ticket", "new", "--title", "Café-printer: ÉÉN storing", "--reporter", "Zoë d'Ancona"]);
    let server = cluster.fresh();
    s.ok(&["copy", "--from", file, "--to", &server.url()]);
    let lite = Store::open(std::path::Path::new(file)).unwrap();
    let pg = open(&server).unwrap();
    let viewer = Viewer { login: "x".into() };
    let numbers = NumberFormat::default();
    let found = |store: &Store, text: &str, scope: Scope, sort: Sort| -> (Vec<i64>, u64) {
        let filter = QueueFilter { scope, search: Some(text.into()), ..Default::default() };
        let request = PageRequest {
            filter: &filter,
            sort,
            viewer: &viewer,
            numbers: &numbers,
            cursor: &Cursor::First,
            limit: 2000,
        };
        let ids = store.queue_page(&request).unwrap().into_iter().map(|r| r.id).collect();
        (ids, store.queue_counts(&filter, &viewer, &numbers).unwrap().matching)
    };
    let queries = [
        "p",
        "j",
        "v",
        "print",
        "printer",
        "PRINTER",
        "vpn",
        "vpn drop",
        "mail",
        "e-mail",
        "outlook",
        "wifi",
        "wi-fi",
        "cafe",
        "café",
        "een",
        "één",
        "zoe",
        "zoë",
        "d'ancona",
        "ancona",
        "screen black",
        "monitor",
        "access denied",
        "3e",
        "teams",
        "x",
        "nothing-like-this",
        "12",
        "INC-000007",
    ];
    let newest = Sort::default();
    let by_priority = Sort { column: SortColumn::Priority, ascending: true };
    for q in queries {
        for scope in [Scope::All, Scope::Open] {
            let (a, an) = found(&lite, q, scope, newest);
            let (b, bn) = found(&pg, q, scope, newest);
            assert_eq!((a.len(), an), (b.len(), bn), "{q:?} {scope:?}: as many on both");
            assert!(a == b, "{q:?} {scope:?}: the same tickets in the same order");
            let (mut a, _) = found(&lite, q, scope, by_priority);
            let (mut b, _) = found(&pg, q, scope, by_priority);
            a.sort_unstable();
            b.sort_unstable();
            assert!(a == b, "{q:?} {scope:?} by priority: the same tickets");
        }
    }
}

#[test]
fn postgres_a_server_restart_in_the_middle_of_writing_loses_or_doubles_nothing() {
    let Some(cluster) = pg::own_cluster("postgres restart") else { return };
    let db = cluster.fresh();
    let url = db.url();
    let s = Sandbox::new();
    s.ok(&["--db", &url, "init"]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (url, stop) = (url.clone(), stop.clone());
            let home = s.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut told = Vec::new();
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let title = format!("writer {w} call {n}");
                    n += 1;
                    let out = std::process::Command::new(env!("CARGO_BIN_EXE_meldpunt"))
                        .args(["--db", &url, "ticket", "new", "--title", &title, "--reporter", "Piet"])
                        .env("HOME", home.join("home"))
                        .env("XDG_CONFIG_HOME", home.join("home/.config"))
                        .env("XDG_DATA_HOME", home.join("home/.local/share"))
                        .env("LANG", "en_GB.UTF-8")
                        .output()
                        .unwrap();
                    told.push((title, out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned()));
                }
                told
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1_500));
    cluster.restart();
    std::thread::sleep(Duration::from_millis(1_500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let told: Vec<_> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let mut client = db.client();
    let stored: Vec<String> =
        client.query("SELECT title FROM tickets", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    let failed: Vec<_> = told.iter().filter(|(_, ok, _)| !ok).collect();
    assert!(!failed.is_empty(), "the restart was noticed by some writer");
    for (title, ok, said) in &told {
        let times = stored.iter().filter(|t| *t == title).count();
        assert_eq!(times, *ok as usize, "{title}: said {ok} ({said}), stored {times} times");
    }
    assert_eq!(stored.len(), told.iter().filter(|(_, ok, _)| *ok).count());
    // What failed said what happened.
    for (_, _, said) in failed {
        assert!(said.contains("database server"), "{said}");
    }
}

/// What a command printed, without what differs by when and where it ran:
/// times of day, ages and the login (the config's user on a file, the
/// server's login on a server), and the widths of columns.
fn comparable(out: &std::process::Output) -> (bool, String) {
    let text = String::from_utf8_lossy(&out.stdout).replace(pg::OWNER, "tester");
    let times =
        regex::Regex::new(r"T\d{2}:\d{2}:\d{2}|\b\d{1,2}:\d{2}(:\d{2})?\b|\b1[0-9]{9}\b|\b\d+[smhd]\b").unwrap();
    // Columns are as wide as their longest value: the logins differ in length.
    // A service-level clock's stretches end now: the two runs are a moment apart.
    let text: Vec<String> = times
        .replace_all(&text, "~")
        .lines()
        .filter(|l| !l.contains("~ – ~"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (out.status.success(), text.join("\n"))
}

#[test]
fn postgres_the_command_line_says_the_same_on_a_server_as_on_a_file() {
    let Some(cluster) = pg::cluster("postgres command line") else { return };
    let server = cluster.fresh();
    let s = Sandbox::new();
    let file = s.dir.path().join("same.db");
    let (file, url) = (file.to_str().unwrap().to_string(), server.url());
    let battery: &[&[&str]] = &[
        &["demo", "--tickets", "150", "--seed", "7"],
        &["ticket", "new", "--title", "Café-printer kapot", "--reporter", "Zoë de Wit", "--email", "zoe@example.org"],
        &["ticket", "update", "151", "--impact", "2", "--urgency", "2"],
        &["ticket", "list", "--all", "--sort", "priority"],
        &["ticket", "list", "--all", "--search", "print"],
        &["ticket", "list", "--all", "--search", "cafe zoe"],
        &["ticket", "list", "--status", "in_progress", "--sort", "title"],
        &["ticket", "list", "--all", "--sort", "team"],
        &["ticket", "assign", "151", "--team", "Workplace"],
        &["ticket", "status", "151", "in_progress"],
        &["ticket", "note", "151", "Zoë de Wit called back"],
        &["ticket", "escalate", "151", "--to", "line2", "--reason", "needs hands on"],
        &["ticket", "notify", "151", "--template", "progress", "--record-only"],
        &["ticket", "major", "151", "--coordinator", "jdeboer", "--communication", "nmulder"],
        &["ticket", "link", "150", "--major", "151"],
        &["ticket", "list", "--escalated"],
        &["ticket", "status", "151", "resolved"],
        &["ticket", "check", "151"],
        &["ticket", "close", "151", "--code", "solved", "--cause", "a", "--measures", "b", "--solution", "c"],
        &["feedback", "151", "--score", "4", "--comment", "prima"],
        &[
            "review",
            "set",
            "151",
            "--what-happened",
            "It broke",
            "--cause",
            "Wear",
            "--recommendations",
            "Replace",
            "--action",
            "Order one",
        ],
        &["review", "show", "151"],
        &["problem", "new", "--title", "Printers wear out", "--incident", "151", "--incident", "150"],
        &["problem", "list"],
        &["problem", "recurring"],
        &["kb", "add", "--title", "Printer reset", "--body", "Hold the button ten seconds", "--tag", "printer"],
        &["kb", "search", "printer"],
        &["kb", "search", "knop"],
        &["ticket", "show", "151"],
        &["ticket", "show", "150"],
        &["report", "daily"],
        &["report", "sla", "--period", "month"],
        &["report", "times", "--period", "month"],
        &["report", "times", "--period", "month", "--format", "csv"],
        &["report", "fcr", "--period", "month"],
        &["report", "reassignments", "--period", "month"],
        &["report", "satisfaction", "--period", "month"],
        &["report", "volume", "--period", "month", "--format", "json"],
        &["report", "recurring", "--period", "month"],
        &["report", "backlog", "--period", "month"],
        &["report", "volume", "--period", "month", "--team", "Workplace", "--priority", "P3"],
        &["export", "--format", "csv"],
        &["privacy", "export", "--reporter", "zoe@example.org"],
        &["privacy", "erase", "--reporter", "zoe@example.org"],
        &["ticket", "list", "--all", "--search", "zoe"],
        &["team", "list"],
        &["agent", "list"],
        &["check"],
    ];
    for args in battery {
        let on = |db: &str| {
            let mut all = vec!["--db", db];
            all.extend_from_slice(args);
            comparable(&s.run(&all))
        };
        let (lite, pg) = (on(&file), on(&url));
        if lite != pg {
            let differ = lite.1.lines().zip(pg.1.lines()).find(|(a, b)| a != b);
            panic!("{args:?} (succeeded: {} and {}): first differing lines {differ:?}", lite.0, pg.0);
        }
    }
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A certificate authority and a server certificate for `localhost`, made
/// with openssl in `dir`, readable by the server's user.
fn certificates(dir: &std::path::Path, run_as: Option<(u32, u32)>) {
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(dir).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    std::fs::write(dir.join("ext.cnf"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=meldpunt test authority",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    use std::os::unix::fs::PermissionsExt;
    for file in ["server.key", "server.crt", "ca.crt"] {
        let path = dir.join(file);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        if let Some((uid, gid)) = run_as {
            nix::unistd::chown(&path, Some(nix::unistd::Uid::from_raw(uid)), Some(nix::unistd::Gid::from_raw(gid)))
                .unwrap();
        }
    }
}

#[test]
fn postgres_tls_encrypts_and_verifies_as_sslmode_asks() {
    if std::process::Command::new("openssl").arg("version").output().is_err() {
        crate::accounts::skipped("postgres tls: openssl is not installed");
        return;
    }
    let port = free_port();
    let Some(cluster) = pg::own_cluster_with("postgres tls", port, |dir, run_as| {
        certificates(dir, run_as);
        format!(
            " -c ssl=on -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key -c listen_addresses=127.0.0.1",
            dir.display()
        )
    }) else {
        return;
    };
    let db = cluster.fresh();
    let ca = cluster.socket.join("ca.crt");
    // The CA's file is the server user's; the test reads a copy of its own.
    let mine = tempfile::tempdir().unwrap();
    let ca_copy = mine.path().join("ca.crt");
    std::fs::copy(&ca, &ca_copy).unwrap();
    let over_tcp =
        |host: &str, tls: &str| format!("host={host} port={port} dbname={} user={} {tls}", db.name, pg::OWNER);
    let open = |conninfo: &str| {
        let server =
            meldpunt::store::postgres::Server::parse(conninfo, false, &meldpunt::store::postgres::Env::default())
                .unwrap();
        Store::open_at(&Location::Server(Box::new(server)), OpenOptions::default())
    };
    let encrypted = |store: &Store| -> bool {
        drop(store.change_stamp());
        let rows = db
            .client()
            .query(
                "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'meldpunt'",
                &[],
            )
            .unwrap();
        rows.iter().any(|r| r.get::<_, bool>(0))
    };
    let said = |e: StoreError| meldpunt::i18n::Language::En.catalogue().store_error(&e, &Default::default());

    let store = open(&over_tcp("localhost", "sslmode=require")).unwrap();
    assert!(encrypted(&store), "require: encrypted");
    drop(store);
    let root = format!("sslmode=verify-full sslrootcert={}", ca_copy.display());
    let store = open(&over_tcp("localhost", &root)).unwrap();
    assert!(encrypted(&store), "verify-full against the given root");
    drop(store);
    // The certificate is made out to localhost, not to the address.
    let refused = said(open(&over_tcp("127.0.0.1", &root)).err().expect("another name is refused"));
    assert!(refused.contains("TLS"), "{refused}");
    let store = open(&over_tcp("127.0.0.1", &format!("sslmode=verify-ca sslrootcert={}", ca_copy.display()))).unwrap();
    assert!(encrypted(&store), "verify-ca checks the root, not the name");
    drop(store);
    // Against the system's roots this private authority is unknown.
    let refused = said(open(&over_tcp("localhost", "sslmode=verify-full sslrootcert=system")).err().unwrap());
    assert!(refused.contains("TLS"), "{refused}");
    // And as a URL.
    let url = format!(
        "postgresql://{}@localhost:{port}/{}?sslmode=verify-full&sslrootcert={}",
        pg::OWNER,
        db.name,
        ca_copy.display()
    );
    assert!(open(&url).is_ok(), "{url}");
    let out = Sandbox::new().run(&["--db", &url, "ticket", "new", "--title", "Over TLS", "--reporter", "Piet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
