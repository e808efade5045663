//! Delivery rules: backoff, Retry-After, the outbox's order and limits, each attempt's
//! effect on a record, the form encoding, the endpoint options and drafts.
#![cfg(not(target_arch = "wasm32"))]

use seda::core::pairs::Pairs;

use seda::core::answer::Answer;
use seda::core::config::{ConfigError, EmbedConfig};
use seda::core::draft::Draft;
use seda::core::endpoint::{encode, form_urlencode, Credentials, Endpoint, Format};
use seda::core::form;
use seda::core::outbox::{admit, next, Attempt, OutboxFull, Record, Settled, State, MAX_BYTES, MAX_RECORDS};
use seda::core::response::{Meta, Response};
use seda::core::retry::{backoff_ms, retry_after_ms, CAP_MS};
use seda::core::session::Session;
use seda::core::templates;

const NOW: i64 = 1_795_404_151_000; // 2026-11-23T03:22:31Z

fn response(id: &str, answers: &[(&str, Answer)]) -> Response {
    let form = form::parse(templates::get("nps").unwrap()).unwrap();
    let answers = answers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let meta = Meta {
        started_at: "2026-11-23T10:00:00.000Z".into(),
        submitted_at: "2026-11-23T10:00:30.000Z".into(),
        locale: "fa".into(),
        page_url: "https://shop.example/thanks?x=1&y=2".into(),
    };
    Response::new(id.into(), &form, answers, meta)
}

fn endpoint(format: Format) -> Endpoint {
    Endpoint { url: "https://api.example/r".into(), format, headers: Pairs::new(), credentials: Credentials::Omit, timeout_ms: 15_000 }
}

fn record(id: &str, created_at: i64) -> Record {
    Record::new(&response(id, &[("recommend", Answer::Number(9))]), &endpoint(Format::Json), created_at)
}

#[test]
fn backoff_doubles_from_about_a_second_to_five_minutes() {
    // (retry number, d): the wait is in [d/2, d]
    let cases = [(1, 1_000), (2, 2_000), (3, 4_000), (4, 8_000), (9, 256_000), (10, CAP_MS), (40, CAP_MS)];
    for (attempt, d) in cases {
        assert_eq!(backoff_ms(attempt, 0.0), d / 2, "attempt {attempt}, no jitter");
        let most = backoff_ms(attempt, 0.999_999);
        assert!(most <= d && most >= d - 1, "attempt {attempt}: {most} should be just under {d}");
        let mid = backoff_ms(attempt, 0.5);
        assert!(mid > d / 2 && mid < d, "attempt {attempt}: {mid}");
    }
    assert_eq!(backoff_ms(3, f64::NAN), 2_000, "a bad jitter value falls back to the lower bound");
}

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    let cases = [
        ("120", Some(120_000)),
        ("0", Some(0)),
        (" 5 ", Some(5_000)),
        ("Mon, 23 Nov 2026 03:22:41 GMT", Some(10_000)),
        ("Mon, 23 Nov 2026 03:22:21 GMT", Some(0)),
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(0)),
        ("9999999999", Some(86_400_000)),
        ("soon", None),
        ("Mon, 23 Foo 2026 03:22:41 GMT", None),
        ("Mon, 23 Nov 2026 03:22:41 CET", None),
        ("-3", None),
        ("Mon, 23 Nov 999999999999999999 03:22:41 GMT", None),
        ("Mon, 23 Nov -999999999999999999 03:22:41 GMT", None),
        ("Mon, 23 Nov 2026 99999999999:22:41 GMT", None),
    ];
    for (value, expected) in cases {
        assert_eq!(retry_after_ms(value, NOW), expected, "{value}");
    }
}

#[test]
fn each_attempt_settles_the_record() {
    let answered = |status, retry_after_ms| Attempt::Answered { status, retry_after_ms, body: "no".into() };
    // (attempt result, expected settlement, expected state)
    let cases = [
        (answered(201, None), Settled::Delivered, State::Pending),
        (answered(204, None), Settled::Delivered, State::Pending),
        (answered(500, None), Settled::WillRetry, State::Pending),
        (answered(503, Some(30_000)), Settled::WillRetry, State::Pending),
        (answered(408, None), Settled::WillRetry, State::Pending),
        (answered(429, None), Settled::WillRetry, State::Pending),
        (answered(400, None), Settled::Rejected, State::Failed),
        (answered(404, None), Settled::Rejected, State::Failed),
        (answered(422, None), Settled::Rejected, State::Failed),
        (Attempt::NoAnswer("offline".into()), Settled::WillRetry, State::Pending),
    ];
    for (attempt, settled, state) in cases {
        let mut r = record("a", NOW);
        let label = format!("{attempt:?}");
        assert_eq!(r.settle(attempt, NOW, 0.0), settled, "{label}");
        assert_eq!(r.state, state, "{label}");
        assert_eq!(r.attempts, 1, "{label}");
    }
}

