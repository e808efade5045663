//! The Persian (Jalali, Solar Hijri) calendar: what a date is called in Persian.
//!
//! Written out rather than taken from a crate: the arithmetic is a few lines, and a
//! crate would bring its Gregorian types and formatting into the wasm as well.
//!
//! Leap years follow the 33-year cycle: year `y` is leap when `(25y + 11) mod 33 < 8`.
//! That agrees with the official (astronomical) calendar over 1300-1500 AP, which the
//! tests check against the official arithmetic and known Nowruz dates.

use super::digits::local_digits;

/// The Persian names of the months, Farvardin to Esfand.
pub const MONTHS: [&str; 12] = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

/// Days since 1970-01-01 of the day before 1 Farvardin 1 AP, less the leap days the
/// count below adds before year 1: fixed so that 1 Farvardin 1403 is 2024-03-20.
const EPOCH: i64 = -492_268;

/// Whether a Jalali year has 366 days (a 30th of Esfand).
pub fn is_leap(year: i64) -> bool {
    (25 * year + 11).rem_euclid(33) < 8
}

/// The number of days in a Jalali month (1-12): 31 in the first six, 30 in the next
/// five, and 29 in Esfand (30 in a leap year).
pub fn month_len(year: i64, month: u32) -> u32 {
    match month {
        1..=6 => 31,
        7..=11 => 30,
        _ if is_leap(year) => 30,
        _ => 29,
    }
}

/// 1 Farvardin (Nowruz) of a Jalali year, in days since 1970-01-01.
fn new_year(year: i64) -> i64 {
    EPOCH + 365 * (year - 1) + (8 * year + 21).div_euclid(33)
}

/// A Jalali date (year, month 1-12, day) to days since 1970-01-01. The day is not checked
/// against the month's length.
pub fn to_days(year: i64, month: u32, day: u32) -> i64 {
    let m = i64::from(month) - 1;
    new_year(year) + if m < 6 { 31 * m } else { 186 + 30 * (m - 6) } + i64::from(day) - 1
}

/// Days since 1970-01-01 to a Jalali date (year, month 1-12, day).
pub fn from_days(days: i64) -> (i64, u32, u32) {
    // 33 years have 12 053 days: this guess is at most one year off.
    let mut year = (days - EPOCH).div_euclid(12_053) * 33 + (days - EPOCH).rem_euclid(12_053) * 33 / 12_053 + 1;
    if new_year(year) > days {
        year -= 1;
    } else if new_year(year + 1) <= days {
        year += 1;
    }
    let day_of_year = (days - new_year(year)) as u32;
    let (month, day) = if day_of_year < 186 { (day_of_year / 31 + 1, day_of_year % 31 + 1) } else { ((day_of_year - 186) / 30 + 7, (day_of_year - 186) % 30 + 1) };
    (year, month, day)
}

/// A day as Persian readers write it: `۱ فروردین ۱۴۰۳`.
pub fn date_words(days: i64) -> String {
    let (year, month, day) = from_days(days);
    local_digits("fa", &format!("{day} {} {year}", MONTHS[month as usize - 1]))
}
