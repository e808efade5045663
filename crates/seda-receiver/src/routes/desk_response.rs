//! One response as the desk shows it (`GET /admin/desk/responses/{id}`), and its
//! attached files (`GET /admin/files/{response_id}/{part}`), served so that a file
//! can never run as a page of this origin.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::engine::QuestionOutline;
use crate::error::{AppError, Reason};
use crate::store::CaseRef;
use crate::AppState;

use super::export::rfc3339;
use super::status_json;

pub async fn get(_: Admin, State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = state.store.response_record(&id).await?.ok_or_else(|| AppError::reject(Reason::NotFound, format!("no response has the id {id:?}")))?;
    let payload: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
    let problems: Value = serde_json::from_str(&r.problems).unwrap_or_else(|_| json!([]));
    let mut verification = json!({"status": r.verification, "problems": problems, "figures": r.figures});
    if let Some(c) = r.checklist.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok()) {
        verification["checklist"] = c;
    }
    let form = match r.form_version {
        Some(v) => state.catalog.resolve(&state.store, &r.form_id, Some(v)).await?,
        None => None,
    };
    let questions: Vec<Value> = form.map(|f| f.questions().iter().map(QuestionOutline::to_json).collect()).unwrap_or_default();
    let attachments: Vec<Value> = state
        .store
        .attachments(&r.id)
        .await?
        .into_iter()
        .map(|a| {
            let url = format!("/admin/files/{}/{}", segment(&r.id), segment(&a.part));
            json!({"part": a.part, "file_name": a.file_name, "content_type": a.content_type, "size": a.size, "url": url})
        })
        .collect();
    let links = state.store.case_links(&r.id).await?;
    let case_json = |c: &CaseRef| json!({"response_id": c.response_id, "reference": c.reference, "status": c.status});
    let body = json!({
        "id": r.id, "form_id": r.form_id, "form_version": r.form_version, "kind": r.kind,
        "received_at": rfc3339(r.received_at), "format": r.format, "verification": verification,
        "payload": payload, "questions": questions, "attachments": attachments,
        "case": links.case.as_ref().map(|c| json!({"reference": c.reference, "status": c.status})),
        "linked": {
            "survey_response": payload["hidden"]["survey_response"].as_str(),
            "complaints": links.complaints.iter().map(case_json).collect::<Vec<_>>(),
        },
    });
    Ok(status_json(StatusCode::OK, body))
}

/// The stored bytes of one attached file, with their type; a download except for the
/// raster image types a browser shows by themselves.
pub async fn file(_: Admin, State(state): State<AppState>, Path((response_id, part)): Path<(String, String)>) -> Result<Response, AppError> {
    let missing = || AppError::reject(Reason::NotFound, format!("response {response_id:?} has no file {part:?}"));
    let a = state.store.attachment(&response_id, &part).await?.ok_or_else(missing)?;
    let bytes = match state.files.get(&a.storage_key).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
        Err(e) => return Err(e.into()),
    };
    let content_type = HeaderValue::from_str(&a.content_type)
        .ok()
        .filter(|_| a.content_type.split_once('/').is_some_and(|(t, s)| !t.is_empty() && !s.is_empty()))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let inline = INLINE_TYPES.contains(&a.content_type.to_ascii_lowercase().as_str());
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, content_type);
    if let Ok(v) = HeaderValue::from_str(&disposition(inline, &a.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// Shown in the page rather than downloaded (SVG is not: it can hold script).
const INLINE_TYPES: [&str; 5] = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"];

/// `attachment; filename="..."; filename*=UTF-8''...`: a plain ASCII name for old
/// clients, the exact name for the rest.
fn disposition(inline: bool, name: &str) -> String {
    let plain: String = name.chars().map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' }).collect();
    format!("{}; filename=\"{plain}\"; filename*=UTF-8''{}", if inline { "inline" } else { "attachment" }, segment(name))
}

/// Percent-encodes all but the unreserved characters (a path segment, an RFC 5987 value).
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_segments() {
        assert_eq!(segment("answers.photos.0"), "answers.photos.0");
        assert_eq!(segment("a/b c?"), "a%2Fb%20c%3F");
        assert_eq!(disposition(false, "رسید \"1\".pdf"), "attachment; filename=\"____ _1_.pdf\"; filename*=UTF-8''%D8%B1%D8%B3%DB%8C%D8%AF%20%221%22.pdf");
        assert_eq!(disposition(true, "a.jpg"), "inline; filename=\"a.jpg\"; filename*=UTF-8''a.jpg");
    }
}
