//! Reads that belong together, from one state of the file: another
//! process's commit lands before or after them, never between.

use super::{Result, Store};

impl Store {
    /// Runs `read` inside one read transaction, so that everything it reads
    /// sees the same committed state. Inside a transaction already, it
    /// simply runs.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = read(self);
        // Nothing was written: ending it either way only lets go of the snapshot.
        let ended = self.conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = result?;
        ended?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_by_another_connection_is_not_seen_halfway() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meldpunt.db");
        let store = Store::open(&path).unwrap();
        store.seed_reference(&Default::default()).unwrap();
        let new = crate::domain::NewTicket::new("Printer", "Kees", crate::domain::Channel::Phone);
        let id = store.create_ticket("tester", chrono::Utc::now(), &new).unwrap().id;
        let other = Store::open(&path).unwrap();
        let (before, after) = store
            .snapshot(|s| {
                let before = s.ticket(id)?.map(|t| t.title);
                let edit = [(crate::domain::Field::Title, Some("Scanner".to_string()))];
                other.update_ticket("bram", chrono::Utc::now(), id, None, &edit)?;
                Ok((before, s.ticket(id)?.map(|t| t.title)))
            })
            .unwrap();
        assert_eq!((before.as_deref(), after.as_deref()), (Some("Printer"), Some("Printer")));
        assert_eq!(store.ticket(id).unwrap().unwrap().title, "Scanner", "seen once the snapshot ends");
    }
}
