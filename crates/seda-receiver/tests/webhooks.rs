//! Alerts end to end on SQLite: webhooks added through the API, alerts queued as
//! responses arrive, and the delivery task sending them to a real local HTTP server
//! that fails first and then takes them; retries, `Retry-After`, and two senders.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::admin::{admin_json, audit, has_entry};
use common::cases::{by_email, posted};
use common::hooks::{self, hook_server, Hit};
use common::{get, payloads, send, settings, sqlite_app, TestApp, TOKEN};
use seda_receiver::alerts::delivery;
use seda_receiver::{now_micros, Settings};
use serde_json::{json, Value};

async fn add_hook(app: &TestApp, url: &str, format: &str, events: &[&str]) -> Value {
    let a = send(&app.router, admin_json("POST", "/admin/desk/webhooks", json!({"url": url, "format": format, "events": events}))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    a.json()
}

async fn deliveries(app: &TestApp) -> Vec<Value> {
    let a = send(&app.router, get("/admin/desk/webhooks/deliveries", Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    a.json()["deliveries"].as_array().unwrap().clone()
}

/// Waits until every delivery is delivered (at most 20 s).
async fn all_delivered(app: &TestApp, count: usize) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let list = deliveries(app).await;
        if list.len() == count && list.iter().all(|d| d["status"] == "delivered") {
            return list;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "not delivered in time: {list:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn fast_retries() -> Settings {
    Settings { webhook_backoff: Duration::from_secs(1), ..settings() }
}

#[tokio::test]
async fn a_failed_delivery_is_retried_then_delivered() {
    let (addr, hooks) = hook_server(1, (500, None), Duration::ZERO).await;
    let app = sqlite_app(fast_retries()).await;
    let generic = add_hook(&app, &format!("http://{addr}/json"), "json", &["complaint.urgent", "survey.detractor"]).await;
    assert_eq!(generic["events"], json!(["complaint.urgent", "survey.detractor"]));
    add_hook(&app, &format!("http://{addr}/slack"), "slack", &["survey.detractor"]).await;

    posted(&app, &by_email("u-1", "safety", "ana@shop.example")).await;
    posted(&app, &by_email("u-2", "price", "ana@shop.example")).await;
    posted(&app, &payloads::nps("n-1", 3)).await;
    posted(&app, &payloads::nps("n-2", 9)).await;
    let queued = deliveries(&app).await;
    assert_eq!(queued.len(), 3, "{queued:?}");
    assert!(queued.iter().all(|d| d["status"] == "pending" && d["attempts"] == 0), "{queued:?}");

    let task = tokio::spawn(delivery::delivery_task(app.state.clone(), Duration::from_millis(100)));
    let done = all_delivered(&app, 3).await;
    task.abort();

    // The generic webhook's first request was answered 500 and sent again a backoff later.
    let json_hits = hooks.hits("/json");
    assert_eq!(json_hits.len(), 3, "{json_hits:?}");
    let json_url = format!("http://{addr}/json");
    let retried = done.iter().find(|d| d["attempts"] == 2 && d["url"] == json_url.as_str()).expect("one delivery took two attempts");
    assert_eq!((retried["last_status"].as_i64(), retried["last_error"].clone()), (Some(200), Value::Null));
    assert!(retried["delivered_at"].is_string() && retried["next_attempt_at"].is_null(), "{retried}");
    let again: Vec<&Hit> = json_hits.iter().filter(|h| h.headers["x-seda-delivery"] == retried["id"].as_str().unwrap()).collect();
    assert_eq!(again.len(), 2);
    assert!(again[1].at - again[0].at >= Duration::from_millis(900), "{:?}", again[1].at - again[0].at);
    // One more attempt each: the generic webhook's first, and the Slack webhook's first.
    let attempts: i64 = done.iter().map(|d| d["attempts"].as_i64().unwrap()).sum();
    assert_eq!(attempts, 5, "{done:?}");

    let urgent = json_hits.iter().find(|h| h.headers["x-seda-event"] == "complaint.urgent").unwrap();
    assert_eq!(urgent.headers["content-type"], "application/json");
    let body: Value = serde_json::from_str(&urgent.body).unwrap();
    assert_eq!((body["event"].as_str(), body["subject"].as_str(), body["topic"].as_str()), (Some("complaint.urgent"), Some("u-1"), Some("safety")));
    assert_eq!(body["reference"], seda_receiver::engine::complaint_reference("u-1"));
    let detractor = json_hits.iter().find(|h| h.headers["x-seda-event"] == "survey.detractor").unwrap();
    let body: Value = serde_json::from_str(&detractor.body).unwrap();
    assert_eq!((body["subject"].as_str(), body["score"].as_i64(), body["comment"].as_str()), (Some("n-1"), Some(3), Some("Fast delivery")));

    // The Slack-compatible body.
    let slack = hooks.hits("/slack");
    assert_eq!(slack.len(), 2, "the first failed, the second took it: {slack:?}");
    let body: Value = serde_json::from_str(&slack[1].body).unwrap();
    assert_eq!(body, json!({"text": "NPS detractor on nps 3/10: “Fast delivery”"}));

    // A delivery can be sent again by hand.
    let id = retried["id"].as_str().unwrap();
    let a = send(&app.router, admin_json("POST", &format!("/admin/desk/webhooks/deliveries/{id}/retry"), json!({}))).await;
    assert_eq!((a.json()["status"].as_str(), a.json()["attempts"].as_i64()), (Some("pending"), Some(0)), "{}", a.text());
    let client = delivery::client().unwrap();
    assert_eq!(delivery::deliver_due(&app.store, &client, Duration::from_secs(1)).await.unwrap(), 1);
    assert_eq!(hooks.hits("/json").len(), 4);
    send(&app.router, admin_json("POST", "/admin/desk/webhooks/deliveries/none/retry", json!({}))).await.problem(404, "not-found");
    assert!(has_entry(&audit(&app).await, "token", "webhook.retry", Some(id)));
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let (addr, hooks) = hook_server(1, (503, Some("3")), Duration::ZERO).await;
    let app = sqlite_app(fast_retries()).await;
    add_hook(&app, &format!("http://{addr}/json"), "json", &["complaint.urgent"]).await;
    posted(&app, &by_email("u-1", "safety", "ana@shop.example")).await;
    let client = delivery::client().unwrap();
    let before = now_micros();
    assert_eq!(delivery::deliver_due(&app.store, &client, Duration::from_secs(1)).await.unwrap(), 1);
    let d = app.store.deliveries(None, 10).await.unwrap().remove(0);
    assert_eq!((d.status.as_str(), d.attempts, d.last_status), ("pending", 1, Some(503)));
    assert!(d.last_error.as_deref().unwrap().contains("503"), "{:?}", d.last_error);
    let wait = d.next_attempt_at - before;
    assert!((3_000_000..4_000_000).contains(&wait), "waits for Retry-After's 3 s, not the 1 s backoff: {wait} µs");
    // Not due yet: nothing is sent.
    assert_eq!(delivery::deliver_due(&app.store, &client, Duration::from_secs(1)).await.unwrap(), 0);
    assert_eq!(hooks.hits("/json").len(), 1);
}

#[tokio::test]
async fn two_senders_never_send_one_delivery_twice() {
    hooks::two_senders(&sqlite_app(settings()).await, None).await;
}

#[tokio::test]
async fn webhooks_are_checked_listed_and_removed() {
    let app = sqlite_app(settings()).await;
    let add = |body: Value| send(&app.router, admin_json("POST", "/admin/desk/webhooks", body));
    for (body, path) in [
        (json!({"url": "ftp://x.example/a", "events": ["complaint.urgent"]}), "url"),
        (json!({"url": "not a url", "events": ["complaint.urgent"]}), "url"),
        (json!({"url": "https://x.example", "format": "xml", "events": ["complaint.urgent"]}), "format"),
        (json!({"url": "https://x.example", "events": ["complaint.late"]}), "events[0]"),
        (json!({"url": "https://x.example", "events": []}), "events"),
    ] {
        let p = add(body.clone()).await.problem(422, "invalid-field");
        assert_eq!(p["path"], path, "{body}: {p}");
    }
    let hook = add_hook(&app, "https://hooks.example/a", "slack", &["complaint.urgent"]).await;
    let id = hook["id"].as_str().unwrap();
    let list = send(&app.router, get("/admin/desk/webhooks", Some(TOKEN))).await.json();
    assert_eq!(list["webhooks"], json!([hook]));
    // Queued deliveries go with their webhook.
    posted(&app, &by_email("u-1", "safety", "ana@shop.example")).await;
    assert_eq!(deliveries(&app).await[0]["url"], "https://hooks.example/a");
    let bad = send(&app.router, get("/admin/desk/webhooks/deliveries?status=lost", Some(TOKEN))).await;
    assert_eq!(bad.problem(400, "bad-query")["path"], "status");
    let removed = send(&app.router, admin_json("DELETE", &format!("/admin/desk/webhooks/{id}"), json!({}))).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text());
    assert!(deliveries(&app).await.is_empty());
    send(&app.router, admin_json("DELETE", &format!("/admin/desk/webhooks/{id}"), json!({}))).await.problem(404, "not-found");
    send(&app.router, get("/admin/desk/webhooks", None)).await.problem(401, "unauthorized");
    let entries = audit(&app).await;
    assert!(has_entry(&entries, "token", "webhook.add", Some(id)) && has_entry(&entries, "token", "webhook.remove", Some(id)), "{entries:?}");
}
