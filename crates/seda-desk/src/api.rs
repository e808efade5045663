//! The receiver's API, the desk's only I/O: JSON in and out on the desk's own origin,
//! with the session cookie. A change carries `X-Seda-Csrf`, as the receiver asks of a
//! change signed in by cookie.

use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, Response};

/// What went wrong with a call.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 401: no session, or it ended; the app shows the sign-in form.
    #[error("signed out: {0}")]
    SignedOut(String),
    /// Any other error the receiver answered, as its problem+json told it.
    #[error("{title}: {detail}")]
    Problem { status: u16, title: String, detail: String, path: Option<String> },
    /// The receiver could not be reached, or answered something that is not JSON.
    #[error("{0}")]
    Network(String),
}

impl ApiError {
    /// The member or query parameter the receiver named as wrong.
    pub fn path(&self) -> Option<&str> {
        match self {
            ApiError::Problem { path, .. } => path.as_deref(),
            _ => None,
        }
    }
}

/// `GET path` as JSON.
pub async fn get(path: &str) -> Result<Value, ApiError> {
    call("GET", path, None).await
}

/// `GET path`, read into `T`.
pub async fn get_as<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let value = get(path).await?;
    serde_json::from_value(value).map_err(|e| ApiError::Network(format!("the receiver's answer to {path} could not be read: {e}")))
}

/// `method path` with a JSON body (or none), as a change.
pub async fn send(method: &str, path: &str, body: Option<&Value>) -> Result<Value, ApiError> {
    call(method, path, body).await
}

async fn call(method: &str, path: &str, body: Option<&Value>) -> Result<Value, ApiError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(js_error)?;
    headers.set("accept", "application/json").map_err(js_error)?;
    if method != "GET" {
        headers.set("x-seda-csrf", "1").map_err(js_error)?;
    }
    if let Some(body) = body {
        headers.set("content-type", "application/json").map_err(js_error)?;
        init.set_body(&body.to_string().into());
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let answer = JsFuture::from(window.fetch_with_str_and_init(path, &init)).await.map_err(|_| {
        ApiError::Network("the receiver could not be reached".into())
    })?;
    let response: Response = answer.dyn_into().map_err(js_error)?;
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(js_error)?).await.map_err(js_error)?.as_string().unwrap_or_default();
    let value: Value = if text.trim().is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    if (200..300).contains(&status) {
        return Ok(value);
    }
    let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
    let detail = field("detail").unwrap_or_default();
    if status == 401 {
        return Err(ApiError::SignedOut(detail));
    }
    Err(ApiError::Problem { status, title: field("title").unwrap_or_else(|| format!("HTTP {status}")), detail, path: field("path") })
}

fn js_error(e: wasm_bindgen::JsValue) -> ApiError {
    ApiError::Network(format!("{e:?}"))
}

/// A query string from pairs, leaving out empty values: `?a=1&b=x%20y`.
pub fn query(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&String::from(js_sys::encode_uri_component(name)));
        out.push('=');
        out.push_str(&String::from(js_sys::encode_uri_component(value)));
    }
    out
}

/// One path segment, escaped.
pub fn segment(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// Where a change to the complaint case `response_id` is sent:
/// `/admin/desk/complaints/{response_id}/{what}`.
pub fn case_change(response_id: &str, what: &str) -> String {
    format!("/admin/desk/complaints/{}/{what}", segment(response_id))
}
