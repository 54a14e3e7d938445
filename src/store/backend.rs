//! What the store asks of a database engine. `Store` is written once over
//! this trait; SQLite (`sqlite/`) implements it, and a second engine
//! implements it again with nothing above it changing.

use std::path::{Path, PathBuf};

use super::sql::{self, Db};
use super::{Opened, Result, StoreError};
use crate::domain::storage::CheckReport;
use crate::domain::storage::OpenWarning;

/// A transaction: its statements see one state of the database, and what it
/// writes lands together. Dropped without [`Tx::commit`], it rolls back.
pub trait Tx {
    fn db(&self) -> &dyn Db;
    fn commit(self: Box<Self>) -> sql::Result<()>;
}

/// An open database of one engine.
pub trait Backend: Send {
    /// The connection for a single statement, outside any transaction.
    fn db(&self) -> &dyn Db;
    /// A read transaction: several queries see one snapshot.
    fn begin_read(&self) -> sql::Result<Box<dyn Tx + '_>>;
    /// A write transaction that holds the right to write from its start, so
    /// that two writers never deadlock upgrading a read; an error of kind
    /// `Busy` when another writer holds it beyond the engine's wait.
    fn begin_write(&self) -> sql::Result<Box<dyn Tx + '_>>;
    /// A number that changes whenever another connection commits a change;
    /// this connection's own writes leave it.
    fn change_stamp(&self) -> sql::Result<i64>;
    /// How many rows this connection has written since it was opened,
    /// committed or not: with `change_stamp`, whether anything may have
    /// changed since something was read.
    fn own_changes(&self) -> u64;
    /// Something another thread can open a connection to the same database
    /// with, as this one was opened (read-only stays read-only).
    fn connector(&self) -> Box<dyn Connect>;
    /// Inside a read transaction: another connection, for another thread,
    /// that reads the very snapshot this one reads, so that a long read can
    /// be shared between cores. `None` where the engine cannot share it
    /// (the caller then reads alone).
    fn twin(&self) -> Result<Option<Box<dyn Twin>>>;

    /// Where the database is, as the user names it.
    fn location(&self) -> String;
    /// The login a database server authenticated: on a server, the person
    /// working is who the server says, never who the config names.
    fn server_login(&self) -> Option<&str> {
        None
    }
    /// What the server could not grant or revoke itself as people's roles
    /// changed, as the statements a DBA runs (taken: each is told once).
    fn grants_left(&self) -> Vec<String> {
        Vec::new()
    }
    /// The database's file, where the engine keeps it in one.
    fn locate(&self) -> Option<&Path>;
    /// Every file the engine keeps the database in: never to be overwritten.
    fn own_files(&self) -> Vec<PathBuf>;
    /// What opening it did.
    fn opened(&self) -> &Opened;
    /// What the user should know about the database.
    fn warnings(&self) -> &[OpenWarning];
    /// Whether changes are refused (and why, by [`Backend::read_only_error`]).
    fn is_read_only(&self) -> bool;
    fn read_only_error(&self) -> StoreError;

    /// Copies the database to `to`, consistent, while others keep working;
    /// an existing file only with `force`.
    fn backup_to(&self, to: &Path, force: bool) -> Result<()>;
    /// The engine's own integrity checks and what meldpunt's schema needs.
    fn check(&self) -> Result<CheckReport>;
    /// Refreshes the planner's statistics.
    fn analyze(&self) -> Result<()>;
    /// Whether deleted content is overwritten where it lay, not just freed.
    fn overwrite_deleted(&self, on: bool) -> Result<()>;
    /// Gives back the space of deleted rows and folds journals in, so that
    /// no old content is left behind; false when another connection held
    /// on to it meanwhile.
    fn compact(&self) -> Result<bool>;
    /// Copies of the database the engine keeps beside it (backups, files
    /// people copied) whose contents still `mentions` something.
    fn copies_holding(&self, mentions: &dyn Fn(&str) -> bool) -> Vec<PathBuf>;
    /// Readies a write transaction for loading many tickets at once (on an
    /// empty database when `empty`): returns the statements that put back,
    /// in the same transaction, what it set aside.
    fn begin_bulk(&self, db: &dyn Db, empty: bool) -> Result<Vec<String>>;
    /// Puts back the connection's settings after a bulk load or a long
    /// write, committed or not.
    fn end_bulk(&self) -> Result<()>;
    /// Before a bulk load that nobody else reads meanwhile: into an empty
    /// database, writes it without the engine's log when it can (each page
    /// is then written once, and read back directly). Returns whether it did,
    /// for `end_alone`.
    fn begin_alone(&self) -> Result<bool>;
    /// Back to the log `begin_alone` set aside.
    fn end_alone(&self) -> Result<()>;
    /// Readies the connection for one long write transaction of many rows
    /// (an import read as it goes), with a page cache of `mib` MiB.
    fn begin_long_write(&self, mib: i64) -> Result<()>;
}

