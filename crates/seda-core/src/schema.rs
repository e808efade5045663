//! The JSON Schema of the form format, for editors that autocomplete and check forms
//! as they are written. It is built from the reader's own field lists, so a field the
//! reader takes and the schema lacks (or the reverse) fails the tests; the file
//! `schema/form.schema.json` is this function's output (see crates/seda-core/tests/core_schema.rs).

use super::form::{Display, FormKind, QuestionType, FORM_FIELDS, HIDDEN_FIELDS, JUMP_FIELDS, PAGE_FIELDS, QUESTION_FIELDS, THANK_YOU_FIELDS};
use super::complaint::{ACKNOWLEDGEMENT_FIELDS, MAX_ATTACHMENT_BYTES, MAX_FILES, OFFER_FIELDS};
use super::json::Value;
use super::logic::TESTS;
use super::names::Named;
use super::response::NpsCategory;
use super::theme::{Scheme, FIELDS as THEME_FIELDS};

pub(crate) fn obj(members: Vec<(&str, Value)>) -> Value {
    Value::object(members)
}

pub(crate) fn s(text: &str) -> Value {
    Value::from(text)
}

pub(crate) fn reference(name: &str) -> Value {
    obj(vec![("$ref", s(&format!("#/$defs/{name}")))])
}

pub(crate) fn typed(kind: &str, description: &str) -> Value {
    obj(vec![("type", s(kind)), ("description", s(description))])
}

pub(crate) fn list_of(items: Value, description: &str) -> Value {
    obj(vec![("type", s("array")), ("items", items), ("description", s(description))])
}

pub(crate) fn names<T: Named>() -> Value {
    Value::Array(T::NAMES.iter().map(|n| s(n)).collect())
}

pub(crate) fn one_of_names(pairs: Value, description: &str) -> Value {
    obj(vec![("enum", pairs), ("description", s(description))])
}

/// An object with exactly `fields`, each described by `field`.
pub(crate) fn closed(fields: &[&str], required: &[&str], field: impl Fn(&str) -> Value) -> Value {
    obj(vec![
        ("type", s("object")),
        ("properties", Value::object(fields.iter().map(|f| (*f, field(f))))),
        ("required", Value::Array(required.iter().map(|r| s(r)).collect())),
        ("additionalProperties", Value::Bool(false)),
    ])
}

fn form_field(f: &str) -> Value {
    match f {
        "$schema" => typed("string", "This schema's URL, for editors; ignored by the widget."),
        "seda" => obj(vec![("const", Value::from(1u32)), ("description", s("The format version."))]),
        "id" => typed("string", "Stable id, sent with every response."),
        "version" => obj(vec![("type", s("integer")), ("minimum", Value::from(1u32)), ("description", s("Bump it when the questions change."))]),
        "kind" => one_of_names(names::<FormKind>(), "What the form is."),
        "locale" => typed("string", "The form's own language, e.g. \"en\" or \"fa\" (default en)."),
        "title" => reference("text"),
        "questions" => list_of(reference("question"), "The questions, one page each."),
        "pages" => list_of(reference("page"), "Pages of several questions (instead of questions)."),
        "hidden" => list_of(reference("hidden"), "Values the page supplies: data-hidden-<id> or a URL parameter."),
        "thank_you" => obj(vec![
            ("oneOf", Value::Array(vec![reference("thank_you"), list_of(reference("thank_you"), "The first whose if holds is shown.")])),
        ]),
        "theme" => closed(THEME_FIELDS, &[], |f| match f {
            "brand" => obj(vec![("type", s("string")), ("pattern", s("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")), ("description", s("The brand colour."))]),
            "radius" => obj(vec![("type", s("integer")), ("minimum", Value::from(0u32)), ("maximum", Value::from(32u32)), ("description", s("Corner radius in px."))]),
            "font" => typed("string", "A CSS font-family list."),
            _ => one_of_names(names::<Scheme>(), "light, dark, or auto (the visitor's setting)."),
        }),
        "acknowledgement" => closed(ACKNOWLEDGEMENT_FIELDS, &[], |f| {
            let mut t = reference("text");
            if let Value::Object(m) = &mut t {
                let d = match f {
                    "title" => "complaint: the acknowledgement's heading.",
                    "response_time" => "complaint: the promised response time.",
                    "guarantee" => "complaint: a service guarantee.",
                    _ => "complaint: what happens next.",
                };
                m.push(("description".into(), s(d)));
            }
            t
        }),
        "offer_complaint" => closed(OFFER_FIELDS, &["form"], |f| match f {
            "form" => typed("string", "survey: the complaint form offered to a dissatisfied visitor (template:complaint, an inline form's id or a URL)."),
            _ => reference("condition"),
        }),
        "sections" | "scoring" | "visit" => super::checklist_schema::field(f),
        other => panic!("the schema does not describe form field {other}"),
    }
}

