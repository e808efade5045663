//! `POST /session` signs in (JSON or form-encoded `{name, password}`) and sets the
//! session cookie; `GET /session` says who is signed in; `DELETE /session` signs out.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::accounts::{self, cookie_token, secure_cookie_for, session_cookie, token_hash};
use crate::audit::{self, Actor};
use crate::auth::Admin;
use crate::error::{AppError, Reason};
use crate::{limits, now_micros, AppState};

use super::export::rfc3339;
use super::{read_limited, status_json};

#[derive(Deserialize)]
struct Credentials {
    name: String,
    password: String,
}

/// A name and a password fit in far less.
const MAX_SIGN_IN_BYTES: usize = 8 * 1024;

pub async fn create(State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let (parts, body) = request.into_parts();
    let client = limits::client_ip(&parts.headers, &parts.extensions, state.settings.trust_forwarded_for);
    let bytes = read_limited(body, MAX_SIGN_IN_BYTES).await?;
    let credentials = read_credentials(&parts.headers, &bytes)?;
    let signed_in = accounts::sign_in(&state.store, &credentials.name, &credentials.password, now_micros(), state.settings.session_seconds).await?;
    let Some(session) = signed_in else {
        // The same answer whether or not the name exists; the attempt is logged.
        tracing::warn!(client = ?client, name = %credentials.name, "sign-in failed");
        audit::record(&state.store, &Actor::Anonymous, client, "sign-in.failed", Some(&credentials.name), None).await?;
        return Err(AppError::reject(Reason::Unauthorized, "the name or the password is wrong"));
    };
    audit::record(&state.store, &Actor::User(session.name.clone()), client, "sign-in", Some(&session.name), None).await?;
    let cookie = session_cookie(&session.token, state.settings.session_seconds, secure_cookie_for(&parts.headers));
    let mut response =
        status_json(StatusCode::OK, json!({"name": session.name, "role": session.role, "expires_at": rfc3339(session.expires_at)}));
    response.headers_mut().insert(header::SET_COOKIE, cookie_header(&cookie)?);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn read_credentials(headers: &HeaderMap, bytes: &[u8]) -> Result<Credentials, AppError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => serde_json::from_slice(bytes).map_err(|e| AppError::reject(Reason::MalformedJson, format!("send {{\"name\", \"password\"}}: {e}"))),
        "application/x-www-form-urlencoded" => {
            let mut name = None;
            let mut password = None;
            for (k, v) in form_urlencoded::parse(bytes) {
                match k.as_ref() {
                    "name" => name = Some(v.into_owned()),
                    "password" => password = Some(v.into_owned()),
                    _ => {}
                }
            }
            match (name, password) {
                (Some(name), Some(password)) => Ok(Credentials { name, password }),
                _ => Err(AppError::reject(Reason::MalformedForm, "send the fields name and password")),
            }
        }
        _ => Err(AppError::reject(Reason::UnsupportedMediaType, "send application/json or application/x-www-form-urlencoded")),
    }
}

pub async fn get(admin: Admin) -> Response {
    let name = match &admin.actor {
        Actor::User(name) => Some(name.clone()),
        _ => None,
    };
    let via = if name.is_some() { "session" } else { "token" };
    status_json(StatusCode::OK, json!({"name": name, "role": admin.role, "via": via, "expires_at": admin.expires_at.map(rfc3339)}))
}

/// Ends the session the cookie names (if it is live) and clears the cookie: 204
/// either way. Cross-site, a DELETE needs a preflight the admin routes never allow.
pub async fn delete(State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let (parts, _) = request.into_parts();
    let headers = &parts.headers;
    if let Some(token) = cookie_token(headers) {
        let hash = token_hash(token);
        if let Some(session) = state.store.session(&hash, now_micros()).await? {
            state.store.remove_session(&hash).await?;
            let client = limits::client_ip(headers, &parts.extensions, state.settings.trust_forwarded_for);
            audit::record(&state.store, &Actor::User(session.user_name.clone()), client, "sign-out", Some(&session.user_name), None).await?;
        }
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie_header(&session_cookie("", 0, secure_cookie_for(headers)))?);
    Ok(response)
}

fn cookie_header(cookie: &str) -> Result<HeaderValue, AppError> {
    HeaderValue::from_str(cookie).map_err(|e| AppError::Internal(format!("cookie header: {e}")))
}
