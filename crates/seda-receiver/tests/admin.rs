//! The admin side through the router on SQLite: accounts and sessions, rate limits,
//! allowed origins, erasure, retention, the audit log, and the backup.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::admin::{self, add_user, cookie_of, from_ip, sign_in, PASSWORD};
use common::{payloads, post_json, send, settings, sqlite_app};
use seda_receiver::accounts::Role;
use seda_receiver::limits::Rate;
use seda_receiver::{Settings, Store};

#[tokio::test]
async fn sessions() {
    admin::sessions(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn allowed_origins() {
    admin::allowed_origins(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn erasure() {
    admin::erasure(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn shared_files() {
    admin::shared_files(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn retention() {
    admin::retention(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn the_cookie() {
    let app = sqlite_app(Settings { session_seconds: 3600, ..settings() }).await;
    add_user(&app, "ana", Role::Admin).await;
    let a = sign_in(&app, "ana", PASSWORD).await;
    let set = a.headers[header::SET_COOKIE].to_str().unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=3600", "Secure"] {
        assert!(set.split("; ").any(|x| x == attribute), "{attribute} in {set}");
    }
    assert_eq!(a.headers[header::CACHE_CONTROL], "no-store");
    // Trying the receiver on this machine over plain http: not Secure, or the browser drops it.
    let local = Request::post("/session")
        .header(header::HOST, "localhost:8080")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("name=ana&password={}", PASSWORD.replace(' ', "+"))))
        .unwrap();
    let a = send(&app.router, local).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(!a.headers[header::SET_COOKIE].to_str().unwrap().contains("Secure"));
    // The session lasts as long as the cookie says.
    let who = send(&app.router, admin::with_cookie("GET", "/session", &cookie_of(&a), false, None)).await;
    let expires = time::OffsetDateTime::parse(who.json()["expires_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    let left = expires - time::OffsetDateTime::now_utc();
    assert!(left > time::Duration::seconds(3590) && left <= time::Duration::seconds(3600), "{left}");
    // Neither JSON nor a form: 415.
    let text = Request::post("/session").header(header::CONTENT_TYPE, "text/plain").body(Body::from("ana")).unwrap();
    send(&app.router, text).await.problem(415, "unsupported-media-type");
}

#[tokio::test]
async fn responses_are_rate_limited_per_address() {
    let app = sqlite_app(Settings { rate_limit: Rate { count: 2, per: Duration::from_secs(60) }, ..settings() }).await;
    let from = |id: &str, ip| {
        let mut r = from_ip(post_json(&payloads::nps(id, 9)), ip);
        r.headers_mut().insert(header::ORIGIN, "https://shop.example".parse().unwrap());
        r
    };
    for id in ["l-1", "l-2"] {
        assert_eq!(send(&app.router, from(id, [192, 0, 2, 1])).await.status, StatusCode::CREATED);
    }
    let limited = send(&app.router, from("l-3", [192, 0, 2, 1])).await;
    limited.problem(429, "rate-limited");
    let wait: u64 = limited.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((29..=30).contains(&wait), "{wait}");
    // The widget reads Retry-After across origins.
    assert_eq!(limited.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(limited.headers[header::ACCESS_CONTROL_EXPOSE_HEADERS].to_str().unwrap().to_ascii_lowercase().contains("retry-after"));
    assert_eq!(app.store.count_responses(Some("l-3")).await.unwrap(), 0);
    // Another address has its own allowance; forms are not limited.
    assert_eq!(send(&app.router, from("l-4", [192, 0, 2, 2])).await.status, StatusCode::CREATED);
    let form = from_ip(common::get("/forms/nps", None), [192, 0, 2, 1]);
    assert_eq!(send(&app.router, form).await.status, StatusCode::OK);
    let m = send(&app.router, common::get("/metrics", None)).await.text();
    assert!(m.contains("seda_responses_rejected_total{reason=\"rate-limited\"} 1\n"), "{m}");
}

#[tokio::test]
async fn behind_a_proxy_the_forwarded_address_counts() {
    let app = sqlite_app(Settings { rate_limit: Rate { count: 1, per: Duration::from_secs(60) }, trust_forwarded_for: true, ..settings() }).await;
    let via_proxy = |id: &str, client: &str| {
        let mut r = from_ip(post_json(&payloads::nps(id, 9)), [10, 0, 0, 1]);
        r.headers_mut().insert("x-forwarded-for", format!("198.51.100.1, {client}").parse().unwrap());
        r
    };
    assert_eq!(send(&app.router, via_proxy("f-1", "203.0.113.1")).await.status, StatusCode::CREATED);
    assert_eq!(send(&app.router, via_proxy("f-2", "203.0.113.2")).await.status, StatusCode::CREATED);
    send(&app.router, via_proxy("f-3", "203.0.113.1")).await.problem(429, "rate-limited");
}

#[tokio::test]
async fn sign_in_attempts_are_limited() {
    let app = sqlite_app(Settings { sign_in_limit: Rate { count: 2, per: Duration::from_secs(60) }, ..settings() }).await;
    add_user(&app, "ana", Role::Admin).await;
    let attempt = |password: &str| {
        let body = serde_json::json!({"name": "ana", "password": password}).to_string();
        from_ip(Request::post("/session").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap(), [192, 0, 2, 9])
    };
    send(&app.router, attempt("guess one")).await.problem(401, "unauthorized");
    send(&app.router, attempt("guess two")).await.problem(401, "unauthorized");
    // Even the right password waits now.
    let limited = send(&app.router, attempt(PASSWORD)).await;
    limited.problem(429, "rate-limited");
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn backup_copies_the_rows() {
    let app = sqlite_app(settings()).await;
    for id in ["b-1", "b-2", "b-3"] {
        assert_eq!(send(&app.router, post_json(&payloads::nps(id, 9))).await.status, StatusCode::CREATED);
    }
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join("copy.db");
    app.store.backup_into(&copy).await.unwrap();
    // A file written meanwhile is not in the copy; the copy is a database of its own.
    send(&app.router, post_json(&payloads::nps("b-4", 9))).await;
    let restored = Store::connect(&format!("sqlite://{}", copy.display())).await.unwrap();
    assert_eq!(restored.count_responses(None).await.unwrap(), 3);
    assert!(restored.body_hash("b-2").await.unwrap().is_some());
    // An existing file is never overwritten.
    let again = app.store.backup_into(&copy).await.unwrap_err().to_string();
    assert!(again.contains("exists"), "{again}");
}

// Regression: the audit log, the export and the visit lists read their query with
// axum's `Query`, so `?limit=many` or a parameter given twice got a plain-text 400.
#[tokio::test]
async fn every_admin_query_is_read_into_a_problem_naming_the_parameter() {
    let app = sqlite_app(settings()).await;
    let bad = [
        ("/admin/audit?limit=many", "limit"),
        ("/admin/audit?action=erase&action=export", "action"),
        ("/export?form=nps&form=csat", "form"),
        ("/admin/desk/visits?form=a&form=b", "form"),
        ("/admin/desk/visit-report?period=year", "period"),
        ("/admin/desk/visit-report?from=2026-12-02&to=2026-12-01", "to"),
        ("/admin/desk/complaints?limit=0", "limit"),
        ("/admin/desk/complaints?offset=-2", "offset"),
        ("/admin/desk/webhooks/deliveries?limit=ten", "limit"),
        ("/admin/desk/comments?form=nps&limit=1.5", "limit"),
    ];
    for (uri, path) in bad {
        let answer = send(&app.router, common::get(uri, Some(common::TOKEN))).await;
        assert_eq!(answer.problem(400, "bad-query")["path"], path, "{uri}");
    }
    // An ask over a list's most is answered with its most, as the lists document.
    for uri in ["/admin/audit?limit=5000", "/admin/desk/complaints?limit=5000", "/admin/desk/visits?limit=5000", "/admin/desk/webhooks/deliveries?limit=5000"] {
        let answer = send(&app.router, common::get(uri, Some(common::TOKEN))).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.text());
    }
}

#[tokio::test]
async fn rate_limit_turns_in_the_database() {
    admin::rate_limit_turns(&sqlite_app(settings()).await).await;
}
