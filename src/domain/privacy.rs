//! Finding a person in free text, to erase them: their name and address in
//! any letter case, their phone number in any formatting (spaces, dashes,
//! dots, parentheses, `+31` or `0031` for the leading `0`).

use regex::{Regex, RegexBuilder};

/// Fewer digits than this are not taken for a phone number: erasing them
/// would wipe ticket numbers, dates and amounts.
pub const MIN_PHONE_DIGITS: usize = 6;

/// What may stand between the digits of a written phone number.
const SEPARATOR: &str = r"[\s\-./()]*";

/// The digits that identify a number wherever it is dialled from: without
/// the trunk `0`, and for an international number each way of splitting off
/// its country code (one to three digits; the code is not known).
fn significant(phone: &str) -> Vec<String> {
    // "+31 (0)20 …": the (0) is the trunk prefix, not part of the number.
    let phone = phone.replace("(0)", "");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = phone.trim_start().starts_with('+') || digits.starts_with("00");
    let mut out = Vec::new();
    if international {
        let digits = digits.strip_prefix("00").unwrap_or(&digits);
        for code in 1..=3 {
            if let Some(rest) = digits.get(code..)
                && !rest.starts_with('0')
            {
                out.push(rest.to_string());
            }
        }
    } else if let Some(rest) = digits.strip_prefix('0') {
        out.push(rest.trim_start_matches('0').to_string());
    } else {
        out.push(digits);
    }
    out.retain(|d| d.len() >= MIN_PHONE_DIGITS);
    out
}

/// Whether two phone numbers are the same number, however written.
pub fn same_phone(a: &str, b: &str) -> bool {
    let (a, b) = (significant(a), significant(b));
    a.iter().any(|x| b.contains(x))
}

/// Whether a value given to look someone up looks like a phone number.
pub fn looks_like_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits >= MIN_PHONE_DIGITS && text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || "+-./()".contains(c))
}

/// A regular expression for the number written in any of its forms.
fn phone_pattern(phone: &str) -> Option<String> {
    let forms = significant(phone);
    if forms.is_empty() {
        return None;
    }
    let prefix = format!(r"(?:(?:\+|00){SEPARATOR}\d{{1,3}}{SEPARATOR}(?:\(0\){SEPARATOR})?|\(?0\)?{SEPARATOR})?");
    let bodies: Vec<String> =
        forms.iter().map(|digits| digits.chars().map(String::from).collect::<Vec<_>>().join(SEPARATOR)).collect();
    Some(format!("{prefix}(?:{})", bodies.join("|")))
}

/// Who is to be found: their names, addresses and phone numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub names: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

/// Finds a person in text and erases them from it.
#[derive(Clone, Debug)]
pub struct Finder {
    words: Option<Regex>,
    phones: Option<Regex>,
}

/// A name as a pattern: its words in any case with any white space between
/// them, not inside a longer word.
fn name_pattern(name: &str) -> Option<String> {
    let words: Vec<String> = name.split_whitespace().map(regex::escape).collect();
    if words.is_empty() || name.trim().chars().count() < 2 {
        return None;
    }
    let edge = |c: Option<char>| if c.is_some_and(char::is_alphanumeric) { r"\b" } else { "" };
    let name = name.trim();
    Some(format!("{}{}{}", edge(name.chars().next()), words.join(r"\s+"), edge(name.chars().last())))
}

/// A name as it is written, and as lists and forms write it surname first:
/// "Anna de Vries", "de Vries Anna", "de Vries, Anna" and "Vries, Anna de".
fn name_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut forms = vec![name.to_string()];
    if let [first, rest @ ..] = words.as_slice()
        && !rest.is_empty()
    {
        let rest = rest.join(" ");
        forms.push(format!("{rest} {first}"));
        forms.push(format!("{rest}, {first}"));
        if let [infix @ .., last] = &words[1..]
            && !infix.is_empty()
        {
            forms.push(format!("{last}, {first} {}", infix.join(" ")));
        }
    }
    forms
}

fn build(patterns: Vec<String>) -> Option<Regex> {
    if patterns.is_empty() {
        return None;
    }
    // The patterns are escaped or built here, so they compile; the size
    // limit is far above what a few names, addresses and numbers need.
    RegexBuilder::new(&patterns.join("|")).case_insensitive(true).size_limit(64 << 20).build().ok()
}

impl Finder {
    pub fn new(person: &Person) -> Finder {
        let mut words: Vec<String> =
            person.names.iter().flat_map(|n| name_forms(n)).filter_map(|n| name_pattern(&n)).collect();
        words.extend(person.emails.iter().map(|e| e.trim()).filter(|e| !e.is_empty()).map(regex::escape));
        // The longest first, so that a name inside an address goes with it.
        words.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let phones = person.phones.iter().filter_map(|p| phone_pattern(p)).collect();
        Finder { words: build(words), phones: build(phones) }
    }

