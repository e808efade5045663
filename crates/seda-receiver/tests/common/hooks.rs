//! A local HTTP server standing in for a webhook's receiver, and the scenario of two
//! senders sharing deliveries (on SQLite in tests/webhooks.rs and PostgreSQL in
//! tests/postgres.rs).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use seda_receiver::alerts::{self, delivery, hook::NewWebhook};
use seda_receiver::now_micros;

use super::TestApp;

/// What the local server was sent: when, where, the headers and the body.
#[derive(Clone, Debug)]
pub struct Hit {
    pub at: Instant,
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

/// How the local server answers each path's first `fail` requests, then 200.
#[derive(Clone)]
pub struct Hooks {
    hits: Arc<Mutex<Vec<Hit>>>,
    fail: usize,
    failure: (u16, Option<&'static str>),
    delay: Duration,
}

impl Hooks {
    pub fn hits(&self, path: &str) -> Vec<Hit> {
        self.hits.lock().unwrap().iter().filter(|h| h.path == path).cloned().collect()
    }
}

async fn take(State(hooks): State<Hooks>, uri: Uri, headers: HeaderMap, body: String) -> axum::response::Response {
    tokio::time::sleep(hooks.delay).await;
    let path = uri.path().to_owned();
    let seen = {
        let mut hits = hooks.hits.lock().unwrap();
        hits.push(Hit { at: Instant::now(), path: path.clone(), headers, body });
        hits.iter().filter(|h| h.path == path).count()
    };
    if seen <= hooks.fail {
        let (status, retry_after) = hooks.failure;
        let mut answer = (StatusCode::from_u16(status).unwrap(), "busy").into_response();
        if let Some(r) = retry_after {
            answer.headers_mut().insert("retry-after", r.parse().unwrap());
        }
        return answer;
    }
    (StatusCode::OK, "ok").into_response()
}

/// A server on 127.0.0.1 that fails each path's first `fail` requests with `failure`.
pub async fn hook_server(fail: usize, failure: (u16, Option<&'static str>), delay: Duration) -> (SocketAddr, Hooks) {
    let hooks = Hooks { hits: Arc::default(), fail, failure, delay };
    let router = axum::Router::new().fallback(take).with_state(hooks.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, hooks)
}

/// Two senders (on `other`'s own pool when given, as a second receiver would be) share
/// eight due deliveries: each is sent exactly once.
pub async fn two_senders(app: &TestApp, other: Option<&TestApp>) {
    let (addr, hooks) = hook_server(0, (500, None), Duration::from_millis(30)).await;
    let hook = NewWebhook::check(&format!("http://{addr}/json"), "json", &["survey.detractor"]).unwrap();
    let hook = alerts::add(&app.store, &hook, now_micros()).await.unwrap();
    for i in 0..8 {
        app.store.enqueue_delivery(&hook.id, "survey.detractor", &format!("r-{i}"), "{}", now_micros()).await.unwrap();
    }
    // Queued twice for one response: still one delivery.
    app.store.enqueue_delivery(&hook.id, "survey.detractor", "r-0", "{}", now_micros()).await.unwrap();
    let (a, b) = (delivery::client().unwrap(), delivery::client().unwrap());
    let (sent_a, sent_b) = tokio::join!(
        delivery::deliver_due(&app.store, &a, Duration::from_secs(30)),
        delivery::deliver_due(&other.unwrap_or(app).store, &b, Duration::from_secs(30))
    );
    assert_eq!(sent_a.unwrap() + sent_b.unwrap(), 8);
    let mut ids: Vec<String> = hooks.hits("/json").iter().map(|h| h.headers["x-seda-delivery"].to_str().unwrap().to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((hooks.hits("/json").len(), ids.len()), (8, 8));
}

