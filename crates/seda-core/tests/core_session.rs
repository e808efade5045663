//! Answer validation and the survey session.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::answer::Answer;
use seda_core::form::Form;
use seda_core::pairs::Pairs;
use seda_core::session::Session;
use seda_core::templates;
use seda_core::validate::{is_email, max_chars, validate, AnswerError};

fn kitchen_sink() -> Form {
    definition::parse(include_str!("fixtures/forms/kitchen-sink.json")).unwrap()
}

fn n(v: i64) -> Option<Answer> {
    Some(Answer::Number(v))
}
fn t(v: &str) -> Option<Answer> {
    Some(Answer::Text(v.into()))
}
fn list(v: &[&str]) -> Option<Answer> {
    Some(Answer::Choices(v.iter().map(|s| s.to_string()).collect()))
}

#[test]
fn validates_each_question_type() {
    let form = kitchen_sink();
    let q = |id: &str| form.question(id).unwrap();
    use AnswerError::*;
    // (question id, answer, expected)
    let cases: Vec<(&str, Option<Answer>, Result<(), AnswerError>)> = vec![
        ("recommend", None, Err(Required)),
        ("recommend", n(0), Ok(())),
        ("recommend", n(10), Ok(())),
        ("recommend", n(11), Err(OutOfRange { min: 0, max: 10 })),
        ("recommend", n(-1), Err(OutOfRange { min: 0, max: 10 })),
        ("recommend", t("9"), Err(WrongType)),
        ("csat", None, Ok(())),
        ("csat", n(1), Ok(())),
        ("csat", n(0), Err(OutOfRange { min: 1, max: 5 })),
        ("csat", n(6), Err(OutOfRange { min: 1, max: 5 })),
        ("channel", t("web"), Ok(())),
        ("channel", t("phone"), Err(UnknownChoice)),
        ("channel", list(&["web"]), Err(WrongType)),
        ("liked", list(&["price", "staff"]), Ok(())),
        ("liked", list(&["price", "taste"]), Err(UnknownChoice)),
        ("liked", t("price"), Err(WrongType)),
        ("why", t(&"a".repeat(300)), Ok(())),
        ("why", t(&"a".repeat(301)), Err(TooLong { max: 300 })),
        ("why", t(&"ب".repeat(300)), Ok(())),
        ("email", t("someone@example.com"), Ok(())),
        ("email", t("someone@"), Err(InvalidEmail)),
        ("email", n(3), Err(WrongType)),
    ];
    for (id, answer, expected) in cases {
        assert_eq!(validate(q(id), answer.as_ref()), expected, "{id} = {answer:?}");
    }
}

#[test]
fn email_addresses() {
    let good = ["a@b.co", "first.last+tag@example.com", "علی@مثال.ایران", "x@sub.example.org"];
    let bad = ["", "plain", "@example.com", "a@b", "a@b.c", "a b@example.com", "a@exa mple.com", "a..b@example.com",
        ".a@example.com", "a@-example.com", "a@example..com", "<a>@example.com"];
    for s in good {
        assert!(is_email(s), "{s} should be accepted");
    }
    for s in bad {
        assert!(!is_email(s), "{s} should be refused");
    }
}

#[test]
fn blank_input_is_no_answer_and_single_lines_lose_control_characters() {
    let form = kitchen_sink();
    let mut s = Session::new(&form, Pairs::new());
    s.set_answer(form.question("why").unwrap(), t("   \n "));
    assert_eq!(s.answer("why"), None);
    s.set_answer(form.question("email").unwrap(), t("  a@b.co \n"));
    assert_eq!(s.answer("email"), Some(&Answer::Text("a@b.co".into())));
    s.set_answer(form.question("liked").unwrap(), list(&[]));
    assert_eq!(s.answer("liked"), None);
    // A multi-line answer keeps its line breaks but not other control characters.
    s.set_answer(form.question("why").unwrap(), t("one\ntwo\u{7}"));
    assert_eq!(s.answer("why"), Some(&Answer::Text("one\ntwo".into())));
}

