//! Time on the desk, in UTC: the periods of a trend (ISO weeks, starting on Monday and
//! numbered by the ISO year, so the last days of December can be week 1 of the next
//! year and the first days of January week 52 or 53 of the last; or calendar months),
//! and the `from`/`to` query parameters (a whole day, or an RFC 3339 time). Times are
//! microseconds since 1970-01-01 UTC.

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, Weekday};

/// How a trend groups what it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    /// `week` or `month`.
    pub fn parse(name: &str) -> Option<Period> {
        match name {
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            _ => None,
        }
    }

    /// `week` or `month`, as [`Period::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The period `micros` falls in.
    pub fn bucket(self, micros: i64) -> Bucket {
        let date = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).map(|t| t.date()).unwrap_or(Date::MIN);
        match self {
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
}

/// One period: its label (`2026-W49`, `2026-12`) and its first day.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bucket {
    /// First, so buckets sort oldest first.
    pub start: Date,
    pub label: String,
}

impl Bucket {
    /// The first day as `YYYY-MM-DD`.
    pub fn first_day(&self) -> String {
        day(self.start)
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

fn micros_of(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

/// A `from` parameter: the start of the UTC day, or the time itself.
pub fn from_bound(text: &str) -> Option<i64> {
    match parse_day(text) {
        Some(d) => Some(micros_of(d.midnight().assume_utc())),
        None => OffsetDateTime::parse(text, &Rfc3339).ok().map(micros_of),
    }
}

/// A `to` parameter, inclusive, as the first microsecond after it: the next UTC
/// day's start for a day, or the time plus one microsecond.
pub fn to_bound(text: &str) -> Option<i64> {
    match parse_day(text) {
        Some(d) => Some(micros_of(d.next_day()?.midnight().assume_utc())),
        None => OffsetDateTime::parse(text, &Rfc3339).ok().map(|t| micros_of(t) + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        micros_of(OffsetDateTime::parse(text, &Rfc3339).unwrap())
    }

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
            let b = period.bucket(micros(d, s));
            assert_eq!((b.label.as_str(), b.first_day().as_str()), (label, start), "{d} +{s}s {period:?}");
        }
    }

    #[test]
    fn iso_weeks_start_on_monday_in_utc() {
        // 2026-01-01 is a Thursday, so ISO week 1 of 2026 starts on Monday 2025-12-29,
        // and 2026 has 53 weeks. 2026-12-03 is 339 days after 2025-12-29: 48 whole
        // weeks, so week 49, starting 48 x 7 = 336 days on, on Monday 2026-11-30.
        let cases = [
            ("2026-12-03T12:00:00Z", "2026-W49", "2026-11-30"),
            // Sunday night's last second is still week 48; Monday's first is week 49.
            ("2026-11-29T23:59:59Z", "2026-W48", "2026-11-23"),
            ("2026-11-30T00:00:00Z", "2026-W49", "2026-11-30"),
            // A time in Tehran (+03:30) that is still Sunday in UTC.
            ("2026-11-30T03:00:00+03:30", "2026-W48", "2026-11-23"),
            // Friday 2027-01-01 belongs to 2026's 53rd week (Monday 2026-12-28).
            ("2027-01-01T08:00:00Z", "2026-W53", "2026-12-28"),
            // Monday 2024-12-30 starts 2025's first week.
            ("2024-12-30T00:00:00Z", "2025-W01", "2024-12-30"),
            ("2026-01-01T00:00:00Z", "2026-W01", "2025-12-29"),
        ];
        for (time, name, start) in cases {
            let b = Period::Week.bucket(at(time));
            assert_eq!((b.label.as_str(), b.first_day().as_str()), (name, start), "{time}");
        }
    }

    #[test]
    fn months_are_calendar_months_in_utc() {
        let cases = [
            ("2026-02-28T23:00:00Z", "2026-02", "2026-02-01"),
            ("2026-03-01T00:30:00+01:00", "2026-02", "2026-02-01"),
            ("2026-12-31T23:59:59Z", "2026-12", "2026-12-01"),
        ];
        for (time, name, start) in cases {
            let b = Period::Month.bucket(at(time));
            assert_eq!((b.label.as_str(), b.first_day().as_str()), (name, start), "{time}");
        }
    }

    #[test]
    fn reads_days() {
        assert_eq!(parse_day("2026-02-28").map(day).as_deref(), Some("2026-02-28"));
        for bad in ["2026-02-30", "2026-2-28", "26-02-28", "2026-02-28T00:00:00Z", "", "2026-13-01"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn from_and_to_bounds() {
        // A day: from its first microsecond to (not including) the next day's first.
        assert_eq!(from_bound("2026-11-23"), Some(at("2026-11-23T00:00:00Z")));
        assert_eq!(to_bound("2026-11-23"), Some(at("2026-11-24T00:00:00Z")));
        assert_eq!(to_bound("2026-12-31"), Some(at("2027-01-01T00:00:00Z")));
        // A time: itself, and `to` includes it.
        assert_eq!(from_bound("2026-11-23T10:00:00+03:30"), Some(at("2026-11-23T06:30:00Z")));
        assert_eq!(to_bound("2026-11-23T10:00:00Z"), Some(at("2026-11-23T10:00:00Z") + 1));
        for bad in ["2026-13-01", "2026-11-31", "23/11/2026", "2026-1-1", "yesterday", ""] {
            assert_eq!((from_bound(bad), to_bound(bad)), (None, None), "{bad}");
        }
        assert_eq!(Period::parse("week"), Some(Period::Week));
        assert_eq!(Period::parse("day"), None);
        assert_eq!(Period::parse(Period::Month.name()), Some(Period::Month));
    }
}
