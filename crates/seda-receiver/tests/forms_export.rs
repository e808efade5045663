//! Registering and serving forms, and the exports, through the router on SQLite.

mod common;

use common::{get, post_form_definition, post_json, send, settings, sqlite_app, TOKEN};
use common::scenarios;
use serde_json::json;



#[tokio::test]
async fn forms_registered_and_served() {
    scenarios::forms_registered_and_served(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn exports() {
    scenarios::exports(&sqlite_app(settings()).await).await;
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

#[tokio::test]
async fn exports_are_gzipped_on_request() {
    // Regression: the compressor polled the finished row stream again, which panicked.
    let app = sqlite_app(settings()).await;
    send(&app.router, post_json(&common::payloads::nps("gz-1", 9))).await;
    for format in ["jsonl", "csv"] {
        let request = axum::http::Request::get(format!("/export?form=nps&format={format}"))
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("accept-encoding", "gzip")
            .body(axum::body::Body::empty())
            .unwrap();
        let a = send(&app.router, request).await;
        assert_eq!(a.status, axum::http::StatusCode::OK);
        assert_eq!(a.headers["content-encoding"], "gzip");
        assert_eq!(&a.body[..2], &[0x1f, 0x8b]);
    }
}
