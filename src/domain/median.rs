//! Exact medians of many series of integers (a report's times: per moment,
//! per measure, per group) in memory that does not grow with the values.
//!
//! The values are counted into a histogram per series as they stream past:
//! one bucket per second below 64 s, then 64 buckets per power of two up
//! to 2³² s (136 years), and one bucket each for negative values and for
//! larger ones (7 KiB a series, so that all of a report's stay in cache). That tells which bucket holds the middle value(s); the
//! values are then read again (from wherever the caller keeps them, see
//! `store::spill`) and only those falling in that bucket are kept and the
//! middle one selected among them. A bucket holding more values than the
//! budget allows is split into 1,024 narrower ranges and counted again, as
//! often as needed (each time 1,024 times narrower): the answer is always
//! the exact median, the memory a few kilobytes per series plus the budget.

use super::report::Summary;

/// Sub-buckets per power of two: 2^SUB.
const SUB: u32 = 6;
const EXACT: i64 = 1 << SUB;
/// From here on, one bucket.
const TOP: i64 = 1 << 32;
/// Negative values, 0..2^32 as described, and 2^32 and more.
const BUCKETS: usize = 1 + (EXACT as usize) * (1 + 32 - SUB as usize) + 1;
/// How many narrower ranges a bucket with too many values is split into.
const PARTS: usize = 1024;
/// How many values may be kept at once to select from (8 MiB).
const BUDGET: usize = 1 << 20;

/// The bucket a value falls in.
fn bucket(v: i64) -> usize {
    if v < 0 {
        0
    } else if v >= TOP {
        BUCKETS - 1
    } else if v < EXACT {
        1 + v as usize
    } else {
        let e = 63 - v.leading_zeros();
        let sub = (v >> (e - SUB)) as usize - EXACT as usize;
        1 + EXACT as usize + (e - SUB) as usize * EXACT as usize + sub
    }
}

/// The lowest and highest value of a bucket, both included.
fn bounds(b: usize) -> (i64, i64) {
    if b == 0 {
        return (i64::MIN, -1);
    }
    if b >= BUCKETS - 1 {
        return (TOP, i64::MAX);
    }
    let i = b - 1;
    if i < EXACT as usize {
        return (i as i64, i as i64);
    }
    let i = i - EXACT as usize;
    let shift = (i / EXACT as usize) as u32;
    let lo = (EXACT + (i % EXACT as usize) as i64) << shift;
    (lo, lo + (1i64 << shift) - 1)
}

#[derive(Default)]
struct Series {
    count: u64,
    sum: i128,
    /// Empty until the first value. A bucket that would pass 2³² values
    /// stops counting, and its series has no median (see `first_picks`).
    buckets: Vec<u32>,
}

/// Values between `lo` and `hi` (both included), `count` of them, among
/// which the values at `ranks` (counted from `lo`, ascending) are sought.
struct Pick {
    lo: i64,
    hi: i64,
    count: u64,
    /// Rank within the range, and which of the series' middle values it is.
    ranks: Vec<(u64, usize)>,
    mode: Mode,
}

enum Mode {
    /// Not yet read again.
    Waiting,
    Collect(Vec<i64>),
    /// Counting the values in `PARTS` ranges `width` wide.
    Split {
        width: i128,
        counts: Vec<u64>,
    },
}

/// The series being counted; see the module's description.
pub struct Medians {
    series: Vec<Vec<Series>>,
    budget: usize,
}

/// The middle values of one group of one series: one, or two for an even count.
struct Middle {
    values: [Option<i64>; 2],
    picks: Vec<Pick>,
}

impl Medians {
    /// `series` series, each with groups numbered from 0.
    pub fn new(series: usize) -> Medians {
        Medians::with_budget(series, BUDGET)
    }

    /// As `new`, keeping at most `budget` values at once to select from.
    pub fn with_budget(series: usize, budget: usize) -> Medians {
        Medians { series: (0..series).map(|_| Vec::new()).collect(), budget }
    }

