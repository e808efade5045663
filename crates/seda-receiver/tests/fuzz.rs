//! The ingest path under arbitrary and mutated input, for each content type: it never
//! panics and never answers 5xx; every answer is a 2xx or a 4xx problem+json.
//! 256 cases per property by default; more with PROPTEST_CASES=N.

mod common;

use std::sync::OnceLock;

use axum::http::StatusCode;
use common::{payloads, post, send, settings, sqlite_app, TestApp};
use proptest::prelude::*;
use serde_json::{json, Value};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap())
}

/// One app for every case (its database collects what is accepted).
fn app() -> &'static TestApp {
    static APP: OnceLock<TestApp> = OnceLock::new();
    APP.get_or_init(|| runtime().block_on(sqlite_app(settings())))
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

const TYPES: [&str; 4] =
    ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "multipart/form-data; boundary=b-m"];

/// Sends and checks the answer's shape.
fn check(content_type: &str, key: Option<&str>, body: Vec<u8>) -> Result<(), TestCaseError> {
    let answer = runtime().block_on(send(&app().router, post(content_type, key, body)));
    let status = answer.status;
    prop_assert!(!status.is_server_error(), "{status}: {}", answer.text());
    if status.is_success() {
        prop_assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status}");
    } else {
        prop_assert!(status.is_client_error(), "{status}");
        prop_assert_eq!(answer.content_type(), "application/problem+json");
        let p: Value = serde_json::from_slice(&answer.body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(p["status"].as_u64(), Some(u64::from(status.as_u16())));
        prop_assert!(p["type"].as_str().is_some_and(|t| t.starts_with("urn:seda:problem:")));
    }
    Ok(())
}

/// Valid bodies of each format, to mutate.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let complaint = payloads::complaint_json("seed-c", 1);
    vec![
        ("application/json", payloads::nps("seed-n", 9).to_string().into_bytes()),
        ("application/json", complaint.clone().into_bytes()),
        ("application/json", payloads::mystery_shop("seed-m").to_string().into_bytes()),
        ("application/x-www-form-urlencoded", b"id=seed-f&form_id=nps&form_version=1&answers.recommend=9&answers.reason=ok&meta.locale=en".to_vec()),
        ("multipart/form-data; boundary=b-m", seda_core::endpoint::multipart(&complaint, "b-m").unwrap()),
    ]
}

/// A byte-level change: overwrite, insert, delete or truncate.
fn mutate(mut body: Vec<u8>, edits: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(kind, at, byte) in edits {
        let at = if body.is_empty() { 0 } else { at % (body.len() + 1) };
        match kind % 4 {
            0 if at < body.len() => body[at] = byte,
            1 => body.insert(at, byte),
            2 if at < body.len() => {
                body.remove(at);
            }
            3 => body.truncate(at),
            _ => {}
        }
    }
    body
}

/// A JSON value of any shape, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_.]{0,8}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes(type_index in 0..TYPES.len(), body in prop::collection::vec(any::<u8>(), 0..600), key in prop::option::of("[ -~]{0,40}")) {
        check(TYPES[type_index], key.as_deref(), body)?;
    }

    #[test]
    fn mutated_valid_bodies(seed in 0..5usize, edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6), keyed in any::<bool>()) {
        let (content_type, body) = seeds().swap_remove(seed);
        let key = if keyed { Some(format!("seed-{seed}")) } else { None };
        check(content_type, key.as_deref(), mutate(body, &edits))?;
    }

    #[test]
    fn arbitrary_answers_and_members(id in "[a-z0-9-]{1,20}", answers in any_json(), hidden in any_json(), checklist in any_json(), form in prop_oneof![Just("nps"), Just("complaint"), Just("mystery-shop"), Just("free")]) {
        let payload = json!({"id": id, "form_id": form, "form_version": 1, "answers": answers, "hidden": hidden, "checklist": checklist, "kind": "survey"});
        check("application/json", None, payload.to_string().into_bytes())?;
        // The same members as flat pairs.
        let mut pairs = vec![("id".to_owned(), format!("f-{id}")), ("form_id".to_owned(), form.to_owned())];
        if let Value::Object(m) = &answers {
            for (k, v) in m {
                pairs.push((format!("answers.{k}"), v.as_str().map_or_else(|| v.to_string(), str::to_owned)));
            }
        }
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        check("application/x-www-form-urlencoded", None, body.into_bytes())?;
    }
}
