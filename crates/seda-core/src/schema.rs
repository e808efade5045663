//! The JSON Schema of the form format, for editors that autocomplete and check forms
//! as they are written. It is built from the reader's own field lists and each
//! question type's declaration ([`crate::question`]), so a field the reader takes and
//! the schema lacks (or the reverse) cannot happen; the file `schema/form.schema.json`
//! is [`form_schema_text`]'s output (see crates/seda-core/tests/core_schema.rs).

use super::checklist_schema;
use super::checklist_text::{self, ChecklistStrings};
use super::i18n::{self, Strings};
use super::complaint::{ACKNOWLEDGEMENT_FIELDS, OFFER_FIELDS};
use super::form::{FormKind, FORM_FIELDS, HIDDEN_FIELDS, JUMP_FIELDS, PAGE_FIELDS, THANK_YOU_FIELDS};
use super::json::Value;
use super::json_schema::{closed, declared, list_of, names, obj, one_of_names, reference, s, to_text, typed};
use super::logic::TESTS;
use super::names::Named;
use super::nps::NpsCategory;
use super::question::{QuestionKind, QuestionType, ANSWER_FIELDS, COMMON_FIELDS};
use super::theme::{Scheme, FIELDS as THEME_FIELDS};

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
        "sections" | "scoring" | "visit" => checklist_schema::field(f),
        "strings" => obj(vec![
            ("type", s("object")),
            ("additionalProperties", reference("strings")),
            (
                "description",
                s("The widget's own strings as the form words them, per locale: {\"tr\": {\"next\": \"İleri\"}}. Built in: en, fa, ar (word any of them); another language gives every one."),
            ),
        ]),
        other => panic!("the schema does not describe form field {other}"),
    }
}

/// The schema of a field every question (or every answered question) has.
fn common_field(f: &str) -> Value {
    match f {
        "id" => typed("string", "Stable id: the key of this question's answer."),
        "title" | "description" => reference("text"),
        "required" => typed("boolean", "The question must be answered (default false)."),
        "show_if" | "required_if" => reference("condition"),
        other => panic!("the schema does not describe question field {other}"),
    }
}

/// One question type: the common fields, `type` fixed to its name, and the fields
/// its declaration lists.
fn question_of(t: QuestionType) -> Value {
    let own = QuestionKind::schema_fields(t);
    let fields = t.fields();
    closed(&fields, &["id", "type", "title"], |f| match f {
        "type" => obj(vec![("const", s(t.name()))]),
        f if COMMON_FIELDS.contains(&f) || ANSWER_FIELDS.contains(&f) => common_field(f),
        f => own.iter().find(|o| o.name == f).map(declared).unwrap_or_else(|| panic!("{f} is not declared")),
    })
}

/// A question: one of the types, told apart by `type`.
fn question() -> Value {
    let types = QuestionType::ALL.iter().map(|t| reference(&format!("question_{}", t.name()))).collect();
    obj(vec![
        ("type", s("object")),
        ("properties", obj(vec![("type", one_of_names(names::<QuestionType>(), "The question type."))])),
        ("required", Value::Array(vec![s("type")])),
        ("oneOf", Value::Array(types)),
    ])
}

/// The widget's strings by name, each described by its English (a checklist's own marked so).
fn strings() -> Value {
    let english = |name: &str| {
        let own = Strings::NAMES.iter().position(|n| *n == name).map(|at| i18n::EN.get(at).to_owned());
        own.unwrap_or_else(|| {
            let at = ChecklistStrings::NAMES.iter().position(|n| *n == name).unwrap_or_default();
            format!("{} (a checklist's)", checklist_text::EN.get(at))
        })
    };
    let mut names = Strings::NAMES.to_vec();
    names.extend(ChecklistStrings::NAMES.iter().filter(|n| !Strings::NAMES.contains(n)));
    closed(&names, &[], |name| typed("string", &format!("English: {}", english(name))))
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
                ("question", question()),
                ("condition", condition),
                ("page", page),
                ("hidden", hidden),
                ("thank_you", thank_you),
                ("strings", strings()),
            ]),
        ));
        if let Some((_, Value::Object(defs))) = members.last_mut() {
            defs.extend(QuestionType::ALL.iter().map(|t| (format!("question_{}", t.name()), question_of(*t))));
        }
    }
    form
}

/// The schema as the file holds it: JSON with two-space indents and a final newline.
pub fn form_schema_text() -> String {
    to_text(&form_schema())
}
