//! The form parser and semantic check never panic, whatever they are given: arbitrary
//! text, arbitrary JSON, and the built-in templates with parts replaced at random. Nor
//! do the readers of what the browser stores (drafts) or what visitors type.
//! Bounded here (it runs in the test command); PROPTEST_CASES=100000 runs it longer.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};

use seda_core::definition;
use seda_core::answer::Answer;
use seda_core::draft::Draft;
use seda_core::session::Session;
use seda_core::templates;

/// Words of the form format, so random objects reach deep into the schema.
const KEYS: &[&str] = &[
    "seda", "id", "version", "kind", "locale", "title", "questions", "type", "required", "scale", "min", "max",
    "labels", "choices", "label", "multiple", "multiline", "max_length", "placeholder", "description", "thank_you",
    "body", "en", "fa",
];
const WORDS: &[&str] = &["survey", "nps", "rating", "choice", "text", "email", "en", "fa", "", "q", "a"];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// A template with the value at one random place replaced.
fn mutated_template() -> impl Strategy<Value = Value> {
    (prop::sample::select(templates::NAMES.to_vec()), any::<prop::sample::Index>(), value()).prop_map(|(name, at, new)| {
        let mut form: Value = serde_json::from_str(templates::get(name).unwrap()).unwrap();
        let mut places = Vec::new();
        collect_pointers(&form, String::new(), &mut places);
        let pointer = at.get(&places).clone();
        if let Some(slot) = form.pointer_mut(&pointer) {
            *slot = new;
        }
        form
    })
}

fn collect_pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| collect_pointers(v, format!("{here}/{k}"), out)),
        Value::Array(list) => list.iter().enumerate().for_each(|(i, v)| collect_pointers(v, format!("{here}/{i}"), out)),
        _ => {}
    }
}

/// 2,000 cases in the test command; `PROPTEST_CASES=100000` runs longer. (An explicit
/// `cases` would override the variable, which proptest reads only for its default.)
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = definition::parse(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(v in value()) {
        let _ = definition::parse(&v.to_string());
    }

    #[test]
    fn any_scale_bounds_are_checked_without_panicking(min in any::<i64>(), max in any::<i64>()) {
        let q = json!({"id": "q", "type": "rating", "title": "T", "scale": {"min": min, "max": max}});
        let doc = json!({"seda": 1, "id": "f", "version": 1, "kind": "survey", "questions": [q]});
        let points = i128::from(max) - i128::from(min) + 1;
        let ok = (2..=11).contains(&points);
        prop_assert_eq!(definition::parse(&doc.to_string()).is_ok(), ok, "min {} max {}", min, max);
    }

    #[test]
    fn stored_drafts_are_read_without_panicking(text in "\\PC{0,200}", v in value()) {
        let _ = Draft::from_json(&text);
        let _ = Draft::from_json(&v.to_string());
    }

    #[test]
    fn typed_text_is_stored_without_control_characters(typed in any::<String>()) {
        let form = definition::parse(templates::get("nps").unwrap()).unwrap();
        let one_line = definition::parse(r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"text","title":"T"}]}"#).unwrap();
        for (form, id) in [(&one_line, "q"), (&form, "reason")] {
            let q = form.question(id).unwrap();
            let mut s = Session::new(form, seda_core::pairs::Pairs::new());
            s.set_answer(q, Some(Answer::Text(typed.clone())));
            let _ = s.error(q);
            if let Some(Answer::Text(stored)) = s.answer(id) {
                let multiline = q.multiline();
                prop_assert!(stored.chars().all(|c| !c.is_control() || (multiline && (c == '\n' || c == '\t'))), "{:?}", stored);
            }
        }
    }

    #[test]
    fn mutated_templates_never_panic_and_errors_name_a_path(v in mutated_template()) {
        if let Err(errors) = definition::parse(&v.to_string()) {
            prop_assert!(!errors.0.is_empty());
            for e in &errors.0 {
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}

// Regression: the width of a scale was computed in i64 and overflowed (a panic on
// hostile input) for extreme bounds.
#[test]
fn extreme_scales_are_errors_not_overflows() {
    for (min, max) in [(i64::MIN, i64::MAX), (i64::MIN, 0), (-1, i64::MAX), (i64::MAX - 1, i64::MAX)] {
        let q = json!({"id": "q", "type": "rating", "title": "T", "scale": {"min": min, "max": max}});
        let doc = json!({"seda": 1, "id": "f", "version": 1, "kind": "survey", "questions": [q]});
        let result = definition::parse(&doc.to_string());
        if i128::from(max) - i128::from(min) + 1 > 11 {
            let errors = result.expect_err("a scale this wide is refused").0;
            assert!(errors.iter().any(|e| e.path == "questions[0].scale" && e.message.contains("at most 11")), "{errors:?}");
        } else {
            assert!(result.is_ok(), "{min}..{max}: {result:?}");
        }
    }
}
