//! What reaches the outbox and the request never panics and never lets through what a
//! browser cannot send: the stored-record reader, the endpoint and header checks, the
//! hidden values taken from the tag and the URL, and the page URL a response carries.
//! Bounded here (it runs in the test command); PROPTEST_CASES=100000 runs it longer.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{Map, Value};

use seda_core::definition;
use seda_core::config::{hidden_values, payload_page_url, EmbedConfig, MAX_HIDDEN_CHARS};
use seda_core::outbox::{Attempt, Record, State};
use seda_core::pairs::Pairs;
use seda_core::templates;

fn config() -> ProptestConfig {
    ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000), ..ProptestConfig::default() }
}

/// The fields of a stored record, so random objects are mostly records.
const RECORD_KEYS: &[&str] = &[
    "id", "form_id", "endpoint", "format", "headers", "credentials", "timeout_ms", "body", "content_type", "created_at",
    "attempts", "next_at", "state", "last_status", "last_error",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(&["pending", "failed", "json", "form", "multipart", "include", "omit", ""][..]).prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::from),
    ]
}

fn stored_value() -> impl Strategy<Value = Value> {
    let field = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("\\PC{0,8}", inner), 0..4).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    });
    prop::collection::vec((prop::sample::select(RECORD_KEYS), field), 0..16)
        .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>()))
}

/// An endpoint-like string: the parts of a URL in random order and shape.
fn endpoint_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(&["https://", "http://", "HTTP://", "ftp://", "", "https:/", "javascript:"][..]);
    let userinfo = prop::sample::select(&["", "", "u@", "u:p@", ":@", "@", "a@b@"][..]);
    let host = prop::sample::select(&["api.example", "127.0.0.1", "localhost", "[::1]", "", "ex ample", "evil.com"][..]);
    let port = prop_oneof![Just(String::new()), (0u32..100_000).prop_map(|p| format!(":{p}")), "[:0-9a-z]{0,7}"];
    let rest = "[-/?#@:a-z0-9%.\\\\]{0,12}";
    (scheme, userinfo, host, port, rest).prop_map(|(s, u, h, p, r)| format!("{s}{u}{h}{p}{r}"))
}

fn dataset(endpoint: String, headers: Option<String>) -> Pairs<String> {
    let mut d = Pairs::new();
    d.insert("form", "template:nps".to_owned());
    d.insert("endpoint", endpoint);
    if let Some(h) = headers {
        d.insert("endpointHeaders", h);
    }
    d
}

