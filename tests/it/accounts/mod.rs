//! The real binary under other user ids than the test's own: colleagues
//! sharing a folder, a user id without an entry in the user database.
//! Switching needs root (`setpriv`); elsewhere these tests say loudly that
//! they did not run.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Someone to run as: a user id, its group and its other groups.
#[derive(Clone, Copy, Debug)]
pub struct Account {
    pub uid: u32,
    pub gid: u32,
    pub groups: &'static [u32],
}

/// A folder everyone may enter, with a copy of the binary that every user
/// id may run (the build folder need not be reachable for them).
pub struct Accounts {
    pub dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Accounts {
    /// None, with a loud message, where user ids cannot be switched.
    pub fn new(test: &str) -> Option<Accounts> {
        if !nix::unistd::geteuid().is_root() {
            skipped(&format!("{test}: it runs meldpunt under other user ids, which needs root"));
            return None;
        }
        if Command::new("setpriv").arg("--version").output().is_err() {
            skipped(&format!("{test}: setpriv (util-linux) is not installed"));
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o755);
        Some(Accounts { bin: runnable_copy(dir.path()), dir })
    }

    /// Whether the user database knows none of these user ids (the tests
    /// expect them named `uid:N`); says so loudly when it knows one.
    pub fn unknown(&self, test: &str, uids: &[u32]) -> bool {
        let known: Vec<u32> = uids
            .iter()
            .copied()
            .filter(|uid| nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(*uid)).ok().flatten().is_some())
            .collect();
        if !known.is_empty() {
            skipped(&format!("{test}: this system has accounts with user ids {known:?}"));
        }
        known.is_empty()
    }

    /// A folder `name` in the shared folder, with these permissions.
    pub fn folder(&self, name: &str, mode: u32) -> PathBuf {
        let folder = self.dir.path().join(name);
        std::fs::create_dir_all(&folder).unwrap();
        chmod(&folder, mode);
        folder
    }

    /// A home of its own for `who` (root when none), its config saying `config`.
    fn home(&self, who: Option<Account>, config: &str) -> PathBuf {
        let name = who.map_or("root".to_string(), |a| a.uid.to_string());
        let home = self.dir.path().join(format!("home-{name}"));
        let folder = home.join(".config/meldpunt");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("config.toml"), config).unwrap();
        for path in [home.as_path(), home.join(".config").as_path(), folder.as_path()] {
            chmod(path, 0o755);
        }
        chmod(&folder.join("config.toml"), 0o644);
        home
    }

    /// Runs meldpunt as `who` (the test's own user id when none), with a
    /// config of its own and the environment given.
    pub fn run(&self, who: Option<Account>, config: &str, args: &[&str], envs: &[(&str, &str)]) -> Output {
        let home = self.home(who, config);
        let mut cmd = match who {
            Some(a) => {
                let mut cmd = Command::new("setpriv");
                cmd.arg(format!("--reuid={}", a.uid)).arg(format!("--regid={}", a.gid));
                if a.groups.is_empty() {
                    cmd.arg("--clear-groups");
                } else {
                    let groups: Vec<String> = a.groups.iter().map(u32::to_string).collect();
                    cmd.arg(format!("--groups={}", groups.join(",")));
                }
                cmd.arg("--").arg(&self.bin);
                cmd
            }
            None => Command::new(&self.bin),
        };
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LANG", "en_GB.UTF-8")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    /// As [`Accounts::run`], failing the test with what it said unless it succeeds.
    pub fn ok(&self, who: Option<Account>, config: &str, args: &[&str]) -> String {
        let out = self.run(who, config, args, &[]);
        assert!(out.status.success(), "{who:?} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }
}

/// The binary where every user id may run it: the build's own when all the
/// folders above it let everyone through, else a hard link or a copy in `dir`.
fn runnable_copy(dir: &Path) -> PathBuf {
    let built = Path::new(env!("CARGO_BIN_EXE_meldpunt"));
    let open_to_all = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o001 != 0);
    if built.ancestors().all(|p| p.as_os_str().is_empty() || open_to_all(p)) {
        return built.to_path_buf();
    }
    let bin = dir.join("meldpunt");
    // A link opens no file for writing, so no other test's child can hold
    // it open while this one starts it ("Text file busy").
    if std::fs::hard_link(built, &bin).is_err() {
        std::fs::copy(built, &bin).unwrap();
        chmod(&bin, 0o755);
    }
    bin
}

pub fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Says loudly that a test did not run; under CI (`CI=true`), where
/// everything it needs is installed, not running is a failure.
pub fn skipped(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("a test could not run under CI: {why}");
    }
    eprintln!("SKIPPED {why}");
}
