//! `GET /forms/{id}` serves a form's current version to the widget (cacheable, with
//! an ETag); `POST /admin/forms` registers a version.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::Admin;
use crate::catalog;
use crate::error::{AppError, Reason};
use crate::store::FormAdded;
use crate::{now_micros, AppState};

use super::{read_limited, status_json};

/// Definitions larger than the widget reads are refused before they are read.
const MAX_FORM_BYTES: usize = 256 * 1024;

pub async fn get(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let (definition, sha256) = match state.store.form(&id, None).await? {
        Some(f) => (f.definition, f.sha256),
        None => {
            let text = template_text(&id).ok_or_else(|| AppError::reject(Reason::NotFound, format!("there is no form {id:?}")))?;
            let sha = crate::canonical::sha256_hex(text.as_bytes());
            (text, sha)
        }
    };
    let etag = format!("\"{}\"", &sha256[..32]);
    let cache = format!("public, max-age={}", state.settings.form_max_age);
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*" || t.trim().strip_prefix("W/") == Some(etag.as_str())));
    let mut response = if matches { StatusCode::NOT_MODIFIED.into_response() } else { definition.into_response() };
    let h = response.headers_mut();
    if !matches {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_str(&cache).unwrap_or(HeaderValue::from_static("no-cache")));
    h.insert(header::ETAG, HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\"")));
    Ok(response)
}

/// A built-in template's JSON by its form id.
fn template_text(id: &str) -> Option<String> {
    crate::engine::template_json(id).map(str::to_owned)
}

pub async fn add(admin: Admin, State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let bytes = read_limited(request.into_body(), MAX_FORM_BYTES).await?;
    let text = std::str::from_utf8(&bytes).map_err(|_| AppError::reject(Reason::InvalidForm, "the definition is not UTF-8"))?;
    let (added, stored) = catalog::register(&state.store, text, now_micros()).await?;
    let status = if added == FormAdded::Created { StatusCode::CREATED } else { StatusCode::OK };
    let target = format!("{}@{}", stored.form_id, stored.version);
    admin.audit(&state, "form.add", Some(&target), Some(json!({"created": added == FormAdded::Created}))).await?;
    Ok(status_json(
        status,
        json!({"form_id": stored.form_id, "version": stored.version, "status": if added == FormAdded::Created { "registered" } else { "unchanged" }}),
    ))
}
