//! Reading what a person types to find a case: a reference code (case, spaces, a
//! missing dash and Persian or Arabic digits forgiven), a contact (an email address
//! or the last digits of a phone number), and search text.

use seda_core::complaint::{ALPHABET, REFERENCE_LEN};

/// Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII; other characters as they are.
pub fn fold_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

/// A reference code as typed, written as it is stored (`K7Q4-MZ8P`); `None` when it
/// cannot be one.
pub fn read_reference(text: &str) -> Option<String> {
    let symbols: Vec<char> = text
        .chars()
        .map(fold_digit)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if symbols.len() != REFERENCE_LEN || !symbols.iter().all(|c| c.is_ascii() && ALPHABET.contains(&(*c as u8))) {
        return None;
    }
    let (a, b) = symbols.split_at(REFERENCE_LEN / 2);
    Some(format!("{}-{}", a.iter().collect::<String>(), b.iter().collect::<String>()))
}

/// A phone number's digits (any script's digits as ASCII).
pub fn phone_digits(text: &str) -> String {
    text.chars().map(fold_digit).filter(char::is_ascii_digit).collect()
}

/// What a complainant gives to prove the case is theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contact {
    /// An email address, lowercased.
    Email(String),
    /// Four or more digits: the end of a phone number, or all of it.
    Phone(String),
}

/// The fewest digits of a phone number that identify a complainant.
pub const MIN_PHONE_DIGITS: usize = 4;

impl Contact {
    pub fn read(text: &str) -> Option<Contact> {
        let text = text.trim();
        if text.contains('@') {
            return Some(Contact::Email(text.to_lowercase()));
        }
        let digits = phone_digits(text);
        (digits.trim_start_matches('0').len() >= MIN_PHONE_DIGITS).then_some(Contact::Phone(digits))
    }

    /// Whether this is the case's email (case aside), or the end of its phone
    /// number. Leading zeros aside, a whole number given with its country code
    /// (`+98 912…` for `0912…`) matches too.
    pub fn matches(&self, email: Option<&str>, phone: Option<&str>) -> bool {
        match self {
            Contact::Email(given) => email.is_some_and(|e| e.trim().to_lowercase() == *given),
            Contact::Phone(given) => phone.is_some_and(|stored| {
                let (stored, given) = (stored.trim_start_matches('0'), given.trim_start_matches('0'));
                given.len() >= MIN_PHONE_DIGITS && (stored.ends_with(given) || (stored.len() >= 7 && given.ends_with(stored)))
            }),
        }
    }
}

/// Text folded for a case-insensitive search: lowercase, Arabic yeh and kaf as the
/// Persian letters, and digits as ASCII.
pub fn fold_for_search(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            other => fold_digit(other),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_forgivingly() {
        for (typed, read) in [
            ("K7Q4-MZ8P", Some("K7Q4-MZ8P")),
            ("k7q4mz8p", Some("K7Q4-MZ8P")),
            (" k7q4 mz8p ", Some("K7Q4-MZ8P")),
            ("K7Q4–MZ8P", Some("K7Q4-MZ8P")),
            ("K۷Q۴-MZ۸P", Some("K7Q4-MZ8P")),
            ("K٧Q٤-MZ٨P", Some("K7Q4-MZ8P")),
            ("K7Q4-MZ8", None),
            ("K7Q4-MZ8PX", None),
            ("K0Q4-MZ8P", None),
            ("KIQ4-MZ8P", None),
            ("", None),
        ] {
            assert_eq!(read_reference(typed).as_deref(), read, "{typed:?}");
        }
    }

    #[test]
    fn contacts_match_email_or_phone_end() {
        let email = Some("Ana@Shop.Example");
        let phone = Some("09123456789");
        for (typed, matches) in [
            ("ana@shop.example", true),
            (" ANA@shop.EXAMPLE ", true),
            ("bob@shop.example", false),
            ("6789", true),
            ("۶۷۸۹", true),
            ("56789", true),
            ("0912 345 6789", true),
            ("+98 912 345 6789", true),
            ("789", false),
            ("1234", false),
            ("98 6789", false),
            ("", false),
        ] {
            let found = Contact::read(typed).is_some_and(|c| c.matches(email, phone));
            assert_eq!(found, matches, "{typed:?}");
        }
        // An anonymous case matches nothing.
        assert!(!Contact::read("6789").unwrap().matches(None, None));
        assert!(!Contact::read("a@b").unwrap().matches(None, None));
    }

    #[test]
    fn search_folds_letters_and_digits() {
        assert_eq!(fold_for_search("Nobody CAME"), "nobody came");
        assert_eq!(fold_for_search("علي ۱۲"), fold_for_search("علی 12"));
        assert_eq!(fold_for_search("كتاب"), "کتاب");
    }
}
