//! The admin API beside forms and exports: a form's settings, erasure, and the
//! audit log. Every change is recorded in the audit log.

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::error::{AppError, Reason};
use crate::reports::query::Params;
use crate::form_settings::FormSettings;
use crate::privacy::{self, Erasure};
use crate::{now_micros, AppState};

use super::export::rfc3339;
use super::{read_limited, status_json};

const MAX_ADMIN_BODY_BYTES: usize = 64 * 1024;

pub async fn get_settings(_: Admin, State(state): State<AppState>, Path(form_id): Path<String>) -> Result<Response, AppError> {
    let settings = state.store.form_settings(&form_id).await?.unwrap_or_default();
    Ok(status_json(StatusCode::OK, settings_json(&form_id, &settings)))
}

/// Replaces a form's settings: `{"allowed_origins": [...] | null, "retention_days": N | null}`.
pub async fn put_settings(admin: Admin, State(state): State<AppState>, Path(form_id): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    if form_id.is_empty() || form_id.len() > 128 || form_id.contains('\0') {
        return Err(AppError::reject(Reason::BadQuery, "a form id is 1-128 characters"));
    }
    let bytes = read_limited(request.into_body(), MAX_ADMIN_BODY_BYTES).await?;
    let settings: FormSettings = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::reject(Reason::MalformedJson, format!("send {{\"allowed_origins\": [...] | null, \"retention_days\": N | null}}: {e}")))?;
    let settings = settings.checked()?;
    state.store.set_form_settings(&form_id, &settings, now_micros()).await?;
    let body = settings_json(&form_id, &settings);
    admin.audit(&state, "form.settings", Some(&form_id), Some(body.clone())).await?;
    Ok(status_json(StatusCode::OK, body))
}

fn settings_json(form_id: &str, s: &FormSettings) -> Value {
    json!({"form_id": form_id, "allowed_origins": s.allowed_origins, "retention_days": s.retention_days})
}

/// `{"response_id" | "reference" | "contact": "..."}` → `{"erased": N, "files": M}`.
pub async fn erase(admin: Admin, State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let bytes = read_limited(request.into_body(), MAX_ADMIN_BODY_BYTES).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::reject(Reason::MalformedJson, e.to_string()))?;
    let what = Erasure::from_json(&body)?;
    let removed = privacy::erase(&state.store, &state.files, &state.catalog, &what).await?;
    let answer = json!({"erased": removed.responses, "files": removed.files});
    admin.audit(&state, "erase", Some(&what.audit_target()), Some(answer.clone())).await?;
    Ok(status_json(StatusCode::OK, answer))
}

/// The newest entries first: `?limit=N` (default 100, at most 1000), `&action=erase`.
pub async fn audit(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let limit = p.limit(100, 1000)?;
    let entries = state.store.audit_entries(limit as i64, p.take("action").as_deref()).await?;
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|e| {
            let detail = e.detail.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok());
            json!({"at": rfc3339(e.at), "actor": e.actor, "action": e.action, "target": e.target, "client": e.client, "detail": detail})
        })
        .collect();
    Ok(status_json(StatusCode::OK, json!({ "entries": entries })))
}
