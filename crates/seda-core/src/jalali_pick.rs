//! A date picked in the Persian calendar part by part (day, month, year), and the parts
//! a picker offers between a question's bounds. The answer stays an ISO date.

use std::ops::RangeInclusive;

use super::jalali::{from_days, month_len, to_days};
use super::time::{date_text, parse_date};

/// A Jalali date as picked so far: each part `None` until it is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JalaliPick {
    pub year: Option<i64>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl JalaliPick {
    /// What a stored answer shows: the Jalali day of its ISO date, or the parts of a
    /// date picked in part (as [`Self::answer`] stores them), nothing picked for anything
    /// else; and its time (after `T`, empty when there is none).
    pub fn read(answer: &str) -> (Self, &str) {
        let (date, time) = answer.split_once('T').unwrap_or((answer, ""));
        let pick = match parse_date(date).map(from_days) {
            Some((year, month, day)) => JalaliPick { year: Some(year), month: Some(month), day: Some(day) },
            None => match date.split('-').map(|part| part.parse().ok()).collect::<Vec<Option<u32>>>()[..] {
                [year, month, day] => JalaliPick { year: year.map(i64::from), month, day },
                _ => JalaliPick::default(),
            },
        };
        (pick, time)
    }

    /// The answer to store, with `time` for a date and time (`None` for a date): the
    /// ISO date once every part is picked; while only some are, the Jalali parts picked
    /// (`1403--`), which no date reads as, so the question asks for a whole date; `None`
    /// while nothing is picked.
    pub fn answer(&self, time: Option<&str>) -> Option<String> {
        let text = |part: Option<i64>| part.map(|n| n.to_string()).unwrap_or_default();
        let (month, day) = (self.month.map(i64::from), self.day.map(i64::from));
        let mut answer = match (self.year, self.month, self.day) {
            (Some(year), Some(month), Some(day)) => date_text(to_days(year, month, day)),
            (None, None, None) => String::new(),
            _ => format!("{}-{}-{}", text(self.year), text(month), text(day)),
        };
        if let Some(time) = time.filter(|time| !time.is_empty() || !answer.is_empty()) {
            answer.push('T');
            answer.push_str(time);
        }
        (!answer.is_empty()).then_some(answer)
    }
}

/// The days a picker offers, as days since 1970-01-01, first to last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JalaliSpan {
    first: (i64, u32, u32),
    last: (i64, u32, u32),
}

impl JalaliSpan {
    /// From `earliest` to `latest` (days since 1970-01-01). An open end stops 100 years
    /// before, or 10 years after, today (or the other bound, or 1403 AP, when today is
    /// not known), at the start or end of that Jalali year.
    pub fn new(earliest: Option<i64>, latest: Option<i64>, today: Option<i64>) -> Self {
        let anchor = today.or(latest).or(earliest).map_or(1403, |day| from_days(day).0);
        let last = latest.unwrap_or_else(|| to_days(anchor.max(earliest.map_or(anchor, |e| from_days(e).0)) + 11, 1, 1) - 1);
        let first = earliest.unwrap_or_else(|| to_days(anchor.min(from_days(last).0) - 100, 1, 1));
        JalaliSpan { first: from_days(first), last: from_days(first.max(last)) }
    }

    /// The years offered, latest first (the year most dates are in at the top).
    pub fn years(&self) -> impl Iterator<Item = i64> {
        (self.first.0..=self.last.0).rev()
    }

    /// The months offered in `year` (every month before a year is picked).
    pub fn months(&self, year: Option<i64>) -> RangeInclusive<u32> {
        let from = if year == Some(self.first.0) { self.first.1 } else { 1 };
        let to = if year == Some(self.last.0) { self.last.1 } else { 12 };
        from..=to
    }

    /// The days offered in the month picked: as many as it has in the year picked (31
    /// before a month is picked, 30 in Esfand before a year is), within the bounds.
    pub fn days(&self, pick: JalaliPick) -> RangeInclusive<u32> {
        let len = match (pick.year, pick.month) {
            (_, None) => 31,
            // Any leap year: Esfand may have 30 days until the year says otherwise.
            (None, Some(month)) => month_len(1403, month),
            (Some(year), Some(month)) => month_len(year, month),
        };
        let at = |end: (i64, u32, u32)| pick.year == Some(end.0) && pick.month == Some(end.1);
        let from = if at(self.first) { self.first.2 } else { 1 };
        let to = if at(self.last) { self.last.2.min(len) } else { len };
        from..=to
    }

    /// The pick with each part this span no longer offers (after another part changed)
    /// taken back.
    pub fn fit(&self, mut pick: JalaliPick) -> JalaliPick {
        if pick.year.is_some_and(|year| !(self.first.0..=self.last.0).contains(&year)) {
            pick.year = None;
        }
        if pick.month.is_some_and(|month| !self.months(pick.year).contains(&month)) {
            pick.month = None;
        }
        if pick.day.is_some_and(|day| !self.days(pick).contains(&day)) {
            pick.day = None;
        }
        pick
    }
}
