//! Digits as people type them: Persian and Arabic-Indic digits read as ASCII.

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
