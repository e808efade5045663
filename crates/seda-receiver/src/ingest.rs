//! Reading what the widget sends to `POST /responses` into one checked value: the
//! payload as JSON, its Idempotency-Key, its files and its canonical hash. Three
//! bodies are understood: JSON, the flat form format, and multipart (a `payload`
//! part and one part per file). Anything else is a 4xx [`AppError`].

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::http::{header, HeaderMap, Request};
use bytes::Bytes;
use serde_json::Value;

use crate::canonical::{canonical, sha256_hex};
use crate::engine::{Shape, MAX_CHECKLIST_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES};
use crate::error::{AppError, Reason};
use crate::flat;

/// The longest Idempotency-Key (and response id) taken.
pub const MAX_KEY_CHARS: usize = 128;
/// The most parts a multipart body may have.
const MAX_PARTS: usize = 201;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Form,
    Multipart,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Form => "form",
            Format::Multipart => "multipart",
        }
    }

    /// The format of a `Content-Type`, or 415.
    pub fn of(headers: &HeaderMap) -> Result<Format, AppError> {
        let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let essence = ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Ok(Format::Json),
            "application/x-www-form-urlencoded" => Ok(Format::Form),
            "multipart/form-data" => Ok(Format::Multipart),
            "" => Err(AppError::reject(Reason::UnsupportedMediaType, "a Content-Type is needed: application/json, application/x-www-form-urlencoded or multipart/form-data")),
            _ => Err(AppError::reject(
                Reason::UnsupportedMediaType,
                format!("{essence} is not taken: send application/json, application/x-www-form-urlencoded or multipart/form-data"),
            )),
        }
    }
}

/// A body as read, before its payload is checked.
#[derive(Debug)]
pub enum Received {
    /// The JSON payload and its text.
    Json(Value, String),
    /// The flat pairs, to be rebuilt once the form is known.
    Flat(Vec<(String, String)>),
    /// The payload part and the file parts.
    Multipart(Value, String, Vec<Upload>),
}

/// One file part of a multipart body.
#[derive(Clone, Debug)]
pub struct Upload {
    pub part: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Bytes,
    pub sha256: String,
}

/// A response ready to verify and store.
#[derive(Debug)]
pub struct Incoming {
    pub key: String,
    pub format: Format,
    pub payload: Value,
    /// The payload as received (rebuilt for the flat format).
    pub text: String,
    pub files: Vec<Upload>,
    /// SHA-256 of the canonical payload and of each file.
    pub hash: String,
}

impl Incoming {
    pub fn form_id(&self) -> &str {
        self.payload["form_id"].as_str().unwrap_or_default()
    }

    pub fn form_version(&self) -> Option<i64> {
        self.payload.get("form_version").and_then(Value::as_i64)
    }
}

/// Reads the body of `format`.
pub async fn read_body(format: Format, headers: &HeaderMap, bytes: Bytes) -> Result<Received, AppError> {
    match format {
        Format::Json => {
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| AppError::reject(Reason::MalformedJson, "the body is not UTF-8"))?;
            let value = parse_json(&text)?;
            Ok(Received::Json(value, text))
        }
        Format::Form => {
            if std::str::from_utf8(&bytes).is_err() {
                return Err(AppError::reject(Reason::MalformedForm, "the body is not UTF-8"));
            }
            Ok(Received::Flat(form_urlencoded::parse(&bytes).into_owned().collect()))
        }
        Format::Multipart => read_multipart(headers, bytes).await,
    }
}

fn parse_json(text: &str) -> Result<Value, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::reject(Reason::MalformedJson, format!("the body is not valid JSON: {e}")))
}

