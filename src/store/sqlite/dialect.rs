//! What SQLite's SQL says its own way: FTS5 queries and index upkeep, and a
//! list of ids bound as one JSON text.

use crate::store::backend::{Dialect, SearchSql, TicketSearch};
use crate::store::sql::{self, Db};

pub struct SqliteDialect;

pub static SQLITE: SqliteDialect = SqliteDialect;

/// The SQL of an FTS5 index of tickets whose rowid is the ticket's id.
macro_rules! ticket_search {
    ($fts:literal) => {
        TicketSearch {
            from: concat!(" FROM ", $fts, " JOIN tickets t ON t.id = ", $fts, ".rowid WHERE ", $fts, " MATCH :fts"),
            key: concat!($fts, ".rowid"),
            keyset: [
                concat!(" AND ", $fts, ".rowid > :kid"),
                concat!(" AND ", $fts, ".rowid < :kid"),
                concat!(" AND ", $fts, ".rowid >= :kid"),
                concat!(" AND ", $fts, ".rowid <= :kid"),
            ],
            order: [concat!(" ORDER BY ", $fts, ".rowid ASC"), concat!(" ORDER BY ", $fts, ".rowid DESC")],
            matching: concat!("t.id IN (SELECT rowid FROM ", $fts, " WHERE ", $fts, " MATCH :fts)"),
            number_or_matching: concat!(
                "(t.id = :number OR t.id IN (SELECT rowid FROM ",
                $fts,
                " WHERE ",
                $fts,
                " MATCH :fts))"
            ),
            matching_ids: concat!("SELECT rowid FROM ", $fts, " WHERE ", $fts, " MATCH :fts LIMIT :cap"),
            ticket_matches: concat!(
                "EXISTS (SELECT 1 FROM ",
                $fts,
                " WHERE ",
                $fts,
                " MATCH :fts AND ",
                $fts,
                ".rowid = t.id)"
            ),
        }
    };
}

/// FTS5 tables `tickets_fts` (every ticket), `open_tickets_fts` (the open
/// ones) and `knowledge_fts`, whose rowid is the ticket's or article's id;
/// `bm25` ranks (lower is better).
static SEARCH: SearchSql = SearchSql {
    tickets: ticket_search!("tickets_fts"),
    open_tickets: ticket_search!("open_tickets_fts"),
    articles: "SELECT k.id, k.title, k.body, k.tags, k.service, k.category, k.author, k.created_at, k.updated_at
         FROM knowledge_fts JOIN knowledge k ON k.id = knowledge_fts.rowid
         WHERE knowledge_fts MATCH :q ORDER BY bm25(knowledge_fts) LIMIT :n",
    suggestions: "SELECT k.id, k.title, k.body, k.tags, k.service, k.category, k.author, k.created_at, k.updated_at
         FROM knowledge k
         LEFT JOIN (SELECT rowid, bm25(knowledge_fts) AS rank FROM knowledge_fts WHERE knowledge_fts MATCH :q) m
            ON m.rowid = k.id
         WHERE m.rowid IS NOT NULL OR (k.service = :service AND k.category = :category)
         ORDER BY (:service IS NOT NULL AND k.service = :service) + (:category IS NOT NULL AND k.category = :category) DESC,
            coalesce(m.rank, 0), k.id DESC
         LIMIT :n",
    nothing: "\"\u{1}\"",
};

impl Dialect for SqliteDialect {
    fn name(&self) -> &'static str {
        "SQLite"
    }

    /// Every word must occur, each as a prefix (FTS5 with `remove_diacritics`
    /// finds "cafe" and "café" alike).
    fn search_query(&self, text: &str) -> Option<String> {
        let terms: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
            .collect();
        (!terms.is_empty()).then(|| terms.join(" "))
    }

    fn any_word_query(&self, text: &str) -> Option<String> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect();
        (!words.is_empty()).then(|| words.join(" OR "))
    }

    fn search(&self) -> &'static SearchSql {
        &SEARCH
    }

    fn table_columns(&self) -> &'static str {
        // The row id's own column (a lone INTEGER key) is given by SQLite.
        "SELECT name, type, hidden <> 0, \"notnull\" AND dflt_value IS NULL AND NOT row_id, \"notnull\" AND NOT row_id
         FROM (SELECT *, pk = 1 AND upper(type) = 'INTEGER'
                         AND (SELECT count(*) FROM pragma_table_xinfo(?1) WHERE pk > 0) = 1 AS row_id
               FROM pragma_table_xinfo(?1))"
    }

    fn defer_foreign_keys(&self) -> &'static str {
        "PRAGMA defer_foreign_keys = ON"
    }

    fn json_array_of(&self, expr: &str) -> String {
        format!("json_group_array({expr})")
    }

    fn in_id_list(&self, column: &str, param: &str) -> String {
        format!("{column} IN (SELECT value FROM json_each({param}))")
    }

    fn id_list(&self, ids: &[i64]) -> String {
        serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
    }

    /// Rebuilds the full-text indexes from what the tables hold now and
    /// merges them into fresh pages, so that no old page keeps an erased word.
    fn rebuild_search(&self, db: &dyn Db) -> sql::Result<()> {
        db.execute_batch(
            "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
             INSERT INTO tickets_fts(tickets_fts) VALUES ('optimize');
             INSERT INTO open_tickets_fts(open_tickets_fts) VALUES ('delete-all');
             INSERT INTO open_tickets_fts(rowid, title, description, reporter_name)
                 SELECT id, title, description, reporter_name FROM tickets WHERE is_open = 1;
             INSERT INTO open_tickets_fts(open_tickets_fts) VALUES ('optimize');
             INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild');
             INSERT INTO knowledge_fts(knowledge_fts) VALUES ('optimize');",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_becomes_safe_prefix_terms() {
        assert_eq!(SQLITE.search_query("printer 3e"), Some("\"printer\"* \"3e\"*".into()));
        assert_eq!(SQLITE.search_query("a\"b OR c"), Some("\"a\"* \"b\"* \"OR\"* \"c\"*".into()));
        assert_eq!(SQLITE.search_query(" *:() "), None);
    }

    #[test]
    fn likeness_takes_any_word_of_three_letters_or_more() {
        assert_eq!(SQLITE.any_word_query("VPN is down"), Some("\"VPN\" OR \"down\"".into()));
        assert_eq!(SQLITE.any_word_query("a b"), None);
    }
}
