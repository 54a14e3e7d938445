//! A server database's backup: `pg_dump` of meldpunt's schema, written
//! where the user says as any file meldpunt writes, and read back before it
//! counts as made.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Server;
use super::schema::SCHEMA;
use crate::domain::storage::ServerProblem;
use crate::output_file::{OutputFile, Rules};
use crate::store::{Result, StoreError};

/// One of the server's own programs: on the PATH, or in Debian's folders.
pub fn program(name: &str) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin").join(name)).collect())
        .unwrap_or_default();
    debian.sort();
    on_path.into_iter().chain(debian.into_iter().rev()).find(|p| p.is_file())
}

/// Writes a copy of meldpunt's schema with its data to `to` (pg_dump's
/// custom format, read by `pg_restore`), from one snapshot while others
/// keep working. An existing file only with `force`.
pub(super) fn backup_to(server: &Server, to: &Path, force: bool) -> Result<()> {
    let refused =
        |why: String| StoreError::Server { location: server.to_string(), problem: ServerProblem::Refused(why) };
    let Some(pg_dump) = program("pg_dump") else {
        return Err(refused(format!(
            "pg_dump is not installed (Debian: apt-get install postgresql-client); a backup by hand: pg_dump --format=custom --schema={SCHEMA} --file={} \"{server}\"",
            to.display()
        )));
    };
    let out = OutputFile::create(to, Rules { force, protected: &[] }, 0o600)?;
    let dumped = Command::new(&pg_dump)
        .args(["--format=custom", "--no-password", &format!("--schema={SCHEMA}"), "--extension=unaccent"])
        .arg(format!("--file={}", out.path().display()))
        .envs(server.libpq_env())
        .output()
        .map_err(|e| refused(format!("{}: {e}", pg_dump.display())))?;
    if !dumped.status.success() {
        return Err(refused(format!("pg_dump: {}", String::from_utf8_lossy(&dumped.stderr).trim())));
    }
    if let Some(pg_restore) = program("pg_restore") {
        let listed = Command::new(pg_restore).arg("--list").arg(out.path()).output();
        if !listed.as_ref().is_ok_and(|l| l.status.success()) {
            let why = listed.map(|l| String::from_utf8_lossy(&l.stderr).trim().to_string()).unwrap_or_default();
            return Err(StoreError::BackupDamaged(why));
        }
    }
    out.commit()?;
    Ok(())
}