#[test]
fn control_characters_are_stripped_and_only_multi_line_text_keeps_breaks_and_tabs() {
    let form = definition::parse(
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[
            {"id":"line","type":"text","title":"One line"},
            {"id":"lines","type":"text","multiline":true,"title":"Several lines"},
            {"id":"mail","type":"email","title":"Email"}]}"#,
    )
    .unwrap();
    // (question, typed, stored)
    let cases = [
        ("line", "a\nb\tc\rd", Some("abcd")),
        ("line", "nul\u{0}bell\u{7}esc\u{1b}[31mdel\u{7f}", Some("nulbellesc[31mdel")),
        ("line", "c1\u{85}next\u{9b}csi\u{9f}", Some("c1nextcsi")),
        ("line", "\u{1}\u{2}\u{3}", None),
        ("line", "رضایت کامل ✓ 😀", Some("رضایت کامل ✓ 😀")),
        ("lines", "one\r\ntwo\tcol\u{0}\u{85}", Some("one\ntwo\tcol")),
        ("mail", " a\u{0}@b.co\u{85}\n", Some("a@b.co")),
    ];
    for (id, typed, stored) in cases {
        let mut s = Session::new(&form, Pairs::new());
        s.set_answer(form.question(id).unwrap(), t(typed));
        assert_eq!(s.answer(id), stored.map(|v| Answer::Text(v.into())).as_ref(), "{id}: {typed:?}");
    }
}

#[test]
fn text_answers_have_a_default_cap_when_the_form_gives_none() {
    let form = definition::parse(
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[
            {"id":"line","type":"text","title":"One line"},
            {"id":"lines","type":"text","multiline":true,"title":"Several lines"},
            {"id":"mail","type":"email","title":"Email"}]}"#,
    )
    .unwrap();
    let q = |id: &str| form.question(id).unwrap();
    for (id, max) in [("line", 500), ("lines", 5_000), ("mail", 254)] {
        assert_eq!(max_chars(q(id)), max, "{id}");
        let at_most = "a".repeat(max as usize);
        assert_eq!(validate(q(id), t(&at_most).as_ref()).err().filter(|_| id != "mail"), None, "{id}");
        assert_eq!(validate(q(id), t(&format!("{at_most}a")).as_ref()), Err(AnswerError::TooLong { max }), "{id}");
    }
}

#[test]
fn walks_the_nps_template_forward_and_back() {
    let form = definition::parse(templates::get("nps").unwrap()).unwrap();
    let mut s = Session::new(&form, Pairs::new());
    assert!(s.is_first());
    assert_eq!(s.progress(&form), (1, 2));
    assert_eq!(s.advance(&form), Err(vec![("recommend".to_string(), AnswerError::Required)]), "the score is required");
    assert_eq!(s.page(), 0);
    s.set_answer(&form.questions[0], n(9));
    assert_eq!(s.advance(&form), Ok(false));
    assert_eq!(s.page(), 1);
    assert!(s.is_last(&form));
    assert_eq!(s.visible(&form, 1)[0].id, "reason");
    assert_eq!(s.page_errors(&form), vec![], "the reason is optional");
    assert_eq!(s.advance(&form), Ok(true), "moving on from the last page finishes");
    s.back();
    assert_eq!(s.page(), 0);
    assert_eq!(s.answer("recommend"), Some(&Answer::Number(9)), "going back keeps answers");
    s.back();
    assert_eq!(s.page(), 0, "back from the first page stays there");
}

#[test]
fn page_errors_list_every_unacceptable_answer_on_the_page() {
    let form = definition::parse(
        r#"{"seda":1,"id":"f","version":1,"kind":"survey","pages":[{"id":"p","questions":[
            {"id":"recommend","type":"nps","title":"R","required":true},
            {"id":"csat","type":"rating","title":"C","scale":{"min":1,"max":5}},
            {"id":"note","type":"text","title":"N"}]}]}"#,
    )
    .unwrap();
    let mut s = Session::new(&form, Pairs::new());
    s.set_answer(form.question("csat").unwrap(), n(9));
    assert_eq!(
        s.page_errors(&form),
        vec![
            ("recommend".to_string(), AnswerError::Required),
            ("csat".to_string(), AnswerError::OutOfRange { min: 1, max: 5 })
        ]
    );
}
