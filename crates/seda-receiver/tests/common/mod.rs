//! Helpers shared by the receiver's tests: an app on a fresh database, requests,
//! and payloads made by the engine the widget runs.
#![allow(dead_code)]

pub mod admin;
pub mod desk;
pub mod payloads;
pub mod scenarios;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use seda_receiver::files::LocalFiles;
use seda_receiver::{app, AppState, Settings, Store};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

pub const TOKEN: &str = "test-admin-token";

/// A router over its own database, and the folder its files go to.
pub struct TestApp {
    pub router: Router,
    pub store: Store,
    pub files: TempDir,
    /// The database's URL, for tests that set a stored row by hand.
    pub url: String,
    _db_dir: Option<TempDir>,
}

pub fn settings() -> Settings {
    Settings { admin_token: Some(TOKEN.into()), ..Settings::default() }
}

/// On a new SQLite database in a temporary folder.
pub async fn sqlite_app(settings: Settings) -> TestApp {
    let dir = TempDir::new().unwrap();
    let url = format!("sqlite://{}/seda.db", dir.path().display());
    let mut app = app_on(&url, settings).await;
    app._db_dir = Some(dir);
    app
}

/// On the database at `url` (which may be shared with other apps).
pub async fn app_on(url: &str, settings: Settings) -> TestApp {
    let store = Store::connect(url).await.expect("database opens");
    let files = TempDir::new().unwrap();
    let state = AppState::new(store.clone(), Arc::new(LocalFiles::new(files.path())), settings);
    TestApp { router: app(state), store, files, url: url.to_owned(), _db_dir: None }
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// Asserts a problem+json answer of `status` and `type` slug; returns the problem.
    pub fn problem(&self, status: u16, slug: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.content_type(), "application/problem+json", "{}", self.text());
        let p = self.json();
        assert_eq!(p["type"], format!("urn:seda:problem:{slug}"), "{p}");
        assert_eq!(p["status"], status);
        assert!(p["title"].is_string() && p["detail"].is_string(), "{p}");
        p
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body").to_vec();
    Answer { status, headers, body }
}

/// `POST /responses` with `content_type`, and the Idempotency-Key header when given.
pub fn post(content_type: &str, key: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post("/responses").header(header::CONTENT_TYPE, content_type);
    if let Some(k) = key {
        r = r.header("idempotency-key", k);
    }
    r.body(body.into()).unwrap()
}

/// A JSON post with the header equal to the body's id, as the widget sends it.
pub fn post_json(payload: &Value) -> Request<Body> {
    post("application/json", payload["id"].as_str(), payload.to_string())
}

pub fn get(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut r = Request::get(uri);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::empty()).unwrap()
}

pub fn post_form_definition(definition: &str, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/admin/forms").header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(definition.to_owned())).unwrap()
}

/// The stored rows of form `form` as JSON Lines.
pub async fn export_jsonl(app: &TestApp, form: &str) -> Vec<Value> {
    let a = send(&app.router, get(&format!("/export?form={form}&format=jsonl"), Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    a.text().lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}
