//! End to end: the customer-update bell of the real binary in a
//! pseudo-terminal.

use crate::pty;

use chrono::{Duration, Utc};
use meldpunt::domain::{Channel, Priority};
use meldpunt::store::Store;
use pty::Session;

#[test]
fn the_bell_rings_once_when_a_customer_update_falls_due() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/meldpunt");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "user = \"operator1\"\nupdate_bell = true\n").unwrap();
    let db = home.path().join("bell.db");
    {
        let store = Store::open(&db).unwrap();
        let mut t = meldpunt::domain::NewTicket::new("Mail server down", "Anna", Channel::Phone);
        t.priority = Some(Priority::P1);
        // Its update is due every 30 minutes: in 10 minutes and 3 seconds,
        // just outside the 10 minutes in which an update counts as due.
        let registered = Utc::now() - Duration::minutes(20) + Duration::seconds(3);
        store.create_ticket("operator1", registered, &t).unwrap();
    }
    let s = Session::start(home.path(), &["--db", db.to_str().unwrap()], &[], 100, 24);
    s.wait_for("Mail server down");
    assert_eq!(s.bells(), 0, "nothing is due yet");
    let shown = s.wait_for("1 update due");
    assert!(shown.contains("Mail server down"), "{shown}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while s.bells() == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(s.bells(), 1, "rung when the update fell due");
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(s.bells(), 1, "once, not every second");
}
