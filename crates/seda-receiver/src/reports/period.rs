//! Trend periods: ISO weeks (starting on Monday, numbered by the ISO year, so the
//! last days of December can be week 1 of the next year and the first days of
//! January week 52 or 53 of the last) or calendar months, in UTC.

use time::{Date, Month, OffsetDateTime, Weekday};

/// How a trend groups responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    /// `week` or `month`.
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            _ => None,
        }
    }
}

/// The period a time falls in: its label (`2026-W49`, `2026-12`) and first day.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bucket {
    /// First, so buckets sort oldest first.
    pub start: Date,
    pub label: String,
}

/// The bucket of `micros` (microseconds since 1970 UTC).
pub fn bucket(period: Period, micros: i64) -> Bucket {
    let date = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).map(|t| t.date()).unwrap_or(Date::MIN);
    match period {
        Period::Week => {
            let (year, week, _) = date.to_iso_week_date();
            let start = Date::from_iso_week_date(year, week, Weekday::Monday).unwrap_or(date);
            Bucket { start, label: format!("{year}-W{week:02}") }
        }
        Period::Month => {
            let start = Date::from_calendar_date(date.year(), date.month(), 1).unwrap_or(date);
            Bucket { start, label: format!("{}-{:02}", date.year(), u8::from(date.month())) }
        }
    }
}

/// A date as `YYYY-MM-DD`.
pub fn day(date: Date) -> String {
    format!("{}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Reads `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn micros(day_text: &str, seconds: i64) -> i64 {
        let date = parse_day(day_text).unwrap();
        (date.midnight().assume_utc().unix_timestamp() + seconds) * 1_000_000
    }

    /// (day, seconds into it, period) → (label, first day).
    #[test]
    fn buckets() {
        let cases = [
            // 2026 starts on a Thursday, so it has 53 ISO weeks; its week 1 began on
            // Monday 2025-12-29 and week 53 on Monday 2026-12-28.
            ("2026-12-31", 0, Period::Week, "2026-W53", "2026-12-28"),
            // Friday 2027-01-01 is still in 2026's week 53.
            ("2027-01-01", 0, Period::Week, "2026-W53", "2026-12-28"),
            // Sunday 2027-01-03, its last second: still week 53.
            ("2027-01-03", 86_399, Period::Week, "2026-W53", "2026-12-28"),
            // Monday 2027-01-04 opens 2027-W01.
            ("2027-01-04", 0, Period::Week, "2027-W01", "2027-01-04"),
            // Monday 2025-12-29 is already 2026-W01.
            ("2025-12-29", 0, Period::Week, "2026-W01", "2025-12-29"),
            // 2025-12-28 (a Sunday) ends 2025-W52.
            ("2025-12-28", 0, Period::Week, "2025-W52", "2025-12-22"),
            // 2025-12-29 + 48 weeks = Monday 2026-11-30, week 49; Wednesday after, too.
            ("2026-12-02", 3600, Period::Week, "2026-W49", "2026-11-30"),
            ("2026-12-31", 86_399, Period::Month, "2026-12", "2026-12-01"),
            ("2027-01-01", 0, Period::Month, "2027-01", "2027-01-01"),
            ("2028-02-29", 43_200, Period::Month, "2028-02", "2028-02-01"),
        ];
        for (d, s, period, label, start) in cases {
            let b = bucket(period, micros(d, s));
            assert_eq!((b.label.as_str(), day(b.start).as_str()), (label, start), "{d} +{s}s {period:?}");
        }
    }

    #[test]
    fn reads_days() {
        assert_eq!(parse_day("2026-02-28").map(day).as_deref(), Some("2026-02-28"));
        for bad in ["2026-02-30", "2026-2-28", "26-02-28", "2026-02-28T00:00:00Z", "", "2026-13-01"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
