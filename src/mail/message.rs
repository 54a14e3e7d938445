//! Building a message with the `lettre` crate: every header is written by
//! it (RFC 2047 for non-ASCII text, a `Message-ID`, a `Date`, a MIME
//! text/plain utf-8 body), never formatted by hand. No control character
//! of a subject or an address reaches a header: a subject is folded onto
//! one line, an address that does not parse is refused.

use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};

use crate::domain::validate::is_email_address;

use super::{MailProblem, MailSettings};

/// One message to one reporter.
#[derive(Clone, Copy, Debug)]
pub struct Letter<'a> {
    /// The reporter's address as stored ("kees@example.nl" or
    /// "Kees Jansen <kees@example.nl>").
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// The login of who sends it: the sender when no `from` is configured.
    pub sender: &'a str,
    pub at: DateTime<Utc>,
}

/// Characters that end a header line or are otherwise invisible controls:
/// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
fn is_break(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// The text on one line: every run of spaces and control characters that
/// holds a control character becomes one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = String::new();
    let mut broken = false;
    for c in text.chars() {
        if is_break(c) || c.is_whitespace() {
            broken |= is_break(c);
            gap.push(c);
            continue;
        }
        if broken {
            out.push(' ');
        } else {
            out.push_str(&gap);
        }
        gap.clear();
        broken = false;
        out.push(c);
    }
    out.trim().to_string()
}

/// An address as a mailbox, or why it is refused. A control character
/// anywhere refuses it whole: it is never mended into another address.
pub fn mailbox(text: &str) -> Result<Mailbox, MailProblem> {
    let refused = || MailProblem::BadAddress(text.escape_debug().to_string());
    if text.chars().any(is_break) {
        return Err(refused());
    }
    text.trim().parse::<Mailbox>().map_err(|_| refused())
}

/// A reporter's address: its address part must also be one meldpunt takes
/// at entry ([`is_email_address`]: plain ASCII, no IP literal).
pub fn recipient(text: &str) -> Result<Mailbox, MailProblem> {
    let mailbox = mailbox(text)?;
    if !is_email_address(mailbox.email.as_ref()) {
        return Err(MailProblem::BadAddress(text.escape_debug().to_string()));
    }
    Ok(mailbox)
}

/// The body as it may go out: line breaks as LF (a lone CR too), tabs kept,
/// every other control character (ESC included) shown as a visible symbol.
pub fn plain_body(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if c.is_control() => crate::domain::text::inert(&c.to_string()).into_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// A line of only "." ends the input of a mail command that reads the
/// message without `-i`; such a body goes out base64-encoded, so no line
/// of the message is a lone dot whatever the command.
fn has_dot_line(body: &str) -> bool {
    body.split('\n').any(|line| line == ".")
}

/// Who it is from: the configured `from`, or else the sender at this host
/// (what `sendmail` itself would have put there).
fn from(mail: &MailSettings, sender: &str) -> Result<Mailbox, MailProblem> {
    if let Some(from) = mail.from.as_deref().filter(|f| !f.trim().is_empty()) {
        return mailbox(from);
    }
    let host = whoami::hostname().ok().filter(|h| !h.trim().is_empty());
    let host = host.as_deref().unwrap_or("localhost");
    let user = if sender.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) && !sender.is_empty() {
        sender
    } else {
        "meldpunt"
    };
    mailbox(&format!("{user}@{host}")).or_else(|_| mailbox(&format!("{user}@localhost")))
}

/// A `Message-ID` on the domain of the sender (ASCII domains only; others
/// get `localhost`).
fn message_id(from: &Mailbox, at: DateTime<Utc>) -> String {
    let domain = from.email.domain();
    let domain = if domain.is_ascii() && !domain.starts_with('[') { domain } else { "localhost" };
    format!("<{}.{:016x}@{domain}>", at.format("%Y%m%d%H%M%S"), rand::random::<u64>())
}

fn body_part(body: String) -> SinglePart {
    if has_dot_line(&body) {
        SinglePart::builder().header(ContentType::TEXT_PLAIN).header(ContentTransferEncoding::Base64).body(body)
    } else {
        SinglePart::plain(body)
    }
}