proptest! {
    #![proptest_config(config())]

    /// Whatever IndexedDB holds, reading it never panics, and a record read back is
    /// written and read again unchanged (what the sender saves after each attempt).
    #[test]
    fn stored_records_are_read_without_panicking(text in "\\PC{0,200}", v in stored_value()) {
        let _ = Record::from_json(&text);
        if let Some(mut record) = Record::from_json(&v.to_string()) {
            prop_assert_eq!(Record::from_json(&record.to_json()), Some(record.clone()));
            record.settle(Attempt::Redirected { location: None }, 5, 0.5);
            prop_assert_eq!(record.state, State::Pending);
            prop_assert_eq!(Record::from_json(&record.to_json()), Some(record));
        }
    }

    /// An endpoint accepted at setup is one a browser will send to. The widget first
    /// resolves `data-endpoint` with the browser's URL parser (a string it cannot parse
    /// is refused there), then checks it here: so, of what the WHATWG parser (the `url`
    /// crate) reads, what is accepted is http(s), with no user name or password and a
    /// port other than 0. Any string at all is checked without panicking.
    #[test]
    fn accepted_endpoints_are_urls_a_browser_sends_to(endpoint in endpoint_like()) {
        let _ = EmbedConfig::from_dataset(&dataset(endpoint.clone(), None));
        let Ok(resolved) = url::Url::parse(&endpoint) else { return Ok(()) };
        if let Ok(Some(ep)) = EmbedConfig::from_dataset(&dataset(resolved.to_string(), None)).map(|c| c.endpoint) {
            let parsed = url::Url::parse(&ep.url).expect("accepted as resolved");
            prop_assert!(matches!(parsed.scheme(), "http" | "https"), "{}", ep.url);
            prop_assert!(parsed.username().is_empty() && parsed.password().is_none(), "{}", ep.url);
            prop_assert!(parsed.port() != Some(0), "{}", ep.url);
        }
    }

    /// Header values accepted at setup are bytes a browser sends (no CR, LF or NUL,
    /// nothing beyond Latin-1), under names a page may set (an HTTP token: the `http`
    /// crate's `HeaderName` agrees, and none the browser owns); the check never panics.
    #[test]
    fn accepted_headers_are_headers_a_browser_sends(
        name in prop_oneof!["[A-Za-z0-9-]{1,12}", "\\PC{0,8}", prop::sample::select(&["Set-Cookie", "cookie2", "Connection", "X-Key", "sec-x", "Proxy-A"][..]).prop_map(str::to_owned)],
        value in prop_oneof!["[ -~]{0,16}", "\\PC{0,8}", "[\\x00-\\xff]{0,8}"],
    ) {
        let headers = serde_json::json!({ name.clone(): value.clone() }).to_string();
        if let Ok(config) = EmbedConfig::from_dataset(&dataset("https://api.example/r".into(), Some(headers))) {
            let ep = config.endpoint.expect("an endpoint");
            for (n, v) in ep.headers.iter() {
                prop_assert!(http::HeaderName::from_bytes(n.as_bytes()).is_ok(), "{n:?}");
                let bytes: Option<Vec<u8>> = v.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
                let bytes = bytes.expect("Latin-1");
                prop_assert!(!bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)), "{v:?}");
                prop_assert!(!v.contains(['\r', '\n', '\0']), "{v:?}");
                let lower = n.to_ascii_lowercase();
                prop_assert!(!["set-cookie", "cookie", "cookie2", "connection", "host"].contains(&lower.as_str()), "{n}");
            }
        }
    }

    /// Hidden values, from any dataset and any query string: only the fields the form
    /// declares, each without control characters and within its length.
    #[test]
    fn hidden_values_are_only_declared_fields_and_clean(
        tag in prop::collection::vec((prop_oneof!["hidden[A-Z][a-zA-Z]{0,6}", "\\PC{0,8}"], "\\PC{0,600}"), 0..6),
        query in "\\PC{0,300}",
    ) {
        let form = definition::parse(templates::get("complaint").unwrap()).unwrap();
        let mut data: Pairs<String> = tag.into_iter().collect();
        data.insert("form", "template:complaint".to_owned());
        // A random key may be an attribute with a value the tag refuses (data-mode="x").
        let from_tag = EmbedConfig::from_dataset(&data).map(|config| config.hidden).unwrap_or_default();
        let values = hidden_values(&form, &from_tag, &query);
        for (id, value) in values.iter() {
            prop_assert!(form.hidden.iter().any(|h| &h.id == id), "{id} is declared");
            prop_assert!(value.chars().count() <= MAX_HIDDEN_CHARS);
            prop_assert!(!value.chars().any(char::is_control), "{value:?}");
        }
    }

    /// The page URL a response carries has no fragment and keeps only named parameters.
    #[test]
    fn the_page_url_sent_has_no_fragment_and_no_unnamed_parameter(url in "\\PC{0,80}", keep in prop::collection::vec("[a-z]{1,3}", 0..3)) {
        let sent = payload_page_url(&url, &keep);
        prop_assert!(!sent.contains('#'), "{sent}");
        if let Some((_, query)) = sent.split_once('?') {
            for part in query.split('&') {
                let name = part.split('=').next().unwrap_or_default();
                prop_assert!(keep.iter().any(|k| k == name) || name.contains('%'), "{part} in {sent}");
            }
        }
    }
}

#[test]
fn a_record_read_from_an_older_widget_keeps_its_refused_state() {
    let json = r#"{"id":"r1","endpoint":"https://api.example/r","body":"{}","created_at":5,"state":"failed","last_status":422}"#;
    let record = Record::from_json(json).expect("a record");
    assert_eq!((record.state, record.last_status), (State::Failed, Some(422)), "set apart as refused at the next drain");
}
