//! Handing a message to the mail command of the config (e.g. `sendmail -t -i`).
//! The message itself is built in [`message`].

pub mod message;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use message::Letter;

pub use crate::domain::mail::{MailProblem, MailSettings};

/// Builds the message, pipes it to the command and waits (at most 30
/// seconds) for it to accept it. `letter.to` empty means no address.
pub fn deliver(mail: Option<&MailSettings>, letter: &Letter) -> Result<(), MailProblem> {
    let mail = mail.ok_or(MailProblem::NoCommand)?;
    if letter.to.trim().is_empty() {
        return Err(MailProblem::NoAddress);
    }
    let message = message::compose(mail, letter)?;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&mail.command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| MailProblem::Failed(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that ends without reading (e.g. at once with an error)
        // closes the pipe: its exit status then says what happened.
        if let Err(e) = stdin.write_all(&message)
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(MailProblem::Failed(e.to_string()));
        }
    }
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| MailProblem::Failed(e.to_string()))? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => {
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
                }
                let detail = err.lines().next().unwrap_or("").trim().to_string();
                return Err(MailProblem::Failed(format!(
                    "{status}{}{detail}",
                    if detail.is_empty() { "" } else { ": " }
                )));
            }
            None if started.elapsed() > Duration::from_secs(30) => {
                let _ = child.kill();
                return Err(MailProblem::Failed("no answer within 30 seconds".into()));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter<'a>(to: &'a str, subject: &'a str) -> Letter<'a> {
        Letter { to, subject, body: "Hallo", sender: "tester", at: chrono::Utc::now() }
    }

    #[test]
    fn a_command_that_reads_the_message_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mail.txt");
        let mail = MailSettings { command: format!("cat > {}", out.display()), from: Some("sd@example.nl".into()) };
        deliver(Some(&mail), &letter("piet@example.nl", "INC-000001")).unwrap();
        let text = std::fs::read_to_string(out).unwrap();
        let (head, body) = text.split_once("\n\n").unwrap();
        let head: Vec<&str> = head.lines().collect();
        for line in ["To: piet@example.nl", "From: sd@example.nl", "Subject: INC-000001", "MIME-Version: 1.0"] {
            assert!(head.contains(&line), "{text}");
        }
        assert_eq!(body.trim_end(), "Hallo");
    }

    #[test]
    fn a_hostile_subject_delivered_has_one_recipient_and_no_bcc() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mail.txt");
        let mail = MailSettings { command: format!("cat > {}", out.display()), from: Some("sd@example.nl".into()) };
        deliver(Some(&mail), &letter("piet@example.nl", "INC-000001 Printer\nBcc: x@example.com")).unwrap();
        let text = std::fs::read_to_string(out).unwrap();
        let head = text.split("\n\n").next().unwrap();
        assert_eq!(head.lines().filter(|l| l.starts_with("To:")).count(), 1, "{text}");
        assert!(!head.lines().any(|l| l.to_ascii_lowercase().starts_with("bcc")), "{text}");
        // A refused address never runs the command.
        std::fs::remove_file(dir.path().join("mail.txt")).unwrap();
        let refused = deliver(Some(&mail), &letter("piet@example.nl\nBcc: x@example.com", "s"));
        assert!(matches!(refused, Err(MailProblem::BadAddress(_))), "{refused:?}");
        assert!(!dir.path().join("mail.txt").exists());
    }

    #[test]
    fn failures_say_why() {
        let failing = MailSettings { command: "echo 'relay refused' >&2; exit 75".into(), from: None };
        match deliver(Some(&failing), &letter("a@b.nl", "s")) {
            Err(MailProblem::Failed(why)) => assert!(why.contains("relay refused"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(deliver(None, &letter("a@b.nl", "s")), Err(MailProblem::NoCommand));
        assert_eq!(deliver(Some(&failing), &letter(" ", "s")), Err(MailProblem::NoAddress));
    }
}
