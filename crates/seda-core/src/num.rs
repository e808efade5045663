//! Exact decimal numbers, as forms and visitors write them.

use super::digits::ascii_digit;

/// A number in millionths, exact for every value a form or a visitor writes with up
/// to six decimals (no floating point, so 0.1 + 0.2 compares as 0.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Num(pub i128);

pub const NUM_SCALE: i128 = 1_000_000;
/// The largest magnitude: 10^18 units, in millionths.
const LIMIT: i128 = 1_000_000_000_000_000_000_000_000;

impl Num {
    pub fn from_int(n: i64) -> Num {
        Num(i128::from(n) * NUM_SCALE)
    }

    /// Reads a decimal number (`-12`, `3.25`, `1e3`, `٤٫۵`): at most 6 decimals and
    /// 18 integer digits; Persian and Arabic digits and a decimal comma are accepted.
    pub fn parse(text: &str) -> Option<Num> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '٫' | ',' => '.',
                '−' => '-',
                c => ascii_digit(c),
            })
            .collect();
        let (mantissa, exp) = match ascii.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i32>().ok()?),
            None => (ascii.as_str(), 0),
        };
        let (neg, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut n: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        if n == 0 {
            return Some(Num(0));
        }
        // n is the digits without the point; move the point to millionths.
        let shift = 6 + i64::from(exp) - i64::try_from(frac.len()).ok()?;
        if shift >= 0 {
            for _ in 0..shift {
                n = n.checked_mul(10).filter(|n| *n <= LIMIT)?;
            }
        } else {
            for _ in 0..-shift {
                let (q, r) = div_rem(n.unsigned_abs(), 10);
                if r != 0 {
                    return None;
                }
                n = q as i128;
            }
        }
        (n <= LIMIT).then_some(Num(if neg { -n } else { n }))
    }

    /// The whole units, truncated toward zero (as `/` does).
    pub fn units(self) -> i128 {
        let int = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32).0 as i128;
        if self.0 < 0 { -int } else { int }
    }

    /// The decimal digits after the point this number needs (0 for a whole number).
    pub fn decimals(self) -> u32 {
        let mut frac = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32).1;
        if frac == 0 {
            return 0;
        }
        let mut places = 6;
        while frac % 10 == 0 {
            frac /= 10;
            places -= 1;
        }
        places
    }

    /// Plain decimal text, as JSON writes a number: `-12`, `3.25`.
    pub fn to_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (int, frac) = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32);
        // At most 10^18 units: a u64, so the i128 formatting code is not needed.
        let int = int as u64;
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let frac = format!("{frac:06}");
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }
}

/// `n / d` and `n % d`, by 32-bit digits: the wasm build then needs no 128-bit
/// division routine.
fn div_rem(n: u128, d: u32) -> (u128, u32) {
    let (mut q, mut r) = (0u128, 0u64);
    for shift in [96, 64, 32, 0] {
        let cur = (r << 32) | u64::from((n >> shift) as u32);
        q |= u128::from(cur / u64::from(d)) << shift;
        r = cur % u64::from(d);
    }
    (q, r as u32)
}
