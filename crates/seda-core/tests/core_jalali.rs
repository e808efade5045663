//! The Persian (Jalali) calendar: its arithmetic against the official calendar, dates in
//! Persian error messages, and what the Persian date picker offers and stores.

use seda_core::i18n::{answer_error, EN, FA};
use seda_core::jalali::{date_words, from_days, is_leap, month_len, to_days};
use seda_core::jalali_pick::{JalaliPick, JalaliSpan};
use seda_core::time::{date_text, parse_date};
use seda_core::validate::{parse_datetime, AnswerError};

fn day(iso: &str) -> i64 {
    parse_date(iso).unwrap_or_else(|| panic!("{iso} is not a date"))
}

/// The official calendar's arithmetic (the Iranian calendar's leap years as the
/// astronomical rule gives them, in the break-year form published with jalaali-js):
/// whether `year` is leap and the Gregorian day of its Nowruz in March.
fn official(year: i64) -> (bool, i64, i64) {
    const BREAKS: [i64; 20] = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
    let (div, rem) = (|a: i64, b: i64| a / b, |a: i64, b: i64| a % b);
    let gy = year + 621;
    let (mut leap_j, mut jp, mut jump) = (-14, BREAKS[0], 0);
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if year < jm {
            break;
        }
        leap_j += div(jump, 33) * 8 + div(rem(jump, 33), 4);
        jp = jm;
    }
    let mut n = year - jp;
    leap_j += div(n, 33) * 8 + div(rem(n, 33) + 3, 4);
    if rem(jump, 33) == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    let march = 20 + leap_j - leap_g;
    if jump - n < 6 {
        n = n - jump + div(jump + 4, 33) * 33;
    }
    let mut leap = rem(rem(n + 1, 33) - 1, 4);
    if leap == -1 {
        leap = 4;
    }
    (leap == 0, gy, march)
}

#[test]
fn known_days_are_named_as_the_official_calendar_names_them() {
    for (iso, jalali) in [
        ("2024-03-20", (1403, 1, 1)),
        ("2025-03-21", (1404, 1, 1)),
        // 1403 is leap: Esfand has a 30th.
        ("2025-03-20", (1403, 12, 30)),
        ("2020-03-20", (1399, 1, 1)),
        ("2020-03-19", (1398, 12, 29)),
        ("2024-09-22", (1403, 7, 1)),
        ("2024-09-21", (1403, 6, 31)),
        ("1979-02-11", (1357, 11, 22)),
        ("2000-01-01", (1378, 10, 11)),
        ("1970-01-01", (1348, 10, 11)),
        ("1921-03-21", (1300, 1, 1)),
    ] {
        assert_eq!(from_days(day(iso)), jalali, "{iso}");
        assert_eq!(to_days(jalali.0, jalali.1, jalali.2), day(iso), "{jalali:?}");
    }
}

#[test]
fn nowruz_falls_where_the_official_calendar_puts_it_1395_to_1410() {
    for (year, nowruz) in [
        (1395, "2016-03-20"), (1396, "2017-03-21"), (1397, "2018-03-21"), (1398, "2019-03-21"),
        (1399, "2020-03-20"), (1400, "2021-03-21"), (1401, "2022-03-21"), (1402, "2023-03-21"),
        (1403, "2024-03-20"), (1404, "2025-03-21"), (1405, "2026-03-21"), (1406, "2027-03-21"),
        (1407, "2028-03-20"), (1408, "2029-03-20"), (1409, "2030-03-21"), (1410, "2031-03-21"),
    ] {
        assert_eq!(date_text(to_days(year, 1, 1)), nowruz, "Nowruz {year}");
    }
}

#[test]
fn leap_years_and_every_nowruz_agree_with_the_official_arithmetic_1300_to_1500() {
    for year in 1300..=1500 {
        let (leap, gy, march) = official(year);
        assert_eq!(is_leap(year), leap, "{year} leap");
        assert_eq!(to_days(year, 1, 1), day(&format!("{gy:04}-03-{march:02}")), "Nowruz {year}");
        assert_eq!(month_len(year, 12), if leap { 30 } else { 29 }, "Esfand {year}");
    }
    assert_eq!((1..=12).map(|m| month_len(1402, m)).sum::<u32>(), 365);
    assert_eq!((1..=12).map(|m| month_len(1403, m)).sum::<u32>(), 366);
}

