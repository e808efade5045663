//! Time on the desk: periods of a trend (ISO weeks starting on Monday, or calendar
//! months, in UTC) and the `from`/`to` query parameters (a whole UTC day, or an
//! RFC 3339 time). Times are microseconds since 1970-01-01 UTC.

use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, Month, OffsetDateTime};

/// How a trend groups visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

/// One period: its name (`2026-W49`, `2026-12`) and its first day (`2026-11-30`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bucket {
    pub start: String,
    pub name: String,
}

impl Period {
    pub fn parse(name: &str) -> Option<Period> {
        match name {
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            _ => None,
        }
    }

    /// The period `micros` falls in.
    pub fn bucket(self, micros: i64) -> Bucket {
        let date = utc(micros).date();
        match self {
            Period::Week => {
                let (year, week, weekday) = date.to_iso_week_date();
                let monday = date - Duration::days(i64::from(weekday.number_days_from_monday()));
                Bucket { start: day_text(monday), name: format!("{year}-W{week:02}") }
            }
            Period::Month => {
                let first = date.replace_day(1).unwrap_or(date);
                Bucket { start: day_text(first), name: format!("{}-{:02}", date.year(), u8::from(date.month())) }
            }
        }
    }
}

fn utc(micros: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn day_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn micros_of(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

/// `YYYY-MM-DD` as a date.
fn day(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::from_calendar_date(y.parse().ok()?, Month::try_from(m.parse::<u8>().ok()?).ok()?, d.parse().ok()?).ok()
}

/// A `from` parameter: the start of the UTC day, or the time itself.
pub fn from_bound(text: &str) -> Option<i64> {
    match day(text) {
        Some(d) => Some(micros_of(d.midnight().assume_utc())),
        None => OffsetDateTime::parse(text, &Rfc3339).ok().map(micros_of),
    }
}

/// A `to` parameter, inclusive, as the first microsecond after it: the next UTC
/// day's start for a day, or the time plus one microsecond.
pub fn to_bound(text: &str) -> Option<i64> {
    match day(text) {
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
            assert_eq!(Period::Week.bucket(at(time)), Bucket { name: name.into(), start: start.into() }, "{time}");
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
            assert_eq!(Period::Month.bucket(at(time)), Bucket { name: name.into(), start: start.into() }, "{time}");
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
    }
}
