//! Store tests that run on SQLite (tests/receiver.rs) and on PostgreSQL
//! (tests/postgres.rs) alike: each takes a fresh app.

use axum::http::StatusCode;
use serde_json::json;

use super::payloads;
use axum::http::{header, Request};

use super::{get, post, post_form_definition, post_json, send, TestApp, TOKEN};

/// First receipt 201, the same body again 200 (one row), another body 409.
pub async fn idempotency(app: &TestApp) {
    let p = payloads::nps("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41", 9);
    let first = send(&app.router, post_json(&p)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.json()["verification"], "verified", "{}", first.text());
    // Key order and spacing are not a different body.
    let respaced = serde_json::to_string_pretty(&p).unwrap();
    let again = send(&app.router, post("application/json", Some("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41"), respaced)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(app.store.count_responses(Some("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41")).await.unwrap(), 1);
    let changed = payloads::nps("3f1c9a8e-6b1d-4f7e-9a53-2c8d1e0b7a41", 3);
    let conflict = send(&app.router, post_json(&changed)).await;
    let p = conflict.problem(409, "idempotency-conflict");
    assert_eq!(p["path"], "id");
    assert_eq!(app.store.count_responses(None).await.unwrap(), 1);
}

/// Without the header (as a form post) the body's id is the key.
pub async fn key_from_body(app: &TestApp) {
    let p = payloads::nps("no-header-1", 10);
    let a = send(&app.router, post("application/json", None, p.to_string())).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let b = send(&app.router, post("application/json", None, p.to_string())).await;
    assert_eq!(b.status, StatusCode::OK);
}

/// Verification is stored with the row and exported.
pub async fn verification_is_stored(app: &TestApp) {
    let mut p = payloads::nps("v-1", 9);
    p["answers"]["colour"] = json!("blue");
    p["answers"]["recommend"] = json!(11);
    let a = send(&app.router, post_json(&p)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert_eq!(a.json()["verification"], "mismatch");
    let rows = super::export_jsonl(app, "nps").await;
    assert_eq!(rows.len(), 1);
    let v = &rows[0]["verification"];
    assert_eq!(v["status"], "mismatch");
    let paths: Vec<&str> = v["problems"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"answers.colour") && paths.contains(&"answers.recommend"), "{paths:?}");
    assert_eq!(rows[0]["payload"]["answers"]["colour"], "blue");
}

/// Files of a multipart post are stored, and recorded with the row.
pub async fn multipart_files(app: &TestApp) {
    let json = payloads::complaint_json("mp-1", 2);
    let body = seda_core::endpoint::multipart(&json, "seda-mp-1").unwrap();
    let ct = "multipart/form-data; boundary=seda-mp-1";
    let a = send(&app.router, post(ct, Some("mp-1"), body.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert_eq!(a.json()["verification"], "verified", "{}", a.text());
    let files = app.store.attachments("mp-1").await.unwrap();
    assert_eq!(files.iter().map(|f| f.part.as_str()).collect::<Vec<_>>(), ["answers.photos.0", "answers.photos.1"]);
    assert_eq!(files[0].file_name, "photo0.jpg");
    assert_eq!(files[0].content_type, "image/jpeg");
    assert_eq!(files[0].size, 4);
    // The bytes are in the file store under their hash.
    let path = app.files.path().join(&files[0].storage_key[..2]).join(&files[0].storage_key);
    assert_eq!(std::fs::read(path).unwrap(), [0xff, 0xd8, 0xff, 0xe0]);
    assert_eq!(send(&app.router, post(ct, Some("mp-1"), body)).await.status, StatusCode::OK);
}

/// Several clients post the same keys at once: one row and one 201 per key.
pub async fn concurrent_keys(apps: &[&TestApp]) {
    let keys: Vec<String> = (0..12).map(|i| format!("race-{i}")).collect();
    let mut tasks = Vec::new();
    for round in 0..4 {
        for (k, key) in keys.iter().enumerate() {
            let app = apps[(round + k) % apps.len()];
            // Even rounds send the first body; round 3 another one for some keys.
            let score = if round == 3 && k % 3 == 0 { 2 } else { 9 };
            let router = app.router.clone();
            let request = post_json(&payloads::nps(key, score));
            tasks.push(tokio::spawn(async move { (round, k, score, super::send(&router, request).await.status) }));
        }
    }
    let mut created = vec![0; keys.len()];
    let mut statuses = Vec::new();
    for t in tasks {
        let (round, k, score, status) = t.await.unwrap();
        statuses.push((round, k, score, status));
        if status == StatusCode::CREATED {
            created[k] += 1;
        }
    }
    assert!(created.iter().all(|n| *n == 1), "one 201 per key: {created:?} {statuses:?}");
    for key in &keys {
        assert_eq!(apps[0].store.count_responses(Some(key)).await.unwrap(), 1);
    }
    for (_, k, score, status) in statuses {
        // The stored body is whichever came first; every other answer fits it.
        let stored = super::export_jsonl(apps[0], "nps").await;
        let winner = stored.iter().find(|r| r["id"] == keys[k]).unwrap()["payload"]["answers"]["recommend"].as_i64().unwrap();
        let expected = if status == StatusCode::CREATED { StatusCode::CREATED } else if winner == score { StatusCode::OK } else { StatusCode::CONFLICT };
        assert_eq!(status, expected, "key {k} score {score} winner {winner}");
    }
}

/// NUL and other control characters: refused in ids, kept (escaped) in answers.
pub async fn control_characters(app: &TestApp) {
    let mut p = payloads::nps("nul-1", 9);
    p["form_id"] = json!("nps\u{0}");
    send(&app.router, post_json(&p)).await.problem(422, "invalid-payload");
    p["form_id"] = json!("nps");
    p["kind"] = json!("survey\u{0}");
    send(&app.router, post_json(&p)).await.problem(422, "invalid-payload");
    let mut p = payloads::nps("nul-2", 9);
    p["answers"]["reason"] = json!("a\u{0}b");
    p["meta"]["locale"] = json!("e\u{0}n");
    let a = send(&app.router, post_json(&p)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let rows = super::export_jsonl(app, "nps").await;
    assert_eq!(rows[0]["payload"]["answers"]["reason"], "a\u{0}b");
    // In the flat format too.
    let body = "id=nul-3&form_id=nps&form_version=1&answers.recommend=9&answers.reason=a%00b&hidden.x%00=1";
    let a = send(&app.router, post("application/x-www-form-urlencoded", None, body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
}

/// A small survey definition at `version`, with a third question if `extra_question`.
pub fn definition(version: u32, extra_question: bool) -> String {
    let mut questions = vec![
        json!({"id": "score", "type": "rating", "title": "How was it?", "scale": {"min": 1, "max": 5}, "required": true}),
        json!({"id": "topics", "type": "choice", "multiple": true, "title": "About", "choices": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}),
    ];
    if extra_question {
        questions.push(json!({"id": "comment", "type": "text", "title": "Anything else?"}));
    }
    json!({"seda": 1, "id": "visit-survey", "version": version, "kind": "survey", "locale": "en", "hidden": ["store"], "questions": questions}).to_string()
}

/// Registered (admin only), served with an ETag and CORS, and verified against.
pub async fn forms_registered_and_served(app: &TestApp) {
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
    send(&app.router, get("/forms/nul%00", None)).await.problem(404, "not-found");

    // Responses are verified against the version they name.
    let r1 = json!({"id": "vs-1", "form_id": "visit-survey", "form_version": 1, "answers": {"score": 4, "topics": ["a"], "comment": "hi"}});
    assert_eq!(send(&app.router, post_json(&r1)).await.json()["problems"][0]["path"], "answers.comment");
    let r2 = json!({"id": "vs-2", "form_id": "visit-survey", "form_version": 2, "answers": {"score": 4, "topics": ["a"], "comment": "hi"}});
    assert_eq!(send(&app.router, post_json(&r2)).await.json()["verification"], "verified");
}

/// Exports need the token, and stream JSON Lines and CSV.
pub async fn exports(app: &TestApp) {
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
    let lines = super::export_jsonl(app, "visit-survey").await;
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
