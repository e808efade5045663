//! The desk's alerts: webhooks (list, add, remove) and their deliveries (list, retry).

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::alerts::{self, hook::NewWebhook};
use crate::auth::Admin;
use crate::error::{AppError, Reason};
use crate::reports::query::Params;
use crate::store::{DeliveryRow, WebhookRow};
use crate::{now_micros, AppState};

use super::export::rfc3339;
use super::{read_limited, status_json};

const MAX_BODY_BYTES: usize = 16 * 1024;

pub async fn list(_: Admin, State(state): State<AppState>) -> Result<Response, AppError> {
    let hooks: Vec<Value> = state.store.webhooks().await?.iter().map(webhook_json).collect();
    Ok(status_json(StatusCode::OK, json!({ "webhooks": hooks })))
}

/// `POST /admin/desk/webhooks` `{"url", "format", "events"}` → 201 the webhook.
pub async fn add(admin: Admin, State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let bytes = read_limited(request.into_body(), MAX_BODY_BYTES).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::reject(Reason::MalformedJson, format!("the body is not valid JSON: {e}")))?;
    let hook = alerts::add(&state.store, &NewWebhook::from_json(&body)?, now_micros()).await?;
    let answer = webhook_json(&hook);
    admin.audit(&state, "webhook.add", Some(&hook.id), Some(json!({"format": hook.format, "events": hook.events}))).await?;
    Ok(status_json(StatusCode::CREATED, answer))
}

/// `DELETE /admin/desk/webhooks/{id}` → `{"removed": id}` (its deliveries go with it).
pub async fn remove(admin: Admin, State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    if !state.store.remove_webhook(&id).await? {
        return Err(AppError::reject(Reason::NotFound, format!("there is no webhook {id:?}")));
    }
    admin.audit(&state, "webhook.remove", Some(&id), None).await?;
    Ok(status_json(StatusCode::OK, json!({"removed": id})))
}

/// `GET /admin/desk/webhooks/deliveries?status=pending|delivered|failed&limit=N` (default 100, at most 1000).
pub async fn deliveries(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let status = p.take("status");
    if let Some(s) = status.as_deref().filter(|s| !["pending", "delivered", "failed"].contains(s)) {
        return Err(AppError::at(Reason::BadQuery, "status", format!("{s:?} is not pending, delivered or failed")));
    }
    let limit = p.limit(100, 1000)?;
    let rows = state.store.deliveries(status.as_deref(), limit as i64).await?;
    Ok(status_json(StatusCode::OK, json!({"deliveries": rows.iter().map(delivery_json).collect::<Vec<_>>()})))
}

/// `POST /admin/desk/webhooks/deliveries/{id}/retry`: pending again, due now, attempts afresh.
pub async fn retry(admin: Admin, State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    if !state.store.retry_delivery(&id, now_micros()).await? {
        return Err(AppError::reject(Reason::NotFound, format!("there is no delivery {id:?}")));
    }
    admin.audit(&state, "webhook.retry", Some(&id), None).await?;
    let row = state.store.delivery(&id).await?.ok_or_else(|| AppError::reject(Reason::NotFound, "the delivery is gone"))?;
    Ok(status_json(StatusCode::OK, delivery_json(&row)))
}

fn webhook_json(h: &WebhookRow) -> Value {
    json!({"id": h.id, "url": h.url, "format": h.format, "events": h.events, "created_at": rfc3339(h.created_at)})
}

fn delivery_json(d: &DeliveryRow) -> Value {
    json!({
        "id": d.id, "webhook_id": d.webhook_id, "url": d.url, "event": d.event, "subject": d.subject, "status": d.status,
        "attempts": d.attempts, "last_status": d.last_status, "last_error": d.last_error, "created_at": rfc3339(d.created_at),
        "next_attempt_at": (d.status == "pending").then(|| rfc3339(d.next_attempt_at)), "delivered_at": d.delivered_at.map(rfc3339),
    })
}