    /// Whether there is anyone to find.
    pub fn is_empty(&self) -> bool {
        self.words.is_none() && self.phones.is_none()
    }

    /// The text with every mention replaced by `with`, or `None` when the
    /// text does not mention the person.
    pub fn erase(&self, text: &str, with: &str) -> Option<String> {
        let mut out = match &self.words {
            Some(re) if re.is_match(text) => re.replace_all(text, with).into_owned(),
            _ => text.to_string(),
        };
        if let Some(re) = &self.phones {
            out = erase_numbers(re, &out, with);
        }
        (out != text).then_some(out)
    }

    pub fn mentions(&self, text: &str) -> bool {
        self.words.as_ref().is_some_and(|re| re.is_match(text))
            || self.phones.as_ref().is_some_and(|re| !number_spans(re, text).is_empty())
    }
}

/// Where the pattern matches a whole number: not in the middle of a longer
/// run of digits.
fn number_spans(re: &Regex, text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = re.find_at(text, at) else { break };
        let (start, mut end) = (m.start(), m.end());
        // A separator the pattern took at the end belongs to the text.
        while end > start && !text[..end].ends_with(|c: char| c.is_ascii_digit()) {
            end -= text[..end].chars().next_back().map_or(1, char::len_utf8);
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if end > start && !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit()) {
            spans.push((start, end));
            at = end;
        } else {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    spans
}

fn erase_numbers(re: &Regex, text: &str, with: &str) -> String {
    let spans = number_spans(re, text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in spans {
        out.push_str(&text[last..start]);
        out.push_str(with);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn anna() -> Finder {
        Finder::new(&Person {
            names: vec!["Anna de Vries".into()],
            emails: vec!["anna@example.nl".into()],
            phones: vec!["020 555 1234".into()],
        })
    }

    #[test]
    fn a_phone_number_is_the_same_however_written() {
        for written in ["020 555 1234", "020-5551234", "+31 20 555 1234", "0031 (0)20 555 12 34", "(020) 555.1234"] {
            assert!(same_phone("0205551234", written), "{written}");
        }
        assert!(!same_phone("020 555 1234", "020 555 1235"));
        assert!(!same_phone("12", "12"), "too short to be a number");
        assert!(looks_like_phone("+31 (0)20 555-1234"));
        assert!(!looks_like_phone("anna@example.nl") && !looks_like_phone("12-3"));
    }

    #[test]
    fn names_addresses_and_numbers_go_in_any_case_and_form() {
        let f = anna();
        let text = "ANNA DE VRIES (Anna@Example.NL) called from +31-20-555-12-34 and 0205551234; ticket 1234 stays";
        let erased = f.erase(text, "(erased)").unwrap();
        assert_eq!(erased, "(erased) ((erased)) called from (erased) and (erased); ticket 1234 stays");
        assert_eq!(f.erase("Annabel de Vriesland rang 10205551234", "x"), None, "not inside other words or numbers");
        assert!(f.mentions("anna  de\nvries"));
        assert!(Finder::new(&Person::default()).is_empty());
    }

    #[test]
    fn a_name_written_surname_first_goes_too() {
        let f = anna();
        for text in ["de Vries, Anna", "DE VRIES ANNA", "Vries, Anna de", "de  Vries,\nAnna"] {
            assert_eq!(f.erase(text, "x").as_deref(), Some("x"), "{text:?}");
        }
        assert_eq!(f.erase("Anna belde", "x"), None, "a first name alone stays");
    }

    fn formatted() -> impl Strategy<Value = String> {
        let prefix = prop_oneof![
            Just("0".to_string()),
            Just("+31".to_string()),
            Just("0031".to_string()),
            Just("+31 (0)".to_string()),
            Just("(0".to_string())
        ];
        let separators =
            proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just("."), Just(" - ")], 9);
        (prefix, separators).prop_map(|(prefix, seps)| {
            let mut out = prefix.clone();
            for (i, d) in "205551234".chars().enumerate() {
                out.push(d);
                if i == 1 && prefix == "(0" {
                    out.push(')');
                }
                out.push_str(seps[i]);
            }
            out.trim_end_matches([' ', '-', '.']).to_string()
        })
    }

    proptest! {
        #[test]
        fn a_number_in_any_format_is_found_and_erased(number in formatted(), before in "[a-z ,:]{0,12}", after in "[a-z ,.]{0,12}") {
            let text = format!("{before} {number} {after}");
            prop_assert!(same_phone("020 555 1234", &number), "{}", number);
            let erased = anna().erase(&text, "(erased)").unwrap();
            let digits: String = erased.chars().filter(char::is_ascii_digit).collect();
            prop_assert!(!digits.contains("5551234"), "{} -> {}", text, erased);
            prop_assert_eq!(erased, format!("{before} (erased) {after}"));
        }
    }
}
