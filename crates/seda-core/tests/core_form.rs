//! The form parser and semantic check: valid forms read, and every error names its path.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::limits::MAX_JSON_BYTES;
use seda_core::question::QuestionType;
use seda_core::templates;

const KITCHEN_SINK: &str = include_str!("fixtures/forms/kitchen-sink.json");

/// A minimal valid form with `question` as its only question.
fn with_question(question: &str) -> String {
    format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{question}]}}"#)
}

#[test]
fn every_template_parses_in_both_languages() {
    for name in templates::NAMES {
        let form = definition::parse(templates::get(name).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(form.id, name);
        // A checklist has sections of items instead (tests/core_checklist.rs checks them);
        // complaint-csat asks its one question after the complaint-status lookup.
        assert!(form.questions.len() >= 2 || form.checklist.is_some() || name == "complaint-csat", "{name} has a follow-up question");
        for q in &form.questions {
            for locale in ["en", "fa"] {
                assert!(q.title.has(locale), "{name}.{}: no {locale} title", q.id);
            }
        }
    }
}

// Built in without whitespace (build.rs), each template is still its source file's JSON.
#[test]
fn every_template_is_built_in_as_its_source_without_whitespace() {
    for name in templates::NAMES {
        let path = format!("{}/src/templates/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let built = templates::get(name).unwrap();
        assert!(built.len() < source.len(), "{name}: {} bytes built in, {} in the source", built.len(), source.len());
        let parse = |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parse(built), parse(&source), "{name}");
        let compact = serde_json::to_string(&parse(&source)).unwrap();
        assert_eq!(built.len(), compact.len(), "{name}: as long as its compact serialization, no whitespace left between tokens");
    }
}

// The full build (default features, as `cargo test` runs) has every template, and every
// build knows every name (a lean build hands the complaint and checklist templates over).
#[test]
fn the_full_build_has_all_seven_form_templates() {
    assert_eq!(templates::NAMES, ["nps", "csat", "ces", "five-needs", "complaint", "complaint-csat", "mystery-shop"]);
    assert!(templates::get(templates::STATUS_LOOKUP).is_none(), "the complaint-status lookup is no form definition");
    for name in templates::NAMES {
        assert!(templates::get(name).is_some(), "{name}");
        assert!(!templates::full_only(name), "{name}");
    }
    assert!(!templates::full_only("quiz"), "an unknown name is not a template at all");
}

/// What each template takes of the widget's optional parts: the lean bundle shows the
/// surveys itself and hands the complaint (photos) and the checklist to the full one.
#[test]
fn what_each_template_needs() {
    use seda_core::form::FeaturesNeeded;
    let none = FeaturesNeeded::default();
    for (name, needs) in [
        ("nps", none),
        ("csat", none),
        ("ces", none),
        ("five-needs", none),
        ("complaint", FeaturesNeeded { attachments: true, ..none }),
        ("complaint-csat", none),
        ("mystery-shop", FeaturesNeeded { checklists: true, ..none }),
    ] {
        assert_eq!(definition::parse(templates::get(name).unwrap()).unwrap().needs(), needs, "{name}");
    }
    let photos = with_question(r#"{"id":"p","type":"attachments","title":"Photos"}"#);
    assert_eq!(definition::parse(&photos).unwrap().needs(), FeaturesNeeded { attachments: true, checklists: false });
}

#[test]
fn reads_every_question_type() {
    let form = definition::parse(KITCHEN_SINK).unwrap();
    let kinds: Vec<QuestionType> = form.questions.iter().map(|q| q.question_type()).collect();
    use QuestionType::*;
    assert_eq!(kinds, [Nps, Rating, Choice, Choice, Text, Email]);
    assert_eq!(form.version, 3);
    assert_eq!(form.locale, "fa");
    assert_eq!(form.questions[0].title.get("en", "fa"), "Would you recommend us?");
    assert!(form.questions[3].multiple());
    assert_eq!(form.questions[4].max_length(), Some(300));
}

#[test]
fn errors_name_the_json_path() {
    // (definition, expected path, a fragment of the message)
    let cases: Vec<(String, &str, &str)> = vec![
        ("not json".into(), "", "expected a value"),
        (with_question(r#"{"id":"q","type":"rating","title":"T","scale":{"min":5,"max":"high"}}"#),
            "questions[0].scale.max", "expected an integer"),
        (with_question(r#"{"id":"q","type":"slider","title":"T"}"#), "questions[0].type", "unknown variant `slider`"),
        (with_question(r#"{"id":"q","type":"nps","title":"T","requird":true}"#), "questions[0].requird", "unknown field `requird`"),
        (with_question(r#"{"id":"q","type":"nps","title":7}"#), "questions[0].title", "a string or a map of locale to string"),
        (with_question(r#"{"id":"q","type":"nps","title":"T","required":"yes"}"#), "questions[0].required", "expected true or false"),
        (r#"{"seda":1,"id":"f","version":1,"kind":"poll","questions":[]}"#.into(), "kind", "unknown variant `poll`"),
        (r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":{}}"#.into(), "questions", "expected a list"),
        (format!("{} trailing", with_question(r#"{"id":"q","type":"nps","title":"T"}"#)), "", "trailing characters"),
    ];
    for (json, path, fragment) in cases {
        let errors = definition::parse(&json).expect_err(&json).0;
        assert_eq!(errors.len(), 1, "{json}: {errors:?}");
        assert_eq!(errors[0].path, path, "{json}");
        assert!(errors[0].message.contains(fragment), "{json}: {}", errors[0].message);
    }
}

#[test]
fn every_reading_problem_is_reported_not_only_the_first() {
    let errors = definition::parse("{}").unwrap_err().0;
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["missing field `seda`", "missing field `id`", "missing field `version`", "missing field `kind`", "missing field `questions` (or `pages`)"]
    );
    let json = with_question(r#"{"id":7,"type":"slider","title":"T","required":"yes"}"#);
    let paths: Vec<String> = definition::parse(&json).unwrap_err().0.into_iter().map(|e| e.path).collect();
    assert_eq!(paths, ["questions[0].id", "questions[0].type", "questions[0].required"]);
}

#[test]
fn syntax_errors_name_the_path_line_and_column() {
    let json = "{\"seda\": 1,\n \"questions\": [{\"id\": \"q\", \"title\": tru}]}";
    let e = &definition::parse(json).unwrap_err().0[0];
    assert_eq!(e.path, "questions[0].title");
    assert!(e.message.ends_with("at line 2, column 37"), "{}", e.message);
    let repeated = r#"{"seda": 1, "seda": 2}"#;
    let e = &definition::parse(repeated).unwrap_err().0[0];
    assert_eq!((e.path.as_str(), e.message.as_str()), ("seda", "\"seda\" is given twice at line 1, column 13"));
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    let e = &definition::parse(&deep).unwrap_err().0[0];
    assert!(e.message.contains("nested deeper than 32 levels"), "{}", e.message);
}

#[test]
fn semantic_check_names_every_problem() {
    // (definition, expected path, a fragment of the message)
    let q = |body: &str| with_question(body);
    let cases: Vec<(String, &str, &str)> = vec![
        (r#"{"seda":2,"id":"f","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T"}]}"#.into(),
            "seda", "format 2 is not supported"),
        (r#"{"seda":1,"id":"f","version":0,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T"}]}"#.into(),
            "version", "1 or more"),
        (r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[]}"#.into(), "questions", "at least one question"),
        (r#"{"seda":1,"id":"a b","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"T"}]}"#.into(),
            "id", "may use only"),
        (r#"{"seda":1,"id":"f","version":1,"kind":"survey","locale":"english","questions":[{"id":"q","type":"nps","title":"T"}]}"#.into(),
            "locale", "not a locale"),
        (format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{},{}]}}"#,
            r#"{"id":"q","type":"nps","title":"T"}"#, r#"{"id":"q","type":"email","title":"E"}"#),
            "questions[1].id", "duplicate id \"q\" (first used at questions[0])"),
        (format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{},{}]}}"#,
            r#"{"id":"q","type":"choice","title":"T","choices":[{"id":"a","label":"A"}],"other":true}"#,
            r#"{"id":"q.other","type":"text","title":"E"}"#),
            "questions[1].id", "where another question's \"Other\" text goes"),
        (q(r#"{"id":"q","type":"rating","title":"T"}"#), "questions[0].scale", "needs a scale"),
        (q(r#"{"id":"q","type":"rating","title":"T","scale":{"min":5,"max":1}}"#), "questions[0].scale", "min (5) must be less than max (1)"),
        (q(r#"{"id":"q","type":"rating","title":"T","scale":{"min":0,"max":20}}"#), "questions[0].scale", "at most 11"),
        (q(r#"{"id":"q","type":"choice","title":"T","choices":[]}"#), "questions[0].choices", "at least one choice"),
        (q(r#"{"id":"q","type":"choice","title":"T"}"#), "questions[0].choices", "at least one choice"),
        (q(r#"{"id":"q","type":"choice","title":"T","choices":[{"id":"a","label":"A"},{"id":"a","label":"B"}]}"#),
            "questions[0].choices[1].id", "duplicate id \"a\""),
        (q(r#"{"id":"q","type":"choice","title":"T","choices":[{"id":"a","label":""}]}"#), "questions[0].choices[0].label", "must not be empty"),
        (q(r#"{"id":"q","type":"nps","title":"T","scale":{"min":1,"max":5}}"#), "questions[0].scale", "not used by a nps question"),
        (q(r#"{"id":"q","type":"text","title":"T","choices":[{"id":"a","label":"A"}]}"#), "questions[0].choices", "not used by a text question"),
        (q(r#"{"id":"q","type":"text","title":"T","max_length":0}"#), "questions[0].max_length", "must be 1 to"),
        (q(r#"{"id":"q","type":"nps","title":{"fa":"عنوان"}}"#), "questions[0].title", "no string for the form's locale \"en\""),
        (q(r#"{"id":"q","type":"nps","title":{}}"#), "questions[0].title", "at least one entry"),
        (q(r#"{"id":"","type":"nps","title":"T"}"#), "questions[0].id", "must not be empty"),
        (q(r#"{"id":"q","type":"nps","title":"   "}"#), "questions[0].title", "must not be empty"),
    ];
    for (json, path, fragment) in cases {
        let errors = definition::parse(&json).expect_err(&json).0;
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains(fragment)),
            "{json}\nexpected {path}: …{fragment}…\ngot {errors:?}"
        );
    }
}

#[test]
fn reports_all_problems_at_once_and_prints_them_with_paths() {
    let json = with_question(r#"{"id":"q","type":"rating","title":"","scale":{"min":3,"max":3},"multiline":true}"#);
    let errors = definition::parse(&json).unwrap_err();
    let paths: Vec<&str> = errors.0.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["questions[0].title", "questions[0].multiline", "questions[0].scale"]);
    assert!(errors.to_string().starts_with("questions[0].title: must not be empty\n"), "{errors}");
}

#[test]
fn refuses_oversized_definitions_before_reading_them() {
    let big = format!(r#"{{"seda":1,"pad":"{}"}}"#, "x".repeat(MAX_JSON_BYTES));
    let errors = definition::parse(&big).unwrap_err().0;
    assert!(errors[0].message.contains("the most accepted is"), "{errors:?}");
}

#[test]
fn refuses_too_many_questions() {
    let qs: Vec<String> = (0..501).map(|i| format!(r#"{{"id":"q{i}","type":"nps","title":"T"}}"#)).collect();
    let json = format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{}]}}"#, qs.join(","));
    let errors = definition::parse(&json).unwrap_err().0;
    assert!(errors.iter().any(|e| e.path == "questions" && e.message.contains("the most is 500")), "{errors:?}");
}

/// The limits say 500 questions on at most 200 pages: a form written with `questions` has a
/// page a question, so it takes 200; on `pages`, 500 questions fit. Each error names the
/// member the form was written with (a `questions` form has no `pages` to point at).
#[test]
fn questions_and_pages_limits_agree_with_the_readme() {
    let question = |i: usize| format!(r#"{{"id":"q{i}","type":"nps","title":"T"}}"#);
    let flat = |n: usize| format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","questions":[{}]}}"#, (0..n).map(question).collect::<Vec<_>>().join(","));
    let paged = |pages: usize, per: usize| {
        let page = |p: usize| format!(r#"{{"id":"p{p}","questions":[{}]}}"#, (0..per).map(|i| question(p * per + i)).collect::<Vec<_>>().join(","));
        format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","pages":[{}]}}"#, (0..pages).map(page).collect::<Vec<_>>().join(","))
    };
    let cases: [(&str, String, Option<(&str, &str)>); 5] = [
        ("200 questions, a page each", flat(200), None),
        ("201 questions, a page each", flat(201), Some(("questions", "201 questions, one a page; the most is 200 pages: group the questions into `pages`"))),
        ("500 questions on 100 pages", paged(100, 5), None),
        ("201 pages", paged(201, 1), Some(("pages", "201 pages; the most is 200"))),
        ("501 questions on 167 pages", paged(167, 3), Some(("pages", "501 questions; the most is 500"))),
    ];
    for (what, json, want) in cases {
        let outcome = definition::parse(&json);
        match want {
            None => assert!(outcome.is_ok(), "{what}: {:?}", outcome.err()),
            Some((path, message)) => {
                let errors = outcome.expect_err(what).0;
                assert!(errors.iter().any(|e| e.path == path && e.message.starts_with(message)), "{what}: {errors:?}");
            }
        }
    }
}
