//! schema/form.schema.json is what core::schema generates from the reader's field lists and
//! each question type's declaration,
//! and every form this repository ships is valid against it.
//! After changing the format: `SEDA_WRITE_SCHEMA=1 cargo test -p seda-core --test core_schema`.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::json::{self, Value};
use seda_core::schema::form_schema_text;
use seda_core::templates;

// The repository's top level, where forms' `"$schema"` point.
const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/form.schema.json");

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = form_schema_text();
    if std::env::var_os("SEDA_WRITE_SCHEMA").is_some() {
        std::fs::write(PATH, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).expect("schema/form.schema.json (SEDA_WRITE_SCHEMA=1 writes it)");
    assert!(committed == generated, "schema/form.schema.json is stale: run SEDA_WRITE_SCHEMA=1 cargo test -p seda-core --test core_schema");
    assert!(serde_json::from_str::<serde_json::Value>(&committed).is_ok());
}

/// A small validator for the parts of JSON Schema the file uses.
fn valid(schema: &Value, root: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return valid(root.get("$defs").unwrap().get(name).unwrap(), root, v, path, errors);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                valid(o, root, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of the oneOf options"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{path}: not {}", c.to_json()));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(v) {
            errors.push(format!("{path}: not one of the names"));
        }
    }
    let kinds: Vec<&str> = match schema.get("type") {
        Some(Value::String(k)) => vec![k.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let kind_ok = |k: &str| match (k, v) {
        ("object", Value::Object(_)) | ("array", Value::Array(_)) | ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
        ("number", Value::Number(_)) => true,
        ("integer", Value::Number(n)) => !n.contains(['.', 'e', 'E']),
        _ => false,
    };
    if !kinds.is_empty() && !kinds.iter().any(|k| kind_ok(k)) {
        return errors.push(format!("{path}: expected {kinds:?}"));
    }
    if let Value::Object(members) = v {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for r in required.iter().filter_map(Value::as_str) {
                if !members.iter().any(|(k, _)| k == r) {
                    errors.push(format!("{path}: missing {r}"));
                }
            }
        }
        let props = schema.get("properties");
        for (k, item) in members {
            match props.and_then(|p| p.get(k)) {
                Some(s) => valid(s, root, item, &format!("{path}.{k}"), errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{path}: unknown {k}")),
                    Some(s @ Value::Object(_)) => valid(s, root, item, &format!("{path}.{k}"), errors),
                    _ => {}
                },
            }
        }
        let count = |key: &str| schema.get(key).and_then(Value::as_i64);
        if count("minProperties").is_some_and(|n| (members.len() as i64) < n) || count("maxProperties").is_some_and(|n| (members.len() as i64) > n) {
            errors.push(format!("{path}: wrong number of members"));
        }
    }
    if let Value::Number(n) = v {
        let n: f64 = n.parse().unwrap();
        let bound = |key: &str| schema.get(key).and_then(Value::as_i64).map(|b| b as f64);
        if bound("minimum").is_some_and(|min| n < min) || bound("maximum").is_some_and(|max| n > max) {
            errors.push(format!("{path}: out of range"));
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            valid(item_schema, root, item, &format!("{path}[{i}]"), errors);
        }
    }
}

fn check(text: &str) -> Vec<String> {
    let schema = json::parse(&form_schema_text()).unwrap();
    let mut errors = Vec::new();
    valid(&schema, &schema, &json::parse(text).unwrap(), "", &mut errors);
    errors
}

#[test]
fn every_shipped_form_is_valid_against_the_schema() {
    let fixtures = [
        include_str!("fixtures/forms/kitchen-sink.json"),
        include_str!("fixtures/forms/every-type.json"),
        include_str!("fixtures/forms/logic.json"),
    ];
    for (i, text) in templates::NAMES.iter().map(|n| templates::get(n).unwrap()).chain(fixtures).enumerate() {
        assert_eq!(check(text), Vec::<String>::new(), "form {i}");
    }
}

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let bad = [
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"slider","title":"T"}]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T","requird":true}]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"survey"}"#,
        r#"{"seda":2,"id":"f","version":1,"kind":"survey","questions":[]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T","show_if":{"question":"a","bigger":1}}]}"#,
        // A field of another type: each type's own fields, from its declaration.
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T","scale":{"min":1,"max":5}}]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"text","title":"T","choices":[{"id":"a","label":"A"}]}]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"statement","title":"T","required":true}]}"#,
        r#"{"seda":1,"id":"f","version":1,"kind":"complaint","questions":[{"id":"q","type":"attachments","title":"T","max_files":11}]}"#,
    ];
    for text in bad {
        assert!(!check(text).is_empty(), "{text}");
    }
}
