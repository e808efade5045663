//! A form's own words for the widget (`strings`): per language, any of the widget's
//! strings by name ([`Strings::NAMES`], and for a checklist [`ChecklistStrings::NAMES`]),
//! so a site can show the widget in a language it has no words of its own in, or reword
//! one it has. Read with the form; checked by [`check`]; used through
//! [`FormStrings::widget`] and [`FormStrings::checklist`].

use super::checklist_text::{self, ChecklistStrings};
use super::decode::{child, Decoder};
use super::form_error::FormError;
use super::i18n::{self, Strings};
use super::json::Value;
use super::locale::{language, valid_locale};

/// The languages the widget has all its words in.
pub const BUILT_IN: [&str; 3] = ["en", "fa", "ar"];

/// `strings`: per locale as written (`tr`, `pt-BR`), the strings it gives by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormStrings(pub Vec<(String, Vec<(String, String)>)>);

/// A table's names, and its English string at a position.
type Table = (&'static [&'static str], fn(usize) -> &'static str);

/// Reads `strings`: an object of locales, each an object of names and strings.
pub fn read(d: &mut Decoder, at: &str, v: &Value) -> Option<FormStrings> {
    let mut out = Vec::new();
    let mut ok = true;
    for (locale, words) in d.object(at, v)? {
        let at = child(at, locale);
        let Some(words) = d.object(&at, words) else {
            ok = false;
            continue;
        };
        let mut given = Vec::with_capacity(words.len());
        for (name, s) in words {
            match d.string(&child(&at, name), s) {
                Some(s) => given.push((name.clone(), s)),
                None => ok = false,
            }
        }
        out.push((locale.clone(), given));
    }
    ok.then_some(FormStrings(out))
}

/// What is wrong in `strings`, by path: a locale that is not one, a name that is not a
/// string's, a placeholder left out or unknown, and in a language without built-in
/// strings, every string the form leaves out. A checklist's own strings are a checklist's only.
pub fn check(strings: &FormStrings, checklist: bool) -> Vec<FormError> {
    let tables: &[Table] = match checklist {
        #[cfg(feature = "checklists")]
        true => &[(Strings::NAMES, |at| i18n::EN.get(at)), (ChecklistStrings::NAMES, |at| checklist_text::EN.get(at))],
        // A build without checklists hands a checklist over unchecked (see `Form::needs`).
        #[cfg(not(feature = "checklists"))]
        true => return Vec::new(),
        false => &[(Strings::NAMES, |at| i18n::EN.get(at))],
    };
    let english = |name: &str| tables.iter().find_map(|(names, get)| names.iter().position(|n| *n == name).map(get));
    let mut errors = Vec::new();
    for (locale, given) in &strings.0 {
        let at = child("strings", locale);
        if !valid_locale(locale) {
            errors.push(FormError::new(&at, format!("\"{locale}\" is not a locale such as \"tr\" or \"ur-PK\"")));
            continue;
        }
        for (name, s) in given {
            let path = child(&at, name);
            let Some(english) = english(name) else {
                errors.push(FormError::new(path, format!("`{name}` is not one of the widget's strings (their names are in the JSON Schema)")));
                continue;
            };
            let wanted = placeholders(english);
            if let Some(lost) = wanted.iter().find(|p| !s.contains(*p)) {
                errors.push(FormError::new(path, format!("keep the placeholder {lost}: the widget fills it in")));
            } else if let Some(unknown) = placeholders(s).into_iter().find(|p| !wanted.contains(p)) {
                let here = if wanted.is_empty() { "it has no placeholders".to_owned() } else { format!("its placeholders are {}", wanted.join(" ")) };
                errors.push(FormError::new(path, format!("{unknown} is not filled in here; {here}")));
            }
        }
        if !BUILT_IN.contains(&language(locale)) {
            for name in tables.iter().flat_map(|(names, _)| names.iter()).filter(|n| !given.iter().any(|(g, _)| g == *n)) {
                errors.push(FormError::new(child(&at, name), format!("missing: the widget has no strings of its own in \"{locale}\", so the form gives every one")));
            }
        }
    }
    errors
}

/// The `{name}`s in a string.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(&rest[open..open + close + 1]);
        rest = &rest[open + close + 1..];
    }
    out
}

impl FormStrings {
    /// The strings given for `locale`: its own, else its language's.
    fn given(&self, locale: &str) -> Option<&[(String, String)]> {
        let find = |key: &str| self.0.iter().find(|(k, _)| k == key).map(|(_, given)| given.as_slice());
        find(locale).or_else(|| find(language(locale)))
    }

    /// The string named `name` the form gives for `locale`, if it gives one.
    pub fn word(&self, locale: &str, name: &str) -> Option<&str> {
        self.given(locale)?.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str())
    }

    /// The widget's strings in `locale`: the built-in ones (English for a language it
    /// has none in), with the form's over them.
    pub fn widget(&self, locale: &str) -> &'static Strings {
        let base = i18n::strings(locale);
        match self.given(locale) {
            Some(given) => merged(base, Strings::NAMES, given, Strings::slot),
            None => base,
        }
    }

    /// A checklist's own strings in `locale`, as [`Self::widget`].
    pub fn checklist(&self, locale: &str) -> &'static ChecklistStrings {
        let base = checklist_text::strings(locale);
        match self.given(locale) {
            Some(given) => merged(base, ChecklistStrings::NAMES, given, ChecklistStrings::slot),
            None => base,
        }
    }
}

/// `base` with the strings `given` by name in place of its own.
///
/// Leaked: the views hold every string as `&'static str`, as the built-in tables give
/// them, and a widget builds its table once, when it is made from the form it loaded.
fn merged<T: Clone>(base: &T, names: &[&str], given: &[(String, String)], slot: fn(&mut T, usize) -> Option<&mut &'static str>) -> &'static T {
    let mut out = base.clone();
    for (name, s) in given {
        if let Some(place) = names.iter().position(|n| n == name).and_then(|at| slot(&mut out, at)) {
            *place = Box::leak(s.clone().into_boxed_str());
        }
    }
    Box::leak(Box::new(out))
}
