//! Digits as people type them (Persian and Arabic-Indic digits read as ASCII) and as
//! the widget writes them in each language.

use super::locale::language;

/// A Persian or Arabic-Indic digit as its ASCII digit; any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        c => c,
    }
}

/// Persian and Arabic-Indic digits as ASCII digits (people type either on a phone).
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(ascii_digit).collect()
}

/// Western digits as the locale writes them: Persian digits in Persian, Arabic-Indic
/// digits in Arabic (each with the Arabic decimal separator), as they are otherwise.
pub fn local_digits(locale: &str, s: &str) -> String {
    let zero = match language(locale) {
        "fa" => '۰',
        "ar" => '٠',
        _ => return s.to_owned(),
    };
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(zero as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => '٫',
            c => c,
        })
        .collect()
}
