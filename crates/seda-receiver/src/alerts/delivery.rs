//! Sending queued alerts: a task of `serve` claims each due delivery (so that of
//! several receivers on one database only one sends it), POSTs its body, and records
//! the outcome: any 2xx is delivered; anything else is tried again later.
//!
//! reqwest (with rustls) is the client: the S3 store already builds it, so it adds
//! no code to the build, and it brings TLS roots and timeouts that hyper-util's
//! client would leave to us.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, RETRY_AFTER, USER_AGENT};
use time::OffsetDateTime;

use super::backoff::{next_wait, retry_after};
use crate::error::AppError;
use crate::store::{AttemptEnd, DeliveryRow, Store};
use crate::{now_micros, AppState};

/// How often `serve` looks for due deliveries.
pub const POLL_EVERY: Duration = Duration::from_secs(1);
/// How long one POST may take.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed delivery is left to its sender before another may take it.
const LEASE: Duration = Duration::from_secs(60);
/// The most of a failing answer's body kept as its error.
const ERROR_CHARS: usize = 300;

/// The client deliveries are sent with: a 10 s timeout, and no redirects followed
/// (a webhook's URL is where alerts go, not a first hop).
pub fn client() -> Result<reqwest::Client, AppError> {
    reqwest::Client::builder()
        .timeout(SEND_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| AppError::Internal(format!("the webhook client cannot be built: {e}")))
}

/// In `serve`: sends due deliveries every `every`, for as long as the receiver runs.
pub async fn delivery_task(state: AppState, every: Duration) {
    let client = match client() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "webhooks will not be sent");
            return;
        }
    };
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(e) = deliver_due(&state.store, &client, state.settings.webhook_backoff).await {
            tracing::error!(error = %e, "webhook deliveries failed");
        }
    }
}

/// Sends every delivery due now, one at a time; how many were attempted.
pub async fn deliver_due(store: &Store, client: &reqwest::Client, backoff: Duration) -> Result<usize, AppError> {
    let mut attempted = 0;
    loop {
        let now = now_micros();
        let Some(delivery) = store.claim_delivery(now, now + micros(LEASE)).await? else { return Ok(attempted) };
        let end = attempt(client, &delivery, backoff).await;
        match &end {
            AttemptEnd::Delivered { status, .. } => tracing::info!(id = %delivery.id, status, "webhook delivered"),
            AttemptEnd::Retry { error, .. } | AttemptEnd::Failed { error, .. } => {
                tracing::warn!(id = %delivery.id, attempt = delivery.attempts, %error, "webhook not delivered")
            }
        }
        store.end_attempt(&delivery.id, &end).await?;
        attempted += 1;
    }
}

/// One POST of `delivery`'s body (its `attempts` counts this one).
async fn attempt(client: &reqwest::Client, delivery: &DeliveryRow, backoff: Duration) -> AttemptEnd {
    let sent = client
        .post(&delivery.url)
        .header(CONTENT_TYPE, "application/json")
        .header(USER_AGENT, concat!("seda-receiver/", env!("CARGO_PKG_VERSION")))
        .header("x-seda-event", &delivery.event)
        .header("x-seda-delivery", &delivery.id)
        .body(delivery.body.clone())
        .send()
        .await;
    let (status, wait_asked, error) = match sent {
        Ok(answer) if answer.status().is_success() => {
            return AttemptEnd::Delivered { status: i64::from(answer.status().as_u16()), at: now_micros() };
        }
        Ok(answer) => {
            let status = answer.status();
            let asked = answer.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| retry_after(v, OffsetDateTime::now_utc()));
            let text: String = answer.text().await.unwrap_or_default().chars().take(ERROR_CHARS).collect();
            (Some(i64::from(status.as_u16())), asked, format!("answered {status}: {}", text.trim()))
        }
        Err(e) if e.is_timeout() => (None, None, format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
        Err(e) => (None, None, format!("cannot send: {}", error_chain(&e))),
    };
    match next_wait(delivery.attempts, backoff, wait_asked) {
        Some(wait) => AttemptEnd::Retry { status, error, next_attempt_at: now_micros() + micros(wait) },
        None => AttemptEnd::Failed { status, error },
    }
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// An error with its causes ("error sending request: connection refused").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
