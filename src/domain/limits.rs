//! How long each text may be and which may hold line breaks: one table for
//! every path that stores text (command line, screens, imports). The store
//! checks every write against it.

use super::ticket::{Field, coded_enum};

coded_enum! {
    /// A value someone types or a file brings, by what it is.
    Input {
        Title => "title",
        Description => "description",
        ReporterName => "reporter_name",
        ReporterEmail => "reporter_email",
        ReporterPhone => "reporter_phone",
        Department => "department",
        Service => "service",
        Category => "category",
        Subcategory => "subcategory",
        Team => "team",
        Person => "person",
        Login => "login",
        PersonName => "name",
        Email => "email",
        Line => "line",
        Impact => "impact",
        Urgency => "urgency",
        Note => "note",
        Message => "message",
        Subject => "subject",
        Recipient => "recipient",
        ProblemTitle => "problem_title",
        ArticleTitle => "article_title",
        Body => "body",
        Tags => "tags",
        Cause => "cause",
        Measures => "measures",
        Solution => "solution",
        ClosureCode => "closure_code",
        Supplier => "supplier",
        Reason => "reason",
        Comment => "comment",
        Review => "review",
        Action => "action",
        Owner => "owner",
        Item => "item",
        Actor => "actor",
        Value => "value",
        Reference => "reference",
    }
}

/// At most this many characters, on one line or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    pub one_line: bool,
}

const NAME: Limit = Limit { max: 100, one_line: true };
const LINE: Limit = Limit { max: 200, one_line: true };
const TEXT: Limit = Limit { max: 20_000, one_line: false };
const SHORT_TEXT: Limit = Limit { max: 2_000, one_line: false };

impl Input {
    /// The limit of this kind of value.
    pub fn limit(self) -> Limit {
        use Input::*;
        match self {
            Title | ProblemTitle | ArticleTitle | Subject => {
                Limit { max: super::validate::MAX_TITLE_CHARS, one_line: true }
            }
            Description | Body | Note | Message | Cause | Measures | Solution | Review | Value => TEXT,
            Reason | Comment | Action => SHORT_TEXT,
            ReporterName | PersonName | Supplier | Recipient | Actor | Reference => LINE,
            ReporterEmail | Email => Limit { max: 254, one_line: true },
            ReporterPhone => Limit { max: 50, one_line: true },
            Login | Person | Owner => Limit { max: 64, one_line: true },
            Tags => Limit { max: 500, one_line: true },
            Department | Service | Category | Subcategory | Team | ClosureCode | Item | Line | Impact | Urgency => NAME,
        }
    }

    /// The input a ticket field holds.
    pub fn of_field(field: Field) -> Input {
        match field {
            Field::Kind | Field::Channel | Field::Status | Field::Priority => Input::Value,
            Field::Title => Input::Title,
            Field::Description => Input::Description,
            Field::ReporterName => Input::ReporterName,
            Field::ReporterEmail => Input::ReporterEmail,
            Field::ReporterPhone => Input::ReporterPhone,
            Field::Department => Input::Department,
            Field::Service => Input::Service,
            Field::Category => Input::Category,
            Field::Subcategory => Input::Subcategory,
            Field::Impact => Input::Impact,
            Field::Urgency => Input::Urgency,
            Field::Team => Input::Team,
            Field::Assignee => Input::Person,
            Field::Cause => Input::Cause,
            Field::Measures => Input::Measures,
            Field::Solution => Input::Solution,
            Field::ClosureCode => Input::ClosureCode,
        }
    }

