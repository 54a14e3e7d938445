//! The database file among other people's: permissions a Unix group can
//! share, read-only files, and filesystems whose locking cannot be trusted.

use std::path::Path;

/// Permissions of a database file meldpunt creates: the owner and the group
/// read and write (`0660`), so that a servicedesk's group shares it.
pub const DEFAULT_MODE: u32 = 0o660;

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

/// Something about the file the user should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenWarning {
    /// The file cannot be written by this user: it opened read-only.
    ReadOnly,
    /// The file lies on a network filesystem of this type (nfs4, cifs, …).
    NetworkFilesystem(String),
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
    fn folders_can_be_searched_where_files_can_be_read() {
        assert_eq!(folder_mode(0o660), 0o770);
        assert_eq!(folder_mode(0o640), 0o750);
        assert_eq!(folder_mode(0o600), 0o700);
    }
}
