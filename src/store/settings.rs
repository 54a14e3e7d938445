//! Settings of the whole servicedesk, kept in the database so that one
//! admin decides them for everyone.

use super::sql::{Db, OptionalExtension};

use super::{Result, Store};
use crate::domain::access::{ConfigNames, Permission, Setting};

/// The settings row that says config names are believed only for the
/// set-up, and whose name the first admin has.
const SET_UP_TRUST: &str = "trust_config_user_set_up";

impl Store {
    /// The value of a setting, or its default.
    pub fn setting(&self, key: Setting) -> Result<String> {
        let value: Option<String> = super::sql::OptionalExtension::optional(self.db().query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [key.code()],
            |r| r.get(0),
        ))?;
        Ok(value.unwrap_or_else(|| key.default_value().to_string()))
    }

    /// Changes a setting (an admin's); the value is checked first.
    pub fn set_setting(&self, key: Setting, value: &str) -> Result<String> {
        let value = key
            .normalise(value)
            .map_err(|_| super::StoreError::BadSetting { setting: key, value: value.to_string() })?;
        self.write(Permission::Settings, |conn| {
            conn.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key.code(), value.as_str()])?;
            if key == Setting::TrustConfigUser {
                // An admin has decided: no longer the set-up's.
                conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?.execute([SET_UP_TRUST])?;
            }
            Ok(())
        })?;
        Ok(value)
    }

    /// Whether config names are believed, and why; the title bar and
    /// `setting list` say so.
    pub fn config_names(&self) -> Result<ConfigNames> {
        if self.setting(Setting::TrustConfigUser)? != "yes" {
            return Ok(ConfigNames::NotBelieved);
        }
        let admin: Option<String> = self
            .db()
            .query_row("SELECT value FROM settings WHERE key = ?1", [SET_UP_TRUST], |r| r.get(0))
            .optional()?;
        Ok(admin.map_or(ConfigNames::Believed, |admin| ConfigNames::BelievedForSetUp { admin }))
    }
}

/// Notes that config names are believed for the set-up by `admin`.
pub(super) fn mark_set_up_trust(conn: &dyn Db, admin: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([SET_UP_TRUST, admin])?;
    Ok(())
}

/// Ends the set-up's trust in config names once an admin works under the
/// login name `os_login`: from then on they can set up everyone else.
pub(super) fn end_set_up_trust(conn: &dyn Db, os_login: &str) -> Result<()> {
    // Looked at first: only an admin may change settings, and on a server
    // that grants by role even a change of nothing is refused to the others.
    let pending = conn
        .prepare_cached(
            "SELECT 1 FROM settings WHERE key = ?1
             AND EXISTS (SELECT 1 FROM agents WHERE login = ?2 AND active = 1 AND role = 'admin')",
        )?
        .exists([SET_UP_TRUST, os_login])?;
    if !pending {
        return Ok(());
    }
    let ended = conn
        .prepare_cached(
            "DELETE FROM settings WHERE key = ?1
             AND EXISTS (SELECT 1 FROM agents WHERE login = ?2 AND active = 1 AND role = 'admin')",
        )?
        .execute([SET_UP_TRUST, os_login])?;
    if ended > 0 {
        conn.prepare_cached("UPDATE settings SET value = 'no' WHERE key = ?1")?
            .execute([Setting::TrustConfigUser.code()])?;
    }
    Ok(())
}