/// A connection reading the snapshot of another (see [`Backend::twin`]);
/// dropped, its read transaction ends.
pub trait Twin: Send {
    fn db(&self) -> &dyn Db;
}

/// Opens another connection to the same database (a report's thread).
pub trait Connect: Send {
    fn open(&self) -> Result<Box<dyn Backend>>;
}

/// Full-text search as fixed SQL of one engine. Queries are bound as
/// `:fts` (tickets) and `:q` (articles), made by `Dialect::search_query`
/// and `Dialect::any_word_query`.
pub struct SearchSql {
    /// Every ticket.
    pub tickets: TicketSearch,
    /// Only the open tickets: a far smaller index, for the queue's usual view.
    pub open_tickets: TicketSearch,
    /// Articles (the columns of `article_from_row`) matching `:q`, best
    /// first, at most `:n`.
    pub articles: &'static str,
    /// Articles that may help: matching `:q`, or of the same `:service` and
    /// `:category`, those of both first, then the best matching; at most `:n`.
    pub suggestions: &'static str,
    /// A query nothing matches.
    pub nothing: &'static str,
}

/// The SQL of one full-text index of tickets, bound to `:fts`.
pub struct TicketSearch {
    /// A FROM clause in which the index leads in ticket-number order, ending
    /// in a WHERE that conditions may follow with AND.
    pub from: &'static str,
    /// The ticket number in that clause, its keyset conditions (after,
    /// before, from-after, from-before, against `:kid`) and two orders.
    pub key: &'static str,
    pub keyset: [&'static str; 4],
    pub order: [&'static str; 2],
    /// A condition: `t.id` is a ticket that matches.
    pub matching: &'static str,
    /// As `matching`, or `t.id` is `:number`.
    pub number_or_matching: &'static str,
    /// The ids of tickets that match, in any order, at most `:cap`.
    pub matching_ids: &'static str,
    /// A condition tested per row: `t.id` matches (one lookup in the index).
    pub ticket_matches: &'static str,
}

/// What differs in the SQL of one engine, in one place per engine.
pub trait Dialect: Sync {
    /// The engine's name, for messages and tests.
    fn name(&self) -> &'static str;
    /// The full-text query for what a user typed: each word found as the
    /// start of a word, without regard to case or accents; `None` when
    /// nothing searchable is left.
    fn search_query(&self, text: &str) -> Option<String>;
    /// A full-text query any of whose words (of three letters or more) may
    /// match: a text's likeness to others. `None` without such words.
    fn any_word_query(&self, text: &str) -> Option<String>;
    /// The full-text SQL of tickets and articles.
    fn search(&self) -> &'static SearchSql;
    /// A condition that `column` is in the list of ids bound as `param`
    /// (bound as the text [`Dialect::id_list`] makes).
    fn in_id_list(&self, column: &str, param: &str) -> String;
    /// A list of ids as the text `in_id_list` reads.
    fn id_list(&self, ids: &[i64]) -> String;
    /// The columns of the table bound as `?1`: name, declared type, whether
    /// it is generated (never written), whether a row must give it (not
    /// null, no default, not a key the engine gives), whether it may never
    /// be null (not a key the engine gives).
    fn table_columns(&self) -> &'static str;
    /// Makes foreign keys be checked at the commit of this transaction, not
    /// per statement.
    fn defer_foreign_keys(&self) -> &'static str;
    /// An aggregate of `expr`'s values as the text of a JSON array, in the
    /// order of the rows.
    fn json_array_of(&self, expr: &str) -> String;
    /// The statement of the privacy erase that rewrites one value (bound
    /// as `?1`) of the row whose `key` is `?2`; the names come from the
    /// store's own list of texts, never from the data.
    fn privacy_rewrite(&self, table: &str, column: &str, key: &str) -> String {
        format!("UPDATE {table} SET {column} = ?1 WHERE {key} = ?2")
    }
    /// The statement of the privacy erase that rewrites the recipient (`?2`)
    /// of the messages of ticket `?1`; how many it rewrote.
    fn privacy_forget_recipients(&self) -> &'static str {
        "UPDATE entries SET recipient = ?2 WHERE ticket_id = ?1 AND recipient IS NOT NULL"
    }
    /// Rebuilds the full-text indexes from the rows they index.
    fn rebuild_search(&self, db: &dyn Db) -> sql::Result<()>;
}
