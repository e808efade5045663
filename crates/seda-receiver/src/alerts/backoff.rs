//! When a failed delivery is tried again: `base × 4^(attempt−1)`, at most six hours,
//! or what the receiving server's `Retry-After` asks; after eight attempts it has failed.

use std::time::Duration;

use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

/// Attempts before a delivery is given up as failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// The longest wait between two attempts.
pub const MAX_WAIT: Duration = Duration::from_secs(6 * 3600);

/// How long to wait after failed attempt `attempt` (the first is 1), or `None` when
/// it was the last. A `Retry-After` the server sent is waited for instead.
pub fn next_wait(attempt: i64, base: Duration, retry_after: Option<Duration>) -> Option<Duration> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let wait = retry_after.unwrap_or_else(|| {
        let exponent = u32::try_from(attempt.max(1) - 1).unwrap_or(u32::MAX).min(20);
        base.saturating_mul(4u32.saturating_pow(exponent))
    });
    Some(wait.min(MAX_WAIT))
}

/// A `Retry-After` value: seconds, or an HTTP date (from `now`).
pub fn retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = OffsetDateTime::parse(value, &Rfc2822).ok()?;
    Some(Duration::try_from(at - now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_fourfold_up_to_six_hours() {
        let base = Duration::from_secs(30);
        for (attempt, seconds) in [(1, Some(30)), (2, Some(120)), (3, Some(480)), (4, Some(1_920)), (5, Some(7_680)), (6, Some(21_600)), (7, Some(21_600)), (8, None), (9, None)] {
            assert_eq!(next_wait(attempt, base, None).map(|d| d.as_secs()), seconds, "attempt {attempt}");
        }
    }

    #[test]
    fn retry_after_is_honoured() {
        let base = Duration::from_secs(30);
        assert_eq!(next_wait(1, base, Some(Duration::from_secs(600))), Some(Duration::from_secs(600)));
        assert_eq!(next_wait(2, base, Some(Duration::from_secs(5))), Some(Duration::from_secs(5)));
        assert_eq!(next_wait(1, base, Some(Duration::from_secs(86_400))), Some(MAX_WAIT));
        assert_eq!(next_wait(8, base, Some(Duration::from_secs(5))), None);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = OffsetDateTime::parse("Mon, 07 Dec 2026 10:00:00 +0000", &Rfc2822).unwrap();
        for (value, seconds) in [
            ("120", Some(120)),
            (" 0 ", Some(0)),
            ("Mon, 07 Dec 2026 10:02:00 GMT", Some(120)),
            ("Mon, 07 Dec 2026 09:00:00 GMT", Some(0)),
            ("soon", None),
            ("-5", None),
        ] {
            assert_eq!(retry_after(value, now).map(|d| d.as_secs()), seconds, "{value:?}");
        }
    }
}
