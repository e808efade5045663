//! Registering and serving forms, and the exports, through the router on SQLite.

mod common;

use axum::http::{header, Request, StatusCode};
use common::{get, post_form_definition, post_json, send, settings, sqlite_app, TOKEN};
use serde_json::json;

fn definition(version: u32, extra_question: bool) -> String {
    let mut questions = vec![
        json!({"id": "score", "type": "rating", "title": "How was it?", "scale": {"min": 1, "max": 5}, "required": true}),
        json!({"id": "topics", "type": "choice", "multiple": true, "title": "About", "choices": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}),
    ];
    if extra_question {
        questions.push(json!({"id": "comment", "type": "text", "title": "Anything else?"}));
    }
    json!({"seda": 1, "id": "visit-survey", "version": version, "kind": "survey", "locale": "en", "hidden": ["store"], "questions": questions}).to_string()
}

#[tokio::test]
async fn forms_are_registered_served_and_cached() {
    let app = sqlite_app(settings()).await;
    // Admin only.
    send(&app.router, post_form_definition(&definition(1, false), None)).await.problem(401, "unauthorized");
    send(&app.router, post_form_definition(&definition(1, false), Some("wrong"))).await.problem(401, "unauthorized");
    let a = send(&app.router, post_form_definition(&definition(1, false), Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert_eq!(a.json(), json!({"form_id": "visit-survey", "version": 1, "status": "registered"}));
    // The same again changes nothing; another definition under the same version is refused.
    assert_eq!(send(&app.router, post_form_definition(&definition(1, false), Some(TOKEN))).await.status, StatusCode::OK);
    send(&app.router, post_form_definition(&definition(1, true), Some(TOKEN))).await.problem(409, "form-version-conflict");
    assert_eq!(send(&app.router, post_form_definition(&definition(2, true), Some(TOKEN))).await.status, StatusCode::CREATED);

    // The current version is served with an ETag; a matching If-None-Match is a 304.
    let served = send(&app.router, get("/forms/visit-survey", None)).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.json()["version"], 2);
    assert!(served.headers[header::CACHE_CONTROL].to_str().unwrap().contains("max-age="));
    let etag = served.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = Request::get("/forms/visit-survey").header(header::IF_NONE_MATCH, &etag).body(axum::body::Body::empty()).unwrap();
    let a = send(&app.router, again).await;
    assert_eq!(a.status, StatusCode::NOT_MODIFIED);
    assert!(a.body.is_empty());
    // Served across origins, for data-form="https://.../forms/ID".
    let cross = Request::get("/forms/visit-survey").header(header::ORIGIN, "https://shop.example").body(axum::body::Body::empty()).unwrap();
    assert_eq!(send(&app.router, cross).await.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    // Built-in templates are served too; unknown ids are 404.
    assert_eq!(send(&app.router, get("/forms/nps", None)).await.json()["id"], "nps");
    send(&app.router, get("/forms/none-such", None)).await.problem(404, "not-found");

    // Responses are verified against the version they name.
    let r1 = json!({"id": "vs-1", "form_id": "visit-survey", "form_version": 1, "answers": {"score": 4, "topics": ["a"], "comment": "hi"}});
    assert_eq!(send(&app.router, post_json(&r1)).await.json()["problems"][0]["path"], "answers.comment");
    let r2 = json!({"id": "vs-2", "form_id": "visit-survey", "form_version": 2, "answers": {"score": 4, "topics": ["a"], "comment": "hi"}});
    assert_eq!(send(&app.router, post_json(&r2)).await.json()["verification"], "verified");
}

#[tokio::test]
async fn invalid_definitions_name_the_path() {
    let app = sqlite_app(settings()).await;
    let bad = json!({"seda": 1, "id": "f", "version": 1, "kind": "survey", "locale": "en",
                     "questions": [{"id": "q", "type": "rating", "title": "T", "scale": {"min": 1, "max": "five"}}]});
    let a = send(&app.router, post_form_definition(&bad.to_string(), Some(TOKEN))).await;
    let p = a.problem(422, "invalid-form");
    let paths: Vec<&str> = p["problems"].as_array().unwrap().iter().map(|x| x["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"questions[0].scale.max"), "{p}");
    send(&app.router, post_form_definition("{", Some(TOKEN))).await.problem(422, "invalid-form");
}

#[tokio::test]
async fn exports_need_the_token_and_stream_jsonl_and_csv() {
    let app = sqlite_app(settings()).await;
    send(&app.router, get("/export?form=visit-survey&format=jsonl", None)).await.problem(401, "unauthorized");
    send(&app.router, post_form_definition(&definition(2, true), Some(TOKEN))).await;
    let rows = [
        json!({"id": "e-1", "form_id": "visit-survey", "form_version": 2, "kind": "survey", "hidden": {"store": "north"},
               "answers": {"score": 5, "topics": ["a", "b"], "comment": "=HYPERLINK(\"x\")"}, "meta": {"locale": "en"}}),
        json!({"id": "e-2", "form_id": "visit-survey", "form_version": 2, "kind": "survey",
               "answers": {"score": 2, "comment": "slow, \"very\"\nslow"}}),
    ];
    for r in &rows {
        assert_eq!(send(&app.router, post_json(r)).await.status, StatusCode::CREATED);
    }
    let lines = common::export_jsonl(&app, "visit-survey").await;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["payload"], rows[0]);
    assert_eq!(lines[0]["verification"]["status"], "verified");
    assert!(lines[0]["received_at"].as_str().unwrap().ends_with('Z'));

    let csv = send(&app.router, get("/export?form=visit-survey&format=csv", Some(TOKEN))).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = csv.text();
    let mut lines = text.split("\r\n");
    let head = lines.next().unwrap();
    assert!(head.ends_with(",hidden.store,answers.score,answers.topics,answers.comment"), "{head}");
    let first = lines.next().unwrap();
    assert!(first.starts_with("e-1,"), "{first}");
    assert!(first.ends_with(",north,5,a; b,\"'=HYPERLINK(\"\"x\"\")\""), "{first}");
    assert!(text.contains(",2,,\"slow, \"\"very\"\"\nslow\"\r\n"), "{text}");

    // since= filters by receipt time; a bad one is a 400.
    let later = send(&app.router, get("/export?form=visit-survey&since=2999-01-01T00:00:00Z", Some(TOKEN))).await;
    assert_eq!(later.status, StatusCode::OK);
    assert!(later.body.is_empty());
    send(&app.router, get("/export?form=visit-survey&since=yesterday", Some(TOKEN))).await.problem(400, "bad-query");
    send(&app.router, get("/export?form=visit-survey&format=xml", Some(TOKEN))).await.problem(400, "bad-query");
    send(&app.router, get("/export", Some(TOKEN))).await.problem(400, "bad-query");
}

#[tokio::test]
async fn csv_of_an_unknown_form_takes_the_answer_keys_seen() {
    let app = sqlite_app(settings()).await;
    for (id, answers) in [("k-1", json!({"a": 1})), ("k-2", json!({"b": [1, 2], "a": 2}))] {
        send(&app.router, post_json(&json!({"id": id, "form_id": "free", "answers": answers}))).await;
    }
    let csv = send(&app.router, get("/export?form=free&format=csv", Some(TOKEN))).await.text();
    let head = csv.lines().next().unwrap();
    assert!(head.ends_with(",answers.a,answers.b"), "{head}");
    assert!(csv.contains("k-2,") && csv.contains(",2,1; 2\r\n"), "{csv}");
}

#[tokio::test]
async fn csv_flattens_checklist_figures() {
    let app = sqlite_app(settings()).await;
    send(&app.router, post_json(&common::payloads::mystery_shop("ms-csv"))).await;
    let csv = send(&app.router, get("/export?form=mystery-shop&format=csv", Some(TOKEN))).await.text();
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}: {head:?}"));
    assert_eq!(row[col("checklist.score")], "100");
    assert_eq!(row[col("checklist.pass")], "true");
    assert_eq!(row[col("checklist.sections.arrival.score")], "100");
    assert_eq!(row[col("answers.entrance")], "true");
}
