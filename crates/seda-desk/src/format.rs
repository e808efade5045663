//! Numbers as the desk writes them: rounded, and in Persian with Persian digits, the
//! Persian decimal separator and a minus sign that stays with its number in RTL text.

use crate::i18n::Lang;

const PERSIAN_DIGITS: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/// `x` with `decimals` places (trailing zeros kept, so a column lines up).
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let plain = format!("{x:.decimals$}");
    // -0.0 rounds to "-0.0": a sign on a zero says nothing.
    let plain = if plain.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') { plain.trim_start_matches('-').to_owned() } else { plain };
    localise_digits(&plain, lang)
}

/// A whole number.
pub fn count(n: i64, lang: Lang) -> String {
    localise_digits(&n.to_string(), lang)
}

/// A count with its noun: "1 visit", "3 visits"; in Persian the noun after a number
/// stays singular ("۳ بازدید"), so it has one form.
pub fn counted(n: i64, one: &str, many: &str, fa: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}", count(n, lang), if n == 1 { one } else { many }),
        Lang::Fa => format!("{} {fa}", count(n, lang)),
    }
}

/// A percentage with one decimal place: "45.5%" or "٪۴۵٫۵".
pub fn percent(x: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}%", number(x, 1, lang)),
        Lang::Fa => format!("{}٪", number(x, 1, lang)),
    }
}

/// An optional figure, or a dash when there is none.
pub fn maybe(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    x.map_or_else(|| "–".to_owned(), |x| number(x, decimals, lang))
}

/// Only the digits written for `lang`: for labels such as "2026-W49", whose dash is
/// no minus sign.
pub fn digits(plain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => plain.to_owned(),
        Lang::Fa => plain.chars().map(|c| if c.is_ascii_digit() { PERSIAN_DIGITS[c as usize - '0' as usize] } else { c }).collect(),
    }
}

/// Western digits, `.` and `-` written for `lang`.
pub fn localise_digits(plain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => plain.to_owned(),
        Lang::Fa => plain
            .chars()
            .map(|c| match c {
                '0'..='9' => PERSIAN_DIGITS[c as usize - '0' as usize],
                '.' => '٫',
                // U+2212 MINUS SIGN, which bidi treats as part of the number.
                '-' => '−',
                c => c,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        let cases = [
            (10.0, 1, Lang::En, "10.0"),
            (-24.94, 1, Lang::En, "-24.9"),
            (-0.04, 1, Lang::En, "0.0"),
            (10.0, 1, Lang::Fa, "۱۰٫۰"),
            (-24.94, 1, Lang::Fa, "−۲۴٫۹"),
            (5.25, 2, Lang::Fa, "۵٫۲۵"),
        ];
        for (x, decimals, lang, want) in cases {
            assert_eq!(number(x, decimals, lang), want, "{x} with {decimals} places in {lang:?}");
        }
        assert_eq!(count(2026, Lang::Fa), "۲۰۲۶");
        assert_eq!(percent(80.0, Lang::En), "80.0%");
        assert_eq!(percent(80.0, Lang::Fa), "۸۰٫۰٪");
        assert_eq!(maybe(None, 1, Lang::En), "–");
        assert_eq!(digits("2026-W49", Lang::Fa), "۲۰۲۶-W۴۹");
        assert_eq!(counted(1, "visit", "visits", "بازدید", Lang::En), "1 visit");
        assert_eq!(counted(0, "visit", "visits", "بازدید", Lang::En), "0 visits");
        assert_eq!(counted(20, "response", "responses", "پاسخ", Lang::En), "20 responses");
        assert_eq!(counted(1, "visit", "visits", "بازدید", Lang::Fa), "۱ بازدید");
    }
}
