//! Delivery rules: backoff, Retry-After, the outbox's order and limits, each attempt's
//! effect on a record, the form encoding, the endpoint options and drafts.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::pairs::Pairs;

use seda_core::answer::Answer;
use seda_core::config::{ConfigError, EmbedConfig};
use seda_core::draft::Draft;
use seda_core::endpoint::{encode, form_urlencode, Credentials, Endpoint, Format, Redirect};
use seda_core::outbox::{
    admit, excerpt, next, next_due_at, refused_beyond_bounds, Attempt, OutboxFull, Record, Settled, State, MAX_BYTES, MAX_RECORDS,
    MAX_REFUSED,
};
use seda_core::response::{Meta, Response};
use seda_core::retry::{backoff_ms, retry_after_ms, CAP_MS};
use seda_core::session::Session;
use seda_core::templates;

const NOW: i64 = 1_795_404_151_000; // 2026-11-23T03:22:31Z

fn response(id: &str, answers: &[(&str, Answer)]) -> Response {
    let form = definition::parse(templates::get("nps").unwrap()).unwrap();
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
    Endpoint { url: "https://api.example/r".into(), format, headers: Pairs::new(), credentials: Credentials::Omit, timeout_ms: 15_000, redirect: Redirect::Error }
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
        (Attempt::Redirected { location: Some("https://api.example/r/".into()) }, Settled::WillRetry, State::Pending),
        (Attempt::Redirected { location: None }, Settled::WillRetry, State::Pending),
        (Attempt::Unsendable("Invalid header value".into()), Settled::Rejected, State::Failed),
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
    let none_tried = |_: &str| false;
    assert_eq!(next(&records, Some(NOW), &none_tried).unwrap().id, "b", "oldest pending, ties by id; failed records are skipped");
    assert!(next(&[], Some(NOW), &none_tried).is_none());
}

// Regression: the sender always took the oldest pending record, due or not, so one
// backing off (a dead or moved endpoint) held up every newer response for good.
#[test]
fn a_record_that_backs_off_never_holds_up_the_others() {
    let mut stuck = record("old", NOW - 60_000);
    stuck.settle(Attempt::NoAnswer("connection refused".into()), NOW, 0.0);
    let fresh = record("new", NOW);
    let records = vec![stuck.clone(), fresh];
    let none_tried = |_: &str| false;
    assert_eq!(next(&records, Some(NOW), &none_tried).unwrap().id, "new", "the stuck one is not due");
    assert_eq!(next_due_at(&records), Some(0), "the fresh one is due at once");
    assert_eq!(next_due_at(&records[..1]), Some(stuck.next_at));
    // A page's first drain tries every pending record once, whatever its backoff, the
    // never-tried first, each at most once.
    assert_eq!(next(&records, None, &none_tried).unwrap().id, "new", "never tried before tried again");
    assert_eq!(next(&records, None, &|id| id == "new").unwrap().id, "old");
    assert!(next(&records, None, &|_| true).is_none(), "each once a drain");
    // Among due records that were tried before, the oldest first.
    let mut older = record("older", NOW - 120_000);
    older.settle(Attempt::NoAnswer("offline".into()), NOW - 10_000, 0.0);
    let both = [stuck.clone(), older];
    assert_eq!(next(&both, Some(NOW + 10_000), &none_tried).unwrap().id, "older");
}

#[test]
fn a_full_outbox_refuses_new_responses_instead_of_dropping_old_ones() {
    let records: Vec<Record> = (0..MAX_RECORDS).map(|i| record(&format!("r{i}"), NOW)).collect();
    assert_eq!(admit(&records[..MAX_RECORDS - 1], 10), Ok(()));
    assert_eq!(admit(&records, 10), Err(OutboxFull::TooMany));
    assert_eq!(admit(&records[..1], MAX_BYTES), Err(OutboxFull::TooLarge));
}

// Regression: refused records counted toward the cap, so a device with many refusals
// took no new response at all.
#[test]
fn refused_records_do_not_count_toward_the_cap_and_are_bounded() {
    let refused: Vec<Record> = (0..MAX_RECORDS)
        .map(|i| {
            let mut r = record(&format!("r{i:03}"), NOW + i as i64);
            r.settle(Attempt::Answered { status: 422, retry_after_ms: None, body: "bad".into() }, NOW, 0.0);
            r
        })
        .collect();
    assert_eq!(admit(&refused, 10), Ok(()), "only pending records count");
    let dropped = refused_beyond_bounds(&refused);
    assert_eq!(dropped.len(), MAX_RECORDS - MAX_REFUSED);
    assert!(dropped.contains(&"r000") && !dropped.contains(&"r499"), "the newest are kept");
    assert!(refused_beyond_bounds(&refused[..MAX_REFUSED]).is_empty());
    let mut big = record("big", NOW);
    big.body = "x".repeat(9 * 1024 * 1024);
    assert_eq!(refused_beyond_bounds(&[big.clone(), record("small", NOW - 1)]), vec!["small"], "older than a record over the byte bound");
    assert!(refused_beyond_bounds(&[big]).is_empty(), "the newest stays, however large");
}

