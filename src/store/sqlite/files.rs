//! The database file among other people's: permissions a Unix group can
//! share, read-only files, and filesystems whose locking cannot be trusted.

use std::path::Path;

use crate::domain::storage::DEFAULT_MODE;

/// How to treat the file when opening it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenOptions {
    /// Permissions of a file (and its folder) that opening creates; the
    /// folder also gets the search bit wherever the file may be read.
    pub mode: u32,
    /// Open read-only even when the file could be written.
    pub read_only: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { mode: DEFAULT_MODE, read_only: false }
    }
}

/// The folder's permissions for a file mode: search wherever read is allowed.
pub fn folder_mode(mode: u32) -> u32 {
    mode | ((mode & 0o444) >> 2)
}

/// Gives `path` these permissions, whatever the umask took away.
pub fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Whether an existing file can be opened for writing by this user.
pub fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// The files SQLite keeps next to a database in WAL mode: the write-ahead
/// log and its shared-memory index.
pub fn companions(path: &Path) -> [std::path::PathBuf; 2] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    [with("-wal"), with("-shm")]
}

/// Whether the file's header says it is in WAL mode (read and write
/// versions 2). A file too short to say is not.
pub fn in_wal_mode(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 20];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && header[18] == 2 && header[19] == 2
}

/// Whether this user may create files in `folder`.
pub fn can_create_in(folder: &Path) -> bool {
    #[cfg(unix)]
    {
        use nix::unistd::{AccessFlags, access};
        access(folder, AccessFlags::W_OK | AccessFlags::X_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        true
    }
}

/// Gives the -wal and -shm files the database file's permissions and group,
/// so that everyone who may write the database may write them too. SQLite
/// creates them with the database's permissions but the creator's group.
/// Only their owner (or root) can change them; for anyone else this does
/// nothing.
pub fn share_companions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let Ok(db) = std::fs::metadata(path) else { return };
        let me = nix::unistd::geteuid();
        for companion in companions(path) {
            let Ok(meta) = std::fs::metadata(&companion) else { continue };
            if meta.uid() != me.as_raw() && !me.is_root() {
                continue;
            }
            if meta.gid() != db.gid() {
                // Only to a group this user is in; otherwise it stays.
                let _ = std::os::unix::fs::chown(&companion, None, Some(db.gid()));
            }
            if meta.permissions().mode() & 0o777 != db.permissions().mode() & 0o777 {
                let _ = set_mode(&companion, db.permissions().mode() & 0o777);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Decides, before SQLite creates any file, what opening may do:
/// - a new database needs a folder this user may create files in, which is
///   named when it is not;
/// - someone who may only read the database never creates its -wal and
///   -shm files: they would be theirs, with the permissions of the
///   database, and everyone who writes would be locked out ("attempt to
///   write a readonly database"). Writers keep those files (persistent WAL),
///   so they are missing only before a writer first opened the file, or
///   after someone removed them; then reading is refused until a writer has
///   opened it once. (Reading without them, SQLite's `immutable`, would be
///   safe only while nobody writes, which a reader cannot know.)
/// - a -wal or -shm file this user may not write (left by someone else)
///   makes the database read-only for them; it is returned, with its owner;
///   one they may not even read is refused, named.
pub(super) fn before_open(
    path: &Path,
    existed: bool,
    may_write: bool,
    read_only_wanted: bool,
) -> super::Result<Option<(std::path::PathBuf, String)>> {
    use super::StoreError;
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !existed {
        let mut nearest = folder;
        while !nearest.exists() {
            match nearest.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(up) => nearest = up,
                None => break,
            }
        }
        if nearest.exists() && !can_create_in(nearest) {
            return Err(StoreError::FolderReadOnly { folder: nearest.to_path_buf(), file: path.to_path_buf() });
        }
        return Ok(None);
    }
    let wal = in_wal_mode(path);
    let missing = companions(path).into_iter().find(|c| !c.exists());
    if !may_write {
        return match missing {
            Some(_) if wal => Err(StoreError::WriterFirst { path: path.to_path_buf() }),
            _ => Ok(None),
        };
    }
    if let Some(file) = missing
        && (wal || !read_only_wanted)
        && !can_create_in(folder)
    {
        return Err(StoreError::FolderReadOnly { folder: folder.to_path_buf(), file });
    }
    let locked: Vec<_> = companions(path).into_iter().filter(|c| c.exists() && !writable(c)).collect();
    if let Some(unreadable) = locked.iter().find(|c| std::fs::File::open(c).is_err()) {
        // Not even to be read: SQLite could only say "unable to open".
        return Err(StoreError::CompanionUnreadable { path: unreadable.clone(), owner: owner(unreadable) });
    }
    Ok(locked.into_iter().next().map(|c| {
        let owner = owner(&c);
        (c, owner)
    }))
}

/// Who owns a file, as a login name where the user database knows it.
pub fn owner(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(path) else { return "?".into() };
        let uid = nix::unistd::Uid::from_raw(meta.uid());
        crate::identity::login_for(meta.uid(), nix::unistd::User::from_uid(uid).ok().flatten().map(|u| u.name))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        "?".into()
    }
}

/// Filesystem types whose locks SQLite cannot rely on.
const NETWORK_FILESYSTEMS: [&str; 9] = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "fuse.sshfs", "davfs"];

/// The network filesystem `path` lies on, if it does (Linux: the mount
/// with the longest matching prefix in /proc/mounts).
pub fn network_filesystem(path: &Path) -> Option<String> {
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    let full = path.parent().and_then(|p| p.canonicalize().ok())?;
    network_filesystem_in(&mounts, &full)
}

/// As [`network_filesystem`], from the text of /proc/mounts.
pub fn network_filesystem_in(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_), Some(point), Some(kind)) = (fields.next(), fields.next(), fields.next()) else { continue };
        // Spaces in mount points are written as \040.
        let point = point.replace("\\040", " ");
        if path.starts_with(&point) && best.is_none_or(|(len, _)| point.len() > len) {
            best = Some((point.len(), kind));
        }
    }
    let (_, kind) = best?;
    NETWORK_FILESYSTEMS.contains(&kind).then(|| kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_mount_decides() {
        let mounts = "/dev/vda / ext4 rw 0 0\n\
                      server:/export /srv/helpdesk nfs4 rw 0 0\n\
                      /dev/vdb /srv/helpdesk/local ext4 rw 0 0\n\
                      //nas/share /mnt/my\\040share cifs rw 0 0\n";
        let on = |p: &str| network_filesystem_in(mounts, Path::new(p));
        assert_eq!(on("/srv/helpdesk/team"), Some("nfs4".into()));
        assert_eq!(on("/srv/helpdesk/local"), None);
        assert_eq!(on("/home/anna"), None);
        assert_eq!(on("/mnt/my share/db"), Some("cifs".into()));
        assert_eq!(on("/srv/helpdesk2"), None, "a prefix of the name is not a parent folder");
    }

    #[test]
    fn the_companions_lie_next_to_the_database() {
        let [wal, shm] = companions(Path::new("/srv/helpdesk/meldpunt.db"));
        assert_eq!(wal, Path::new("/srv/helpdesk/meldpunt.db-wal"));
        assert_eq!(shm, Path::new("/srv/helpdesk/meldpunt.db-shm"));
    }

    #[test]
    fn folders_can_be_searched_where_files_can_be_read() {
        assert_eq!(folder_mode(0o660), 0o770);
        assert_eq!(folder_mode(0o640), 0o750);
        assert_eq!(folder_mode(0o600), 0o700);
    }
}
