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

/// The login name of the real user id, from the user database
/// (`getpwuid_r`). `$USER` and `$LOGNAME` are never asked: anyone can set
/// them. A user id the database does not know (a container, a deleted
/// account) is `uid:4242`: a stranger, unless someone sets up that name.
pub fn os_login() -> Option<String> {
    #[cfg(unix)]
    {
        let uid = nix::unistd::Uid::current();
        Some(login_for(uid.as_raw(), nix::unistd::User::from_uid(uid).ok().flatten().map(|u| u.name)))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The name for a user id: its entry's, or `uid:N` without one.
pub fn login_for(uid: u32, entry: Option<String>) -> String {
    entry.filter(|name| !name.is_empty()).unwrap_or_else(|| format!("uid:{uid}"))
}

pub fn resolve(config: &Config, store: Store) -> Result<Resolved> {
    let path = store.place();
    resolving(config, store).map_err(|e| e.of_file(&path))
}

fn resolving(config: &Config, store: Store) -> Result<Resolved> {
    // On a database server the person is the login the server authenticated:
    // neither the config's `user`, nor its trust, nor the environment count.
    if let Some(login) = store.server_login().map(str::to_string) {
        let ignored = config.named_user.clone().filter(|named| *named != login);
        let unknown = Role::from_code(&store.setting(Setting::UnknownUserRole)?);
        let store = store.as_user(&login, false, unknown)?.with_os_login(Some(&login));
        return Ok(Resolved { store, user: login, ignored });
    }
    let os = config.os_user.clone().unwrap_or_else(|| "unknown".to_string());
    let believed = store.setting(Setting::TrustConfigUser)? == "yes" || store.people_count()? == 0;
    let (user, ignored) = match &config.named_user {
        Some(named) if *named != os && !believed => (os, Some(named.clone())),
        Some(named) => (named.clone(), None),
        None => (os, None),
    };
    let unknown = Role::from_code(&store.setting(Setting::UnknownUserRole)?);
    let from_config = config.named_user.as_deref() == Some(user.as_str()) && config.os_user.as_deref() != Some(&user);
    let store = store.as_user(&user, from_config, unknown)?.with_os_login(config.os_user.as_deref());
    Ok(Resolved { store, user, ignored })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_user_id_without_an_entry_is_named_by_its_number() {
        assert_eq!(super::login_for(4242, None), "uid:4242");
        assert_eq!(super::login_for(4242, Some(String::new())), "uid:4242");
        assert_eq!(super::login_for(1000, Some("anna".into())), "anna");
    }
}
