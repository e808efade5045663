//! A length of time as people write it on the command line: `30s`, `90min`, `24h`,
//! `5d`, `2w` (one whole number and one unit).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A length of time read from `N` and a unit (`s`, `min`, `h`, `d`, `w`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span(pub Duration);

const UNITS: [(&str, u64); 5] = [("w", 7 * 86_400), ("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1)];

impl FromStr for Span {
    type Err = String;

    fn from_str(s: &str) -> Result<Span, String> {
        let text = s.trim();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        let count: u64 = number.parse().map_err(|_| format!("{s:?}: write a whole number and a unit, as 24h or 5d"))?;
        let unit = match unit.trim() {
            "s" | "sec" => "s",
            "m" | "min" => "min",
            "h" => "h",
            "d" => "d",
            "w" => "w",
            other => return Err(format!("{s:?}: {other:?} is not a unit: use s, min, h, d or w")),
        };
        let seconds = UNITS.iter().find(|(u, _)| *u == unit).map_or(1, |(_, n)| *n);
        let total = count.checked_mul(seconds).filter(|t| *t > 0 && *t <= 3650 * 86_400);
        total.map(|t| Span(Duration::from_secs(t))).ok_or_else(|| format!("{s:?}: must be more than nothing and at most 3650 days"))
    }
}

impl fmt::Display for Span {
    /// The largest unit that divides it: `24h` is written `1d`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        let (unit, n) = UNITS.iter().find(|(_, n)| secs > 0 && secs % n == 0).copied().unwrap_or(("s", 1));
        write!(f, "{}{unit}", secs / n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_written() {
        for (text, seconds) in [
            ("24h", Some(86_400)),
            ("5d", Some(432_000)),
            ("30s", Some(30)),
            ("90min", Some(5_400)),
            ("90m", Some(5_400)),
            ("2w", Some(1_209_600)),
            (" 12 h ", Some(43_200)),
            ("0h", None),
            ("h", None),
            ("5", None),
            ("1.5h", None),
            ("5y", None),
            ("-1d", None),
            ("99999d", None),
        ] {
            assert_eq!(text.parse::<Span>().ok().map(|s| s.0.as_secs()), seconds, "{text}");
        }
    }

    #[test]
    fn spans_print_in_their_largest_unit() {
        for (seconds, text) in [(86_400, "1d"), (432_000, "5d"), (3_600, "1h"), (90, "90s"), (5_400, "90min")] {
            assert_eq!(Span(Duration::from_secs(seconds)).to_string(), text);
            assert_eq!(text.parse::<Span>().unwrap().0.as_secs(), seconds);
        }
    }
}
