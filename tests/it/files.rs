//! The database file on a shared host: permissions a group can share,
//! read-only opening, a broken mode in the config.

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::{incident, t0};
use meldpunt::domain::storage::OpenWarning;
use meldpunt::store::files::OpenOptions;
use meldpunt::store::{Store, StoreError};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_database_and_its_folder_can_be_shared_by_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team/meldpunt.db");
    let store = Store::open(&path).unwrap();
    store.create_ticket("anna", t0(), &incident("Printer", "Kees")).unwrap();
    assert_eq!(mode(&path), 0o660, "whatever the umask");
    assert_eq!(mode(&dir.path().join("team")), 0o770);
    assert_eq!(mode(&dir.path().join("team/meldpunt.db-wal")), 0o660, "the write-ahead log too");

    // Another mode from the config; an existing folder keeps its own.
    let private = dir.path().join("team/private.db");
    Store::open_with(&private, OpenOptions { mode: 0o600, ..Default::default() }).unwrap();
    assert_eq!(mode(&private), 0o600);
    assert_eq!(mode(&dir.path().join("team")), 0o770);
}

#[test]
fn a_read_only_database_shows_everything_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meldpunt.db");
    {
        let store = Store::open(&path).unwrap();
        store.create_ticket("anna", t0(), &incident("Printer", "Kees")).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let store = Store::open_with(&path, OpenOptions { read_only: true, ..Default::default() }).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.ticket(1).unwrap().unwrap().title, "Printer");
    let refused = store.create_ticket("anna", t0(), &incident("Another", "Kees"));
    assert!(matches!(refused, Err(StoreError::ReadOnly)), "{refused:?}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");

    // A file the user may not write opens read-only by itself, and says why.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let privileged = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
    let store = Store::open(&path).unwrap();
    // (An administrator may write any file; then there is nothing to detect.)
    if !privileged {
        assert!(store.is_read_only());
        assert_eq!(store.warnings(), &[OpenWarning::ReadOnly]);
    }
    // A read-only database is never created.
    let missing = Store::open_with(&dir.path().join("none.db"), OpenOptions { read_only: true, ..Default::default() });
    assert!(missing.is_err());
    assert!(!dir.path().join("none.db").exists());
}

#[test]
fn a_wrong_database_mode_names_the_key() {
    let env = meldpunt::config::Environment::default();
    let err = meldpunt::config::Config::from_toml("database_mode = \"0488\"\n", None, &env).unwrap_err().to_string();
    assert!(err.contains("database_mode") && err.contains("line 1"), "{err}");
    let err = meldpunt::config::Config::from_toml("database_mode = \"0044\"\n", None, &env).unwrap_err().to_string();
    assert!(err.contains("owner can read and write"), "{err}");
    let ok = meldpunt::config::Config::from_toml("database_mode = \"0640\"\n", None, &env).unwrap();
    assert_eq!(ok.database_mode, 0o640);
}
