//! Everything the command line writes goes through here: text for people
//! (made inert, so no escape sequence, control or direction character in
//! user data reaches the terminal raw), aligned tables, and data for
//! programs (JSON with such characters spelled `\uXXXX`, CSV as it is).
//!
//! A write that fails is an [`OutputFailed`] error, never a panic: `main`
//! ends quietly on a closed pipe and says so for anything else (a full disk).

use std::io::Write;

use crate::domain::cell::{align_rows, json_inert};
use crate::domain::text::{inert_single_line, inert_text};

/// Standard output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OutputFailed(pub std::io::Error);

impl OutputFailed {
    /// The reader went away (`| head`): not a failure worth a word.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == std::io::ErrorKind::BrokenPipe
    }
}

fn write_out(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| OutputFailed(e).into())
}

/// A line (or lines) for people: every character that a terminal would act
/// on or hide is shown as a visible symbol; line breaks stay.
pub fn say(text: &str) -> anyhow::Result<()> {
    let mut shown = inert_text(text);
    shown.push('\n');
    write_out(shown.as_bytes())
}

/// Text for people on standard error (notices, progress, errors): inert like
/// [`say`]; a failure to write it is ignored, there is nowhere left to tell.
pub fn note(text: &str) {
    let mut shown = inert_text(text);
    shown.push('\n');
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(shown.as_bytes()).and_then(|()| err.flush());
}

/// Data for programs, exactly as given (CSV, a completion script); a final
/// line break is added when missing.
pub fn data(text: &str) -> anyhow::Result<()> {
    write_out(text.as_bytes())?;
    if !text.ends_with('\n') {
        write_out(b"\n")?;
    }
    Ok(())
}

/// Rows as columns aligned under a header; long cells are cut with `…`
/// (except in the last column) and every cell is one inert line.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut all: Vec<Vec<String>> = vec![header.iter().map(|h| inert_single_line(h)).collect()];
    all.extend(rows.iter().map(|r| r.iter().map(|c| inert_single_line(c)).collect()));
    let lines = align_rows(&all, &[]);
    say(&lines.join("\n"))
}

/// A value as pretty JSON: the data exact, with control, direction and
/// invisible characters escaped as `\uXXXX`.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    data(&json_inert(&serde_json::to_string_pretty(value)?))
}

/// Standard output for a long stream of data (an export): buffered, JSON
/// made inert on the way (see [`json_inert`]), and a failure kept so that it
/// can be told apart from the stream's own errors.
pub struct Stream {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    json: bool,
    /// Bytes of a character split between two writes.
    pending: Vec<u8>,
    failed: Option<std::io::Error>,
}

impl Stream {
    pub fn new(json: bool) -> Stream {
        Stream { out: std::io::BufWriter::new(std::io::stdout().lock()), json, pending: Vec::new(), failed: None }
    }

    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.map_err(|e| {
            let again = std::io::Error::new(e.kind(), e.to_string());
            self.failed.get_or_insert(e);
            again
        })
    }

    /// Ends the stream: the write failure if there was one, else `result`.
    pub fn finish<T>(mut self, result: anyhow::Result<T>) -> anyhow::Result<T> {
        let flushed = self.flush();
        if let Some(e) = self.failed.take() {
            return Err(OutputFailed(e).into());
        }
        let value = result?;
        flushed.map_err(OutputFailed)?;
        Ok(value)
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.json {
            let written = self.out.write(buf);
            return self.keep(written);
        }
        self.pending.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let written = {
            let text = std::str::from_utf8(&self.pending[..whole]).unwrap_or_default();
            self.out.write_all(json_inert(text).as_bytes())
        };
        self.keep(written)?;
        self.pending.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.out.flush();
        self.keep(flushed)
    }
}
