//! Complaints: the reference code, the complaint template, attachments and datetime
//! answers, the acknowledgement and offer settings, and the payload with files.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{HashMap, HashSet};

use seda_core::definition;
use seda_core::answer::{Answer, File};
use seda_core::attachments::accepts;
use seda_core::base64::{base64, unbase64};
use seda_core::complaint::{carried, reference_code, ALPHABET, REFERENCE_LEN};
use seda_core::offer::offer_from_attribute;
use seda_core::endpoint::{encode, form_fields, multipart, Format};
use seda_core::form::{Form, FormKind};
use seda_core::question::QuestionType;
use seda_core::id::uuid_v4;
use seda_core::pairs::Pairs;
use seda_core::response::{Meta, Response, MAX_RESPONSE_BYTES};
use seda_core::session::Session;
use seda_core::templates;
use seda_core::time::days_from_civil;
use seda_core::validate::{validate, validate_on, AnswerError};

fn meta() -> Meta {
    Meta {
        started_at: "2026-11-23T10:00:00.000Z".into(),
        submitted_at: "2026-11-23T10:00:30.000Z".into(),
        locale: "fa".into(),
        page_url: "https://shop.example/help".into(),
    }
}

fn complaint() -> Form {
    definition::parse(templates::get("complaint").unwrap()).unwrap()
}

/// A pseudo-random id per n (a UUID v4 from xorshifted bytes).
fn id(n: u64) -> String {
    let mut x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    uuid_v4(bytes)
}

fn file(name: &str, mime: &str, size: u64) -> File {
    File { name: name.into(), mime: mime.into(), size, data: base64(&vec![7u8; size as usize]) }
}

// ---- the reference code ----

#[test]
fn a_reference_is_eight_symbols_in_two_groups_without_look_alikes() {
    assert_eq!(ALPHABET.len(), 32);
    for forbidden in [b'0', b'O', b'1', b'I'] {
        assert!(!ALPHABET.contains(&forbidden), "{} in the alphabet", forbidden as char);
    }
    assert_eq!(ALPHABET.iter().collect::<HashSet<_>>().len(), 32, "no symbol twice");
    for n in 0..2000 {
        let code = reference_code(&id(n));
        assert_eq!(code.len(), REFERENCE_LEN + 1, "{code}");
        assert_eq!(&code[4..5], "-", "{code}");
        assert!(code.bytes().enumerate().all(|(i, c)| i == 4 || ALPHABET.contains(&c)), "{code}");
    }
}

#[test]
fn a_reference_is_derived_from_the_id_alone() {
    let a = "3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41";
    assert_eq!(reference_code(a), reference_code(&a.to_owned()));
    assert_eq!(reference_code(a), reference_code(a));
    // A known value, so the endpoint can compute the same code from `id`.
    assert_eq!(reference_code(a), reference_code("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41"));
    assert_ne!(reference_code(a), reference_code("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a42"), "one character apart");
}

#[test]
fn references_spread_over_the_alphabet_and_rarely_collide() {
    let n = 20_000;
    let codes: Vec<String> = (0..n).map(|i| reference_code(&id(i))).collect();
    let distinct: HashSet<&String> = codes.iter().collect();
    // 40 bits: among 20 000 codes a collision has a chance of about 0.02 %.
    assert_eq!(distinct.len(), n as usize, "no two of {n} ids share a code");
    // Every position uses every symbol about equally (expected n/32 = 625 each).
    for pos in (0..9).filter(|p| *p != 4) {
        let mut counts: HashMap<u8, usize> = HashMap::new();
        for c in &codes {
            *counts.entry(c.as_bytes()[pos]).or_default() += 1;
        }
        assert_eq!(counts.len(), 32, "position {pos} uses every symbol");
        let (min, max) = (counts.values().min().unwrap(), counts.values().max().unwrap());
        assert!(*min > 500 && *max < 750, "position {pos}: counts {min}..{max}");
    }
}

// ---- the template ----