    /// What the value is called, in a language (`en` or `nl`).
    pub fn label(self, language: &str) -> &'static str {
        use Input::*;
        let (en, nl) = match self {
            Title => ("title", "titel"),
            Description => ("description", "omschrijving"),
            ReporterName => ("reporter", "melder"),
            ReporterEmail => ("reporter's e-mail", "e-mail van de melder"),
            ReporterPhone => ("reporter's phone", "telefoon van de melder"),
            Department => ("department", "afdeling"),
            Service => ("service", "dienst"),
            Category => ("category", "categorie"),
            Subcategory => ("subcategory", "subcategorie"),
            Team => ("team", "team"),
            Person => ("person", "persoon"),
            Login => ("login", "login"),
            PersonName => ("name", "naam"),
            Email => ("e-mail", "e-mail"),
            Line => ("line", "lijn"),
            Impact => ("impact", "impact"),
            Urgency => ("urgency", "urgentie"),
            Note => ("note", "notitie"),
            Message => ("message", "bericht"),
            Subject => ("subject", "onderwerp"),
            Recipient => ("recipient", "ontvanger"),
            ProblemTitle => ("problem title", "titel van het probleem"),
            ArticleTitle => ("article title", "titel van het artikel"),
            Body => ("text", "tekst"),
            Tags => ("tags", "labels"),
            Cause => ("cause", "oorzaak"),
            Measures => ("measures", "maatregelen"),
            Solution => ("solution", "oplossing"),
            ClosureCode => ("closure code", "afsluitcode"),
            Supplier => ("supplier", "leverancier"),
            Reason => ("reason", "reden"),
            Comment => ("comment", "opmerking"),
            Review => ("review", "evaluatie"),
            Action => ("action", "actie"),
            Owner => ("owner", "eigenaar"),
            Item => ("item", "onderdeel"),
            Actor => ("actor", "uitvoerder"),
            Value => ("value", "waarde"),
            Reference => ("reference", "verwijzing"),
        };
        if language == "nl" { nl } else { en }
    }
}

/// What a value in a file should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A moment, as seconds since 1970 (UTC).
    Time,
    /// A day, as YYYY-MM-DD.
    Day,
    /// A whole number in a range.
    Number { min: i64, max: i64 },
    /// Text.
    Text,
    /// A moment that has happened: since 1970, at most a day from now.
    Past,
    /// An e-mail address, as the command line takes it.
    Email,
    /// A moment not before the ticket was created.
    NotBeforeCreated,
}

/// Why a text cannot be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    TooLong {
        max: usize,
        length: usize,
    },
    /// A line break or another control character where one line belongs.
    ControlCharacter,
}

/// A character that has no place in a one-line value: control characters
/// (line breaks included) and the Unicode line and paragraph separators.
pub fn breaks_a_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Checks a value against its limit.
pub fn check(input: Input, value: &str) -> Result<(), TextProblem> {
    let limit = input.limit();
    if limit.one_line && value.chars().any(breaks_a_line) {
        return Err(TextProblem::ControlCharacter);
    }
    // Counting stops just past the limit: a huge value costs no more.
    let length = value.chars().take(limit.max + 1).count();
    if length > limit.max {
        return Err(TextProblem::TooLong { max: limit.max, length: value.chars().count() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_values_refuse_line_breaks_and_other_controls() {
        for bad in ["Printer\nBcc: x@example.com", "a\rb", "tab\there", "esc\u{1b}[31m", "c1\u{85}", "ls\u{2028}"] {
            assert_eq!(check(Input::Title, bad), Err(TextProblem::ControlCharacter), "{bad:?}");
            assert_eq!(check(Input::Team, bad), Err(TextProblem::ControlCharacter), "{bad:?}");
        }
        assert_eq!(check(Input::Description, "two\nlines\tand a tab"), Ok(()));
        assert_eq!(check(Input::Title, "Printer on the 3rd floor"), Ok(()));
    }

    #[test]
    fn every_input_has_a_limit_that_holds() {
        for input in Input::ALL {
            let max = input.limit().max;
            assert!(max > 0 && max <= 20_000);
            assert_eq!(check(*input, &"é".repeat(max)), Ok(()));
            assert_eq!(check(*input, &"é".repeat(max + 1)), Err(TextProblem::TooLong { max, length: max + 1 }));
        }
        assert_eq!(Input::Team.limit().max, 100);
    }
}