async fn read_multipart(headers: &HeaderMap, bytes: Bytes) -> Result<Received, AppError> {
    let bad = |detail: String| AppError::reject(Reason::MalformedMultipart, detail);
    let mut request = Request::new(Body::from(bytes));
    if let Some(ct) = headers.get(header::CONTENT_TYPE) {
        request.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
    }
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| bad(e.body_text()))?;
    let mut payload = None;
    let mut files: Vec<Upload> = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| bad(e.body_text()))? {
        if files.len() + 1 >= MAX_PARTS {
            return Err(bad(format!("more than {MAX_PARTS} parts")));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
        let data = field.bytes().await.map_err(|e| bad(e.body_text()))?;
        if name == "payload" {
            if payload.is_some() {
                return Err(bad("two parts are named payload".into()));
            }
            let text = String::from_utf8(data.to_vec()).map_err(|_| bad("the payload part is not UTF-8".into()))?;
            payload = Some((parse_json(&text)?, text));
        } else if name.is_empty() || name.len() > 200 {
            return Err(bad("a part has no name, or one over 200 bytes".into()));
        } else if files.iter().any(|f| f.part == name) {
            return Err(bad(format!("two parts are named {name}")));
        } else {
            let sha256 = sha256_hex(&data);
            files.push(Upload { part: name, file_name, content_type, bytes: data, sha256 });
        }
    }
    let (value, text) = payload.ok_or_else(|| bad("there is no part named payload".into()))?;
    Ok(Received::Multipart(value, text, files))
}

/// The form a body names before its payload is rebuilt: (form id, version).
pub fn named_form(body: &Received) -> Option<(String, Option<i64>)> {
    match body {
        Received::Flat(pairs) => {
            let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            Some((get("form_id")?, get("form_version").and_then(|v| v.parse().ok())))
        }
        Received::Json(v, _) | Received::Multipart(v, _, _) => {
            Some((v.get("form_id")?.as_str()?.to_owned(), v.get("form_version").and_then(Value::as_i64)))
        }
    }
}

/// Checks the payload's shape and key, and hashes it. `shape` is the known form's
/// answer shapes (for the flat format).
pub fn finish(body: Received, header_key: Option<&str>, shape: &dyn Fn(&str) -> Option<Shape>) -> Result<Incoming, AppError> {
    let (format, payload, text, files) = match body {
        Received::Json(v, t) => (Format::Json, v, t, Vec::new()),
        Received::Multipart(v, t, files) => (Format::Multipart, v, t, files),
        Received::Flat(pairs) => {
            let v = flat::rebuild(&pairs, shape).map_err(|(path, msg)| AppError::at(Reason::InvalidPayload, path, msg))?;
            let t = v.to_string();
            (Format::Form, v, t, Vec::new())
        }
    };
    let key = check_payload(&payload, header_key)?;
    check_size(&payload, &text)?;
    if format == Format::Multipart {
        check_parts(&payload, &files)?;
    }
    let mut hashed = canonical(&payload);
    let mut parts: Vec<_> = files.iter().map(|f| (f.part.as_str(), f.sha256.as_str())).collect();
    parts.sort();
    for (part, sha) in parts {
        hashed.push_str(&format!("\n{part}\n{sha}"));
    }
    Ok(Incoming { key, format, hash: sha256_hex(hashed.as_bytes()), payload, text, files })
}