#[test]
fn every_day_from_1300_to_1500_goes_to_jalali_and_back() {
    let (first, last) = (to_days(1300, 1, 1), to_days(1501, 1, 1));
    let mut expected = (1300, 1, 1);
    for days in first..last {
        assert_eq!(from_days(days), expected, "{}", date_text(days));
        assert_eq!(to_days(expected.0, expected.1, expected.2), days);
        // The next day: the month's length decides when the month turns.
        let (y, m, d) = expected;
        expected = if d < month_len(y, m) { (y, m, d + 1) } else if m < 12 { (y, m + 1, 1) } else { (y + 1, 1, 1) };
    }
    assert_eq!(expected, (1501, 1, 1));
}

#[test]
fn persian_error_messages_give_dates_in_the_persian_calendar() {
    assert_eq!(date_words(day("2024-03-20")), "۱ فروردین ۱۴۰۳");
    assert_eq!(date_words(day("2025-03-20")), "۳۰ اسفند ۱۴۰۳");
    let between = AnswerError::DateOutOfRange { earliest: Some(day("2024-03-20")), latest: Some(day("2024-09-22")) };
    assert_eq!(answer_error(&FA, between), "لطفاً تاریخی از ۱ فروردین ۱۴۰۳ تا ۱ مهر ۱۴۰۳ برگزینید.");
    assert_eq!(answer_error(&FA, AnswerError::DateOutOfRange { earliest: Some(day("2024-03-20")), latest: None }), "لطفاً تاریخی از ۱ فروردین ۱۴۰۳ به بعد برگزینید.");
    assert_eq!(answer_error(&FA, AnswerError::DateOutOfRange { earliest: None, latest: Some(day("2024-09-22")) }), "لطفاً تاریخی تا ۱ مهر ۱۴۰۳ برگزینید.");
    // English keeps ISO dates.
    assert_eq!(answer_error(&EN, between), "Please pick a date from 2024-03-20 to 2024-09-22.");
}

#[test]
fn a_pick_stores_an_iso_date_once_whole_and_a_part_pick_reads_as_no_date() {
    let pick = |year, month, day| JalaliPick { year, month, day };
    for (picked, time, stored) in [
        (pick(Some(1403), Some(1), Some(1)), None, Some("2024-03-20")),
        (pick(Some(1403), Some(12), Some(30)), None, Some("2025-03-20")),
        (pick(None, None, None), None, None),
        (pick(Some(1403), None, None), None, Some("1403--")),
        (pick(None, Some(2), Some(5)), None, Some("-2-5")),
        // A date and time.
        (pick(Some(1403), Some(1), Some(1)), Some("09:30"), Some("2024-03-20T09:30")),
        (pick(Some(1403), Some(1), Some(1)), Some(""), Some("2024-03-20T")),
        (pick(None, None, None), Some("09:30"), Some("T09:30")),
        (pick(Some(1403), None, None), Some("09:30"), Some("1403--T09:30")),
        (pick(None, None, None), Some(""), None),
    ] {
        let answer = picked.answer(time);
        assert_eq!(answer.as_deref(), stored, "{picked:?} {time:?}");
        // What is stored opens as it was picked (a draft reopened, Back), and is a
        // date (or date and time) only when whole.
        if let Some(answer) = &answer {
            assert_eq!(JalaliPick::read(answer), (picked, time.unwrap_or_default()), "{answer}");
            let whole = picked.day.is_some() && picked.month.is_some() && picked.year.is_some();
            match time {
                None => assert_eq!(parse_date(answer).is_some(), whole, "{answer}"),
                Some(time) => assert_eq!(parse_datetime(answer).is_some(), whole && !time.is_empty(), "{answer}"),
            }
        }
    }
    // An answer given elsewhere (another locale's date input, a draft): its Jalali day.
    assert_eq!(JalaliPick::read("2025-03-21"), (pick(Some(1404), Some(1), Some(1)), ""));
    assert_eq!(JalaliPick::read("2025-03-21T09:30"), (pick(Some(1404), Some(1), Some(1)), "09:30"));
    assert_eq!(JalaliPick::read("soon"), (JalaliPick::default(), ""));
    assert_eq!(JalaliPick::read(""), (JalaliPick::default(), ""));
}