    /// Counts a value of a group of a series (a series beyond those made is ignored).
    pub fn add(&mut self, series: usize, group: usize, v: i64) {
        self.count(series, group, bucket(v), v);
    }

    /// Counts a value once in several series: series `first`, group 0 (all
    /// tickets, say), and each next series `first + 1 + i`, group
    /// `groups[i]` (the ticket's group in each dimension).
    pub fn add_across(&mut self, first: usize, groups: &[u32], v: i64) {
        let b = bucket(v);
        self.count(first, 0, b, v);
        for (i, group) in groups.iter().enumerate() {
            self.count(first + 1 + i, *group as usize, b, v);
        }
    }

    /// Adds what `other` counted (another part of the same values), its
    /// groups renumbered: group `g` of series `s` there is group
    /// `group_of(s, g)` here.
    pub fn absorb(&mut self, other: Medians, group_of: impl Fn(usize, usize) -> usize) {
        for (s, groups) in other.series.into_iter().enumerate() {
            let Some(series) = self.series.get_mut(s) else { continue };
            for (g, theirs) in groups.into_iter().enumerate() {
                if theirs.count == 0 {
                    continue;
                }
                let group = group_of(s, g);
                if series.len() <= group {
                    series.resize_with(group + 1, Series::default);
                }
                let ours = &mut series[group];
                if ours.buckets.is_empty() {
                    *ours = theirs;
                    continue;
                }
                ours.count += theirs.count;
                ours.sum += theirs.sum;
                for (a, b) in ours.buckets.iter_mut().zip(theirs.buckets) {
                    *a = a.saturating_add(b);
                }
            }
        }
    }

    fn count(&mut self, series: usize, group: usize, b: usize, v: i64) {
        let Some(series) = self.series.get_mut(series) else { return };
        if series.len() <= group {
            series.resize_with(group + 1, Series::default);
        }
        let s = &mut series[group];
        if s.buckets.is_empty() {
            s.buckets = vec![0; BUCKETS];
        }
        s.count += 1;
        s.sum += v as i128;
        s.buckets[b] = s.buckets[b].saturating_add(1);
    }

    /// Count, mean and exact median of every group of every series, indexed
    /// `[series][group]`. `reread` gives every value counted again, in any
    /// order, to the pass it is handed, as they were counted; it is called
    /// once in the common case, a few times at most.
    pub fn finish<E>(self, mut reread: impl FnMut(&mut Pass) -> Result<(), E>) -> Result<Vec<Vec<Summary>>, E> {
        let mut middles: Vec<Vec<Middle>> =
            self.series.iter().map(|groups| groups.iter().map(first_picks).collect()).collect();
        loop {
            // Keep what fits in the budget; split the rest.
            let mut left = self.budget;
            let mut pending = false;
            for pick in middles.iter_mut().flatten().flat_map(|m| m.picks.iter_mut()) {
                pending = true;
                if pick.count as usize <= left {
                    left -= pick.count as usize;
                    pick.mode = Mode::Collect(Vec::with_capacity(pick.count as usize));
                } else {
                    let span = pick.hi as i128 - pick.lo as i128 + 1;
                    let width = (span + PARTS as i128 - 1) / PARTS as i128;
                    pick.mode = Mode::Split { width, counts: vec![0; PARTS] };
                }
            }
            if !pending {
                break;
            }
            // Where each series' groups start in `sought`.
            let mut starts = Vec::with_capacity(middles.len());
            let mut sought = Vec::new();
            for groups in &middles {
                starts.push(sought.len());
                sought.extend(groups.iter().map(Middle::span));
            }
            starts.push(sought.len());
            reread(&mut Pass { middles: &mut middles, starts: &starts, sought: &sought })?;
            for m in middles.iter_mut().flatten() {
                let picks = std::mem::take(&mut m.picks);
                for pick in picks {
                    narrow(pick, m);
                }
            }
        }
        Ok(self
            .series
            .iter()
            .zip(middles)
            .map(|(groups, middles)| {
                groups
                    .iter()
                    .zip(middles)
                    .map(|(s, m)| {
                        let median = match (s.count % 2, m.values) {
                            (_, _) if s.count == 0 => None,
                            (1, [Some(v), _]) => Some(v as f64),
                            (0, [Some(lower), Some(upper)]) => Some((lower as f64 + upper as f64) / 2.0),
                            _ => None,
                        };
                        let mean = (s.count > 0).then(|| s.sum as f64 / s.count as f64);
                        Summary { count: s.count, mean, median }
                    })
                    .collect()
            })
            .collect())
    }
}

