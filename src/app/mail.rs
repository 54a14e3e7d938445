//! Handing a message to the mail command of the config (e.g. `sendmail -t`).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How messages leave: a command that reads a message on its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    pub command: String,
    pub from: Option<String>,
}

/// Why a message did not go out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailProblem {
    NoCommand,
    NoAddress,
    Failed(String),
}

/// Pipes the message to the command and waits (at most 30 seconds) for it
/// to accept it.
pub fn deliver(mail: Option<&MailSettings>, to: Option<&str>, subject: &str, body: &str) -> Result<(), MailProblem> {
    let mail = mail.ok_or(MailProblem::NoCommand)?;
    let to = to.filter(|a| !a.trim().is_empty()).ok_or(MailProblem::NoAddress)?;
    let mut message = format!("To: {to}\n");
    if let Some(from) = &mail.from {
        message.push_str(&format!("From: {from}\n"));
    }
    message.push_str(&format!(
        "Subject: {subject}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    ));
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
        if let Err(e) = stdin.write_all(message.as_bytes())
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

    #[test]
    fn a_command_that_reads_the_message_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mail.txt");
        let mail = MailSettings { command: format!("cat > {}", out.display()), from: Some("sd@example.nl".into()) };
        deliver(Some(&mail), Some("piet@example.nl"), "INC-000001", "Hallo").unwrap();
        let text = std::fs::read_to_string(out).unwrap();
        assert!(text.starts_with("To: piet@example.nl\nFrom: sd@example.nl\nSubject: INC-000001\n"), "{text}");
        assert!(text.ends_with("\n\nHallo\n"));
    }

    #[test]
    fn failures_say_why() {
        let failing = MailSettings { command: "echo 'relay refused' >&2; exit 75".into(), from: None };
        match deliver(Some(&failing), Some("a@b.nl"), "s", "b") {
            Err(MailProblem::Failed(why)) => assert!(why.contains("relay refused"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(deliver(None, Some("a@b.nl"), "s", "b"), Err(MailProblem::NoCommand));
        assert_eq!(deliver(Some(&failing), None, "s", "b"), Err(MailProblem::NoAddress));
    }
}
