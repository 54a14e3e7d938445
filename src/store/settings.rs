//! Settings of the whole servicedesk, kept in the database so that one
//! admin decides them for everyone.

use super::{Result, Store};
use crate::domain::access::{Permission, Setting};

impl Store {
    /// The value of a setting, or its default.
    pub fn setting(&self, key: Setting) -> Result<String> {
        let value: Option<String> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [key.code()],
            |r| r.get(0),
        ))?;
        Ok(value.unwrap_or_else(|| key.default_value().to_string()))
    }

    /// Changes a setting (an admin's); the value is checked first.
    pub fn set_setting(&self, key: Setting, value: &str) -> Result<String> {
        let value = key.normalise(value).map_err(super::StoreError::BadSetting)?;
        self.write(Permission::Settings, |conn| {
            conn.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key.code(), value.as_str()])?;
            Ok(())
        })?;
        Ok(value)
    }
}
