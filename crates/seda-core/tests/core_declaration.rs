//! Each question type declares its own fields once (crates/seda-core/src/question.rs);
//! the reader, the semantic check, the JSON Schema and the first screen's JavaScript
//! copy are tested here against that declaration, field by field.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::checklist::{item_fields, ItemKind, ItemType};
use seda_core::definition;
use seda_core::form::FORM_FIELDS;
use seda_core::json::{self, Value};
use seda_core::names::Named;
use seda_core::question::{all_fields, QuestionKind, QuestionType, ANSWER_FIELDS, COMMON_FIELDS};
use seda_core::schema::form_schema;
use seda_core::spec::Shape;

/// The first screen's copy, drawn before the widget's code arrives.
const SHELL_FORM: &str = include_str!("../../../src/platform/seda-shell-form.js");
/// The build step that stamps into the copy the types and fields it draws.
const SHELLS: &str = include_str!("../../../tools/shells.mjs");

fn with_question(question: &str) -> String {
    format!(r#"{{"seda":1,"id":"f","version":1,"kind":"complaint","questions":[{question}]}}"#)
}

/// A value of this shape that is not the field's default (absent).
fn sample(shape: Shape) -> &'static str {
    match shape {
        Shape::Boolean | Shape::TrueOrText => "true",
        Shape::Count { .. } | Shape::Number => "1",
        Shape::String => r#""x""#,
        Shape::Text => r#""X""#,
        Shape::Strings => r#"["image/*"]"#,
        Shape::Names(names) => ["\"stars\"", "\"minutes\""].into_iter().find(|n| names.contains(&n.trim_matches('"'))).unwrap(),
        Shape::Choices => r#"[{"id":"a","label":"A"}]"#,
        Shape::Scale => r#"{"min":1,"max":5}"#,
        Shape::EndLabels => r#"{"min":"Low","max":"High"}"#,
        Shape::Percent => "25",
        Shape::ScoredOptions => r#"[{"id":"a","label":"A"},{"id":"b","label":"B","points":0}]"#,
        Shape::Standard => r#"{"at_most":30}"#,
    }
}

/// Every declared field, with the shape its declaration gives it.
fn declared() -> Vec<(QuestionType, &'static str, Shape)> {
    QuestionType::ALL.iter().flat_map(|t| QuestionKind::schema_fields(*t).into_iter().map(|f| (*t, f.name, f.shape))).collect()
}

fn errors(json: &str) -> Vec<String> {
    definition::parse(json).err().map(|e| e.0.iter().map(ToString::to_string).collect()).unwrap_or_default()
}

