//! What PostgreSQL's SQL says its own way: search through the tickets'
//! `tsvector` column and its GIN indexes, lists of ids as text.

use crate::store::backend::{Dialect, SearchSql, TicketSearch};
use crate::store::sql::{self, Db};

pub struct PostgresDialect;

pub static POSTGRES: PostgresDialect = PostgresDialect;

/// The SQL of a search of tickets, `$open` narrowing it to the open ones
/// (where a partial index holds their words).
macro_rules! ticket_search {
    ($open:literal) => {
        TicketSearch {
            from: concat!(" FROM tickets t WHERE t.search @@ mp_query(:fts)", $open),
            key: "t.id",
            keyset: [" AND t.id > :kid", " AND t.id < :kid", " AND t.id >= :kid", " AND t.id <= :kid"],
            order: [" ORDER BY t.id ASC", " ORDER BY t.id DESC"],
            matching: concat!("(t.search @@ mp_query(:fts)", $open, ")"),
            number_or_matching: concat!("(t.id = :number OR (t.search @@ mp_query(:fts)", $open, "))"),
            matching_ids: concat!("SELECT t.id FROM tickets t WHERE t.search @@ mp_query(:fts)", $open, " LIMIT :cap"),
            ticket_matches: concat!("(t.search @@ mp_query(:fts)", $open, ")"),
        }
    };
}

static SEARCH: SearchSql = SearchSql {
    tickets: ticket_search!(""),
    open_tickets: ticket_search!(" AND t.is_open = 1"),
    articles: "SELECT k.id, k.title, k.body, k.tags, k.service, k.category, k.author, k.created_at, k.updated_at
         FROM knowledge k WHERE k.search @@ mp_query(:q)
         ORDER BY ts_rank(k.search, mp_query(:q)) DESC, k.id DESC LIMIT :n",
    suggestions: "SELECT k.id, k.title, k.body, k.tags, k.service, k.category, k.author, k.created_at, k.updated_at
         FROM knowledge k
         WHERE k.search @@ mp_query(:q) OR (k.service = :service::text AND k.category = :category::text)
         ORDER BY (:service::text IS NOT NULL AND k.service = :service::text)::int
                + (:category::text IS NOT NULL AND k.category = :category::text)::int DESC,
            coalesce(ts_rank(k.search, mp_query(:q)), 0) DESC, k.id DESC
         LIMIT :n",
    nothing: "",
};

/// The words of a text as the index holds them: letters and digits, the
/// rest a separator. Accents and case are folded on the server (`mp_query`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

impl Dialect for PostgresDialect {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }

    /// Every word must occur, each as a prefix: `'word':* & ...`. Words hold
    /// only letters and digits, so quoting them is enough.
    fn search_query(&self, text: &str) -> Option<String> {
        let terms: Vec<String> = words(text).map(|w| format!("'{w}':*")).collect();
        (!terms.is_empty()).then(|| terms.join(" & "))
    }

    fn any_word_query(&self, text: &str) -> Option<String> {
        let terms: Vec<String> = words(text).filter(|w| w.chars().count() >= 3).map(|w| format!("'{w}'")).collect();
        (!terms.is_empty()).then(|| terms.join(" | "))
    }

    fn search(&self) -> &'static SearchSql {
        &SEARCH
    }

    fn table_columns(&self) -> &'static str {
        // A lone bigint key (`id`) is numbered by the server (`mp_next_id`),
        // as SQLite numbers its row ids; a generated column is never written.
        "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), (a.attgenerated <> '')::int,
                (a.attnotnull AND NOT a.atthasdef AND a.attgenerated = '' AND NOT numbered)::int,
                (a.attnotnull AND NOT numbered)::int
         FROM (SELECT a.*, a.atttypid = 'bigint'::regtype AND EXISTS (
                   SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary
                   AND i.indnatts = 1 AND i.indkey[0] = a.attnum) AS numbered
               FROM pg_attribute a
               WHERE a.attrelid = to_regclass(?1) AND a.attnum > 0 AND NOT a.attisdropped) a
         ORDER BY a.attnum"
    }

    fn defer_foreign_keys(&self) -> &'static str {
        "SET CONSTRAINTS ALL DEFERRED"
    }

    fn json_array_of(&self, expr: &str) -> String {
        format!("coalesce(json_agg({expr})::text, '[]')")
    }

    fn in_id_list(&self, column: &str, param: &str) -> String {
        format!("{column} = ANY (string_to_array({param}::text, ',')::bigint[])")
    }

    fn id_list(&self, ids: &[i64]) -> String {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }

    /// Through the schema owner's function, the only way to change an event.
    fn privacy_rewrite(&self, table: &str, column: &str, key: &str) -> String {
        format!("SELECT mp_privacy_rewrite('{table}', '{column}', '{key}', ?2, ?1)")
    }

    fn privacy_forget_recipients(&self) -> &'static str {
        "SELECT mp_privacy_forget_recipients(?1, ?2)"
    }

    /// The words are columns the server keeps from the text itself.
    fn rebuild_search(&self, _db: &dyn Db) -> sql::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_becomes_prefix_terms_that_cannot_carry_operators() {
        assert_eq!(POSTGRES.search_query("printer 3e"), Some("'printer':* & '3e':*".into()));
        assert_eq!(POSTGRES.search_query("a'b | !c"), Some("'a':* & 'b':* & 'c':*".into()));
        assert_eq!(POSTGRES.search_query(" *:() "), None);
        assert_eq!(POSTGRES.any_word_query("VPN is down"), Some("'VPN' | 'down'".into()));
        assert_eq!(POSTGRES.id_list(&[3, 1]), "3,1");
    }
}