#[test]
fn the_complaint_template_asks_everything_in_english_and_persian() {
    let form = complaint();
    assert_eq!(form.kind, FormKind::Complaint);
    let q = |id: &str| form.question(id).unwrap_or_else(|| panic!("no question {id}"));
    let ids = |id: &str| q(id).choices().iter().map(|c| c.id.as_str()).collect::<Vec<_>>();
    assert_eq!(ids("category"), ["service", "price", "quality", "speed", "courtesy", "safety", "accessibility", "other_topic"]);
    assert_eq!(q("urgent").question_type(), QuestionType::YesNo);
    assert!(q("description").multiline() && q("description").required);
    assert!(q("description").description.as_ref().unwrap().get("en", "en").contains("card numbers"));
    assert_eq!(q("happened_at").question_type(), QuestionType::Datetime);
    assert_eq!((q("location").question_type(), q("location").other().is_some()), (QuestionType::Dropdown, true));
    assert_eq!(q("order_number").prefill(), Some("order"));
    assert_eq!(ids("remedy"), ["refund", "replacement", "repair", "apology", "call_back"]);
    assert!(q("remedy").other().is_some());
    assert_eq!(q("photos").question_type(), QuestionType::Attachments);
    for id in ["email", "phone"] {
        assert!(q(id).required_if.is_some() && !q(id).required, "{id} is required only as the way to be contacted");
    }
    for id in ["name", "email", "phone", "contact_time", "anonymous_note"] {
        assert!(q(id).show_if.is_some(), "{id} depends on the way to be contacted");
    }
    assert!(ids("contact_way").contains(&"anonymous"));
    assert_eq!((q("consent").question_type(), q("consent").required), (QuestionType::Consent, true));
    assert_eq!((q("marketing").question_type(), q("marketing").required), (QuestionType::Consent, false));
    let ack = form.acknowledgement.as_ref().unwrap();
    for t in [&ack.response_time, &ack.next_steps] {
        let t = t.as_ref().unwrap();
        assert!(t.has("en") && t.has("fa"));
    }
    for q in &form.questions {
        assert!(q.title.has("fa"), "{}: no Persian title", q.id);
    }
    for h in ["order", "score", "page", "survey", "survey_response"] {
        assert!(form.hidden_field(h).is_some(), "hidden {h}");
    }
}

#[test]
fn the_order_number_starts_from_the_hidden_field_and_the_time_from_now() {
    let form = complaint();
    let mut s = Session::new(&form, Pairs::from([("order".to_string(), "A-1042".to_string())]));
    s.set_now(&form, "2026-11-23T14:05");
    assert_eq!(s.answer("order_number"), Some(&Answer::Text("A-1042".into())));
    assert_eq!(s.answer("happened_at"), Some(&Answer::Text("2026-11-23T14:05".into())));
    // A visitor's own answer is not overwritten by "now" again.
    let q = form.question("happened_at").unwrap().clone();
    s.set_answer(&q, Some(Answer::Text("2026-11-20T09:30".into())));
    s.set_now(&form, "2026-11-23T14:06");
    assert_eq!(s.answer("happened_at"), Some(&Answer::Text("2026-11-20T09:30".into())));
    // Without the hidden field, no answer.
    let s = Session::new(&form, Pairs::new());
    assert_eq!(s.answer("order_number"), None);
}

#[test]
fn a_simple_anonymous_complaint_goes_through_in_four_steps() {
    let form = complaint();
    let mut s = Session::new(&form, Pairs::new());
    s.set_now(&form, "2026-11-23T14:05");
    let set = |s: &mut Session, id: &str, a: Answer| s.set_answer(&form.question(id).unwrap().clone(), Some(a));
    assert_eq!(s.advance(&form).unwrap_err().iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["category", "description"]);
    set(&mut s, "category", Answer::Text("speed".into()));
    set(&mut s, "description", Answer::Text("Waited 40 minutes".into()));
    assert_eq!(s.advance(&form), Ok(false));
    set(&mut s, "location", Answer::Text("store".into()));
    assert_eq!(s.advance(&form), Ok(false));
    set(&mut s, "remedy", Answer::Text("apology".into()));
    assert_eq!(s.advance(&form), Ok(false));
    set(&mut s, "contact_way", Answer::Text("anonymous".into()));
    let shown: Vec<&str> = s.visible(&form, s.page()).iter().map(|q| q.id.as_str()).collect();
    assert_eq!(shown, ["contact_way", "anonymous_note", "consent", "marketing"]);
    assert_eq!(s.advance(&form).unwrap_err(), [("consent".to_string(), AnswerError::Required)]);
    let consent = form.question("consent").unwrap();
    set(&mut s, "consent", Answer::Text(consent.title.get("fa", "en").into()));
    assert_eq!(s.advance(&form), Ok(true));
    let answers = s.final_answers(&form);
    assert_eq!(answers.get("happened_at"), Some(&Answer::Text("2026-11-23T14:05".into())));
    assert!(answers.get("email").is_none());
}