/// The members every response has, of the right types; returns the key.
fn check_payload(payload: &Value, header_key: Option<&str>) -> Result<String, AppError> {
    let invalid = |path: &str, msg: &str| AppError::at(Reason::InvalidPayload, path, msg);
    let Some(obj) = payload.as_object() else {
        return Err(AppError::at(Reason::InvalidPayload, "", "the payload must be a JSON object"));
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => return Err(AppError::at(Reason::MissingId, "id", "the payload has no id")),
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(invalid("id", "must be a string")),
    };
    check_key(id, "id")?;
    if let Some(h) = header_key {
        check_key(h, "Idempotency-Key")?;
        if h != id {
            return Err(AppError::at(Reason::KeyMismatch, "id", format!("the Idempotency-Key header is {h:?} but the payload's id is {id:?}")));
        }
    }
    // Control characters (NUL above all, which PostgreSQL text cannot hold) are no
    // part of an id; inside answers they stay escaped in the stored JSON.
    match obj.get("form_id") {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= 64 && !s.chars().any(char::is_control) => {}
        Some(Value::String(_)) => return Err(invalid("form_id", "must be 1 to 64 characters, none of them control characters")),
        Some(_) => return Err(invalid("form_id", "must be a string")),
        None => return Err(invalid("form_id", "the payload has no form_id")),
    }
    if let Some(v) = obj.get("form_version") {
        if v.as_i64().is_none_or(|n| n < 0) {
            return Err(invalid("form_version", "must be a whole number, 0 or more"));
        }
    }
    for key in ["kind", "reference", "nps_category"] {
        match obj.get(key) {
            Some(Value::String(s)) if s.chars().any(char::is_control) => return Err(invalid(key, "must have no control characters")),
            Some(Value::String(_)) | None => {}
            Some(_) => return Err(invalid(key, "must be a string")),
        }
    }
    match obj.get("answers") {
        Some(Value::Object(_)) => {}
        Some(_) => return Err(invalid("answers", "must be an object")),
        None => return Err(invalid("answers", "the payload has no answers")),
    }
    for key in ["meta", "checklist"] {
        if obj.get(key).is_some_and(|v| !v.is_object()) {
            return Err(invalid(key, "must be an object"));
        }
    }
    if let Some(hidden) = obj.get("hidden") {
        let Some(map) = hidden.as_object() else { return Err(invalid("hidden", "must be an object")) };
        if let Some((k, _)) = map.iter().find(|(_, v)| !v.is_string()) {
            return Err(invalid(&format!("hidden.{k}"), "must be a string"));
        }
    }
    Ok(id.to_owned())
}

/// 1 to [`MAX_KEY_CHARS`] visible ASCII characters (a UUID is 36).
fn check_key(key: &str, what: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > MAX_KEY_CHARS || !key.bytes().all(|b| b.is_ascii_graphic()) {
        let path = if what == "id" { "id" } else { "" };
        return Err(AppError::at(Reason::InvalidKey, path, format!("the {what} must be 1 to {MAX_KEY_CHARS} visible ASCII characters")));
    }
    Ok(())
}

/// The payload besides its files' data may be 64 KiB (a checklist's 2 MiB), as the widget caps it.
fn check_size(payload: &Value, text: &str) -> Result<(), AppError> {
    let data: usize = file_objects(payload).filter_map(|f| f.get("data")?.as_str().map(str::len)).sum();
    let most = if payload.get("checklist").is_some() { MAX_CHECKLIST_PAYLOAD_BYTES } else { MAX_PAYLOAD_BYTES };
    let size = text.len().saturating_sub(data);
    if size > most {
        return Err(AppError::reject(Reason::TooLarge, format!("the payload is {size} bytes besides its files' data; at most {most} are taken")));
    }
    Ok(())
}

/// Each file object in the answers (`{name, type, size, data | part}`).
fn file_objects(payload: &Value) -> impl Iterator<Item = &serde_json::Map<String, Value>> {
    payload["answers"]
        .as_object()
        .into_iter()
        .flat_map(|a| a.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
}

/// Every `part` the payload names is a part of the body, and every file part is named.
fn check_parts(payload: &Value, files: &[Upload]) -> Result<(), AppError> {
    let mut named = Vec::new();
    if let Some(answers) = payload["answers"].as_object() {
        for (id, answer) in answers {
            for (i, file) in answer.as_array().into_iter().flatten().enumerate() {
                let Some(part) = file.get("part") else { continue };
                let path = format!("answers.{id}[{i}].part");
                let part = part.as_str().ok_or_else(|| AppError::at(Reason::InvalidPayload, &path, "must be a string"))?;
                if !files.iter().any(|f| f.part == part) {
                    return Err(AppError::at(Reason::InvalidPayload, path, format!("names a part {part:?} the body does not have")));
                }
                named.push(part.to_owned());
            }
        }
    }
    if let Some(f) = files.iter().find(|f| !named.contains(&f.part)) {
        return Err(AppError::reject(Reason::InvalidPayload, format!("the part {:?} is not named by any file in the payload", f.part)));
    }
    Ok(())
}
