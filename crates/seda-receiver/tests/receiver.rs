//! The receiver's HTTP contract, through the router (no socket), on SQLite.

mod common;

use axum::http::StatusCode;
use common::{payloads, post, post_json, send, sqlite_app, settings};

#[tokio::test]
async fn idempotency() {
    common::scenarios::idempotency(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn key_from_body() {
    common::scenarios::key_from_body(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn verification_is_stored() {
    common::scenarios::verification_is_stored(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn control_characters() {
    common::scenarios::control_characters(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn multipart_files() {
    common::scenarios::multipart_files(&sqlite_app(settings()).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_keys_on_two_pools() {
    // Two apps, each with its own pool, on one SQLite file: as two receiver processes.
    let dir = tempfile::TempDir::new().unwrap();
    let url = format!("sqlite://{}/shared.db", dir.path().display());
    let a = common::app_on(&url, settings()).await;
    let b = common::app_on(&url, settings()).await;
    common::scenarios::concurrent_keys(&[&a, &b]).await;
}

#[tokio::test]
async fn healthz_and_metrics() {
    let app = sqlite_app(settings()).await;
    let h = send(&app.router, common::get("/healthz", None)).await;
    assert_eq!(h.status, StatusCode::OK);
    send(&app.router, post_json(&payloads::nps("m-1", 9))).await;
    send(&app.router, post_json(&payloads::nps("m-1", 9))).await;
    send(&app.router, post("application/json", None, "{")).await;
    let m = send(&app.router, common::get("/metrics", None)).await;
    let text = m.text();
    assert!(text.contains("seda_responses_accepted_total 1\n"), "{text}");
    assert!(text.contains("seda_responses_replayed_total 1\n"), "{text}");
    assert!(text.contains("seda_responses_rejected_total{reason=\"malformed-json\"} 1\n"), "{text}");
    assert!(text.contains("seda_ingest_duration_seconds_count 3\n"), "{text}");
}
