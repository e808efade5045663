//! core::json against an independent implementation (serde_json): the same documents
//! are accepted, read to the same values, and written back so serde_json reads them
//! the same. Differences are only where core::json is stricter on purpose: repeated
//! keys and nesting deeper than MAX_DEPTH.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value as Reference;

use seda_core::json::{self, Value, MAX_DEPTH};

/// The reference reading of one of our values (numbers compared as serde_json reads them).
fn reference(v: &Value) -> Reference {
    match v {
        Value::Null => Reference::Null,
        Value::Bool(b) => Reference::Bool(*b),
        Value::Number(n) => serde_json::from_str(n).expect("a number core::json accepted"),
        Value::String(s) => Reference::String(s.clone()),
        Value::Array(items) => Reference::Array(items.iter().map(reference).collect()),
        Value::Object(members) => Reference::Object(members.iter().map(|(k, v)| (k.clone(), reference(v))).collect()),
    }
}

fn any_reference() -> impl Strategy<Value = Reference> {
    let leaf = prop_oneof![
        Just(Reference::Null),
        any::<bool>().prop_map(Reference::from),
        any::<i64>().prop_map(Reference::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Reference::from),
        any::<String>().prop_map(Reference::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Reference::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Reference::Object(m.into_iter().collect())),
        ]
    })
}

/// Text that is often nearly JSON, so both readers get past the first byte.
fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
            Just(",".to_owned()), Just(":".to_owned()), Just("\"a\"".to_owned()), Just("\"\\u00e9\\n\"".to_owned()),
            Just("\"\\ud83d\\ude00\"".to_owned()), Just("\"\\ud800\"".to_owned()), Just("1".to_owned()),
            Just("-0.5e+3".to_owned()), Just("01".to_owned()), Just("1.".to_owned()), Just("true".to_owned()),
            Just("nul".to_owned()), Just(" ".to_owned()), Just("\n".to_owned()), "\\PC{0,3}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn depth(v: &Reference) -> usize {
    match v {
        Reference::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Reference::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
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
    fn reads_what_serde_json_writes(v in any_reference()) {
        let ours = json::parse(&v.to_string()).expect("valid JSON");
        prop_assert_eq!(reference(&ours), v.clone());
        let written = ours.to_json();
        prop_assert_eq!(serde_json::from_str::<Reference>(&written).unwrap(), v);
        prop_assert_eq!(json::parse(&written).unwrap(), ours);
    }

    #[test]
    fn accepts_and_refuses_what_serde_json_does(text in jsonish()) {
        match (json::parse(&text), serde_json::from_str::<Reference>(&text)) {
            (Ok(ours), Ok(theirs)) => prop_assert_eq!(reference(&ours), theirs),
            (Err(_), Err(_)) => {}
            // JSON's grammar has no bound on exponents; serde_json refuses what does not
            // fit an f64, core::json keeps the text (forms read numbers with Num, which
            // has its own bound).
            (Ok(_), Err(e)) if e.to_string().contains("number out of range") => {}
            (Ok(ours), Err(e)) => prop_assert!(false, "{text:?}: we read {ours:?}, serde_json says {e}"),
            (Err(e), Ok(theirs)) => prop_assert!(
                e.message.contains("given twice") || depth(&theirs) > MAX_DEPTH,
                "{text:?}: we refused ({e}), serde_json read {theirs:?}"
            ),
        }
    }

    #[test]
    fn any_string_round_trips(s in any::<String>()) {
        let quoted = json::quote(&s);
        prop_assert_eq!(serde_json::from_str::<String>(&quoted).unwrap(), s.clone());
        prop_assert_eq!(json::parse(&quoted).unwrap(), Value::String(s));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = json::parse(&text);
    }
}

#[test]
fn errors_say_where() {
    let cases = [
        ("", "", 1, 1, "ends where a value was expected"),
        ("{\"a\": [1, 2,]}", "a[2]", 1, 13, "expected a value"),
        ("{\"a\": {\"b\" 1}}", "a.b", 1, 12, "expected ':'"),
        ("{\"a\": 1} x", "", 1, 10, "trailing characters"),
        ("[\"\\q\"]", "[0]", 1, 4, "unknown escape"),
        ("[\"tab\there\"]", "[0]", 1, 6, "control character"),
        ("{\n  \"n\": 012\n}", "n", 2, 8, "leading zeros"),
        ("{\"k\": 1, \"k\": 2}", "k", 1, 10, "given twice"),
    ];
    for (text, path, line, column, fragment) in cases {
        let e = json::parse(text).expect_err(text);
        assert_eq!((e.path.as_str(), e.line, e.column), (path, line, column), "{text:?}: {e}");
        assert!(e.message.contains(fragment), "{text:?}: {e}");
    }
}

#[test]
fn nesting_is_limited_and_large_objects_are_read_quickly() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(json::parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(json::parse(&deep).unwrap_err().message.contains("nested deeper"));
    // 40,000 keys: a quadratic duplicate check would take minutes here.
    let members: Vec<String> = (0..40_000).map(|i| format!("\"k{i}\":{i}")).collect();
    let big = format!("{{{}}}", members.join(","));
    assert_eq!(json::parse(&big).unwrap().as_object().unwrap().len(), 40_000);
    let repeated = format!("{{{},\"k39999\":0}}", members.join(","));
    assert!(json::parse(&repeated).unwrap_err().message.contains("\"k39999\" is given twice"));
}

#[test]
fn numbers_keep_their_text_and_read_as_integers_only_when_whole() {
    let v = json::parse("[0, -7, 9223372036854775807, 9223372036854775808, 1.5, 2e3]").unwrap();
    let ints: Vec<Option<i64>> = v.as_array().unwrap().iter().map(Value::as_i64).collect();
    assert_eq!(ints, [Some(0), Some(-7), Some(i64::MAX), None, None, None]);
    assert_eq!(v.to_json(), "[0,-7,9223372036854775807,9223372036854775808,1.5,2e3]");
    // Found by the property test: a number beyond any float still reads, as its text.
    assert_eq!(json::parse("-0.5e+3101").unwrap(), Value::Number("-0.5e+3101".into()));
}
