//! One pass over the tickets of a period, grouped several ways at once.
//!
//! SQLite has no hash aggregation: every GROUP BY sorts all its rows, once
//! per grouping. Over a year of a large servicedesk (a million tickets) a
//! report that groups five ways sorted five million rows. Here the rows are
//! read once and added into small per-group sums as they stream past; only
//! the groups are held in memory, never the tickets.

use rustc_hash::FxHashMap as HashMap;

use super::sql::Row;
use super::sql::ValueRef;

use crate::domain::report::{Dimension, Key};

/// The select list of a fold query's keys: one column per dimension asked,
/// in that order (the measures to add up follow, from `dims.len()` on).
/// Only what a report groups by is read: decoding a column of a million
/// rows costs as much as the grouping itself.
pub fn key_columns(dims: &[Dimension], moment: &str) -> String {
    let mut out = String::new();
    for d in dims {
        let column = match d {
            Dimension::Priority => "t.priority".to_string(),
            Dimension::Team => "nullif(t.team, '')".to_string(),
            Dimension::Assignee => "nullif(t.assignee, '')".to_string(),
            Dimension::Category => "nullif(t.category, '')".to_string(),
            Dimension::Service => "nullif(t.service, '')".to_string(),
            Dimension::Department => "nullif(t.department, '')".to_string(),
            Dimension::Channel => "t.channel".to_string(),
            Dimension::Status => "t.status".to_string(),
            Dimension::Slot => format!("{moment} / 900"),
        };
        out.push_str(&column);
        out.push_str(", ");
    }
    out
}

/// The groups of one dimension, each with a value of type `T`; a row finds
/// its group without allocating once the group exists.
pub struct Groups<T> {
    ints: HashMap<i64, usize>,
    /// Keyed by the bytes as stored: no text is checked or copied for a group already seen.
    texts: HashMap<Vec<u8>, usize>,
    none: Option<usize>,
    entries: Vec<(Key, T)>,
}

impl<T: Default> Default for Groups<T> {
    fn default() -> Self {
        Groups { ints: HashMap::default(), texts: HashMap::default(), none: None, entries: Vec::new() }
    }
}

impl<T: Default> Groups<T> {
    /// The value of the group a key column falls in, made when new.
    pub fn entry(&mut self, value: ValueRef) -> &mut T {
        let index = self.index(value);
        &mut self.entries[index].1
    }

    /// The number of the group a key column falls in (0, 1, … in the order
    /// first seen), made when new.
    pub fn index(&mut self, value: ValueRef) -> usize {
        let entries = &mut self.entries;
        match value {
            ValueRef::Integer(n) => *self.ints.entry(n).or_insert_with(|| push(entries, Key::Int(n))),
            ValueRef::Real(f) => *self.ints.entry(f as i64).or_insert_with(|| push(entries, Key::Int(f as i64))),
            ValueRef::Text(bytes) => match self.texts.get(bytes) {
                Some(i) => *i,
                None => {
                    let i = push(entries, Key::Text(String::from_utf8_lossy(bytes).into_owned()));
                    self.texts.insert(bytes.to_vec(), i);
                    i
                }
            },
            _ => *self.none.get_or_insert_with(|| push(entries, Key::None)),
        }
    }

    /// Takes in the groups of `other` (another part of the same rows),
    /// adding each value to the group of the same key here, made when new:
    /// returns where each of `other`'s groups went, by its number there.
    pub fn absorb(&mut self, other: Groups<T>, mut add: impl FnMut(&mut T, T)) -> Vec<usize> {
        // Each of theirs as it was read, so that new ones keep the order first seen.
        let mut keys: Vec<Option<ValueRef>> = vec![None; other.entries.len()];
        for (n, i) in &other.ints {
            keys[*i] = Some(ValueRef::Integer(*n));
        }
        for (bytes, i) in &other.texts {
            keys[*i] = Some(ValueRef::Text(bytes));
        }
        let to: Vec<usize> = keys.into_iter().map(|key| self.index(key.unwrap_or(ValueRef::Null))).collect();
        for (i, (_, value)) in other.entries.into_iter().enumerate() {
            add(&mut self.entries[to[i]].1, value);
        }
        to
    }

    pub fn into_vec(self) -> Vec<(Key, T)> {
        self.entries
    }
}

fn push<T: Default>(entries: &mut Vec<(Key, T)>, key: Key) -> usize {
    entries.push((key, T::default()));
    entries.len() - 1
}

/// The sums of a group: one per measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sums<const N: usize>(pub [u64; N]);

impl<const N: usize> Default for Sums<N> {
    fn default() -> Self {
        Sums([0; N])
    }
}

/// Integer measures of a row, from column `at` on (NULL counts as 0).
pub fn measures<const N: usize>(row: &Row, at: usize) -> super::sql::Result<[u64; N]> {
    let mut m = [0u64; N];
    for (i, slot) in m.iter_mut().enumerate() {
        if let ValueRef::Integer(n) = row.get_ref(at + i)? {
            *slot = n.max(0) as u64;
        }
    }
    Ok(m)
}

/// Adds `m` to each of its groups: the key of the `i`th is column `i`.
pub fn add<const N: usize>(groups: &mut [Groups<Sums<N>>], row: &Row, m: &[u64; N]) -> super::sql::Result<()> {
    for (column, g) in groups.iter_mut().enumerate() {
        let sums = g.entry(row.get_ref(column)?);
        for (s, v) in sums.0.iter_mut().zip(m) {
            *s += v;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_has_one_group_in_the_order_first_seen() {
        let mut g: Groups<u64> = Groups::default();
        for v in [ValueRef::Text(b"Network"), ValueRef::Null, ValueRef::Text(b"Network"), ValueRef::Integer(3)] {
            *g.entry(v) += 1;
        }
        assert_eq!(g.into_vec(), vec![(Key::Text("Network".into()), 2), (Key::None, 1), (Key::Int(3), 1)]);
    }

    #[test]
    fn a_part_absorbed_adds_to_the_groups_of_the_same_key_and_brings_its_new_ones() {
        let mut ours: Groups<u64> = Groups::default();
        *ours.entry(ValueRef::Text(b"Network")) += 2;
        *ours.entry(ValueRef::Integer(1)) += 1;
        let mut theirs: Groups<u64> = Groups::default();
        for v in [ValueRef::Null, ValueRef::Integer(1), ValueRef::Text(b"Network"), ValueRef::Text(b"Desk")] {
            *theirs.entry(v) += 10;
        }
        let to = ours.absorb(theirs, |a, b| *a += b);
        assert_eq!(to, vec![2, 1, 0, 3], "where each of theirs went");
        assert_eq!(
            ours.into_vec(),
            vec![(Key::Text("Network".into()), 12), (Key::Int(1), 11), (Key::None, 10), (Key::Text("Desk".into()), 10)]
        );
    }
}
