//! Times as the desk reasons about them: RFC 3339 read into seconds since the epoch,
//! and a span of time in words ("2 d 4 h", "۲ روز و ۴ ساعت").

use crate::format::localise_digits;
use crate::i18n::Lang;

/// An RFC 3339 time (`2026-12-07T02:48:55.5Z`, `…+03:30`) as whole seconds since
/// 1970-01-01 UTC; None when it is not one.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = t.get(from..to)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &t[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let o = rest.as_bytes();
            if o.len() != 6 || !matches!(o[0], b'+' | b'-') || o[3] != b':' {
                return None;
            }
            let (h, m) = (num(t.len() - 5, t.len() - 3)?, num(t.len() - 2, t.len())?);
            let sign = if o[0] == b'-' { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A span of `seconds` (its sign ignored) in words, to the two largest units that
/// matter: "2 d 4 h", "3 h", "45 min"; under a minute counts as one.
pub fn span(seconds: i64, lang: Lang) -> String {
    let s = seconds.unsigned_abs();
    let (days, hours, minutes) = (s / 86_400, s % 86_400 / 3600, (s % 3600 / 60).max(u64::from(s < 60)));
    let unit = |n: u64, en: &str, fa: &str| match lang {
        Lang::En => format!("{n} {en}"),
        Lang::Fa => format!("{} {fa}", localise_digits(&n.to_string(), lang)),
    };
    let parts = if days > 0 {
        let mut p = vec![unit(days, "d", "روز")];
        if hours > 0 {
            p.push(unit(hours, "h", "ساعت"));
        }
        p
    } else if hours > 0 {
        vec![unit(hours, "h", "ساعت")]
    } else {
        vec![unit(minutes, "min", "دقیقه")]
    };
    parts.join(lang.pick(" ", " و "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_are_read_as_seconds() {
        let cases = [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2026-12-07T02:48:55Z", Some(1_796_611_735)),
            ("2026-12-07T02:48:55.123456Z", Some(1_796_611_735)),
            ("2026-12-07T06:18:55+03:30", Some(1_796_611_735)),
            ("2026-12-06T23:48:55-03:00", Some(1_796_611_735)),
            ("2024-02-29T12:00:00z", Some(1_709_208_000)),
            ("2023-02-29T12:00:00Z", None),
            ("2026-12-07", None),
            ("2026-12-07T02:48:55", None),
            ("2026-13-07T02:48:55Z", None),
            ("2026-12-07T02:48:55.Z", None),
            ("2026-12-07T02:48:55+0330", None),
            ("not a time at all, no", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_rfc3339(text), want, "{text}");
        }
    }

    #[test]
    fn spans_are_told_in_their_two_largest_units() {
        let cases = [
            (3 * 3600 + 20 * 60, Lang::En, "3 h"),
            (-(3 * 3600), Lang::En, "3 h"),
            (2 * 86_400 + 4 * 3600 + 59, Lang::En, "2 d 4 h"),
            (5 * 86_400, Lang::En, "5 d"),
            (45 * 60 + 30, Lang::En, "45 min"),
            (10, Lang::En, "1 min"),
            (0, Lang::En, "1 min"),
            (2 * 86_400 + 4 * 3600, Lang::Fa, "۲ روز و ۴ ساعت"),
            (3 * 3600, Lang::Fa, "۳ ساعت"),
            (12 * 60, Lang::Fa, "۱۲ دقیقه"),
        ];
        for (seconds, lang, want) in cases {
            assert_eq!(span(seconds, lang), want, "{seconds} s in {lang:?}");
        }
    }
}
