//! Messages sent from the command line: what the mail command receives.

use crate::sandbox;

use sandbox::{Sandbox, with_db};

/// A sandbox whose config pipes messages into `outbox.txt`.
fn with_outbox() -> (Sandbox, std::path::PathBuf) {
    let s = Sandbox::new();
    let outbox = s.dir.path().join("outbox.txt");
    std::fs::write(
        s.dir.path().join("home/.config/meldpunt/config.toml"),
        format!("user = \"tester\"\n[mail]\ncommand = \"cat > {}\"\nfrom = \"sd@example.nl\"\n", outbox.display()),
    )
    .unwrap();
    (s, outbox)
}

/// The header lines of a captured message.
fn headers(mail: &str) -> Vec<&str> {
    mail.split("\n\n").next().unwrap().lines().collect()
}

fn assert_one_recipient_and_no_bcc(mail: &str) {
    let head = headers(mail);
    assert_eq!(head.iter().filter(|l| l.starts_with("To:")).count(), 1, "{mail}");
    assert!(!head.iter().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{mail}");
    assert!(!head.iter().any(|l| l.to_ascii_lowercase().starts_with("cc:")), "{mail}");
}

#[test]
fn a_line_break_in_a_subject_never_adds_a_header() {
    let (s, outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    let out =
        s.ok(&with_db(&db, &["ticket", "notify", "1", "--subject", "Printer\nBcc: x@example.com", "--body", "Hallo"]));
    assert!(out.contains("Message sent"), "{out}");
    let mail = std::fs::read_to_string(&outbox).unwrap();
    assert_one_recipient_and_no_bcc(&mail);
    assert!(headers(&mail).contains(&"Subject: Printer Bcc: x@example.com"), "{mail}");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1"]));
    assert!(shown.contains("Printer Bcc: x@example.com"), "the message is recorded as sent: {shown}");
}

#[test]
fn a_message_the_store_would_refuse_is_not_sent() {
    let (s, outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    let body = "x".repeat(30_000);
    let out = s.run(&with_db(&db, &["ticket", "notify", "1", "--subject", "Printer", "--body", &body]));
    assert!(!out.status.success());
    assert!(!outbox.exists(), "nothing leaves that cannot be recorded");
}

#[test]
fn a_line_break_in_a_reporter_name_never_adds_a_header() {
    let (s, outbox) = with_outbox();
    let folder = s.dir.path().join("home/.config/meldpunt/templates/en");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("progress.txt"), "Subject: {reporter}, about {number}\n\nHi {reporter}.\n").unwrap();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    // A name stored before names were checked (or by another tool).
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE tickets SET reporter_name = 'Kees' || char(13, 10) || 'Bcc: x@example.com'", []).unwrap();
    drop(conn);
    s.ok(&with_db(&db, &["ticket", "notify", "1", "--template", "progress"]));
    let mail = std::fs::read_to_string(&outbox).unwrap();
    assert_one_recipient_and_no_bcc(&mail);
    assert!(headers(&mail).contains(&"Subject: Kees Bcc: x@example.com, about INC-000001"), "{mail}");
}

#[test]
fn an_address_with_a_line_break_is_refused_and_recorded_as_not_sent() {
    let (s, outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    // An address stored before addresses were checked (or by another tool).
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE tickets SET reporter_email = 'kees@example.nl' || char(10) || 'Bcc: x@example.com'", [])
        .unwrap();
    drop(conn);
    let out = s.run(&with_db(&db, &["ticket", "notify", "1", "--subject", "Printer", "--body", "Hallo"]));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not one valid e-mail address"), "{err}");
    assert!(!outbox.exists(), "the mail command must not run");
    let shown = s.ok(&with_db(&db, &["ticket", "show", "1"]));
    assert!(shown.contains("NOT SENT") && shown.contains("not one valid e-mail address"), "{shown}");
}

#[test]
fn a_dutch_subject_is_encoded_and_every_message_has_an_id_and_a_date() {
    let (s, outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    s.ok(&with_db(&db, &["ticket", "notify", "1", "--subject", "Storing opgelost: café", "--body", "Beste Kees, één"]));
    let mail = std::fs::read_to_string(&outbox).unwrap();
    assert!(mail.is_ascii(), "{mail}");
    let head = headers(&mail);
    let subject = head.iter().find(|l| l.starts_with("Subject: ")).expect("a subject");
    assert!(subject.to_ascii_lowercase().contains("=?utf-8?"), "{mail}");
    assert!(!mail.contains("café"), "{mail}");
    assert!(head.iter().any(|l| l.starts_with("Message-ID: <") && l.ends_with("@example.nl>")), "{mail}");
    assert!(head.iter().any(|l| l.starts_with("Date: ")), "{mail}");
    assert!(head.contains(&"Content-Type: text/plain; charset=utf-8"), "{mail}");
    assert!(head.contains(&"MIME-Version: 1.0"), "{mail}");
}

/// Entry refuses what sending would refuse: a non-ASCII address or one with
/// an IP literal never gets onto a ticket.
#[test]
fn an_address_the_mail_could_not_carry_is_refused_at_entry() {
    let s = Sandbox::new();
    let db = s.db();
    for bad in ["kées@exämple.com", "a@[127.0.0.1]"] {
        let out = s.run(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", bad]));
        assert!(!out.status.success(), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not an e-mail address"), "{bad}");
    }
    // Nor by a change.
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    for bad in ["kées@exämple.com", "a@[127.0.0.1]"] {
        let out = s.run(&with_db(&db, &["ticket", "update", "1", "--email", bad]));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not an e-mail address"), "{bad}");
    }
    assert!(s.ok(&with_db(&db, &["ticket", "show", "1"])).contains("kees@example.nl"));
}

/// A body with a lone dot line and an escape reaches the mail command as a
/// message whose every line is safe for `sendmail -t`, with or without `-i`.
#[test]
fn a_body_never_ends_the_message_early_or_sends_raw_controls() {
    let (s, outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    s.ok(&with_db(&db, &["ticket", "notify", "1", "--subject", "Fixed", "--body", "Done\n.\nmore\u{1b}[2J\rx"]));
    let mail = std::fs::read_to_string(&outbox).unwrap();
    assert!(!mail.lines().any(|l| l == "."), "{mail}");
    assert!(!mail.contains('\u{1b}') && !mail.contains('\r'), "{mail:?}");
}

/// What a user is told names what they wrote: a message is a message, a
/// knowledge article's number is not a ticket number.
#[test]
fn errors_name_the_thing_the_user_wrote() {
    let (s, _outbox) = with_outbox();
    let db = s.db();
    s.ok(&with_db(&db, &["ticket", "new", "--title", "Printer", "--reporter", "Kees", "--email", "kees@example.nl"]));
    let long = "x".repeat(20_001);
    let out = s.run(&with_db(&db, &["ticket", "notify", "1", "--subject", "s", "--body", &long]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("The message is longer than 20000 characters"), "{err}");
    let out = s.run(&with_db(&db, &["kb", "show", "nonsense"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && !err.contains("ticket number"), "{err}");
    assert!(err.contains("'nonsense' is not a number such as"), "{err}");
    // A known name holding a comma reads as one name.
    s.ok(&with_db(&db, &["team", "add", "Sales, EMEA"]));
    let out = s.run(&with_db(&db, &["ticket", "update", "1", "--team", "Nope"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a team here") && err.contains("\"Sales, EMEA\""), "{err}");
}
