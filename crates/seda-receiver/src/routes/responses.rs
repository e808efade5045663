//! `POST /responses`: 201 on a key's first receipt, 200 when the same body comes
//! again, 409 when the key comes with another body; a 4xx problem for bad input.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::engine::{self, KnownForm};
use crate::{alerts, cases};
use crate::error::{AppError, PathProblem, Reason};
use crate::ingest::{self, Format, Incoming};
use crate::store::{NewAttachment, NewResponse, Receipt};
use crate::{now_micros, AppState, UnknownForms};

use super::{read_limited, status_json};

pub async fn post(State(state): State<AppState>, request: Request<Body>) -> Response {
    let started = Instant::now();
    let outcome = receive(&state, request).await;
    state.metrics.observe(started.elapsed());
    match outcome {
        Ok(response) => response,
        Err(e) => {
            state.metrics.rejected(e.reason());
            e.into_response()
        }
    }
}

async fn receive(state: &AppState, request: Request<Body>) -> Result<Response, AppError> {
    let (parts, body) = request.into_parts();
    let format = Format::of(&parts.headers)?;
    let limit = match format {
        Format::Multipart => state.settings.max_multipart_bytes,
        _ => state.settings.max_body_bytes,
    };
    let header_key = header_key(&parts.headers)?;
    let bytes = read_limited(body, limit).await?;
    let received = ingest::read_body(format, &parts.headers, bytes).await?;
    let named = ingest::named_form(&received);
    if let Some((id, _)) = &named {
        check_origin(state, id, &parts.headers).await?;
    }
    let form = match named {
        Some((id, version)) => state.catalog.resolve(&state.store, &id, version).await?,
        None => None,
    };
    let shape = |key: &str| form.as_ref().and_then(|f| f.shape(key));
    let incoming = ingest::finish(received, header_key.as_deref(), &shape)?;

    // A key already stored needs no verification and no file writes.
    if let Some(hash) = state.store.body_hash(&incoming.key).await? {
        return answer_again(state, &incoming.key, hash == incoming.hash);
    }
    if form.is_none() && state.settings.unknown_forms == UnknownForms::Reject {
        return Err(AppError::at(
            Reason::UnknownForm,
            "form_id",
            format!("form {:?} (version {}) is not registered here", incoming.form_id(), version_text(incoming.form_version())),
        ));
    }
    let (row, problems) = verified_row(&incoming, form.as_deref());
    let attachments = keep_files(state, &incoming).await?;
    match state.store.insert_response(&row, &attachments).await? {
        Receipt::Created => {
            state.metrics.accepted();
            tracing::info!(id = %row.id, form = %row.form_id, verification = row.verification, "response stored");
            after_stored(state, &row, &incoming.payload, form.as_deref()).await;
            Ok(status_json(
                StatusCode::CREATED,
                json!({"id": row.id, "status": "created", "verification": row.verification, "problems": problems}),
            ))
        }
        Receipt::Replayed => answer_again(state, &row.id, true),
        Receipt::Conflict => answer_again(state, &row.id, false),
    }
}

/// A new complaint opens its case, and a new response's alerts are queued. Neither
/// failing undoes the receipt: the case is opened on the next start, and the error is logged.
async fn after_stored(state: &AppState, row: &NewResponse, payload: &serde_json::Value, form: Option<&KnownForm>) {
    if row.kind.as_deref() == Some(cases::COMPLAINT) {
        if let Err(e) = cases::open(&state.store, &state.settings.due, &row.id, &row.form_id, row.received_at, payload).await {
            tracing::error!(id = %row.id, error = %e, "the complaint's case is not opened");
        }
    }
    if let Err(e) = alerts::enqueue(&state.store, row, payload, form).await {
        tracing::error!(id = %row.id, error = %e, "the response's alerts are not queued");
    }
}

/// 403 when the form lists its allowed origins and the page posting is on another.
/// (The CORS preflight cannot name the form, so it is let through; this refuses the POST.)
async fn check_origin(state: &AppState, form_id: &str, headers: &HeaderMap) -> Result<(), AppError> {
    let Some(settings) = state.store.form_settings(form_id).await? else { return Ok(()) };
    let origin = headers.get(axum::http::header::ORIGIN).map(|o| o.to_str().unwrap_or("null"));
    if settings.allows(origin) {
        return Ok(());
    }
    Err(AppError::at(Reason::OriginNotAllowed, "form_id", format!("form {form_id:?} does not take responses from {}", origin.unwrap_or_default())))
}

fn answer_again(state: &AppState, key: &str, same: bool) -> Result<Response, AppError> {
    if same {
        state.metrics.replayed();
        return Ok(status_json(StatusCode::OK, json!({"id": key, "status": "already_received"})));
    }
    Err(AppError::at(
        Reason::IdempotencyConflict,
        "id",
        format!("a response with the Idempotency-Key {key:?} was already received with a different body"),
    ))
}

/// The `Idempotency-Key` header, if one was sent: one visible-ASCII value.
fn header_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(first) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err(AppError::reject(Reason::InvalidKey, "the Idempotency-Key header is sent more than once"));
    }
    let key = first.to_str().map_err(|_| AppError::reject(Reason::InvalidKey, "the Idempotency-Key header is not visible ASCII"))?;
    Ok(Some(key.trim().to_owned()))
}

fn version_text(v: Option<i64>) -> String {
    v.map_or_else(|| "none given".to_owned(), |v| v.to_string())
}

/// The row to store: the payload and what checking it against its form found.
fn verified_row(incoming: &Incoming, form: Option<&KnownForm>) -> (NewResponse, Vec<PathProblem>) {
    let (verification, problems, figures, checklist) = match form {
        None => ("unknown_form", Vec::new(), None, None),
        Some(form) => {
            let mut v = engine::verify(form, &incoming.payload);
            if incoming.form_version().is_none() {
                v.problems.push(PathProblem { path: "form_version".into(), message: format!("missing: checked against version {}", form.version()) });
            }
            let status = if v.problems.is_empty() { "verified" } else { "mismatch" };
            let figures = v.figures.as_ref().map(|f| if f.matches { "match" } else { "mismatch" });
            let checklist = v.figures.map(|f| f.recomputed.to_string());
            (status, v.problems, figures, checklist)
        }
    };
    let row = NewResponse {
        id: incoming.key.clone(),
        form_id: incoming.form_id().to_owned(),
        form_version: incoming.form_version(),
        kind: incoming.payload.get("kind").and_then(|k| k.as_str()).map(str::to_owned),
        received_at: now_micros(),
        format: incoming.format.name(),
        body_sha256: incoming.hash.clone(),
        payload: incoming.text.clone(),
        verification,
        problems: serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into()),
        figures,
        checklist,
    };
    (row, problems)
}

/// Writes each file part to the file store (durably, before the row that names it).
async fn keep_files(state: &AppState, incoming: &Incoming) -> Result<Vec<NewAttachment>, AppError> {
    let mut out = Vec::new();
    for f in &incoming.files {
        state.files.put(&f.sha256, f.bytes.clone()).await?;
        out.push(NewAttachment {
            part: f.part.clone(),
            file_name: f.file_name.clone(),
            content_type: f.content_type.clone(),
            size: f.bytes.len() as i64,
            sha256: f.sha256.clone(),
            storage_key: f.sha256.clone(),
        });
    }
    Ok(out)
}