#[test]
fn retries_back_off_and_honour_retry_after() {
    let mut r = record("a", NOW);
    r.settle(Attempt::NoAnswer("offline".into()), NOW, 0.0);
    assert_eq!(r.next_at, NOW + 500);
    r.settle(Attempt::Answered { status: 500, retry_after_ms: None, body: String::new() }, NOW, 0.0);
    assert_eq!(r.next_at, NOW + 1_000);
    assert_eq!(r.last_status, Some(500));
    r.settle(Attempt::Answered { status: 429, retry_after_ms: Some(60_000), body: String::new() }, NOW, 0.0);
    assert_eq!(r.next_at, NOW + 60_000, "Retry-After is longer than the backoff, so it wins");
    assert_eq!(r.attempts, 3);
    let mut r = record("b", NOW);
    r.settle(Attempt::Answered { status: 400, retry_after_ms: None, body: "bad field".into() }, NOW, 0.0);
    assert_eq!(r.last_error.as_deref(), Some("bad field"));
}

#[test]
fn the_oldest_pending_record_goes_first() {
    let mut failed = record("a", NOW - 10);
    failed.state = State::Failed;
    let records = vec![record("d", NOW + 5), failed, record("c", NOW), record("b", NOW)];
    assert_eq!(next(&records).unwrap().id, "b", "oldest pending, ties by id; failed records are skipped");
    assert!(next(&[]).is_none());
}

#[test]
fn a_full_outbox_refuses_new_responses_instead_of_dropping_old_ones() {
    let records: Vec<Record> = (0..MAX_RECORDS).map(|i| record(&format!("r{i}"), NOW)).collect();
    assert_eq!(admit(&records[..MAX_RECORDS - 1], 10), Ok(()));
    assert_eq!(admit(&records, 10), Err(OutboxFull::TooMany));
    assert_eq!(admit(&records[..1], MAX_BYTES), Err(OutboxFull::TooLarge));
}

#[test]
fn records_keep_the_exact_body_and_options() {
    let r = record("a", NOW);
    assert_eq!(r.content_type, "application/json");
    assert_eq!(r.body, response("a", &[("recommend", Answer::Number(9))]).to_json());
    assert_eq!((r.attempts, r.next_at, r.state), (0, 0, State::Pending));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    for key in ["id", "endpoint", "format", "headers", "credentials", "timeout_ms", "body", "content_type", "created_at",
        "attempts", "next_at", "state", "last_status", "last_error"] {
        assert!(json.get(key).is_some(), "stored records have {key}");
    }
    assert_eq!(json["state"], "pending");
}

#[test]
fn a_record_survives_storage_unchanged() {
    let mut r = record("a", NOW);
    r.headers.insert("X-Site", "shop \"1\"".into());
    r.settle(Attempt::Answered { status: 503, retry_after_ms: Some(3_000), body: "busy\n".into() }, NOW, 0.5);
    assert_eq!(Record::from_json(&r.to_json()), Some(r.clone()));
    r.settle(Attempt::Answered { status: 400, retry_after_ms: None, body: "bad".into() }, NOW, 0.5);
    assert_eq!(Record::from_json(&r.to_json()), Some(r));
}

#[test]
fn form_encoding_flattens_the_payload() {
    let r = response("id-1", &[
        ("recommend", Answer::Number(6)),
        ("reason", Answer::Text("Slow & late, 2 days".into())),
        ("liked", Answer::Choices(vec!["price".into(), "staff".into()])),
    ]);
    let (content_type, body) = encode(&r, Format::Form);
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        body,
        "id=id-1&form_id=nps&form_version=1&kind=survey&nps_category=detractor\
         &meta.started_at=2026-11-23T10%3A00%3A00.000Z&meta.submitted_at=2026-11-23T10%3A00%3A30.000Z\
         &meta.locale=fa&meta.page_url=https%3A%2F%2Fshop.example%2Fthanks%3Fx%3D1%26y%3D2\
         &answers.recommend=6&answers.reason=Slow+%26+late%2C+2+days&answers.liked=price&answers.liked=staff",
        "answers in the form's order, then any the form does not have"
    );
    assert_eq!(form_urlencode(&[("دلیل".into(), "خوب".into())]), "%D8%AF%D9%84%DB%8C%D9%84=%D8%AE%D9%88%D8%A8");
}

