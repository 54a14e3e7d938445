//! End to end on a PostgreSQL server: the real binary in a pseudo-terminal,
//! driven by keys, and another process changing what it shows.

use std::time::{Duration, Instant};

use meldpunt::store::files::OpenOptions;
use meldpunt::store::{Location, Store};

use crate::common::pg;
use crate::pty::{CTRL_S, ENTER, ESC, Session, TAB, home};
use crate::sandbox::Sandbox;

#[test]
fn postgres_register_an_incident_on_the_screen_and_find_it_on_the_server() {
    let Some(cluster) = pg::cluster("postgres end to end") else { return };
    let db = cluster.fresh();
    let home = home();
    let url = db.url();
    let mut s = Session::start(home.path(), &["--db", &url], &[], 100, 30);
    s.wait_for("No incidents yet.");
    crate::pty::fill_in_vpn_incident(&mut s);
    s.send(CTRL_S);
    let detail = s.wait_for("Registered INC-000001.");
    assert!(detail.contains("P2 high") && detail.contains(pg::OWNER), "the server's login registered it: {detail}");
    s.send(ESC);
    s.wait_for("1 ticket ·");
    s.send("/");
    s.type_text("vpn drop");
    let queue = s.wait_for("Search: vpn drop");
    assert!(queue.contains("INC-000001"), "{queue}");
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("Sanne Jansen · Finance");
    s.send(ESC);
    s.send("q");
    assert!(s.wait_exit(), "meldpunt exits cleanly");

    let store = Store::open_at(&Location::Server(Box::new(db.server(pg::OWNER))), OpenOptions::default()).unwrap();
    let t = store.ticket(1).unwrap().expect("the incident is on the server");
    assert_eq!((t.title.as_str(), t.reporter.name.as_str()), ("VPN drops every ten minutes", "Sanne Jansen"));
    let events = store.events(1).unwrap();
    assert!(events.iter().all(|e| e.actor == pg::OWNER), "{events:?}");
}

#[test]
fn postgres_another_process_change_shows_on_the_screen_within_moments() {
    let Some(cluster) = pg::cluster("postgres live refresh") else { return };
    let db = cluster.fresh();
    let url = db.url();
    let cli = Sandbox::new();
    cli.ok(&["--db", &url, "ticket", "new", "--title", "Printer jams", "--reporter", "Piet"]);
    let home = home();
    let s = Session::start(home.path(), &["--db", &url, "--read-only"], &[], 100, 30);
    s.wait_for("Printer jams");
    let start = Instant::now();
    cli.ok(&["--db", &url, "ticket", "new", "--title", "Scanner offline", "--reporter", "Jan"]);
    let screen = s.wait_for("Scanner offline");
    let took = start.elapsed();
    // The screen looks at the server's change stamp every second.
    assert!(took < Duration::from_millis(2_500), "{took:?}: {screen}");
    cli.ok(&["--db", &url, "ticket", "update", "2", "--title", "Scanner offline on floor 3"]);
    s.wait_for("Scanner offline on floor 3");
}

#[test]
fn postgres_a_lost_connection_keeps_what_was_typed_and_the_screen_connects_again() {
    let Some(cluster) = pg::own_cluster("postgres lost connection") else { return };
    let db = cluster.fresh();
    let home = home();
    let url = db.url();
    let mut s = Session::start(home.path(), &["--db", &url], &[], 100, 30);
    s.wait_for("No incidents yet.");
    s.send("n");
    s.wait_for("Register incident");
    s.type_text("Sanne Jansen");
    s.send(TAB);
    s.type_text("fin");
    s.send(TAB);
    s.send(TAB);
    s.send(TAB);
    s.type_text("Badge reader at the door is dead");
    cluster.restart();
    s.send(CTRL_S);
    let screen = s.wait_for_any(&["Registered INC-000001.", "connection to the database server lost"]);
    if !screen.contains("Registered") {
        // What was typed is still there; saved again once the server is back.
        assert!(screen.contains("Badge reader at the door is dead") && screen.contains("retrying"), "{screen}");
        std::thread::sleep(Duration::from_millis(500));
        s.send(CTRL_S);
        s.wait_for("Registered INC-000001.");
    }
    // Unclassified, it goes on to the wizard: left with Esc, then the incident.
    for _ in 0..3 {
        s.send(ESC);
        std::thread::sleep(Duration::from_millis(300));
        if s.screen().contains("1 ticket ·") {
            break;
        }
    }
    s.wait_for("1 ticket ·");
    s.send("q");
    assert!(s.wait_exit());
    let store = Store::open_at(&Location::Server(Box::new(db.server(pg::OWNER))), OpenOptions::default()).unwrap();
    assert_eq!(store.ticket(1).unwrap().unwrap().title, "Badge reader at the door is dead");
    assert_eq!(store.ticket(2).unwrap(), None, "saved once");
}