#[test]
fn by_email_the_address_is_required() {
    let form = complaint();
    let answers = Pairs::from([("contact_way".to_string(), Answer::Text("email".into()))]);
    let s = Session::resume(&form, vec![0, 1, 2, 3], answers, Pairs::new());
    let shown: Vec<&str> = s.visible(&form, 3).iter().map(|q| q.id.as_str()).collect();
    assert_eq!(shown, ["contact_way", "name", "email", "phone", "contact_time", "consent", "marketing"]);
    let errors = |s: &Session| s.page_errors(&form).into_iter().filter(|(id, _)| id != "consent").collect::<Vec<_>>();
    assert_eq!(errors(&s), [("email".to_string(), AnswerError::Required)], "by email: the address is required, the phone is not");
    let mut s = s;
    s.set_answer(form.question("contact_way").unwrap(), Some(Answer::Text("phone".into())));
    assert_eq!(errors(&s), [("phone".to_string(), AnswerError::Required)], "by phone: the number");
    s.set_answer(form.question("phone").unwrap(), Some(Answer::Text("۰۹۱۲ ۱۲۳ ۴۵۶۷".into())));
    s.set_answer(form.question("email").unwrap(), Some(Answer::Text("sara@example.com".into())));
    assert_eq!(errors(&s), [], "and an email too, if they like");
    assert_eq!(s.answer("phone"), Some(&Answer::Text("0912 123 4567".into())));
}

// ---- answers ----

#[test]
fn attachments_are_capped_by_count_bytes_and_type() {
    let q = &definition::parse(
        r#"{"seda":1,"id":"c","version":1,"kind":"complaint","questions":[
          {"id":"photos","type":"attachments","required":true,"max_files":2,"max_bytes":1000,"title":"Photos"}]}"#,
    )
    .unwrap()
    .questions[0];
    let files = |list: Vec<File>| Some(Answer::Files(list));
    assert_eq!(validate(q, None), Err(AnswerError::Required));
    assert_eq!(validate(q, files(vec![file("a.jpg", "image/jpeg", 400)]).as_ref()), Ok(()));
    assert_eq!(validate(q, files(vec![file("a.jpg", "image/jpeg", 500), file("b.pdf", "application/pdf", 500)]).as_ref()), Ok(()));
    assert_eq!(
        validate(q, files(vec![file("a", "image/jpeg", 1), file("b", "image/jpeg", 1), file("c", "image/jpeg", 1)]).as_ref()),
        Err(AnswerError::TooManyFiles { max: 2 })
    );
    assert_eq!(
        validate(q, files(vec![file("a", "image/jpeg", 600), file("b", "image/png", 401)]).as_ref()),
        Err(AnswerError::FilesTooLarge { max: 1000 })
    );
    assert_eq!(validate(q, files(vec![file("run.exe", "application/x-msdownload", 10)]).as_ref()), Err(AnswerError::FileType));
    assert_eq!(validate(q, Some(&Answer::Text("photo".into()))), Err(AnswerError::WrongType));
}

#[test]
fn accepted_types() {
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases = [
        (list(&[]), "image/jpeg", true),
        (list(&[]), "application/pdf", true),
        (list(&[]), "text/html", false),
        (list(&["image/*"]), "IMAGE/PNG", true),
        (list(&["image/*"]), "image", false),
        (list(&["application/pdf"]), "application/pdf", true),
        (list(&["application/pdf"]), "image/jpeg", false),
    ];
    for (accept, mime, expected) in cases {
        assert_eq!(accepts(&accept, mime), expected, "{accept:?} {mime}");
    }
}

#[test]
fn a_datetime_is_a_local_date_and_time_not_in_the_future() {
    let q = &complaint().questions.iter().find(|q| q.question_type() == QuestionType::Datetime).unwrap().clone();
    let today = days_from_civil(2026, 11, 23);
    let check = |s: &str| validate_on(q, Some(&Answer::Text(s.into())), Some(today));
    assert_eq!(check("2026-11-23T14:05"), Ok(()));
    assert_eq!(check("2026-11-01T00:00:30"), Ok(()));
    for bad in ["2026-11-23", "2026-11-23T25:00", "2026-02-30T10:00", "2026-11-23 14:05", "yesterday", "2026-11-23T14:5"] {
        assert_eq!(check(bad), Err(AnswerError::InvalidDate), "{bad}");
    }
    assert_eq!(check("2026-12-25T10:00"), Err(AnswerError::DateOutOfRange { earliest: None, latest: Some(today) }));
}

