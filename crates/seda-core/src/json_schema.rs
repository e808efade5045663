//! Building blocks of a JSON Schema, and how a declared field's [`Shape`] is written
//! in one. Used by [`crate::schema`] and [`crate::checklist_schema`]; the widget
//! itself never builds a schema.

use super::checklist::{OPTION_FIELDS, STANDARD_FIELDS};
use super::json::{self, Value};
use super::names::Named;
use super::spec::{FieldInfo, Shape};

pub fn obj(members: Vec<(&str, Value)>) -> Value {
    Value::object(members)
}

pub fn s(text: &str) -> Value {
    Value::from(text)
}

pub fn reference(name: &str) -> Value {
    obj(vec![("$ref", s(&format!("#/$defs/{name}")))])
}

pub fn typed(kind: &str, description: &str) -> Value {
    obj(vec![("type", s(kind)), ("description", s(description))])
}

pub fn list_of(items: Value, description: &str) -> Value {
    obj(vec![("type", s("array")), ("items", items), ("description", s(description))])
}

/// An enum's names, for `enum`.
pub fn names<T: Named>() -> Value {
    Value::Array(T::NAMES.iter().map(|n| s(n)).collect())
}

pub fn one_of_names(pairs: Value, description: &str) -> Value {
    obj(vec![("enum", pairs), ("description", s(description))])
}

/// An object with exactly `fields`, each described by `field`.
pub fn closed(fields: &[&str], required: &[&str], field: impl Fn(&str) -> Value) -> Value {
    obj(vec![
        ("type", s("object")),
        ("properties", Value::object(fields.iter().map(|f| (*f, field(f))))),
        ("required", Value::Array(required.iter().map(|r| s(r)).collect())),
        ("additionalProperties", Value::Bool(false)),
    ])
}

/// A percentage from 0 to 100.
pub fn percent(d: &str) -> Value {
    obj(vec![("type", s("number")), ("minimum", Value::from(0u32)), ("maximum", Value::from(100u32)), ("description", s(d))])
}

/// Two numbers, `[low, high]`.
pub fn pair(d: &str) -> Value {
    obj(vec![("type", s("array")), ("items", typed("number", "A value.")), ("minItems", Value::from(2u32)), ("maxItems", Value::from(2u32)), ("description", s(d))])
}

/// A declared field as the schema describes it: its shape, and its doc comment as the description.
pub fn declared(f: &FieldInfo) -> Value {
    let about = f.description();
    let d = about.as_str();
    match f.shape {
        Shape::Boolean => typed("boolean", d),
        Shape::Count { min, max } => {
            let mut members = vec![("type", s("integer")), ("minimum", Value::from(min))];
            if let Some(max) = max {
                members.push(("maximum", Value::from(max)));
            }
            members.push(("description", s(d)));
            obj(members)
        }
        Shape::Number => typed("number", d),
        Shape::String => typed("string", d),
        Shape::Text => described(reference("text"), d),
        Shape::Strings => list_of(obj(vec![("type", s("string"))]), d),
        Shape::Names(list) => one_of_names(Value::Array(list.iter().map(|n| s(n)).collect()), d),
        Shape::TrueOrText => obj(vec![("oneOf", Value::Array(vec![obj(vec![("type", s("boolean"))]), reference("text")])), ("description", s(d))]),
        Shape::Choices => list_of(reference("choice"), d),
        Shape::Scale => described(closed(&["min", "max"], &["min", "max"], |_| typed("integer", "An end of the scale.")), d),
        Shape::EndLabels => described(closed(&["min", "max"], &["min", "max"], |_| reference("text")), d),
        Shape::Percent => percent(d),
        Shape::ScoredOptions => list_of(
            closed(OPTION_FIELDS, &["id", "label"], |f| match f {
                "id" => typed("string", "Stable id."),
                "label" => reference("text"),
                _ => obj(vec![("type", s("number")), ("minimum", Value::from(0u32)), ("description", s("Points (default 1)."))]),
            }),
            d,
        ),
        Shape::Standard => described(
            closed(STANDARD_FIELDS, &[], |f| match f {
                "between" => pair("Meets it from low to high."),
                "limit" => obj(vec![(
                    "oneOf",
                    Value::Array(vec![typed("number", "Graded: no credit at or beyond this value."), pair("between: the two limits.")]),
                )]),
                _ => typed("number", "The target."),
            }),
            d,
        ),
    }
}

/// `schema` with a description added.
pub fn described(mut schema: Value, description: &str) -> Value {
    if let Value::Object(members) = &mut schema {
        members.push(("description".into(), s(description)));
    }
    schema
}

/// A schema as its file holds it: JSON with two-space indents and a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut out = String::new();
    pretty(schema, 0, &mut out);
    out.push('\n');
    out
}

fn pretty(v: &Value, depth: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match v {
        Value::Array(items) if !items.is_empty() && items.iter().any(|i| matches!(i, Value::Object(_) | Value::Array(_))) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                pretty(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, (k, item)) in members.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&json::quote(k));
                out.push_str(": ");
                pretty(item, depth + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        other => out.push_str(&other.to_json()),
    }
}