/// The whole message as the mail command reads it, lines ending in LF as
/// local submission (`sendmail -t`) expects.
pub fn compose(mail: &MailSettings, letter: &Letter) -> Result<Vec<u8>, MailProblem> {
    let to = recipient(letter.to)?;
    let from = from(mail, letter.sender)?;
    let message = Message::builder()
        .message_id(Some(message_id(&from, letter.at)))
        .date(letter.at.into())
        .from(from)
        .to(to)
        .subject(one_line(letter.subject))
        .singlepart(body_part(plain_body(letter.body)))
        .map_err(|e| MailProblem::Failed(e.to_string()))?;
    let crlf = message.formatted();
    let mut lf = Vec::with_capacity(crlf.len());
    let mut bytes = crlf.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\r' && bytes.peek() == Some(&&b'\n') {
            continue;
        }
        lf.push(b);
    }
    Ok(lf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(from: Option<&str>) -> MailSettings {
        MailSettings { command: "true".into(), from: from.map(str::to_string) }
    }

    fn letter<'a>(to: &'a str, subject: &'a str) -> Letter<'a> {
        Letter { to, subject, body: "Hallo", sender: "tester", at: "2026-03-02T09:30:00Z".parse().unwrap() }
    }

    fn headers(bytes: &[u8]) -> Vec<String> {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        text.split("\n\n").next().unwrap().lines().map(str::to_string).collect()
    }

    #[test]
    fn a_line_break_in_the_subject_never_starts_a_header() {
        let m = settings(Some("sd@example.nl"));
        for hostile in ["Printer\nBcc: x@example.com", "Printer\r\nBcc: x@example.com", "Printer\rBcc: x@example.com"] {
            let bytes = compose(&m, &letter("kees@example.nl", hostile)).unwrap();
            let lines = headers(&bytes);
            assert!(!lines.iter().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{lines:?}");
            assert_eq!(lines.iter().filter(|l| l.starts_with("To:")).count(), 1, "{lines:?}");
            assert!(lines.contains(&"Subject: Printer Bcc: x@example.com".to_string()), "{lines:?}");
        }
    }

    #[test]
    fn an_address_with_a_control_character_or_a_second_address_is_refused() {
        let m = settings(Some("sd@example.nl"));
        for bad in
            ["kees@example.nl\nBcc: x@example.com", "kees@example.nl\r", "kees@example.nl, x@example.com", "kees"]
        {
            match compose(&m, &letter(bad, "s")) {
                Err(MailProblem::BadAddress(shown)) => assert!(!shown.contains('\n'), "{shown}"),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        // A bad configured sender is refused the same way.
        let bad_from = settings(Some("sd@example.nl\nBcc: x@example.com"));
        assert!(matches!(compose(&bad_from, &letter("kees@example.nl", "s")), Err(MailProblem::BadAddress(_))));
    }

    #[test]
    fn non_ascii_subjects_and_names_are_encoded_and_the_message_has_an_id_and_a_date() {
        let m = settings(Some("Servicedesk Zoë <sd@example.nl>"));
        let bytes = compose(&m, &letter("José Jansen <jose@example.nl>", "Storing opgelost: café")).unwrap();
        assert!(bytes.is_ascii(), "{}", String::from_utf8_lossy(&bytes));
        let lines = headers(&bytes);
        let find = |name: &str| lines.iter().find(|l| l.starts_with(name)).cloned().unwrap_or_default();
        assert!(find("Subject: ").contains("=?utf-8?"), "{lines:?}");
        assert!(find("From: ").contains("=?utf-8?") && find("From: ").contains("<sd@example.nl>"), "{lines:?}");
        assert!(find("To: ").contains("<jose@example.nl>"), "{lines:?}");
        assert!(find("Message-ID: ").ends_with("@example.nl>"), "{lines:?}");
        assert_eq!(find("Date: "), "Date: Mon, 02 Mar 2026 09:30:00 +0000");
        assert!(find("Content-Type: ").contains("text/plain; charset=utf-8"), "{lines:?}");
        assert!(!bytes.contains(&b'\r'));
    }

    #[test]
    fn without_a_configured_sender_it_is_from_the_sender_at_this_host() {
        let bytes = compose(&settings(None), &letter("kees@example.nl", "s")).unwrap();
        let lines = headers(&bytes);
        assert!(lines.iter().any(|l| l.starts_with("From: tester@")), "{lines:?}");
        let odd = Letter { sender: "uid:4242", ..letter("kees@example.nl", "s") };
        let lines = headers(&compose(&settings(None), &odd).unwrap());
        assert!(lines.iter().any(|l| l.starts_with("From: meldpunt@")), "{lines:?}");
    }

    #[test]
    fn an_address_taken_at_entry_is_sent_and_one_refused_there_is_refused_here() {
        let m = settings(Some("sd@example.nl"));
        for bad in ["kées@exämple.com", "a@[127.0.0.1]", "Kees <kees@exämple.com>"] {
            assert!(!crate::domain::validate::is_email_address(bad));
            assert!(matches!(compose(&m, &letter(bad, "s")), Err(MailProblem::BadAddress(_))), "{bad}");
        }
        assert!(compose(&m, &letter("s.jansen+sd@example.nl", "s")).is_ok());
    }

    fn body_of(bytes: &[u8]) -> String {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        text.split_once("\n\n").unwrap().1.to_string()
    }

    #[test]
    fn the_body_has_no_raw_controls_and_no_line_that_is_a_lone_dot() {
        let m = settings(Some("sd@example.nl"));
        let body = "Hallo\r\nline\rmore\u{1b}[31m red\ttab\u{7}";
        let out = compose(&m, &Letter { body, ..letter("kees@example.nl", "s") }).unwrap();
        assert!(!out.iter().any(|&b| b == b'\r' || b == 0x1b || b == 0x07), "{}", String::from_utf8_lossy(&out));
        assert_eq!(plain_body(body), "Hallo\nline\nmore\u{241B}[31m red\ttab\u{2407}");
        let dotted = "Done.\n.\nRest of the message";
        let out = compose(&m, &Letter { body: dotted, ..letter("kees@example.nl", "s") }).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(!text.lines().any(|l| l == "."), "{text}");
        assert!(text.contains("Content-Transfer-Encoding: base64"), "{text}");
        // "Done.\r\n.\r\nRest" (the canonical line ends of text) in base64.
        assert!(body_of(&out).starts_with("RG9uZS4NCi4NClJlc3Q"), "{text}");
    }

    #[test]
    fn one_line_folds_controls_and_keeps_ordinary_spacing() {
        assert_eq!(one_line("a  b"), "a  b");
        assert_eq!(one_line("a \r\n b\u{0}c\u{2028}d\u{9b}e"), "a b c d e");
        assert_eq!(one_line("\nPrinter\n"), "Printer");
    }
}
