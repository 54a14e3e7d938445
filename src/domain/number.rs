//! Ticket numbers as people write them: `INC-000123`.

use super::ticket::TicketId;

/// How ticket numbers are shown; the prefix is configurable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    prefix: String,
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat { prefix: "INC-".to_string() }
    }
}

impl NumberFormat {
    pub fn new(prefix: &str) -> Self {
        NumberFormat { prefix: prefix.to_string() }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn format(&self, id: TicketId) -> String {
        format!("{}{:06}", self.prefix, id)
    }

    /// Reads a number as a user may type it: `INC-000123`, `inc-123`,
    /// `#123` or `123`.
    pub fn parse(&self, text: &str) -> Option<TicketId> {
        let t = text.trim();
        let without_prefix = if t.len() >= self.prefix.len()
            && t.is_char_boundary(self.prefix.len())
            && t[..self.prefix.len()].eq_ignore_ascii_case(&self.prefix)
        {
            &t[self.prefix.len()..]
        } else {
            t.strip_prefix('#').unwrap_or(t)
        };
        if without_prefix.is_empty() || !without_prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        without_prefix.parse().ok().filter(|n| *n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_six_digits() {
        assert_eq!(NumberFormat::default().format(123), "INC-000123");
        assert_eq!(NumberFormat::new("MP").format(1_234_567), "MP1234567");
    }

    #[test]
    fn parses_what_people_type() {
        let f = NumberFormat::default();
        for text in ["INC-000123", "inc-123", "#123", " 123 "] {
            assert_eq!(f.parse(text), Some(123), "{text}");
        }
        for text in ["", "INC-", "12a", "printer", "0", "INC-x1"] {
            assert_eq!(f.parse(text), None, "{text}");
        }
    }

    #[test]
    fn format_then_parse_round_trips() {
        let f = NumberFormat::new("SD-");
        for id in [1, 42, 999_999, 1_000_000, 98_765_432] {
            assert_eq!(f.parse(&f.format(id)), Some(id));
        }
    }
}
