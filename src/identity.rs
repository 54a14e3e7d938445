//! Who is working. The login name of the operating system, or the `user`
//! of the config where the servicedesk allows that (or nobody is set up
//! yet); the store then lets them do what their role allows.

use crate::config::Config;
use crate::domain::access::Setting;
use crate::domain::escalation::Role;
use crate::store::{Result, Store};

pub struct Resolved {
    pub store: Store,
    /// The login the work is recorded under.
    pub user: String,
    /// The config's `user`, when it was not believed.
    pub ignored: Option<String>,
}

pub fn resolve(config: &Config, store: Store) -> Result<Resolved> {
    let os = config.os_user.clone().unwrap_or_else(|| "unknown".to_string());
    let believed = store.setting(Setting::TrustConfigUser)? == "yes" || store.people_count()? == 0;
    let (user, ignored) = match &config.named_user {
        Some(named) if *named != os && !believed => (os, Some(named.clone())),
        Some(named) => (named.clone(), None),
        None => (os, None),
    };
    let unknown = Role::from_code(&store.setting(Setting::UnknownUserRole)?);
    let from_config = config.named_user.as_deref() == Some(user.as_str()) && config.os_user.as_deref() != Some(&user);
    let store = store.as_user(&user, from_config, unknown)?;
    Ok(Resolved { store, user, ignored })
}
