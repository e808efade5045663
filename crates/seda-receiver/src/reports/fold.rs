//! Text folded for search: what a person types and what a visitor wrote meet even
//! when their keyboards differ. Lowercase; the Arabic yeh (ي, ى) and kaf (ك) as the
//! Persian ی and ک; Persian and Arabic-Indic digits as 0-9; the tatweel, the
//! zero-width non-joiner and the short-vowel marks dropped.

/// `text` folded (compare folded with folded).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
            '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
            // Tatweel, zero-width non-joiner, harakat and the superscript alef.
            '\u{0640}' | '\u{200C}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether `haystack` holds `needle`, both folded.
pub fn contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        let cases = [
            ("كيفيت", "کیفیت"),
            ("علي", "علی"),
            ("مصطفى", "مصطفی"),
            ("۱۲۳", "123"),
            ("٤٥٦", "456"),
            ("DELIVERY Late", "delivery late"),
            ("می‌خواهم", "میخواهم"),
            ("كـتاب", "کتاب"),
            ("مُحَمَّد", "محمد"),
        ];
        for (text, folded) in cases {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn matches_across_keyboards() {
        let cases = [
            ("کیفیت کالا بد بود", "كيفيت", true),
            ("كيفيت كالا", "کیفیت", true),
            ("سفارش ۴۵۶ نرسید", "456", true),
            ("Order 456 never came", "۴۵۶", true),
            ("Fast delivery", "DELIVERY", true),
            ("Fast delivery", "slow", false),
        ];
        for (text, query, expected) in cases {
            assert_eq!(contains(text, query), expected, "{text} / {query}");
        }
    }
}
