//! Reading another helpdesk's history: a file (gzip-compressed or not) in a
//! known form, turned into tickets with their history, or into errors that
//! name the line. Nothing is stored here; the store loads what this reads.

pub mod mapping;

use std::io::{BufReader, Read};
use std::path::Path;

use chrono::TimeZone;

use crate::domain::HistoricTicket;
use crate::domain::servicenow::{RowError, RowProblem, Snapshot, incident};

/// What a file held.
#[derive(Debug, Default)]
pub struct FileContents {
    pub rows: u64,
    pub tickets: Vec<HistoricTicket>,
    /// The line of each ticket (of its last row), in the same order.
    pub lines: Vec<u64>,
    /// The first problems, by line.
    pub errors: Vec<RowError>,
    /// How many problems there were in all.
    pub error_count: u64,
    /// How many tickets were read (also when they are not kept here).
    pub incidents: u64,
}

/// Problems kept to show; the count goes on.
const ERRORS_KEPT: usize = 20;

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the column {column} is missing (the first line names the columns)")]
    MissingColumn { path: String, column: &'static str },
    #[error("{path}, line {line}: {problem}")]
    Csv { path: String, line: u64, problem: String },
}

/// Opens a file, unpacking it when it is gzip-compressed (by its first bytes).
pub fn open(path: &Path) -> Result<Box<dyn Read + Send>, ImportError> {
    let io = |source| ImportError::Io { path: path.display().to_string(), source };
    let mut file = BufReader::new(std::fs::File::open(path).map_err(io)?);
    let head = std::io::BufRead::fill_buf(&mut file).map_err(io)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}

/// A file read with its CRLF line ends as LF, so that every line is counted
/// once: the CSV reader counts lines by LF and would otherwise name the line
/// before the one at fault.
pub(crate) struct LineEnds<R> {
    inner: R,
    /// A CR at the end of what was read, not yet known to end a line.
    cr: bool,
}

impl<R: std::io::BufRead> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if out.is_empty() {
                return Ok(0);
            }
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(if std::mem::take(&mut self.cr) {
                    out[0] = b'\r';
                    1
                } else {
                    0
                });
            }
            let (mut n, mut used) = (0, 0);
            if std::mem::take(&mut self.cr) && buf[0] != b'\n' {
                out[0] = b'\r';
                n = 1;
            }
            while used < buf.len() && n < out.len() {
                let b = buf[used];
                used += 1;
                if b == b'\r' {
                    match buf.get(used) {
                        Some(b'\n') => continue,
                        None => {
                            self.cr = true;
                            break;
                        }
                        Some(_) => {}
                    }
                }
                out[n] = b;
                n += 1;
            }
            self.inner.consume(used);
            if n > 0 {
                return Ok(n);
            }
        }
    }
}

/// A CSV file's rows, one at a time, each with its line (for errors).
pub(crate) struct Rows<R: Read> {
    reader: csv::Reader<LineEnds<BufReader<R>>>,
    path: String,
    record: csv::ByteRecord,
}

impl<R: Read> Rows<R> {
    /// Reads the header line; every row must have as many columns.
    pub fn new(input: R, path: &Path) -> Result<(Rows<R>, csv::StringRecord), ImportError> {
        let path = path.display().to_string();
        let input = LineEnds { inner: BufReader::new(input), cr: false };
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| ImportError::Csv { path: path.clone(), line: 1, problem: e.to_string() })?
            .clone();
        Ok((Rows { reader, path, record: csv::ByteRecord::new() }, header))
    }

    /// The next row and its line, or none at the end.
    pub fn next(&mut self) -> Result<Option<(u64, &csv::ByteRecord)>, ImportError> {
        let line = self.reader.position().line();
        let more = self.reader.read_byte_record(&mut self.record).map_err(|e| ImportError::Csv {
            path: self.path.clone(),
            line,
            problem: e.to_string(),
        })?;
        if !more {
            return Ok(None);
        }
        Ok(Some((line, &self.record)))
    }
}

/// The columns the ServiceNow form needs, as its header names them.
const SERVICENOW_COLUMNS: [&str; 22] = [
    "number",
    "incident_state",
    "caller_id",
    "opened_at",
    "sys_updated_at",
    "sys_updated_by",
    "contact_type",
    "location",
    "category",
    "subcategory",
    "u_symptom",
    "cmdb_ci",
    "impact",
    "urgency",
    "priority",
    "assignment_group",
    "assigned_to",
    "closed_code",
    "resolved_by",
    "resolved_at",
    "closed_at",
    "problem_id",
];