impl Middle {
    /// The lowest and highest value any of its picks seeks (none: an empty range).
    fn span(&self) -> (i64, i64) {
        let lo = self.picks.iter().map(|p| p.lo).min().unwrap_or(i64::MAX);
        let hi = self.picks.iter().map(|p| p.hi).max().unwrap_or(i64::MIN);
        (lo, hi)
    }
}

/// One reading of the values again, to the ranges still sought.
pub struct Pass<'a> {
    middles: &'a mut Vec<Vec<Middle>>,
    /// Per series, where its groups' spans start in `sought` (and, last,
    /// where they end): most values
    /// fall outside every span and are passed over with one look there.
    starts: &'a [usize],
    sought: &'a [(i64, i64)],
}

impl Pass<'_> {
    /// A value of a group of a series, as given to `Medians::add`.
    pub fn visit(&mut self, series: usize, group: usize, v: i64) {
        let (Some(start), Some(end)) = (self.starts.get(series), self.starts.get(series + 1)) else { return };
        if start + group >= *end {
            return;
        }
        match self.sought.get(start + group) {
            Some((lo, hi)) if v >= *lo && v <= *hi => {}
            _ => return,
        }
        let Some(m) = self.middles.get_mut(series).and_then(|g| g.get_mut(group)) else { return };
        for pick in m.picks.iter_mut() {
            if v < pick.lo || v > pick.hi {
                continue;
            }
            match &mut pick.mode {
                Mode::Waiting => {}
                Mode::Collect(values) => values.push(v),
                Mode::Split { width, counts } => {
                    let part = ((v as i128 - pick.lo as i128) / *width) as usize;
                    counts[part.min(PARTS - 1)] += 1;
                }
            }
        }
    }

    /// A value as given to `Medians::add_across`.
    pub fn visit_across(&mut self, first: usize, groups: &[u32], v: i64) {
        self.visit(first, 0, v);
        for (i, g) in groups.iter().enumerate() {
            self.visit(first + 1 + i, *g as usize, v);
        }
    }
}

/// The buckets that hold a series' middle values.
fn first_picks(s: &Series) -> Middle {
    let mut m = Middle { values: [None; 2], picks: Vec::new() };
    if s.count == 0 {
        return m;
    }
    let n = s.count;
    let ranks: Vec<(u64, usize)> = if n % 2 == 1 { vec![(n / 2, 0)] } else { vec![(n / 2 - 1, 0), (n / 2, 1)] };
    // Past a saturated bucket the ranks are not found: no median, rather than a wrong one.
    place(&mut m, s.buckets.iter().map(|c| *c as u64), ranks, bounds);
    m
}

/// Puts each rank (of the whole range the counts cover) in the part holding
/// it: found when the part is a single value, else a pick to read again.
fn place(
    m: &mut Middle,
    counts: impl IntoIterator<Item = u64>,
    ranks: Vec<(u64, usize)>,
    bounds: impl Fn(usize) -> (i64, i64),
) {
    let mut below = 0u64;
    let mut ranks = ranks.into_iter().peekable();
    for (part, count) in counts.into_iter().enumerate() {
        if count == 0 {
            continue;
        }
        let mut here = Vec::new();
        while let Some(&(rank, which)) = ranks.peek() {
            if rank >= below + count {
                break;
            }
            here.push((rank - below, which));
            ranks.next();
        }
        if !here.is_empty() {
            let (lo, hi) = bounds(part);
            if lo == hi {
                for (_, which) in here {
                    m.values[which] = Some(lo);
                }
            } else {
                m.picks.push(Pick { lo, hi, count, ranks: here, mode: Mode::Waiting });
            }
        }
        below += count;
    }
}

