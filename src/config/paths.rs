//! Where files live by default, per platform.

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "meldpunt")
}

/// `config.toml` in the platform's config folder (`~/.config/meldpunt` on Linux).
pub fn default_config_path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.toml"))
}

/// `meldpunt.db` in the platform's data folder (`~/.local/share/meldpunt` on Linux).
pub fn default_database_path() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("meldpunt.db"))
}