#[test]
fn endpoint_options_from_the_dataset() {
    let data = |pairs: &[(&str, &str)]| {
        let mut d: Pairs<String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        d.insert("form", "template:nps".into());
        d.insert("endpoint", "https://api.example/r".into());
        d
    };
    let ep = EmbedConfig::from_dataset(&data(&[])).unwrap().endpoint.unwrap();
    assert_eq!((ep.format, ep.credentials, ep.timeout_ms), (Format::Json, Credentials::Omit, 15_000));
    let ep = EmbedConfig::from_dataset(&data(&[
        ("endpointFormat", "form"),
        ("endpointCredentials", "include"),
        ("endpointTimeout", "4"),
        ("endpointHeaders", r#"{"X-Api-Key":"pk_123"}"#),
    ]))
    .unwrap()
    .endpoint
    .unwrap();
    assert_eq!((ep.format, ep.credentials, ep.timeout_ms), (Format::Form, Credentials::Include, 4_000));
    assert_eq!(ep.headers.get("X-Api-Key").map(String::as_str), Some("pk_123"));
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("endpointFormat", "xml")], "data-endpoint-format=\"xml\""),
        (&[("endpointCredentials", "same-origin")], "data-endpoint-credentials"),
        (&[("endpointTimeout", "0")], "data-endpoint-timeout=\"0\""),
        (&[("endpointHeaders", "[1]")], "expected a JSON object"),
        (&[("endpointHeaders", r#"{"Idempotency-Key":"x"}"#)], "\"Idempotency-Key\" is not a header a page may set"),
        (&[("endpointHeaders", r#"{"bad name":"x"}"#)], "\"bad name\" is not a header"),
    ];
    for (pairs, fragment) in cases {
        let err = EmbedConfig::from_dataset(&data(pairs)).unwrap_err();
        assert!(err.to_string().contains(fragment), "{pairs:?}: {err}");
    }
    assert!(matches!(
        EmbedConfig::from_dataset(&data(&[("endpointFormat", "xml")])),
        Err(ConfigError::BadFormat { .. })
    ));
}

#[test]
fn a_draft_resumes_only_what_the_form_still_accepts() {
    let form = form::parse(templates::get("nps").unwrap()).unwrap();
    let answers = Pairs::from([
        ("recommend".to_string(), Answer::Number(7)),
        ("gone".to_string(), Answer::Text("a removed question".into())),
        ("reason".to_string(), Answer::Number(3)),
    ]);
    let s = Session::resume(&form, vec![0, 1, 9], answers.clone(), Pairs::new());
    assert_eq!(s.path(), [0, 1], "pages the form does not have are dropped");
    assert_eq!(s.answers().len(), 1);
    assert_eq!(s.answer("recommend"), Some(&Answer::Number(7)));
    let draft = Draft {
        form_id: "nps".into(),
        form_version: 1,
        response_id: "r".into(),
        started_at: "t".into(),
        path: vec![0, 1],
        answers,
        saved_at: "t".into(),
    };
    assert!(draft.fits(&form));
    assert!(!Draft { form_version: 2, ..draft.clone() }.fits(&form));
    assert!(!Draft { form_id: "csat".into(), ..draft.clone() }.fits(&form));
    assert_eq!(Draft::from_json(&draft.to_json()), Some(draft.clone()));
    let older = draft.to_json().replace(r#""path":[0,1]"#, r#""step":1"#);
    assert_eq!(Draft::from_json(&older).map(|d| d.path), Some(vec![0, 1]), "a draft saved before pages");
}

// Regression: records without form_id (or other optional fields) were skipped as
// "not a response record" and so never sent.
#[test]
fn a_minimal_stored_record_is_still_read_and_sent() {
    let json = r#"{"id":"r1","endpoint":"https://api.example/r","body":"{}","created_at":5}"#;
    let r = Record::from_json(json).unwrap();
    assert_eq!((r.format, r.credentials, r.timeout_ms), (Format::Json, Credentials::Omit, 15_000));
    assert_eq!((r.state, r.attempts, r.next_at), (State::Pending, 0, 0));
    assert_eq!(r.content_type, "application/json");
    assert_eq!(Record::from_json(r#"{"id":"r1","body":"{}","created_at":5}"#), None, "no endpoint, no record");
}