/// What a pass over the values told of a pick.
fn narrow(pick: Pick, m: &mut Middle) {
    match pick.mode {
        Mode::Waiting => {}
        Mode::Collect(mut values) => {
            for (rank, which) in pick.ranks {
                if (rank as usize) < values.len() {
                    let (_, v, _) = values.select_nth_unstable(rank as usize);
                    m.values[which] = Some(*v);
                }
            }
        }
        Mode::Split { width, counts } => {
            let (lo, hi) = (pick.lo as i128, pick.hi as i128);
            place(m, counts, pick.ranks, |part| {
                let start = lo + part as i128 * width;
                (start as i64, (start + width - 1).min(hi) as i64)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The median the reports gave before: sort and take the middle.
    fn sorted_median(values: &[i64]) -> Option<f64> {
        let mut v = values.to_vec();
        v.sort_unstable();
        let n = v.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(v[n / 2] as f64),
            _ => Some((v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0),
        }
    }

    /// Medians of groups of values, each group one series, kept at most `budget` at once.
    fn medians(groups: &[Vec<i64>], budget: usize) -> (Vec<Summary>, usize) {
        let mut m = Medians::with_budget(groups.len(), budget);
        for (s, values) in groups.iter().enumerate() {
            for v in values {
                m.add(s, 0, *v);
            }
        }
        let mut passes = 0;
        let found = m
            .finish(|pass| {
                passes += 1;
                // Another order than the first time.
                for (s, values) in groups.iter().enumerate().rev() {
                    for v in values.iter().rev() {
                        pass.visit(s, 0, *v);
                    }
                }
                Ok::<(), ()>(())
            })
            .unwrap();
        (found.into_iter().map(|g| g.first().copied().unwrap_or_default()).collect(), passes)
    }

    #[test]
    fn buckets_cover_every_value_once_in_order() {
        let mut next = i64::MIN;
        for b in 0..BUCKETS {
            let (lo, hi) = bounds(b);
            assert_eq!(lo, next, "bucket {b} starts where the last ended");
            assert!(hi >= lo);
            assert_eq!((bucket(lo), bucket(hi)), (b, b));
            next = hi.wrapping_add(1);
        }
        assert_eq!(bounds(BUCKETS - 1).1, i64::MAX);
    }

    #[test]
    fn small_and_even_series() {
        let (found, _) = medians(&[vec![], vec![5], vec![40, 2, 10, 1], vec![9, 1, 5, 3, 7], vec![4, 4, 4, 1]], 8);
        let got: Vec<Option<f64>> = found.iter().map(|s| s.median).collect();
        assert_eq!(got, vec![None, Some(5.0), Some(6.0), Some(5.0), Some(4.0)]);
        assert_eq!(found[2].count, 4);
        assert_eq!(found[2].mean, Some(13.25));
    }

    #[test]
    fn a_bucket_too_full_for_the_budget_is_split_until_exact() {
        // A million-wide bucket of distinct values, with room for ten: split twice.
        let values: Vec<i64> = (0..5_001).map(|i| (1 << 30) + i * 97).collect();
        let (found, passes) = medians(std::slice::from_ref(&values), 10);
        assert_eq!(found[0].median, sorted_median(&values));
        assert!(passes >= 2, "split before collecting ({passes} passes)");
        let extremes = vec![i64::MIN, i64::MAX, -1, 0, i64::MAX - 1, i64::MIN + 1];
        assert_eq!(medians(std::slice::from_ref(&extremes), 1).0[0].median, sorted_median(&extremes));
    }

    proptest! {
        /// As the times report counts: each value in the series of all
        /// tickets and in its group of each of two dimensions.
        #[test]
        fn each_group_across_series_has_its_sorted_middle(
            rows in prop::collection::vec((0u32..4, 0u32..300, prop_oneof![0i64..100, 0i64..10_000_000, any::<i64>()]), 0..400),
            budget in prop_oneof![Just(2usize), Just(1 << 20)],
        ) {
            let mut m = Medians::with_budget(3, budget);
            for (a, b, v) in &rows {
                m.add_across(0, &[*a, *b], *v);
            }
            let found = m.finish(|pass| {
                for (a, b, v) in rows.iter().rev() {
                    pass.visit_across(0, &[*a, *b], *v);
                }
                Ok::<(), ()>(())
            }).unwrap();
            let all: Vec<i64> = rows.iter().map(|r| r.2).collect();
            prop_assert_eq!(found[0].first().and_then(|s| s.median), sorted_median(&all));
            for (series, key) in [(1usize, 0usize), (2, 1)] {
                for (group, s) in found[series].iter().enumerate() {
                    let values: Vec<i64> = rows
                        .iter()
                        .filter(|r| [r.0, r.1][key] as usize == group)
                        .map(|r| r.2)
                        .collect();
                    prop_assert_eq!(s.median, sorted_median(&values));
                    prop_assert_eq!(s.count, values.len() as u64);
                    let mean = (!values.is_empty()).then(|| values.iter().map(|v| *v as i128).sum::<i128>() as f64 / values.len() as f64);
                    prop_assert_eq!(s.mean, mean);
                }
            }
        }

        /// Two parts counted apart, the second numbering its groups its own
        /// way (reversed), give what counting them together gives.
        #[test]
        fn two_parts_absorbed_give_the_medians_of_all(
            rows in prop::collection::vec((0u32..5, prop_oneof![0i64..100, 0i64..10_000_000, any::<i64>()]), 0..300),
            cut in 0usize..300,
            budget in prop_oneof![Just(2usize), Just(1 << 20)],
        ) {
            let cut = cut.min(rows.len());
            let theirs = |g: u32| 4 - g;
            let mut ours = Medians::with_budget(2, budget);
            let mut other = Medians::with_budget(2, budget);
            for (g, v) in &rows[..cut] {
                ours.add_across(0, &[*g], *v);
            }
            for (g, v) in &rows[cut..] {
                other.add_across(0, &[theirs(*g)], *v);
            }
            ours.absorb(other, |s, g| if s == 0 { g } else { theirs(g as u32) as usize });
            let found = ours.finish(|pass| {
                // Read back in the numbers of the part absorbing.
                for (g, v) in &rows {
                    pass.visit_across(0, &[*g], *v);
                }
                Ok::<(), ()>(())
            }).unwrap();
            let all: Vec<i64> = rows.iter().map(|r| r.1).collect();
            prop_assert_eq!(found[0].first().and_then(|s| s.median), sorted_median(&all));
            prop_assert_eq!(found[0].first().map_or(0, |s| s.count), all.len() as u64);
            for (group, s) in found[1].iter().enumerate() {
                let values: Vec<i64> = rows.iter().filter(|r| r.0 as usize == group).map(|r| r.1).collect();
                prop_assert_eq!(s.median, sorted_median(&values));
                prop_assert_eq!(s.count, values.len() as u64);
            }
        }

        #[test]
        fn the_median_is_the_sorted_middle(
            groups in prop::collection::vec(
                prop_oneof![
                    prop::collection::vec(0i64..200, 0..300),
                    prop::collection::vec(0i64..40_000_000, 0..300),
                    prop::collection::vec(any::<i64>(), 0..50),
                    prop::collection::vec(-5i64..5, 0..50),
                ],
                1..6,
            ),
            budget in prop_oneof![Just(1usize), Just(16), Just(1 << 20)],
        ) {
            let (found, _) = medians(&groups, budget);
            for (values, s) in groups.iter().zip(&found) {
                prop_assert_eq!(s.median, sorted_median(values));
                prop_assert_eq!(s.count, values.len() as u64);
            }
        }
    }
}
