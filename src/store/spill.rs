//! The times report's rows, kept compactly to be read again when its
//! medians are picked (`domain::median`): a few MiB in memory, the rest in
//! an unnamed temporary file the system removes when it is closed, so that
//! a report over millions of tickets holds no more of its own memory than
//! one over thousands.

use std::io::{Read, Seek, SeekFrom, Write};

use super::{Result, StoreError};

/// Written to the file when the buffer holds this much.
const IN_MEMORY: usize = 4 << 20;

/// One ticket of the times report: the number of its group in each
/// dimension, and per moment (first response, resolved, closed) its
/// wall-clock seconds and business seconds, when it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimesRecord {
    pub groups: Vec<u32>,
    pub moments: [Option<(i64, Option<i64>)>; 3],
}

impl TimesRecord {
    /// The most bytes a record of `dims` dimensions takes.
    fn max_size(dims: usize) -> usize {
        5 * dims + 1 + 3 * 17
    }

    /// Compactly: a group in one byte (255 and four more above 254); per
    /// moment two bits of one byte, saying none, wall-clock seconds only,
    /// both, each in four bytes, or both in eight (negative or beyond 2³²).
    fn encode(&self, out: &mut Vec<u8>) {
        for g in &self.groups {
            match u8::try_from(*g) {
                Ok(small) if small < 255 => out.push(small),
                _ => {
                    out.push(255);
                    out.extend_from_slice(&g.to_le_bytes());
                }
            }
        }
        let narrow = |v: i64| u32::try_from(v).is_ok();
        let kinds = self.moments.map(|m| match m {
            None => 0u8,
            Some((wall, None)) if narrow(wall) => 1,
            Some((wall, Some(b))) if narrow(wall) && narrow(b) => 2,
            Some(_) => 3,
        });
        out.push(kinds[0] | kinds[1] << 2 | kinds[2] << 4);
        for (m, kind) in self.moments.iter().zip(kinds) {
            let Some((wall, business)) = m else { continue };
            match kind {
                1 | 2 => {
                    out.extend_from_slice(&(*wall as u32).to_le_bytes());
                    if let Some(b) = business {
                        out.extend_from_slice(&(*b as u32).to_le_bytes());
                    }
                }
                _ => {
                    out.push(business.is_some() as u8);
                    out.extend_from_slice(&wall.to_le_bytes());
                    out.extend_from_slice(&business.unwrap_or(0).to_le_bytes());
                }
            }
        }
    }

    /// Reads a record from the start of `bytes`: how many bytes it took, or
    /// none when they do not hold a whole one.
    fn decode(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        let mut take = |n: usize| {
            let slice = bytes.get(at..at + n)?;
            at += n;
            Some(slice)
        };
        for g in self.groups.iter_mut() {
            let first = take(1)?[0];
            *g = if first < 255 { first as u32 } else { u32::from_le_bytes(take(4)?.try_into().ok()?) };
        }
        let kinds = take(1)?[0];
        for (i, m) in self.moments.iter_mut().enumerate() {
            let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default()) as i64;
            let i64_at = |b: &[u8]| i64::from_le_bytes(b.try_into().unwrap_or_default());
            *m = match (kinds >> (2 * i)) & 3 {
                0 => None,
                1 => Some((u32_at(take(4)?), None)),
                2 => Some((u32_at(take(4)?), Some(u32_at(take(4)?)))),
                _ => {
                    let has_business = take(1)?[0] == 1;
                    let wall = i64_at(take(8)?);
                    let business = i64_at(take(8)?);
                    Some((wall, has_business.then_some(business)))
                }
            };
        }
        Some(at)
    }

    /// Each value the record gives: (moment, measure: 0 wall-clock or 1
    /// business, seconds); the record's groups are those of every value.
    pub fn values(&self, mut f: impl FnMut(usize, usize, i64)) {
        for (m, moment) in self.moments.iter().enumerate() {
            let Some((wall, business)) = moment else { continue };
            f(m, 0, *wall);
            if let Some(b) = business {
                f(m, 1, *b);
            }
        }
    }
}

pub struct Spill {
    dims: usize,
    buffer: Vec<u8>,
    file: Option<std::fs::File>,
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Io { path: std::env::temp_dir(), source: e }
}

impl Spill {
    /// For records of `dims` dimensions.
    pub fn new(dims: usize) -> Spill {
        Spill { dims, buffer: Vec::new(), file: None }
    }

    pub fn push(&mut self, record: &TimesRecord) -> Result<()> {
        record.encode(&mut self.buffer);
        if self.buffer.len() >= IN_MEMORY {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile().map_err(io)?);
        }
        if let Some(file) = self.file.as_mut() {
            file.write_all(&self.buffer).map_err(io)?;
        }
        self.buffer.clear();
        Ok(())
    }

    /// Every record pushed, in order.
    pub fn read(&mut self, mut each: impl FnMut(&TimesRecord)) -> Result<()> {
        let mut record = TimesRecord { groups: vec![0; self.dims], moments: [None; 3] };
        let Some(file) = self.file.as_mut() else {
            let mut at = 0;
            while let Some(used) = record.decode(&self.buffer[at..]) {
                each(&record);
                at += used;
            }
            return Ok(());
        };
        if !self.buffer.is_empty() {
            file.write_all(&self.buffer).map_err(io)?;
            self.buffer.clear();
        }
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        let mut chunk = vec![0u8; IN_MEMORY / 4];
        // The bytes read and not yet decoded: chunk[start..end].
        let (mut start, mut end) = (0, 0);
        let mut ended = false;
        loop {
            while let Some(used) = record.decode(&chunk[start..end]) {
                each(&record);
                start += used;
            }
            if ended {
                break;
            }
            // A record cut off at the end of the chunk moves to its start.
            chunk.copy_within(start..end, 0);
            end -= start;
            start = 0;
            while end < chunk.len() - TimesRecord::max_size(self.dims) && !ended {
                let n = file.read(&mut chunk[end..]).map_err(io)?;
                ended = n == 0;
                end += n;
            }
        }
        file.seek(SeekFrom::End(0)).map_err(io)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order_from_memory_and_from_the_file() {
        // Small and large groups, narrow and wide values, some moments missing.
        let record = |i: i64| TimesRecord {
            groups: vec![(i % 300) as u32, 7],
            moments: [
                Some((i, Some(i * 3))),
                (i % 3 != 0).then_some((i * 1000, None)),
                Some((if i % 2 == 0 { i64::MAX - i } else { -i }, (i % 5 == 0).then_some(i))),
            ],
        };
        for n in [3, IN_MEMORY / TimesRecord::max_size(2) * 3 + 5] {
            let mut spill = Spill::new(2);
            for i in 0..n as i64 {
                spill.push(&record(i)).unwrap();
            }
            assert_eq!(spill.file.is_some(), n > 3);
            for _ in 0..2 {
                let mut i = 0;
                spill
                    .read(|r| {
                        assert_eq!(*r, record(i));
                        i += 1;
                    })
                    .unwrap();
                assert_eq!(i, n as i64, "every record, every time it is read");
            }
        }
    }
}