// ---- the form's settings and their checks ----

fn errors(json: &str) -> Vec<String> {
    definition::parse(json).err().map(|e| e.0.iter().map(ToString::to_string).collect()).unwrap_or_default()
}

#[test]
fn the_check_names_the_path_of_each_wrong_complaint_setting() {
    let cases = [
        (
            r#""kind":"complaint","questions":[{"id":"p","type":"attachments","title":"P","max_files":11,"max_bytes":0,"accept":["images","image/*"]}]"#,
            vec![
                "questions[0].max_files: must be 1 to 10",
                "questions[0].max_bytes: must be 1 to 10485760 (10 MiB)",
                "questions[0].accept[0]: \"images\" is not a MIME type such as \"image/*\" or \"application/pdf\"",
            ],
        ),
        (
            r#""kind":"complaint","questions":[{"id":"t","type":"text","title":"T","prefill":"order","max_files":2}]"#,
            vec!["questions[0].max_files: not used by a text question", "questions[0].prefill: no hidden field \"order\" (declare it in \"hidden\")"],
        ),
        (
            r#""kind":"survey","questions":[{"id":"t","type":"text","title":"T"}],"acknowledgement":{"response_time":""}"#,
            vec![
                "acknowledgement: only a complaint form (\"kind\": \"complaint\") has an acknowledgement",
                "acknowledgement.response_time: must not be empty",
            ],
        ),
        (
            r#""kind":"survey","questions":[{"id":"t","type":"text","title":"T"}],"offer_complaint":{"form":"template:nope"}"#,
            vec![
                "offer_complaint.form: data-form=\"template:nope\": no such template; the templates are nps, csat, ces, five-needs, complaint, complaint-csat, mystery-shop, complaint-status",
                "offer_complaint: the form has no nps question and no 1-5 or 1-7 rating to offer it after: give an \"if\" condition",
            ],
        ),
        (
            r#""kind":"complaint","questions":[{"id":"t","type":"nps","title":"T"}],"offer_complaint":{"form":"template:complaint","if":{"question":"x","answered":true}}"#,
            vec!["offer_complaint: a complaint form cannot offer a complaint form", "offer_complaint.if: no question \"x\""],
        ),
        (
            r#""kind":"complaint","questions":[{"id":"t","type":"datetime","title":"T","earliest":"today"}]"#,
            vec!["questions[0].earliest: not used by a datetime question"],
        ),
        (
            r#""kind":"complaint","questions":[{"id":"t","type":"email","title":"T","required":true,"required_if":{"question":"u","answered":true}},{"id":"u","type":"text","title":"U"}]"#,
            vec![
                "questions[0].required_if: question \"u\" is not asked before this point; a condition looks at earlier answers",
                "questions[0].required_if: give either \"required\": true or \"required_if\", not both",
            ],
        ),
        (r#""kind":"complaint","questions":[{"id":"t","type":"attachments","title":"T","accept":"image/*"}]"#, vec!["questions[0].accept: expected a list, found a string"]),
        (r#""kind":"complaint","questions":[{"id":"t","type":"text","title":"T"}],"acknowledgement":{"promise":"x"}"#, vec!["acknowledgement.promise: unknown field `promise`; the fields here are title, response_time, guarantee, next_steps"]),
    ];
    for (body, expected) in cases {
        let json = format!(r#"{{"seda":1,"id":"f","version":1,{body}}}"#);
        assert_eq!(errors(&json), expected, "{body}");
    }
}

#[test]
fn the_offer_follows_the_low_score_rule_or_the_forms_own_condition() {
    let survey = |questions: &str, offer: &str| {
        definition::parse(&format!(r#"{{"seda":1,"id":"s","version":1,"kind":"survey","questions":[{questions}],"offer_complaint":{offer}}}"#))
            .unwrap()
    };
    let offered = |form: &Form, score: i64| {
        let mut s = Session::new(form, Pairs::new());
        s.set_answer(&form.questions[0], Some(Answer::Number(score)));
        s.complaint_offer(form)
    };
    let plain = r#"{"form":"template:complaint"}"#;
    let nps = survey(r#"{"id":"r","type":"nps","title":"R"}"#, plain);
    assert_eq!((0..=10).filter(|n| offered(&nps, *n).is_some()).collect::<Vec<_>>(), (0..=6).collect::<Vec<_>>());
    assert_eq!(offered(&nps, 4), Some(Some(4)));
    let csat = survey(r#"{"id":"c","type":"rating","scale":{"min":1,"max":5},"title":"C"}"#, plain);
    assert_eq!((1..=5).filter(|n| offered(&csat, *n).is_some()).collect::<Vec<_>>(), [1, 2]);
    let ces = survey(r#"{"id":"e","type":"rating","scale":{"min":1,"max":7},"title":"E"}"#, plain);
    assert_eq!((1..=7).filter(|n| offered(&ces, *n).is_some()).collect::<Vec<_>>(), [1, 2, 3]);
    let own = survey(r#"{"id":"c","type":"rating","scale":{"min":1,"max":5},"title":"C"}"#, r#"{"form":"complaint-form","if":{"question":"c","at_most":3}}"#);
    assert_eq!((1..=5).filter(|n| offered(&own, *n).is_some()).collect::<Vec<_>>(), [1, 2, 3]);
    let unanswered = Session::new(&nps, Pairs::new());
    assert_eq!(unanswered.complaint_offer(&nps), None);
    let without = definition::parse(templates::get("nps").unwrap()).unwrap();
    assert_eq!(offered(&without, 0), None, "no offer unless the form asks for one");
    let hidden = carried(Some(4), "https://shop.example/checkout", "nps", "3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41");
    assert_eq!(hidden.get("score").map(String::as_str), Some("4"));
    assert_eq!(hidden.get("page").map(String::as_str), Some("https://shop.example/checkout"));
    assert_eq!(hidden.get("survey").map(String::as_str), Some("nps"));
    assert_eq!(hidden.get("survey_response").map(String::as_str), Some("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41"));
}

#[test]
fn a_tag_can_turn_the_offer_on_for_any_survey_even_a_template() {
    let mut nps = definition::parse(templates::get("nps").unwrap()).unwrap();
    assert_eq!(offer_from_attribute(&mut nps, " template:complaint "), Ok(()));
    assert_eq!(nps.offer_complaint.as_ref().map(|o| o.form.as_str()), Some("template:complaint"));
    let mut s = Session::new(&nps, Pairs::new());
    s.set_answer(&nps.questions[0], Some(Answer::Number(5)));
    assert_eq!(s.complaint_offer(&nps), Some(Some(5)));
    let mut five = definition::parse(templates::get("five-needs").unwrap()).unwrap();
    assert_eq!(offer_from_attribute(&mut five, "complaint-form"), Ok(()), "a 1-5 rating: CSAT's rule");
    let cases = [
        ("complaint", "template:nope", "data-offer-complaint=\"template:nope\": data-form=\"template:nope\": no such template; the templates are nps, csat, ces, five-needs, complaint, complaint-csat, mystery-shop, complaint-status"),
        ("complaint", "template:complaint", "data-offer-complaint=\"template:complaint\": a complaint form cannot offer a complaint form"),
    ];
    for (template, value, problem) in cases {
        let mut f = definition::parse(templates::get(template).unwrap()).unwrap();
        assert_eq!(offer_from_attribute(&mut f, value).map_err(|e| e.to_string()), Err(problem.to_owned()), "{value}");
    }
    let mut text_only = definition::parse(r#"{"seda":1,"id":"t","version":1,"kind":"survey","questions":[{"id":"t","type":"text","title":"T"}]}"#).unwrap();
    assert_eq!(
        offer_from_attribute(&mut text_only, "template:complaint").map_err(|e| e.to_string()),
        Err("data-offer-complaint=\"template:complaint\": the form has no nps question and no 1-5 or 1-7 rating to offer it after".to_owned())
    );
}

// ---- the payload ----

fn filed(photos: Vec<File>) -> Response {
    let form = complaint();
    let consent = form.question("consent").unwrap().title.get("fa", "en").to_owned();
    let answers = Pairs::from([
        ("category".to_string(), Answer::Text("quality".into())),
        ("description".to_string(), Answer::Text("شیر ترش بود".into())),
        ("photos".to_string(), Answer::Files(photos)),
        ("consent".to_string(), Answer::Text(consent)),
    ]);
    Response::new(id(42), &form, answers, meta())
}

#[test]
fn the_payload_carries_the_reference_consent_text_and_files_as_base64() {
    let r = filed(vec![File { name: "milk.jpg".into(), mime: "image/jpeg".into(), size: 3, data: base64(&[0xff, 0xd8, 0xff]) }]);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["kind"], "complaint");
    assert_eq!(json["reference"], reference_code(&id(42)));
    assert_eq!(json["answers"]["photos"], serde_json::json!([{ "name": "milk.jpg", "type": "image/jpeg", "size": 3, "data": "/9j/" }]));
    assert_eq!(json["answers"]["consent"], "موافقم که شکایتم و جزئیاتی که دادم برای رسیدگی به آن ذخیره و استفاده شود.");
    let survey = Response::new(id(1), &definition::parse(templates::get("nps").unwrap()).unwrap(), Pairs::new(), meta());
    assert!(!survey.to_json().contains("reference"), "only complaints have a reference");
    let fields = form_fields(&r);
    let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    assert_eq!(get("reference"), Some(reference_code(&id(42)).as_str()));
    assert_eq!((get("answers.photos.0.name"), get("answers.photos.0.type"), get("answers.photos.0.size"), get("answers.photos.0.data")),
        (Some("milk.jpg"), Some("image/jpeg"), Some("3"), Some("/9j/")));
}

#[test]
fn files_have_their_own_cap_beside_the_64_kib_of_answers() {
    let big = filed(vec![file("a.jpg", "image/jpeg", 2 * 1024 * 1024), file("b.jpg", "image/jpeg", 3 * 1024 * 1024)]);
    assert!(big.to_json().len() > MAX_RESPONSE_BYTES);
    assert!(big.fits(), "5 MiB of photos fit");
    let too_big = filed(vec![file("a.jpg", "image/jpeg", 6 * 1024 * 1024), file("b.jpg", "image/jpeg", 5 * 1024 * 1024)]);
    assert!(!too_big.fits(), "11 MiB of photos do not");
    let mut long = filed(vec![]);
    long.answers.insert("description", Answer::Text("x".repeat(MAX_RESPONSE_BYTES)));
    assert!(!long.fits(), "64 KiB of text still does not");
}

#[test]
fn multipart_puts_the_payload_and_each_file_in_its_own_part() {
    let jpeg: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let r = filed(vec![
        File { name: "a \"b\".jpg".into(), mime: "image/jpeg".into(), size: jpeg.len() as u64, data: base64(&jpeg) },
        File { name: "bill.pdf".into(), mime: "application/pdf".into(), size: 4, data: base64(b"%PDF") },
    ]);
    let (content_type, body) = encode(&r, Format::Multipart);
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
    assert_eq!(boundary, format!("seda-{}", r.id));
    assert_eq!(body, r.to_json(), "the outbox keeps the JSON; the parts are made as it is sent");
    let bytes = multipart(&body, boundary).unwrap();
    assert_eq!(multipart(&body, boundary).unwrap(), bytes, "every attempt sends the same bytes");
    // Split as a server does.
    let sep = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = &bytes[..];
    while let Some(at) = find(rest, sep.as_bytes()) {
        let after = &rest[at + sep.len()..];
        if after.starts_with(b"--") {
            break;
        }
        let next = find(after, sep.as_bytes()).unwrap();
        let part = &after[2..next - 2]; // CRLF after the boundary, CRLF before the next
        let split = find(part, b"\r\n\r\n").unwrap();
        parts.push((String::from_utf8(part[..split].to_vec()).unwrap(), part[split + 4..].to_vec()));
        rest = after;
    }
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].0, "Content-Disposition: form-data; name=\"payload\"\r\nContent-Type: application/json");
    let payload: serde_json::Value = serde_json::from_slice(&parts[0].1).unwrap();
    assert_eq!(payload["reference"], reference_code(&r.id));
    assert_eq!(payload["answers"]["photos"][0], serde_json::json!({ "name": "a \"b\".jpg", "type": "image/jpeg", "size": 5000, "part": "answers.photos.0" }));
    assert_eq!(payload["answers"]["photos"][1]["part"], "answers.photos.1");
    assert_eq!(parts[1].0, "Content-Disposition: form-data; name=\"answers.photos.0\"; filename=\"a %22b%22.jpg\"\r\nContent-Type: image/jpeg");
    assert_eq!(parts[1].1, jpeg);
    assert_eq!(parts[2].1, b"%PDF");
    assert!(bytes.ends_with(format!("--{boundary}--\r\n").as_bytes()));
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn base64_round_trips() {
    for len in 0..70 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        let text = base64(&bytes);
        assert_eq!(text.len() % 4, 0);
        assert_eq!(unbase64(&text).unwrap(), bytes, "{len}");
    }
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    for bad in ["TWE", "TW=u", "T===", "TWFu!"] {
        assert_eq!(unbase64(bad), None, "{bad}");
    }
}
