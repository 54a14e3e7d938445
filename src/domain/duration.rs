//! Compact durations such as `45s`, `90m`, `4h30m`, `1h15m30s` or `2d`.
//!
//! Durations are plain `i64` seconds. A day is always 24 hours here; calendar
//! effects (working hours, DST) belong to the calendar module.

use std::fmt::Write as _;

use thiserror::Error;

/// Units from largest to smallest, with their size in seconds.
const UNITS: [(char, i64); 4] = [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];

/// Why a duration string could not be parsed. Every variant names the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DurationError {
    #[error("empty duration (expected something like 4h30m, 90m or 3600)")]
    Empty,
    #[error("invalid duration {input:?}: durations cannot be negative")]
    Negative { input: String },
    #[error("invalid duration {input:?}: {reason}")]
    Invalid { input: String, reason: String },
    #[error("invalid duration {input:?}: too large")]
    Overflow { input: String },
}

/// Parses `45s`, `90m`, `4h`, `4h30m`, `1h15m30s`, `2d` (= 48h) or plain
/// integer seconds such as `3600` into seconds.
///
/// Surrounding whitespace is ignored. Units are lowercase `d`, `h`, `m`, `s`,
/// each at most once and from largest to smallest (`30m4h` is rejected).
pub fn parse_duration(s: &str) -> Result<i64, DurationError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(DurationError::Empty);
    }
    let invalid = |reason: String| DurationError::Invalid { input: input.to_string(), reason };
    let overflow = || DurationError::Overflow { input: input.to_string() };
    if input.starts_with('-') {
        return Err(DurationError::Negative { input: input.to_string() });
    }
    if input.bytes().all(|b| b.is_ascii_digit()) {
        return input.parse::<i64>().map_err(|_| overflow());
    }

    let mut total: i64 = 0;
    let mut previous: Option<usize> = None;
    let mut rest = input;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, tail) = rest.split_at(digits);
        let Some(unit) = tail.chars().next() else {
            return Err(invalid(format!("{number} has no unit (use d, h, m or s)")));
        };
        if digits == 0 {
            return Err(invalid(format!("expected a number before {unit:?}")));
        }
        let Some(rank) = UNITS.iter().position(|&(u, _)| u == unit) else {
            return Err(invalid(format!("unknown unit {unit:?} (use d, h, m or s)")));
        };
        if let Some(prev) = previous
            && rank <= prev
        {
            let reason = if rank == prev {
                format!("unit {unit:?} appears more than once")
            } else {
                format!("unit {unit:?} comes after a smaller unit (write e.g. 4h30m)")
            };
            return Err(invalid(reason));
        }
        previous = Some(rank);
        let value: i64 = number.parse().map_err(|_| overflow())?;
        total = value.checked_mul(UNITS[rank].1).and_then(|v| total.checked_add(v)).ok_or_else(overflow)?;
        rest = &tail[unit.len_utf8()..];
    }
    Ok(total)
}

/// Formats seconds compactly using at most the two largest non-zero units:
/// `4h30m`, `45s`, `2d3h`, `0s`; negative values get a leading `-`.
/// Smaller units are truncated, not rounded (`1d2h3m` → `1d2h`).
pub fn format_duration(secs: i64) -> String {
    if secs == 0 {
        return "0s".to_string();
    }
    let mut out = String::new();
    if secs < 0 {
        out.push('-');
    }
    let mut rest = secs.unsigned_abs();
    let mut shown = 0;
    for (unit, size) in UNITS {
        let size = size.unsigned_abs();
        let count = rest / size;
        rest %= size;
        if count > 0 {
            let _ = write!(out, "{count}{unit}");
            shown += 1;
            if shown == 2 {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_units() {
        assert_eq!(parse_duration("45s"), Ok(45));
        assert_eq!(parse_duration("90m"), Ok(5_400));
        assert_eq!(parse_duration("4h"), Ok(14_400));
        assert_eq!(parse_duration("2d"), Ok(172_800));
        assert_eq!(parse_duration("0s"), Ok(0));
    }

    #[test]
    fn parses_combined_units_and_plain_seconds() {
        assert_eq!(parse_duration("4h30m"), Ok(16_200));
        assert_eq!(parse_duration("1h15m30s"), Ok(4_530));
        assert_eq!(parse_duration("1d2h"), Ok(93_600));
        assert_eq!(parse_duration("3600"), Ok(3_600));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("  4h30m\t"), Ok(16_200));
    }

    #[test]
    fn rejects_bad_input_and_names_it() {
        let cases = ["4x", "30m4h", "4h4h", "h", "4h30", "-5m", "-10", "4 h", "+5m", "4H", "1.5h"];
        for case in cases {
            let err = parse_duration(case).expect_err(case);
            assert!(err.to_string().contains(&format!("{case:?}")), "{case}: {err}");
        }
        assert_eq!(parse_duration("   "), Err(DurationError::Empty));
        assert!(parse_duration("30m4h").unwrap_err().to_string().contains("smaller unit"));
        assert!(parse_duration("4q").unwrap_err().to_string().contains("unknown unit"));
    }

    #[test]
    fn rejects_overflow() {
        for case in ["99999999999999999999", "9223372036854775807d", "106751991167300d23h"] {
            assert!(matches!(parse_duration(case), Err(DurationError::Overflow { .. })), "{case}");
        }
        assert_eq!(parse_duration("9223372036854775807"), Ok(i64::MAX));
    }

    #[test]
    fn formats_two_largest_units() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(45), "45s");
        assert_eq!(format_duration(16_200), "4h30m");
        assert_eq!(format_duration(2 * 86_400 + 3 * 3_600), "2d3h");
        assert_eq!(format_duration(86_400 + 7_200 + 180 + 4), "1d2h");
        assert_eq!(format_duration(86_400 + 300), "1d5m");
        assert_eq!(format_duration(3_600), "1h");
        assert_eq!(format_duration(-90), "-1m30s");
        assert!(format_duration(i64::MIN).starts_with('-'));
    }

    #[test]
    fn format_then_parse_round_trips_for_two_units() {
        for secs in [0, 1, 59, 60, 3_599, 3_600, 16_200, 86_400, 90_000, 93_600] {
            assert_eq!(parse_duration(&format_duration(secs)), Ok(secs), "{secs}");
        }
    }
}
