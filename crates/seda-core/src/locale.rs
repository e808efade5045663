//! Locales as forms and script tags name them: `en`, `fa`, `fa-IR`.

/// The primary language subtag: `fa-IR` -> `fa`.
pub fn language(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

/// `en`, `fa`, `fa-IR`, `zh-Hant-TW`: letters and digits in dash-separated parts.
pub fn valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let first_ok = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