#[test]
fn each_declared_field_is_read_on_its_type_and_refused_on_every_other() {
    let mut refused = 0;
    for (owner, field, shape) in declared() {
        for t in QuestionType::ALL.iter().copied() {
            let json = with_question(&format!(r#"{{"id":"q","type":"{}","title":"T","{field}":{}}}"#, t.name(), sample(shape)));
            let not_used = format!("questions[0].{field}: not used by a {} question", t.name());
            let found = errors(&json);
            if QuestionKind::fields(t).contains(&field) {
                assert!(!found.contains(&not_used), "{json}: {found:?}");
                assert!(found.iter().all(|e| !e.contains("unknown field")), "{json}: {found:?}");
            } else {
                assert!(found.contains(&not_used), "{} declares {field}; {json}: {found:?}", owner.name());
                refused += 1;
            }
        }
    }
    assert!(refused > 200, "{refused} combinations refused");
}

#[test]
fn a_field_of_another_type_given_its_default_is_let_be_as_before() {
    // Forms written when every question had every field: `false`, `0` and
    // `"numbers"` said nothing, and such forms still read.
    for question in [
        r#"{"id":"q","type":"nps","title":"T","multiple":false,"shuffle":false,"multiline":false}"#,
        r#"{"id":"q","type":"text","title":"T","decimals":0,"display":"numbers","other":false}"#,
        r#"{"id":"q","type":"statement","title":"T","required":false}"#,
    ] {
        assert_eq!(errors(&with_question(question)), Vec::<String>::new(), "{question}");
    }
    // A value of the wrong kind is still read and named, wherever the field is.
    assert_eq!(
        errors(&with_question(r#"{"id":"q","type":"text","title":"T","max_files":"ten"}"#)),
        ["questions[0].max_files: expected a whole number of at least 0, found a string"]
    );
}

#[test]
fn a_field_no_type_declares_is_unknown_and_the_message_lists_them_all() {
    let found = errors(&with_question(r#"{"id":"q","type":"nps","title":"T","step":1}"#));
    assert_eq!(found.len(), 1, "{found:?}");
    let listed = found[0].split("the fields here are ").nth(1).unwrap();
    assert_eq!(listed.split(", ").collect::<Vec<_>>(), all_fields());
}

#[test]
fn the_schema_gives_each_type_exactly_its_declared_fields() {
    let schema = form_schema();
    let defs = schema.get("$defs").unwrap();
    for t in QuestionType::ALL {
        let def = defs.get(&format!("question_{}", t.name())).unwrap_or_else(|| panic!("question_{}", t.name()));
        let props: Vec<&str> = def.get("properties").and_then(Value::as_object).unwrap().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(props, t.fields(), "{}", t.name());
        assert_eq!(def.get("additionalProperties"), Some(&Value::Bool(false)));
    }
    for (t, field, _) in declared() {
        let description = defs.get(&format!("question_{}", t.name())).and_then(|d| d.get("properties")).and_then(|p| p.get(field));
        let description = description.and_then(|f| f.get("description")).and_then(Value::as_str).unwrap_or_default();
        assert!(description.len() > 10, "{}.{field} has a description from its doc comment", t.name());
    }
}

/// The names between `^(` and `)$` of the regular expression `const NAME = /^(…)$/;`.
fn regex_names(name: &str) -> Vec<String> {
    let start = SHELL_FORM.find(&format!("const {name} = /^(")).unwrap_or_else(|| panic!("const {name} in seda-shell-form.js"));
    let rest = &SHELL_FORM[start..];
    let inner = &rest[rest.find("/^(").unwrap() + 3..rest.find(")$/").unwrap()];
    inner.split('|').map(|n| n.replace('\\', "")).collect()
}

/// The strings of the array `NAME: [...]` in tools/shells.mjs (`LEFT_TO_WIDGET`'s `types`
/// and `fields`) or `const NAME = [...]` there (`MARKUP_FREE`).
fn shells_names(name: &str) -> Vec<String> {
    let start = [format!("{name}: ["), format!("const {name} = [")]
        .iter()
        .find_map(|p| SHELLS.find(p.as_str()).map(|at| at + p.len() - 1))
        .unwrap_or_else(|| panic!("{name} in tools/shells.mjs"));
    let rest = &SHELLS[start..];
    let list = json::parse(&rest[..rest.find(']').unwrap() + 1]).unwrap();
    list.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// The inline form's copy draws the question types the declaration gives less those it
/// leaves to the widget, with their fields less those it leaves too (tools/shells.mjs, which
/// also stops the build on a type or field the copy does not draw): what it leaves must be
/// declared, and what it takes must include every field it draws.
#[test]
fn the_first_screen_copy_knows_only_declared_types_and_fields() {
    let left_types = shells_names("types");
    let left_fields = shells_names("fields");
    let markup_free = shells_names("MARKUP_FREE");
    for n in &left_types {
        assert!(QuestionType::from_name(n).is_some(), "the copy leaves \"{n}\" to the widget, not a question type");
    }
    let types: Vec<QuestionType> = QuestionType::ALL.iter().copied().filter(|t| !left_types.iter().any(|n| n == t.name())).collect();
    assert!(types.len() >= 10, "{types:?}");
    let taken: Vec<&str> = types.iter().flat_map(|t| t.fields()).filter(|f| !left_fields.iter().any(|l| l == f)).collect();
    for f in left_fields.iter().chain(&markup_free) {
        assert!(types.iter().any(|t| t.fields().contains(&f.as_str())), "tools/shells.mjs names \"{f}\", a field of none of the copied types");
    }
    for f in ["id", "type", "title", "required", "choices", "labels", "scale", "placeholder"] {
        assert!(taken.contains(&f), "the copy draws \"{f}\"");
    }
    for f in regex_names("FORM") {
        assert!(FORM_FIELDS.contains(&f.as_str()), "the copy takes the form field \"{f}\", which the reader does not");
    }
    for f in COMMON_FIELDS.iter().chain(ANSWER_FIELDS) {
        assert!(all_fields().contains(f));
    }
}

#[test]
#[cfg(feature = "checklists")]
fn each_declared_item_field_is_read_on_its_type_and_refused_on_every_other() {
    let declared: Vec<_> =
        ItemType::ALL.iter().flat_map(|t| ItemKind::schema_fields(*t).into_iter().map(|f| (f.name, f.shape))).collect();
    assert!(declared.len() >= 7);
    for (field, shape) in declared {
        for t in ItemType::ALL {
            let item = format!(r#"{{"id":"i","type":"{}","title":"T","{field}":{}}}"#, t.name(), sample(shape));
            let json = format!(
                r#"{{"seda":1,"id":"f","version":1,"kind":"checklist","sections":[{{"id":"s","title":"S","items":[{item}]}}]}}"#
            );
            let not_used = format!("sections[0].items[0].{field}: not used by a {} item", t.name());
            let found = errors(&json);
            assert_eq!(found.contains(&not_used), !ItemKind::fields(*t).contains(&field), "{json}: {found:?}");
            assert!(found.iter().all(|e| !e.contains("unknown field")), "{json}: {found:?}");
        }
    }
    assert!(item_fields().contains(&"comment_min_length"));
}