/// ServiceNow's incident audit log: the rows of each incident one after
/// another, the last its final state. `progress` gets the rows read so far.
pub fn servicenow<Tz: TimeZone>(
    input: impl Read,
    path: &Path,
    tz: &Tz,
    progress: impl FnMut(u64),
) -> Result<FileContents, ImportError> {
    let (mut tickets, mut lines) = (Vec::new(), Vec::new());
    let mut out = servicenow_each(input, path, tz, progress, |_, t, line| {
        tickets.push(t);
        lines.push(line);
    })?;
    (out.tickets, out.lines) = (tickets, lines);
    Ok(out)
}

/// The same log read as it goes: `each` gets every incident as soon as its
/// rows are read, with the line of its last row (and what was read so far,
/// to note a problem on); the contents returned hold no tickets.
pub fn servicenow_each<Tz: TimeZone>(
    input: impl Read,
    path: &Path,
    tz: &Tz,
    mut progress: impl FnMut(u64),
    mut each: impl FnMut(&mut FileContents, HistoricTicket, u64),
) -> Result<FileContents, ImportError> {
    let shown = path.display().to_string();
    let (mut rows, header) = Rows::new(input, path)?;
    let mut at = [0usize; SERVICENOW_COLUMNS.len()];
    for (i, column) in SERVICENOW_COLUMNS.iter().enumerate() {
        at[i] = header
            .iter()
            .position(|h| h.trim() == *column)
            .ok_or(ImportError::MissingColumn { path: shown.clone(), column })?;
    }
    let mut out = FileContents::default();
    let mut group: Vec<Snapshot> = Vec::new();
    // An incident's rows come together; one that comes back later would be
    // two incidents with one number.
    let mut finished: std::collections::HashSet<String> = std::collections::HashSet::new();
    while let Some((line, record)) = rows.next()? {
        out.rows += 1;
        if out.rows % 4096 == 0 {
            progress(out.rows);
        }
        let text = |i: usize| match std::str::from_utf8(record.get(at[i]).unwrap_or_default()) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(RowError { line, column: SERVICENOW_COLUMNS[i], problem: RowProblem::NotUtf8 }),
        };
        let snapshot = (|| -> Result<Snapshot, RowError> {
            Ok(Snapshot {
                line,
                number: text(0)?,
                state: text(1)?,
                caller: text(2)?,
                opened_at: text(3)?,
                updated_at: text(4)?,
                updated_by: text(5)?,
                contact_type: text(6)?,
                location: text(7)?,
                category: text(8)?,
                subcategory: text(9)?,
                symptom: text(10)?,
                configuration_item: text(11)?,
                impact: text(12)?,
                urgency: text(13)?,
                priority: text(14)?,
                group: text(15)?,
                assigned_to: text(16)?,
                closed_code: text(17)?,
                resolved_by: text(18)?,
                resolved_at: text(19)?,
                closed_at: text(20)?,
                problem_id: text(21)?,
            })
        })();
        let snapshot = match snapshot {
            Ok(s) => s,
            Err(e) => {
                note(&mut out, e);
                continue;
            }
        };
        if group.last().is_some_and(|g| g.number != snapshot.number) {
            finish(&mut out, &group, tz, &mut each);
            finished.insert(std::mem::take(&mut group).swap_remove(0).number);
        }
        if group.is_empty() && finished.contains(&snapshot.number) {
            let problem = RowProblem::NotTogether(snapshot.number.clone());
            note(&mut out, RowError { line, column: "number", problem });
            continue;
        }
        group.push(snapshot);
    }
    if !group.is_empty() {
        finish(&mut out, &group, tz, &mut each);
    }
    progress(out.rows);
    Ok(out)
}

fn finish<Tz: TimeZone>(
    out: &mut FileContents,
    rows: &[Snapshot],
    tz: &Tz,
    each: &mut impl FnMut(&mut FileContents, HistoricTicket, u64),
) {
    match incident(rows, tz) {
        Ok(t) => {
            out.incidents += 1;
            each(out, t, rows.last().map_or(0, |r| r.line));
        }
        Err(e) => note(out, e),
    }
}

/// A problem found after reading, by its line.
pub(crate) fn note_problem(out: &mut FileContents, line: u64, column: &'static str, problem: String) {
    note(out, RowError { line, column, problem: RowProblem::Said(problem) });
}

pub(crate) fn note(out: &mut FileContents, e: RowError) {
    out.error_count += 1;
    if out.errors.len() < ERRORS_KEPT {
        out.errors.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::LineEnds;
    use std::io::{BufReader, Read};

    #[test]
    fn crlf_becomes_lf_and_a_lone_cr_stays_also_across_reads() {
        for capacity in [1, 2, 3, 64] {
            let text: &[u8] = b"a\r\nb\rc\r\n\r";
            let mut ends = LineEnds { inner: BufReader::with_capacity(capacity, text), cr: false };
            let mut out = Vec::new();
            ends.read_to_end(&mut out).unwrap();
            assert_eq!(out, b"a\nb\rc\n\r", "capacity {capacity}");
        }
    }
}
