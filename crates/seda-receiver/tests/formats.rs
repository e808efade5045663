//! Each body the widget can send, and each bad input, through the router on SQLite.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{payloads, post, post_json, send, settings, sqlite_app};
use seda_receiver::Settings;
use serde_json::json;

#[tokio::test]
async fn flat_form_format_is_rebuilt_with_the_forms_types() {
    let app = sqlite_app(settings()).await;
    // As seda-core's endpoint encoder writes it for the NPS template.
    let body = "id=flat-1&form_id=nps&form_version=1&kind=survey&nps_category=promoter&meta.started_at=2026-11-23T10%3A00%3A00.000Z\
                &meta.submitted_at=2026-11-23T10%3A00%3A30.000Z&meta.locale=en&meta.page_url=https%3A%2F%2Fshop.example%2F\
                &answers.recommend=9&answers.reason=Fast+delivery";
    let a = send(&app.router, post("application/x-www-form-urlencoded", None, body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert_eq!(a.json()["verification"], "verified", "{}", a.text());
    let rows = common::export_jsonl(&app, "nps").await;
    assert_eq!(rows[0]["format"], "form");
    assert_eq!(rows[0]["payload"]["answers"], json!({"recommend": 9, "reason": "Fast delivery"}));
    assert_eq!(rows[0]["payload"]["form_version"], 1);
    let again = send(&app.router, post("application/x-www-form-urlencoded", None, body)).await;
    assert_eq!(again.status, StatusCode::OK);
}

#[tokio::test]
async fn the_engines_own_encodings_are_taken() {
    // The complaint template with a photo in all three formats, as the widget encodes them.
    let app = sqlite_app(settings()).await;
    for (i, format) in ["json", "form", "multipart"].iter().enumerate() {
        let id = format!("enc-{i}");
        let json = payloads::complaint_json(&id, 1);
        let (ct, body): (String, Vec<u8>) = match *format {
            "json" => ("application/json".into(), json.clone().into_bytes()),
            "form" => {
                let response = seda_core_response(&json);
                let fields = seda_core::endpoint::form_fields(&response);
                ("application/x-www-form-urlencoded".into(), seda_core::endpoint::form_urlencode(&fields).into_bytes())
            }
            _ => (format!("multipart/form-data; boundary=b-{id}"), seda_core::endpoint::multipart(&json, &format!("b-{id}")).unwrap()),
        };
        let a = send(&app.router, post(&ct, Some(&id), body)).await;
        assert_eq!(a.status, StatusCode::CREATED, "{format}: {}", a.text());
        assert_eq!(a.json()["verification"], "verified", "{format}: {}", a.text());
    }
}

/// The engine's Response for a complaint payload (the form format is made from it).
fn seda_core_response(json: &str) -> seda_core::response::Response {
    let form = payloads::template("complaint");
    let v = seda_core::json::parse(json).unwrap();
    let answers = seda_core::answer::answers_from_value(v.get("answers").unwrap());
    let meta = seda_core::response::Meta {
        started_at: "2026-11-23T10:00:00.000Z".into(),
        submitted_at: "2026-11-23T10:00:30.000Z".into(),
        locale: "en".into(),
        page_url: "https://shop.example/thanks".into(),
    };
    seda_core::response::Response::new(v.get("id").unwrap().as_str().unwrap().into(), &form, answers, meta)
}

#[tokio::test]
async fn bad_inputs_are_problems() {
    let app = sqlite_app(settings()).await;
    let nps = payloads::nps("bad-1", 9);
    // (what, request, status, problem type, path).
    type Case = (&'static str, Request<Body>, u16, &'static str, Option<&'static str>);
    let cases: Vec<Case> = vec![
        ("malformed JSON", post("application/json", None, "{\"id\": "), 400, "malformed-json", None),
        ("not an object", post("application/json", None, "[1, 2]"), 422, "invalid-payload", Some("")),
        ("missing id", post("application/json", None, json!({"form_id": "nps", "answers": {}}).to_string()), 400, "missing-id", Some("id")),
        ("id not a string", post("application/json", None, json!({"id": 5, "form_id": "nps", "answers": {}}).to_string()), 422, "invalid-payload", Some("id")),
        ("key and id differ", post("application/json", Some("other-key"), nps.to_string()), 400, "key-mismatch", Some("id")),
        ("key with spaces", post("application/json", Some("a key"), nps.to_string()), 400, "invalid-key", None),
        ("no form_id", post("application/json", None, json!({"id": "x", "answers": {}}).to_string()), 422, "invalid-payload", Some("form_id")),
        ("answers a list", post("application/json", None, json!({"id": "x", "form_id": "nps", "answers": []}).to_string()), 422, "invalid-payload", Some("answers")),
        ("bad version", post("application/json", None, json!({"id": "x", "form_id": "nps", "form_version": "one", "answers": {}}).to_string()), 422, "invalid-payload", Some("form_version")),
        ("hidden not text", post("application/json", None, json!({"id": "x", "form_id": "nps", "answers": {}, "hidden": {"a": 1}}).to_string()), 422, "invalid-payload", Some("hidden.a")),
        ("text/plain", post("text/plain", None, nps.to_string()), 415, "unsupported-media-type", None),
        ("no content type", Request::post("/responses").body(Body::from(nps.to_string())).unwrap(), 415, "unsupported-media-type", None),
        ("form stray field", post("application/x-www-form-urlencoded", None, "id=a&form_id=nps&colour=red"), 422, "invalid-payload", Some("colour")),
        ("form without id", post("application/x-www-form-urlencoded", None, "form_id=nps&answers.recommend=9"), 400, "missing-id", Some("id")),
        ("multipart without boundary", post("multipart/form-data", None, "x"), 400, "malformed-multipart", None),
        ("multipart without payload", post("multipart/form-data; boundary=zz", None, "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--zz--\r\n"), 400, "malformed-multipart", None),
        ("GET", common::get("/responses", None), 405, "method-not-allowed", None),
        ("nowhere", common::get("/nowhere", None), 404, "not-found", None),
    ];
    for (what, request, status, slug, path) in cases {
        let a = send(&app.router, request).await;
        assert_eq!(a.status.as_u16(), status, "{what}: {}", a.text());
        let p = a.problem(status, slug);
        if let Some(path) = path {
            assert_eq!(p["path"], path, "{what}: {p}");
        }
    }
    assert_eq!(app.store.count_responses(None).await.unwrap(), 0);
}

#[tokio::test]
async fn multipart_parts_must_match_the_payload() {
    let app = sqlite_app(settings()).await;
    let json = payloads::complaint_json("mp-x", 1);
    let body = String::from_utf8_lossy(&seda_core::endpoint::multipart(&json, "bb").unwrap()).into_owned();
    // The file part renamed: the payload names a part the body lacks.
    let renamed = body.replace("name=\"answers.photos.0\"", "name=\"elsewhere\"");
    let a = send(&app.router, post("multipart/form-data; boundary=bb", None, renamed)).await;
    let p = a.problem(422, "invalid-payload");
    assert_eq!(p["path"], "answers.photos[0].part");
}

#[tokio::test]
async fn oversize_bodies_are_413() {
    let app = sqlite_app(Settings { max_body_bytes: 100_000, ..settings() }).await;
    // Over the body limit.
    let mut p = payloads::nps("big-1", 9);
    p["answers"]["reason"] = json!("x".repeat(120_000));
    let a = send(&app.router, post_json(&p)).await;
    a.problem(413, "too-large");
    // Within the body limit but over the 64 KiB a response may have besides files.
    p["answers"]["reason"] = json!("x".repeat(70_000));
    let a = send(&app.router, post_json(&p)).await;
    a.problem(413, "too-large");
    // Base64 file data does not count toward the 64 KiB.
    let mut c: serde_json::Value = serde_json::from_str(&payloads::complaint_json("big-2", 1)).unwrap();
    c["answers"]["photos"][0]["data"] = json!("A".repeat(80_000));
    let a = send(&app.router, post_json(&c)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let m = send(&app.router, common::get("/metrics", None)).await.text();
    assert!(m.contains("seda_responses_rejected_total{reason=\"too-large\"} 2"), "{m}");
}

#[tokio::test]
async fn cors_preflight_and_answer() {
    let app = sqlite_app(settings()).await;
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/responses")
        .header(header::ORIGIN, "https://shop.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type,idempotency-key")
        .body(Body::empty())
        .unwrap();
    let a = send(&app.router, preflight).await;
    assert!(a.status.is_success(), "{}", a.status);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let allowed = a.headers[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap().to_ascii_lowercase();
    assert!(allowed.contains("content-type") && allowed.contains("idempotency-key"), "{allowed}");
    assert!(a.headers[header::ACCESS_CONTROL_ALLOW_METHODS].to_str().unwrap().contains("POST"));
    let mut request = post_json(&payloads::nps("cors-1", 9));
    request.headers_mut().insert(header::ORIGIN, "https://shop.example".parse().unwrap());
    let a = send(&app.router, request).await;
    assert_eq!(a.status, StatusCode::CREATED);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    // A problem carries CORS too, so the widget can read why it was refused.
    let mut request = post("application/json", None, "{");
    request.headers_mut().insert(header::ORIGIN, "https://shop.example".parse().unwrap());
    let a = send(&app.router, request).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}
