//! Question types, pages, conditions, jumps, hidden fields and piping.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::answer::Answer;
use seda_core::form::Form;
use seda_core::num::Num;
use seda_core::pairs::Pairs;
use seda_core::question::{QuestionKind, QuestionType};
use seda_core::response::{Meta, Response};
use seda_core::session::Session;
use seda_core::time::parse_date;
use seda_core::validate::{is_phone, validate_on, AnswerError};

fn every_type() -> Form {
    definition::parse(include_str!("fixtures/forms/every-type.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn logic() -> Form {
    definition::parse(include_str!("fixtures/forms/logic.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn n(v: i64) -> Option<Answer> {
    Some(Answer::Number(v))
}
fn t(v: &str) -> Option<Answer> {
    Some(Answer::Text(v.into()))
}

#[test]
fn reads_every_question_type_in_pages() {
    let form = every_type();
    let kinds: Vec<&str> = form.questions.iter().map(|q| q.question_type().name()).collect();
    assert_eq!(
        kinds,
        ["nps", "rating", "rating", "choice", "choice", "dropdown", "yes_no", "text", "email", "phone", "number", "number",
            "date", "statement", "matrix", "consent"]
    );
    let pages: Vec<(&str, usize)> = form.pages.iter().map(|p| (p.id.as_str(), p.questions.len())).collect();
    assert_eq!(pages, [("scores", 3), ("choices", 4), ("details", 6), ("last", 3)]);
    let QuestionKind::Number(number) = &form.questions[10].kind else { panic!("questions[10] is a number question") };
    assert_eq!(number.max, Num::parse("1000.5"));
    assert_eq!(form.hidden[1].url_param.as_deref(), Some("order_id"));
    assert_eq!(form.thank_you.len(), 2);
}

#[test]
fn validates_the_new_question_types() {
    let form = every_type();
    let q = |id: &str| form.question(id).unwrap();
    let today = parse_date("2026-11-23");
    use AnswerError::*;
    let rows = |pairs: &[(&str, &str)]| Some(Answer::Rows(pairs.iter().map(|(r, c)| (*r, c.to_string())).collect()));
    let cases: Vec<(&str, Option<Answer>, Result<(), AnswerError>)> = vec![
        ("city", t("thr"), Ok(())),
        ("city", t("shz"), Err(UnknownChoice)),
        ("again", Some(Answer::Bool(false)), Ok(())),
        ("again", t("no"), Err(WrongType)),
        ("channel", t("other"), Ok(())),
        ("why", t("abcd"), Err(TooShort { min: 5 })),
        ("why", t("abcde"), Ok(())),
        ("phone", t("+98 912 123 4567"), Ok(())),
        ("phone", t("call me"), Err(InvalidPhone)),
        ("spent", Some(Answer::Decimal("12.25".into())), Ok(())),
        ("spent", Some(Answer::Decimal("12.255".into())), Err(InvalidNumber { decimals: 2 })),
        ("spent", Some(Answer::Decimal("1000.51".into())), Err(NumberOutOfRange { min: Num::parse("0"), max: Num::parse("1000.5") })),
        ("spent", t("lots"), Err(InvalidNumber { decimals: 2 })),
        ("visits", n(3), Ok(())),
        ("visits", Some(Answer::Decimal("3.5".into())), Err(InvalidNumber { decimals: 0 })),
        ("visits", n(100), Err(NumberOutOfRange { min: Num::parse("1"), max: Num::parse("99") })),
        ("visited", t("2026-11-23"), Ok(())),
        ("visited", t("2026-11-24"), Err(DateOutOfRange { earliest: parse_date("2020-01-01"), latest: today })),
        ("visited", t("2026-02-30"), Err(InvalidDate)),
        ("consent", t("I agree that my answers may be stored."), Ok(())),
        ("consent", t("I agree to anything"), Err(WrongType)),
        ("consent", None, Err(Required)),
        ("service", rows(&[("speed", "good"), ("care", "ok")]), Ok(())),
        ("service", rows(&[("speed", "good")]), Err(RowsMissing)),
        ("service", rows(&[("speed", "great"), ("care", "ok")]), Err(UnknownChoice)),
    ];
    for (id, answer, expected) in cases {
        assert_eq!(validate_on(q(id), answer.as_ref(), today), expected, "{id} = {answer:?}");
    }
}

#[test]
fn typed_input_is_tidied_before_it_is_kept() {
    let form = every_type();
    let mut s = Session::new(&form, Pairs::new());
    let q = |id: &str| form.question(id).unwrap();
    s.set_answer(q("spent"), t(" ۱۲٫۵ "));
    assert_eq!(s.answer("spent"), Some(&Answer::Decimal("12.5".into())), "Persian digits and decimal separator");
    s.set_answer(q("visits"), t("7"));
    assert_eq!(s.answer("visits"), Some(&Answer::Number(7)));
    s.set_answer(q("visits"), t("7x"));
    assert_eq!(s.answer("visits"), Some(&Answer::Text("7x".into())), "kept as typed, so the error can say so");
    s.set_answer(q("phone"), t(" ۰۹۱۲ ۱۲۳ ۴۵۶۷\u{7} "));
    assert_eq!(s.answer("phone"), Some(&Answer::Text("0912 123 4567".into())));
    s.set_answer(q("consent"), Some(Answer::Bool(false)));
    assert_eq!(s.answer("consent"), None, "an unticked consent is no answer");
}

#[test]
fn phone_numbers() {
    for good in ["+1 555 010 0199", "09121234567", "(021) 8888-1234", "+98.912.123.4567"] {
        assert!(is_phone(good), "{good}");
    }
    for bad in ["", "123456", "+1 555 010 0199 0000 1", "555-CALL-NOW", "++1 5550100199", "1 2 3 4 5 6 + 7"] {
        assert!(!is_phone(bad), "{bad}");
    }
}

#[test]
fn other_needs_its_text_and_sends_it_beside_the_choice() {
    let form = every_type();
    let mut s = Session::new(&form, Pairs::new());
    s.set_answer(form.question("recommend").unwrap(), n(8));
    assert_eq!(s.advance(&form), Ok(false));
    let channel = form.question("channel").unwrap();
    s.set_answer(channel, t("other"));
    assert_eq!(s.advance(&form), Err(vec![("channel".into(), AnswerError::OtherMissing)]));
    s.set_other(channel, "A friend's shop");
    assert_eq!(s.advance(&form), Ok(false));
    let answers = s.final_answers(&form);
    assert_eq!(answers.get("channel.other"), Some(&Answer::Text("A friend's shop".into())));
    s.back();
    s.set_answer(channel, t("web"));
    assert_eq!(s.final_answers(&form).get("channel.other"), None, "not sent once Other is no longer picked");
}

#[test]
fn a_detractor_is_asked_what_went_wrong_and_a_promoter_jumps_to_praise() {
    let form = logic();
    let q = |id: &str| form.question(id).unwrap();

    let mut promoter = Session::new(&form, Pairs::new());
    promoter.set_answer(q("recommend"), n(10));
    let shown: Vec<&str> = promoter.visible(&form, 0).iter().map(|q| q.id.as_str()).collect();
    assert_eq!(shown, ["recommend"]);
    assert_eq!(promoter.progress(&form), (1, 2), "score, then praise");
    assert_eq!(promoter.advance(&form), Ok(false));
    assert_eq!(form.pages[promoter.page()].id, "praise");
    assert_eq!(promoter.advance(&form), Ok(true));

    let mut detractor = Session::new(&form, Pairs::new());
    detractor.set_answer(q("recommend"), n(4));
    let shown: Vec<&str> = detractor.visible(&form, 0).iter().map(|q| q.id.as_str()).collect();
    assert_eq!(shown, ["recommend", "wrong"]);
    detractor.set_answer(q("wrong"), t("Late delivery"));
    assert_eq!(detractor.advance(&form), Ok(false));
    assert_eq!(form.pages[detractor.page()].id, "improve");
    detractor.set_answer(q("fix"), t("speed"));
    assert_eq!(detractor.advance(&form), Ok(false));
    assert_eq!(form.pages[detractor.page()].id, "praise", "the pro page is skipped without plan=pro");

    // Going back and becoming a promoter: the answer to the detractor's question stays
    // in the draft but is no longer sent, and the pages visited on the old way are gone.
    detractor.back();
    detractor.back();
    detractor.set_answer(q("recommend"), n(9));
    assert_eq!(detractor.advance(&form), Ok(false));
    assert_eq!(detractor.path(), [0, 3]);
    let sent = detractor.final_answers(&form);
    assert_eq!(sent.keys().collect::<Vec<_>>(), ["recommend"]);
    assert_eq!(detractor.answer("wrong"), Some(&Answer::Text("Late delivery".into())));
}

#[test]
fn hidden_fields_steer_pages_and_a_jump_can_end_the_form() {
    let form = logic();
    let q = |id: &str| form.question(id).unwrap();
    let mut s = Session::new(&form, Pairs::from([("plan", "pro".to_string())]));
    s.set_answer(q("recommend"), n(2));
    assert_eq!(s.advance(&form), Ok(false));
    s.set_answer(q("fix"), t("speed"));
    assert_eq!(s.advance(&form), Ok(false));
    assert_eq!(form.pages[s.page()].id, "pro");
    assert!(s.is_last(&form), "recommend < 3 jumps to the end");
    assert_eq!(s.progress(&form), (3, 3));
    assert_eq!(s.advance(&form), Ok(true));
}

#[test]
fn the_response_carries_declared_hidden_fields_and_answers_in_form_order() {
    let form = every_type();
    let hidden = Pairs::from([("order", "A-17".to_string()), ("name", "Sara".to_string()), ("tracking", "x".to_string())]);
    let mut s = Session::new(&form, hidden.clone());
    s.set_answer(form.question("csat").unwrap(), n(4));
    s.set_answer(form.question("recommend").unwrap(), n(10));
    let meta = Meta { started_at: "a".into(), submitted_at: "b".into(), locale: "en".into(), page_url: "https://x/".into() };
    let r = Response::new("id".into(), &form, s.final_answers(&form), meta).with_hidden(&form, s.hidden());
    let json = r.to_json();
    assert!(json.contains(r#""answers":{"recommend":10,"csat":4},"hidden":{"name":"Sara","order":"A-17"}"#), "{json}");
    assert_eq!(s.ending(&form).map(|t| t.title.get("en", "en")), Some("Thank you, {name}! We are glad you like us."));
    assert_eq!(s.pipe_value(&form, "en", "name").as_deref(), Some("Sara"));
    assert_eq!(s.pipe_value(&form, "en", "recommend").as_deref(), Some("10"));
    assert_eq!(s.pipe_value(&form, "en", "nobody"), None);
}

#[test]
fn logic_errors_name_their_path() {
    let doc = |pages: &str| format!(r#"{{"seda":1,"id":"f","version":1,"kind":"survey","hidden":["plan"],"pages":{pages}}}"#);
    let nps = r#"{"id":"r","type":"nps","title":"R"}"#;
    let cases: Vec<(String, &str, &str)> = vec![
        (doc(&format!(r#"[{{"id":"a","questions":[{nps}],"jump":[{{"if":{{"question":"r","answered":true}},"to":"nowhere"}}]}}]"#)),
            "pages[0].jump[0].to", "no page \"nowhere\""),
        (doc(&format!(r#"[{{"id":"a","questions":[{nps}]}},{{"id":"b","questions":[{{"id":"t","type":"text","title":"T"}}],"jump":[{{"if":{{"question":"r","answered":true}},"to":"a"}}]}}]"#)),
            "pages[1].jump[0].to", "a jump goes forward"),
        (doc(&format!(r#"[{{"id":"a","questions":[{{"id":"t","type":"text","title":"T","show_if":{{"question":"r","answered":true}}}},{nps}]}}]"#)),
            "pages[0].questions[0].show_if", "not asked before this point"),
        (doc(&format!(r#"[{{"id":"a","questions":[{nps},{{"id":"t","type":"text","title":"T","show_if":{{"question":"r","equals":"yes"}}}}]}}]"#)),
            "pages[0].questions[1].show_if", "its answers are never a string"),
        (doc(&format!(r#"[{{"id":"a","questions":[{{"id":"c","type":"text","title":"C"}},{{"id":"t","type":"text","title":"T","show_if":{{"question":"c","less_than":3}}}}]}}]"#)),
            "pages[0].questions[1].show_if", "less_than compares numbers"),
        (doc(&format!(r#"[{{"id":"a","questions":[{nps},{{"id":"t","type":"text","title":"T","show_if":{{"hidden":"tier","equals":"pro"}}}}]}}]"#)),
            "pages[0].questions[1].show_if", "no hidden field \"tier\""),
        (doc(&format!(r#"[{{"id":"a","questions":[{nps},{{"id":"t","type":"text","title":"T","show_if":{{"question":"r","bigger":3}}}}]}}]"#)),
            "pages[0].questions[1].show_if.bigger", "unknown test `bigger`"),
        (doc(r#"[{"id":"a","questions":[{"id":"c","type":"choice","title":"C","other":true,"choices":[{"id":"other","label":"O"}]}]}]"#.into()),
            "pages[0].questions[0].choices", "the \"Other\" option's"),
        (doc(r#"[{"id":"a","questions":[{"id":"s","type":"rating","display":"smileys","title":"S","scale":{"min":1,"max":4}}]}]"#.into()),
            "pages[0].questions[0].scale", "smileys need a scale of 3 or 5 points"),
        (doc(r#"[{"id":"a","questions":[{"id":"n","type":"number","title":"N","min":5,"max":1.5}]}]"#.into()),
            "pages[0].questions[0].max", "more decimal places than decimals"),
        (doc(r#"[{"id":"a","questions":[{"id":"d","type":"date","title":"D","earliest":"2026-13-01"}]}]"#.into()),
            "pages[0].questions[0].earliest", "not a date"),
        (doc(r#"[{"id":"a","questions":[{"id":"m","type":"matrix","title":"M","rows":[{"id":"x","label":"X"}]}]}]"#.into()),
            "pages[0].questions[0].columns", "needs at least one column"),
        (doc(r#"[{"id":"a","questions":[]}]"#.into()), "pages[0].questions", "at least one question"),
        (doc(r#"[{"id":"a","questions":[{"id":"s","type":"statement","title":"S","required":true}]}]"#.into()),
            "pages[0].questions[0].required", "not used by a statement question"),
    ];
    for (json, path, fragment) in cases {
        let errors = definition::parse(&json).expect_err(&json).0;
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains(fragment)),
            "{json}\nexpected {path}: …{fragment}…\ngot {errors:?}"
        );
    }
    let both = r#"{"seda":1,"id":"f","version":1,"kind":"survey","questions":[],"pages":[]}"#;
    assert!(definition::parse(both).unwrap_err().to_string().contains("not both"));
}

#[test]
fn numbers_are_exact_decimals() {
    let cases = [("0", Some("0")), ("-12", Some("-12")), ("3.250", Some("3.25")), ("1e3", Some("1000")), ("2.5E-1", Some("0.25")),
        ("0.1234567", None), ("1e-7", None), ("1e30", None), ("abc", None), ("", None), ("1.2.3", None), ("٤٫٥", Some("4.5"))];
    for (text, expected) in cases {
        assert_eq!(Num::parse(text).map(Num::to_text).as_deref(), expected, "{text}");
    }
    assert_eq!(Num::parse("0.1").map(|a| a.0 + Num::parse("0.2").unwrap().0), Num::parse("0.3").map(|n| n.0));
    assert!(definition::parse(include_str!("fixtures/forms/every-type.json")).unwrap().questions.iter().any(|q| q.question_type() == QuestionType::Matrix));
}

#[test]
fn five_needs_asks_what_to_improve_only_after_a_low_score_and_thanks_by_name() {
    let form = definition::parse(seda_core::templates::get("five-needs").unwrap()).unwrap();
    let q = |id: &str| form.question(id).unwrap();
    let rate = |s: &mut Session, scores: [i64; 4]| {
        for (id, v) in ["service", "price", "quality", "appreciation"].into_iter().zip(scores) {
            s.set_answer(q(id), n(v));
        }
    };
    let mut happy = Session::new(&form, Pairs::from([("name", "Sara".to_string())]));
    rate(&mut happy, [5, 4, 5, 5]);
    assert!(happy.is_last(&form), "nothing to improve: the first page is the last");
    assert_eq!(happy.advance(&form), Ok(true));
    assert_eq!(happy.ending(&form).map(|t| t.title.get("fa", "en")), Some("سپاسگزاریم، {name}!"));

    let mut unhappy = Session::new(&form, Pairs::new());
    rate(&mut unhappy, [5, 2, 5, 5]);
    assert_eq!(unhappy.advance(&form), Ok(false));
    assert_eq!(form.pages[unhappy.page()].id, "improve");
    assert_eq!(unhappy.ending(&form).map(|t| t.title.get("en", "en")), Some("Thank you!"), "no name, so the thanks without one");
}

#[test]
fn numbers_read_and_print_exactly_without_128_bit_division() {
    // (input, parsed millionths, text, decimals, whole units)
    let cases: [(&str, Option<i128>, &str, u32, i128); 7] = [
        ("-12", Some(-12_000_000), "-12", 0, -12),
        ("3.25", Some(3_250_000), "3.25", 2, 3),
        ("-0.000001", Some(-1), "-0.000001", 6, 0),
        ("1e3", Some(1_000_000_000), "1000", 0, 1000),
        ("1500e-3", Some(1_500_000), "1.5", 1, 1),
        ("-999999999999999999.999999", Some(-999_999_999_999_999_999_999_999), "-999999999999999999.999999", 6, -999_999_999_999_999_999),
        ("1000000000000000000", Some(1_000_000_000_000_000_000_000_000), "1000000000000000000", 0, 1_000_000_000_000_000_000),
    ];
    for (input, millionths, text, decimals, units) in cases {
        let n = Num::parse(input).unwrap_or_else(|| panic!("{input}"));
        assert_eq!(Some(n.0), millionths, "{input}");
        assert_eq!((n.to_text().as_str(), n.decimals(), n.units()), (text, decimals, units), "{input}");
    }
    assert_eq!(Num::parse("0.0000001"), None, "a seventh decimal");
    assert_eq!(Num::parse("123456789012345678901234567890123456789e-30"), None, "too many digits");
    assert_eq!(Num::parse("10000000000000000000"), None, "over 10^18");
}
