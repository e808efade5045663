//! When to try a failed send again.

use super::time::days_from_civil;

/// The first retry waits about a second...
pub const BASE_MS: u64 = 1_000;
/// ...doubling up to five minutes.
pub const CAP_MS: u64 = 300_000;

/// How long to wait before retry number `attempt` (1 for the first retry): a random
/// point between d/2 and d, where d = min(1 s x 2^(attempt-1), 5 min). `jitter` is a
/// random number in [0, 1); spreading retries keeps many visitors from hitting a
/// recovering endpoint at the same instant.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let doublings = attempt.saturating_sub(1).min(20);
    let d = BASE_MS.saturating_mul(1 << doublings).min(CAP_MS);
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    d / 2 + ((d / 2) as f64 * jitter) as u64
}

/// Reads a `Retry-After` header: delay-seconds, or an HTTP date (IMF-fixdate,
/// `Sun, 06 Nov 1994 08:49:37 GMT`). Returns milliseconds from `now_ms`, capped at a day.
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    const DAY_MS: u64 = 86_400_000;
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs.saturating_mul(1000).min(DAY_MS));
    }
    let at = http_date_ms(value)?;
    Some((at - now_ms).max(0).min(DAY_MS as i64) as u64)
}

fn http_date_ms(value: &str) -> Option<i64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = value.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1, "Feb" => 2, "Mar" => 3, "Apr" => 4, "May" => 5, "Jun" => 6,
        "Jul" => 7, "Aug" => 8, "Sep" => 9, "Oct" => 10, "Nov" => 11, "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    // The year is bounded so a hostile header cannot overflow the day arithmetic.
    if parts.next()? != "GMT" || !(1970..=9999).contains(&year) || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400) + h * 3600 + m * 60 + s) * 1000)
}
