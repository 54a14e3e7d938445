//! The store's parameter marks (`?1`, `:name`) as PostgreSQL's (`$1`):
//! rewritten once per statement, outside quoted text, comments and casts.

/// A statement's text for PostgreSQL and the names of its parameters, in
/// the order of their numbers (empty when it numbers them itself).
#[derive(Debug, PartialEq, Eq)]
pub struct Rewritten {
    pub sql: String,
    pub names: Vec<String>,
    /// How many parameters it takes.
    pub count: usize,
}

impl Rewritten {
    /// The number (from 0) of the parameter named `name` (with its colon).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

pub fn rewrite(sql: &str) -> Rewritten {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut names: Vec<String> = Vec::new();
    let mut count = 0usize;
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == quote {
                        // A doubled quote stays inside.
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b':' if bytes.get(i + 1) == Some(&b':') => i += 2,
            b':' if bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') => {
                let start = i;
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let name = &sql[start..i];
                let number = match names.iter().position(|n| n == name) {
                    Some(k) => k + 1,
                    None => {
                        names.push(name.to_string());
                        names.len()
                    }
                };
                out.push_str(&sql[copied..start]);
                out.push('$');
                out.push_str(&number.to_string());
                copied = i;
                count = count.max(number);
            }
            b'?' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let number: usize = sql[start + 1..i].parse().unwrap_or(0);
                out.push_str(&sql[copied..start]);
                out.push('$');
                out.push_str(&sql[start + 1..i]);
                copied = i;
                count = count.max(number);
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[copied.min(sql.len())..]);
    Rewritten { sql: out, names, count }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_named_marks_become_dollars() {
        let r = rewrite("SELECT * FROM t WHERE a = ?1 AND b = ?2 OR c = ?1");
        assert_eq!(r.sql, "SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1");
        assert_eq!(r.count, 2);
        let r = rewrite("UPDATE t SET a = :a WHERE id = :id AND :a IS NOT NULL");
        assert_eq!(r.sql, "UPDATE t SET a = $1 WHERE id = $2 AND $1 IS NOT NULL");
        assert_eq!(r.names, vec![":a", ":id"]);
        assert_eq!(r.index_of(":id"), Some(1));
    }

    #[test]
    fn quoted_text_comments_and_casts_are_left_alone() {
        let r = rewrite("SELECT ':no', \"?1\", x::text, 'it''s :x' -- :y ?2\n FROM t /* :z */ WHERE a = :a");
        assert_eq!(r.sql, "SELECT ':no', \"?1\", x::text, 'it''s :x' -- :y ?2\n FROM t /* :z */ WHERE a = $1");
        assert_eq!(r.names, vec![":a"]);
    }

    #[test]
    fn text_ending_in_the_middle_of_something_does_not_panic() {
        for sql in ["'open", "/* open", "-- x", ":", "?", "é:é", "x = ?1é", "':a"] {
            let _ = rewrite(sql);
        }
    }
}