#[test]
fn an_endpoint_answer_is_cut_for_the_console() {
    assert_eq!(excerpt("bad field"), "bad field");
    assert_eq!(excerpt("line\none\u{0}"), "lineone");
    let long = "é".repeat(5_000);
    let cut = excerpt(&long);
    assert_eq!(cut.chars().count(), 201);
    assert!(cut.ends_with('…'));
}

#[test]
fn records_keep_the_exact_body_and_options() {
    let r = record("a", NOW);
    assert_eq!(r.content_type, "application/json");
    assert_eq!(r.body, response("a", &[("recommend", Answer::Number(9))]).to_json());
    assert_eq!((r.attempts, r.next_at, r.state), (0, 0, State::Pending));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    for key in ["id", "endpoint", "format", "headers", "credentials", "timeout_ms", "redirect", "body", "content_type", "created_at",
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
    assert_eq!((ep.format, ep.credentials, ep.timeout_ms, ep.redirect), (Format::Json, Credentials::Omit, 15_000, Redirect::Error));
    let ep = EmbedConfig::from_dataset(&data(&[("endpointFormat", "form"), ("endpointRedirect", "follow")])).unwrap().endpoint.unwrap();
    assert_eq!((ep.format, ep.redirect), (Format::Form, Redirect::Follow));
    let ep = EmbedConfig::from_dataset(&data(&[
        ("endpointFormat", "multipart"),
        ("endpointRedirect", "error"),
        ("endpointCredentials", "include"),
        ("endpointTimeout", "4"),
        ("endpointHeaders", r#"{"X-Api-Key":"pk_123"}"#),
    ]))
    .unwrap()
    .endpoint
    .unwrap();
    assert_eq!((ep.format, ep.credentials, ep.timeout_ms, ep.redirect), (Format::Multipart, Credentials::Include, 4_000, Redirect::Error));
    assert_eq!(ep.headers.get("X-Api-Key").map(String::as_str), Some("pk_123"));
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[("endpointFormat", "xml")], "data-endpoint-format=\"xml\""),
        (&[("endpointRedirect", "manual")], "data-endpoint-redirect=\"manual\": use \"error\""),
        (
            &[("endpointFormat", "form"), ("endpointHeaders", r#"{"X-Api-Key":"pk_123"}"#)],
            "data-endpoint-headers cannot be used with data-endpoint-format=\"form\"",
        ),
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
    assert_eq!(
        EmbedConfig::from_dataset(&data(&[("endpointFormat", "form"), ("endpointHeaders", "{}")])).err(),
        Some(ConfigError::HeadersWithForm),
        "even an empty object: the two attributes do not go together"
    );
}

// A form send must stay a CORS simple request (form back-ends answer no preflight):
// no header of its own, the key in the body's `id`; the other formats keep the header.
#[test]
fn only_a_form_send_goes_without_idempotency_key_and_its_body_carries_the_id() {
    assert!(!Format::Form.sends_idempotency_key());
    assert!(Format::Json.sends_idempotency_key() && Format::Multipart.sends_idempotency_key());
    let mut ep = endpoint(Format::Form);
    ep.redirect = Redirect::Follow;
    let r = Record::new(&response("r-9", &[("recommend", Answer::Number(9))]), &ep, NOW);
    assert_eq!(r.content_type, "application/x-www-form-urlencoded");
    assert!(r.body.starts_with("id=r-9&"), "{}", r.body);
    assert_eq!(r.redirect, Redirect::Follow);
    assert_eq!(Record::from_json(&r.to_json()), Some(r.clone()));
    let older = r.to_json().replace(r#","redirect":"follow""#, "");
    assert_eq!(Record::from_json(&older).map(|o| o.redirect), Some(Redirect::Error), "a record stored before the option");
}

#[test]
fn a_draft_resumes_only_what_the_form_still_accepts() {
    let form = definition::parse(templates::get("nps").unwrap()).unwrap();
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

// Regression: settings a browser can never send to were accepted, and every attempt
// then threw before sending and was retried forever.
#[test]
fn endpoints_and_headers_a_browser_cannot_send_are_refused_at_setup() {
    let with = |endpoint: &str, headers: Option<&str>| {
        let mut d: Pairs<String> = Pairs::new();
        d.insert("form", "template:nps".into());
        d.insert("endpoint", endpoint.into());
        if let Some(h) = headers {
            d.insert("endpointHeaders", h.into());
        }
        EmbedConfig::from_dataset(&d).map(|c| c.endpoint.unwrap())
    };
    // (endpoint, headers, what the error must say)
    let refused: [(&str, Option<&str>, &str); 14] = [
        ("http://u:p@127.0.0.1/r", None, "must not carry a user name or password"),
        ("https://user@api.example/r", None, "must not carry a user name or password"),
        ("http://127.0.0.1:99999/r", None, "the port must be a number from 1 to 65535"),
        ("https://api.example:0/r", None, "the port must be a number"),
        ("https://api.example:8o8o/r", None, "the port must be a number"),
        ("https://api.example:/r", None, "the port must be a number"),
        ("https://api.ex\tample/r", None, "not an absolute http(s) URL"),
        ("https://api.example/r", Some(r#"{"X-Shop":"a\r\nX-Evil: 1"}"#), "the value of \"X-Shop\" contains a line break"),
        ("https://api.example/r", Some(r#"{"X-Shop":"a\u0000"}"#), "the value of \"X-Shop\" contains a line break or NUL"),
        ("https://api.example/r", Some(r#"{"X-Shop":"فروشگاه"}"#), "the value of \"X-Shop\" has characters beyond Latin-1"),
        ("https://api.example/r", Some(r#"{"Set-Cookie":"a=1"}"#), "\"Set-Cookie\" is not a header a page may set"),
        ("https://api.example/r", Some(r#"{"Cookie2":"a=1"}"#), "\"Cookie2\" is not a header"),
        ("https://api.example/r", Some(r#"{"Connection":"close"}"#), "\"Connection\" is not a header"),
        ("https://api.example/r", Some(r#"{"Keep-Alive":"5"}"#), "\"Keep-Alive\" is not a header"),
    ];
    for (endpoint, headers, fragment) in refused {
        let err = with(endpoint, headers).unwrap_err().to_string();
        assert!(err.contains(fragment), "{endpoint} {headers:?}: {err}");
        assert!(err.starts_with("data-endpoint"), "names the attribute: {err}");
    }
    let accepted = [
        ("https://api.example:8443/r", None),
        ("http://[::1]:8080/r", None),
        ("https://api.example/r?to=a@b", None),
        ("https://api.example/r", Some(r#"{"X-Api-Key":"pk_123","X-Store":"Café 12"}"#)),
    ];
    for (endpoint, headers) in accepted {
        assert!(with(endpoint, headers).is_ok(), "{endpoint} {headers:?}");
    }
}

// Regression: meta.page_url carried query tokens and the fragment to the endpoint.
#[test]
fn the_page_url_sent_keeps_only_the_named_query_parameters() {
    use seda_core::config::payload_page_url;
    let url = "https://shop.example/account/reset?reset_token=s3cr3t&utm_source=mail&store=12#access_token=abc";
    let keep = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    // (parameters kept, expected page_url)
    let cases: [(&[&str], &str); 4] = [
        (&[], "https://shop.example/account/reset"),
        (&["utm_source"], "https://shop.example/account/reset?utm_source=mail"),
        (&["store", "utm_source"], "https://shop.example/account/reset?utm_source=mail&store=12"),
        (&["access_token"], "https://shop.example/account/reset"),
    ];
    for (names, expected) in cases {
        assert_eq!(payload_page_url(url, &keep(names)), expected, "{names:?}");
    }
    assert_eq!(payload_page_url("https://shop.example/?utm%5Fsource=x", &keep(&["utm_source"])), "https://shop.example/?utm%5Fsource=x");
    let mut d: Pairs<String> = Pairs::new();
    d.insert("form", "template:nps".into());
    d.insert("pageParams", " utm_source, store ,".into());
    assert_eq!(EmbedConfig::from_dataset(&d).unwrap().page_params, keep(&["utm_source", "store"]));
}

// Regression: data-sample="25%" hid the form from everyone and data-recontact="30d" was
// ignored, silently. seda.js reads the same spellings (src/platform/seda.js: percent, days).
#[test]
fn sample_and_recontact_take_the_documented_spellings_and_name_any_other() {
    use seda_core::config::{recontact_days, sample_percent};
    // (value, hundredths of a percent)
    let samples = [("25", Some(2500)), ("25%", Some(2500)), (" 12.5 % ", Some(1250)), ("0", Some(0)), ("100", Some(10_000)),
        ("100.00%", Some(10_000)), ("0.125", Some(12)), ("101", None), ("100.01", None), ("25%%", None), ("-5", None), ("1e2", None),
        ("", None), ("half", None), (".5", None), ("5.", None)];
    for (value, expected) in samples {
        assert_eq!(sample_percent(value), expected, "{value:?}");
    }
    let recontacts = [("30", Some(30)), ("30d", Some(30)), (" 7 d ", Some(7)), ("0", Some(0)), ("never", Some(u32::MAX)),
        ("30 days", None), ("1w", None), ("-1", None), ("", None), ("Never", None), ("999999", None)];
    for (value, expected) in recontacts {
        assert_eq!(recontact_days(value), expected, "{value:?}");
    }
    let with = |k: &str, v: &str| {
        let mut d: Pairs<String> = Pairs::new();
        d.insert("form", "template:nps".into());
        d.insert(k, v.into());
        EmbedConfig::from_dataset(&d)
    };
    assert!(matches!(with("sample", "25 percent"), Err(ConfigError::BadSample { .. })));
    assert!(with("sample", "25 percent").unwrap_err().to_string().starts_with("data-sample=\"25 percent\""));
    assert!(matches!(with("recontact", "a month"), Err(ConfigError::BadRecontact { .. })));
    assert!(with("sample", "25%").is_ok() && with("recontact", "30d").is_ok());
}
