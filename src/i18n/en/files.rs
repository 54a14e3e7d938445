//! English words for the database file among other people's: who may
//! write it, a damaged file, whose names are believed.

pub(super) fn err_companion_read_only(path: &str, owner: &str) -> String {
    format!(
        "{path} belongs to {owner} and is read-only for you, so the database opened read-only: you can look, not \
         change. Give it the database file's group and permissions (chgrp, chmod), or remove it while nobody has \
         the database open."
    )
}

pub(super) fn err_damaged(path: &str, why: &str) -> String {
    format!(
        "{path} is damaged: {why}. Nothing was written to it; meldpunt check shows what is wrong (read-only), \
         and a backup brings it back"
    )
}

pub(super) fn err_writer_first(path: &str) -> String {
    format!(
        "{path} can only be read by you, and its -wal and -shm files are missing: opening it would create them \
         as yours and lock out everyone who writes. Someone who may write it must open it once (any meldpunt \
         command); after that you can read it."
    )
}

pub(super) fn err_folder_read_only(folder: &str, file: &str) -> String {
    format!("Cannot create {file}: the folder {folder} is read-only for you (meldpunt needs to create files there)")
}

pub(super) fn setting_names_set_up(admin: &str) -> String {
    format!(
        "  Config names are believed: anyone can work under any name by writing it in their config. This was \
         turned on when {admin} set up the first people under a config name; it ends once an admin works under \
         their login name (meldpunt agent add LOGIN --role admin)."
    )
}

pub(super) fn err_companion_unreadable(path: &str, owner: &str) -> String {
    format!(
        "{path} belongs to {owner} and you may not even read it, so the database cannot be opened. Give it the \
         database file's group and permissions (chgrp, chmod), or remove it while nobody has the database open."
    )
}
