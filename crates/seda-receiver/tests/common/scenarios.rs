//! Store tests that run on SQLite (tests/receiver.rs) and on PostgreSQL
//! (tests/postgres.rs) alike: each takes a fresh app.

use axum::http::StatusCode;
use serde_json::json;

use super::payloads;
use super::{post, post_json, send, TestApp};

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
