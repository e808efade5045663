//! The widget's own words: Arabic beside English and Persian, and a form's `strings`,
//! read and checked with JSON paths, then put over the built-in ones.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::checklist_text::{self, ChecklistStrings};
use seda_core::definition;
use seda_core::i18n::{self, is_rtl, local_digits, Strings};
use seda_core::status;

/// A one-question survey in `locale` with `strings` as its `strings` field.
fn survey(locale: &str, strings: &str) -> String {
    format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","locale":"{locale}","questions":[{{"id":"q","type":"text","title":"Q"}}],"strings":{strings}}}"#)
}

/// Every error the form has, as `path: message`.
fn errors(json: &str) -> Vec<String> {
    definition::parse(json).err().map(|e| e.0.iter().map(ToString::to_string).collect()).unwrap_or_default()
}

/// `{"next": "...", ...}` with every one of the widget's strings, each `<name> {placeholders}`.
fn every_string(except: &str) -> String {
    let pairs: Vec<String> = Strings::NAMES
        .iter()
        .enumerate()
        .filter(|(_, name)| **name != except)
        .map(|(at, name)| {
            let english = i18n::EN.get(at);
            let kept: Vec<&str> = english.match_indices('{').map(|(open, _)| &english[open..open + english[open..].find('}').unwrap() + 1]).collect();
            format!(r#""{name}":"{name}-tr {}""#, kept.join(" "))
        })
        .collect();
    format!("{{{}}}", pairs.join(","))
}

#[test]
fn arabic_is_built_in_right_to_left_with_arabic_indic_digits() {
    let ar = i18n::strings("ar-SA");
    assert_eq!((ar.next, ar.submit, ar.close, ar.feedback), ("التالي", "إرسال", "إغلاق", "ملاحظات"));
    assert!(is_rtl("ar"));
    assert_eq!(checklist_text::strings("ar").submit, "إرسال التقرير");
    assert_eq!(status::words("ar").title, "متابعة شكواك");
    assert_eq!(local_digits("ar", "12.5 of 3"), "١٢٫٥ of ٣");
    assert_eq!(local_digits("fa", "12.5"), "۱۲٫۵");
    assert_eq!(local_digits("en", "12.5"), "12.5");
    // Every Arabic string keeps the English one's placeholders.
    let placeholders = |s: &str| s.match_indices('{').map(|(at, _)| s[at..].split('}').next().unwrap().to_owned()).collect::<Vec<_>>();
    for (at, name) in Strings::NAMES.iter().enumerate() {
        let (mut english, mut arabic) = (placeholders(i18n::EN.get(at)), placeholders(i18n::AR.get(at)));
        english.sort();
        arabic.sort();
        assert_eq!(english, arabic, "{name}");
    }
    for (at, name) in ChecklistStrings::NAMES.iter().enumerate() {
        assert_eq!(placeholders(checklist_text::EN.get(at)), placeholders(checklist_text::AR.get(at)), "{name}");
    }
}

#[test]
fn a_form_rewords_some_of_a_built_in_language() {
    let form = definition::parse(&survey("en", r#"{"en": {"submit": "Send it"}, "ar": {"next": "استمر"}}"#)).unwrap();
    let en = form.strings.widget("en-GB");
    assert_eq!((en.submit, en.next), ("Send it", "Next"));
    let ar = form.strings.widget("ar");
    assert_eq!((ar.next, ar.back), ("استمر", "السابق"));
    // A language the form gives nothing for: the built-in strings themselves.
    assert_eq!(form.strings.widget("fa").submit, i18n::FA.submit);
}

#[test]
fn a_form_gives_a_language_without_built_in_strings_in_full() {
    let form = definition::parse(&survey("tr", &format!(r#"{{"tr": {}}}"#, every_string("")))).unwrap();
    let tr = form.strings.widget("tr-TR");
    assert_eq!((tr.next, tr.step_of), ("next-tr ", "step_of-tr {n} {total}"));
}

#[test]
fn a_missing_string_is_named_by_its_path() {
    let json = survey("tr", &format!(r#"{{"tr": {}}}"#, every_string("submit")));
    assert_eq!(errors(&json), ["strings.tr.submit: missing: the widget has no strings of its own in \"tr\", so the form gives every one"]);
}

#[test]
fn an_unknown_name_a_wrong_type_and_a_bad_locale_are_named_by_path() {
    let cases = [
        (r#"{"en": {"nxt": "Go"}}"#, "strings.en.nxt: `nxt` is not one of the widget's strings (their names are in the JSON Schema)"),
        (r#"{"en": {"next": 3}}"#, "strings.en.next: expected a string, found a number"),
        (r#"{"en": "Next"}"#, "strings.en: expected an object, found a string"),
        (r#"["en"]"#, "strings: expected an object, found a list"),
        (r#"{"english": {"next": "Go"}}"#, "strings.english: \"english\" is not a locale such as \"tr\" or \"ur-PK\""),
        // A checklist's own strings are a checklist's only.
        (r#"{"en": {"visit": "Visit"}}"#, "strings.en.visit: `visit` is not one of the widget's strings (their names are in the JSON Schema)"),
    ];
    for (strings, expected) in cases {
        assert_eq!(errors(&survey("en", strings)), [expected], "{strings}");
    }
}

#[test]
fn a_string_keeps_the_placeholders_the_widget_fills_in() {
    let cases = [
        (r#"{"en": {"step_of": "Step {n}"}}"#, "strings.en.step_of: keep the placeholder {total}: the widget fills it in"),
        (r#"{"en": {"step_of": "{n}/{total} {count}"}}"#, "strings.en.step_of: {count} is not filled in here; its placeholders are {n} {total}"),
        (r#"{"en": {"next": "Go {n}"}}"#, "strings.en.next: {n} is not filled in here; it has no placeholders"),
    ];
    for (strings, expected) in cases {
        assert_eq!(errors(&survey("en", strings)), [expected], "{strings}");
    }
    assert_eq!(errors(&survey("en", r#"{"en": {"step_of": "Page {n} / {total}"}}"#)), Vec::<String>::new());
}

#[test]
fn a_checklist_rewords_its_own_strings() {
    let json = r#"{"seda":1,"id":"v","version":1,"kind":"checklist","title":"Visit","sections":[{"id":"s","title":"S","items":[{"id":"i","type":"yes_no","title":"I"}]}],
        "strings": {"en": {"submit": "File the report", "visit": "The visit"}}}"#;
    let form = definition::parse(json).unwrap();
    assert_eq!(form.strings.checklist("en").visit, "The visit");
    assert_eq!(form.strings.checklist("en").submit, "File the report");
    assert_eq!(form.strings.checklist("fa").visit, checklist_text::FA.visit);
}
