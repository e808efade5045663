//! Complaints' cases through the router on SQLite: opening, the list, a case in
//! full, its changes, the backfill on start, and the complainant's status page.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::admin::from_ip;
use common::cases::{self, status_request};
use common::{payloads, post_json, send, settings, sqlite_app};
use seda_receiver::limits::Rate;
use seda_receiver::Settings;

#[tokio::test]
async fn lifecycle() {
    cases::lifecycle(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn backfill_and_overdue() {
    cases::backfill_and_overdue(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn public_status() {
    cases::public_status(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn due_times_follow_the_settings() {
    let due = seda_receiver::cases::intake::DueTimes { urgent: Duration::from_secs(3600), normal: Duration::from_secs(7200) };
    let app = sqlite_app(Settings { due, ..settings() }).await;
    cases::posted(&app, &cases::by_email("d-1", "safety", "a@b.example")).await;
    cases::posted(&app, &cases::by_email("d-2", "price", "a@b.example")).await;
    let list = cases::desk(&app, "/admin/desk/complaints").await;
    let hours: Vec<i64> = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let at = |k: &str| time::OffsetDateTime::parse(c[k].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
            (at("due_at") - at("received_at")).whole_hours()
        })
        .collect();
    assert_eq!(hours, [1, 2]);
}

#[tokio::test]
async fn the_status_page_shares_the_responses_limit() {
    let app = sqlite_app(Settings { rate_limit: Rate { count: 2, per: Duration::from_secs(60) }, ..settings() }).await;
    let ip = [192, 0, 2, 7];
    assert_eq!(send(&app.router, from_ip(post_json(&payloads::nps("r-1", 9)), ip)).await.status, StatusCode::CREATED);
    send(&app.router, from_ip(status_request("ZZZZ-ZZZZ", "a@b.example"), ip)).await.problem(404, "not-found");
    let limited = send(&app.router, from_ip(status_request("ZZZZ-ZZZZ", "a@b.example"), ip)).await;
    limited.problem(429, "rate-limited");
    assert!(limited.headers.contains_key("retry-after"));
    send(&app.router, from_ip(post_json(&payloads::nps("r-2", 9)), ip)).await.problem(429, "rate-limited");
}