#[test]
fn a_span_offers_only_the_years_months_and_days_within_the_bounds() {
    // 1 Mehr 1402 to 10 Farvardin 1404.
    let span = JalaliSpan::new(Some(to_days(1402, 7, 1)), Some(to_days(1404, 1, 10)), Some(day("2024-06-01")));
    assert_eq!(span.years().collect::<Vec<_>>(), [1404, 1403, 1402]);
    assert_eq!(span.months(Some(1402)), 7..=12);
    assert_eq!(span.months(Some(1403)), 1..=12);
    assert_eq!(span.months(Some(1404)), 1..=1);
    assert_eq!(span.months(None), 1..=12);
    let pick = |year, month| JalaliPick { year, month, day: None };
    assert_eq!(span.days(pick(Some(1404), Some(1))), 1..=10);
    assert_eq!(span.days(pick(Some(1402), Some(7))), 1..=30);
    // Days follow the month and year: Esfand has 30 in a leap year, 29 otherwise.
    assert_eq!(span.days(pick(Some(1403), Some(12))), 1..=30);
    assert_eq!(span.days(pick(Some(1402), Some(12))), 1..=29);
    assert_eq!(span.days(pick(Some(1403), Some(2))), 1..=31);
    assert_eq!(span.days(pick(None, Some(12))), 1..=30);
    assert_eq!(span.days(pick(None, None)), 1..=31);
    let late = JalaliSpan::new(Some(to_days(1403, 5, 20)), None, None);
    assert_eq!(late.days(pick(Some(1403), Some(5))), 20..=31);
}

#[test]
fn a_change_takes_back_the_parts_no_longer_offered() {
    let span = JalaliSpan::new(Some(to_days(1402, 7, 1)), Some(to_days(1404, 1, 10)), None);
    let pick = |year, month, day| JalaliPick { year, month, day };
    for (before, after) in [
        // The 31st, then Mehr (30 days): the day goes.
        (pick(Some(1403), Some(7), Some(31)), pick(Some(1403), Some(7), None)),
        // 30 Esfand, then a common year.
        (pick(Some(1402), Some(12), Some(30)), pick(Some(1402), Some(12), None)),
        // Ordibehesht, then 1404 (Farvardin only): the month goes, the 3rd stays.
        (pick(Some(1404), Some(2), Some(3)), pick(Some(1404), None, Some(3))),
        (pick(Some(1404), Some(1), Some(11)), pick(Some(1404), Some(1), None)),
        (pick(Some(1401), Some(1), Some(1)), pick(None, Some(1), Some(1))),
        (pick(Some(1403), Some(12), Some(30)), pick(Some(1403), Some(12), Some(30))),
    ] {
        assert_eq!(span.fit(before), after, "{before:?}");
    }
}

#[test]
fn open_ends_stop_100_years_back_and_10_ahead_of_today() {
    let today = day("2024-06-01"); // 12 Khordad 1403
    let span = JalaliSpan::new(None, None, Some(today));
    let years: Vec<i64> = span.years().collect();
    assert_eq!((years[0], *years.last().unwrap()), (1413, 1303));
    assert_eq!(span.days(JalaliPick { year: Some(1413), month: Some(12), day: None }), 1..=month_len(1413, 12));
    // "Today" as the latest: the year list starts at this year and stops at today.
    let past = JalaliSpan::new(None, Some(today), Some(today));
    assert_eq!(past.years().next(), Some(1403));
    assert_eq!(past.months(Some(1403)), 1..=3);
    assert_eq!(past.days(JalaliPick { year: Some(1403), month: Some(3), day: None }), 1..=12);
    // A lone earliest bound after today: ten years after it.
    let later = JalaliSpan::new(Some(to_days(1420, 1, 1)), None, Some(today));
    assert_eq!(later.years().next(), Some(1430));
}