fn question_field(f: &str) -> Value {
    let choices = || list_of(reference("choice"), "Options with a stable id and a label.");
    let count = |d: &str| obj(vec![("type", s("integer")), ("minimum", Value::from(0u32)), ("description", s(d))]);
    match f {
        "id" => typed("string", "Stable id: the key of this question's answer."),
        "type" => one_of_names(names::<QuestionType>(), "The question type."),
        "title" | "description" | "placeholder" => reference("text"),
        "required" => typed("boolean", "The question must be answered (default false)."),
        "show_if" | "required_if" => reference("condition"),
        "scale" => closed(&["min", "max"], &["min", "max"], |_| typed("integer", "An end of the scale.")),
        "display" => one_of_names(names::<Display>(), "rating: how the scale is drawn."),
        "labels" => closed(&["min", "max"], &["min", "max"], |_| reference("text")),
        "choices" => choices(),
        "rows" => list_of(reference("choice"), "matrix: the statements rated."),
        "columns" => list_of(reference("choice"), "matrix: the scale every row is answered on."),
        "multiple" => typed("boolean", "choice: several may be picked."),
        "other" => obj(vec![("oneOf", Value::Array(vec![typed("boolean", "choice, dropdown: an Other option with a text box."), reference("text")]))]),
        "shuffle" => typed("boolean", "choice: a random order per response."),
        "multiline" => typed("boolean", "text: a multi-line box."),
        "min_length" => count("text: the fewest characters."),
        "max_length" => count("text, email, phone: the most characters."),
        "min" | "max" => typed("number", "number: the smallest or largest value accepted."),
        "decimals" => count("number: decimal places accepted (default 0)."),
        "earliest" | "latest" => typed("string", "date: YYYY-MM-DD or \"today\"."),
        "prefill" => typed("string", "text, email, phone, number, dropdown: the hidden field the answer starts from."),
        "max_files" => obj(vec![("type", s("integer")), ("minimum", Value::from(1u32)), ("maximum", Value::from(MAX_FILES)), ("description", s("attachments: the most files (default 5)."))]),
        "max_bytes" => obj(vec![("type", s("integer")), ("minimum", Value::from(1u32)), ("maximum", Value::from(MAX_ATTACHMENT_BYTES)), ("description", s("attachments: the most bytes of all files together (default 5 MiB)."))]),
        "accept" => list_of(typed("string", "A MIME type, or type/* (image/*)."), "attachments: the types taken (default image/* and application/pdf)."),
        other => panic!("the schema does not describe question field {other}"),
    }
}

/// The schema, as JSON.
pub fn form_schema() -> Value {
    let text = obj(vec![(
        "oneOf",
        Value::Array(vec![
            typed("string", "A plain string."),
            obj(vec![
                ("type", s("object")),
                ("additionalProperties", obj(vec![("type", s("string"))])),
                ("description", s("One string per locale, e.g. {\"en\": \"Thanks\", \"fa\": \"ممنون\"}.")),
            ]),
        ]),
    )]);
    let choice = closed(&["id", "label"], &["id", "label"], |f| if f == "id" { typed("string", "Stable id.") } else { reference("text") });
    let scalar = obj(vec![("type", Value::Array(vec![s("string"), s("number"), s("boolean")]))]);
    let test = |t: &str| match t {
        "equals" | "not_equals" => scalar.clone(),
        "one_of" => list_of(scalar.clone(), "Any of these."),
        "answered" => typed("boolean", "Has an answer (true) or none (false)."),
        "nps" => one_of_names(names::<NpsCategory>(), "The NPS category of the answer."),
        _ => typed("number", "Compared with the answer."),
    };
    let single = |subject: &str| {
        let mut fields = vec![subject];
        fields.extend_from_slice(TESTS);
        let mut o = closed(&fields, &[subject], |f| if f == subject { typed("string", "The id it looks at.") } else { test(f) });
        if let Value::Object(members) = &mut o {
            members.push(("minProperties".into(), Value::from(2u32)));
            members.push(("maxProperties".into(), Value::from(2u32)));
        }
        o
    };
    let group = |key: &str| closed(&[key], &[key], |_| list_of(reference("condition"), "Conditions to combine."));
    let condition = obj(vec![(
        "oneOf",
        Value::Array(vec![
            single("question"),
            single("hidden"),
            group("all"),
            group("any"),
            closed(&["not"], &["not"], |_| reference("condition")),
        ]),
    )]);
    let jump = closed(JUMP_FIELDS, JUMP_FIELDS, |f| if f == "if" { reference("condition") } else { typed("string", "A later page's id, or \"end\".") });
    let page = closed(PAGE_FIELDS, &["id", "questions"], |f| match f {
        "id" => typed("string", "Stable id, the target of jumps."),
        "title" => reference("text"),
        "questions" => list_of(reference("question"), "The questions shown together."),
        "show_if" => reference("condition"),
        _ => list_of(jump.clone(), "Checked in order when the visitor moves on."),
    });
    let hidden = obj(vec![(
        "oneOf",
        Value::Array(vec![
            typed("string", "The field's id."),
            closed(HIDDEN_FIELDS, &["id"], |f| typed("string", if f == "id" { "The field's id." } else { "The URL query parameter it is read from." })),
        ]),
    )]);
    let thank_you = closed(THANK_YOU_FIELDS, &["title"], |f| if f == "if" { reference("condition") } else { reference("text") });
    let mut form = closed(FORM_FIELDS, &["seda", "id", "version", "kind"], form_field);
    if let Value::Object(members) = &mut form {
        members.insert(0, ("$schema".into(), s("https://json-schema.org/draft/2020-12/schema")));
        members.insert(1, ("title".into(), s("Seda form definition (format 1)")));
        members.push((
            "oneOf".into(),
            Value::Array(
                ["questions", "pages", "sections"].iter().map(|k| obj(vec![("required", Value::Array(vec![s(k)]))])).collect(),
            ),
        ));
        members.push((
            "$defs".into(),
            obj(vec![
                ("text", text),
                ("choice", choice),
                ("question", closed(QUESTION_FIELDS, &["id", "type", "title"], question_field)),
                ("condition", condition),
                ("page", page),
                ("hidden", hidden),
                ("thank_you", thank_you),
            ]),
        ));
    }
    form
}

/// The schema as the file holds it: JSON with two-space indents and a final newline.
pub fn form_schema_text() -> String {
    let mut out = String::new();
    pretty(&form_schema(), 0, &mut out);
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
                out.push_str(&super::json::quote(k));
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
