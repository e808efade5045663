//! The admin API's credentials: `Authorization: Bearer <SEDA_ADMIN_TOKEN>` (for
//! scripts), or the session cookie of a signed-in user.
//!
//! Cross-site requests: the cookie is SameSite=Strict, and besides a request that
//! changes anything (not GET or HEAD) and is signed in by cookie must carry the
//! `X-Seda-Csrf` header, which a page on another site cannot add without a CORS
//! preflight that the admin routes never allow.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use serde_json::Value;

use crate::accounts::{self, Role};
use crate::audit::{self, Actor};
use crate::error::{AppError, Reason};
use crate::{limits, now_micros, AppState};

/// The header a cookie-authenticated change must carry (any value).
pub const CSRF_HEADER: &str = "x-seda-csrf";

/// Present in a handler's arguments: the request carried the admin token or a live
/// session. A viewer's session passes only for GET and HEAD.
#[derive(Clone, Debug)]
pub struct Admin {
    pub actor: Actor,
    pub role: Role,
    /// When the session ends (signed in by cookie).
    pub expires_at: Option<i64>,
    /// The client's address, for the audit log.
    pub client: Option<IpAddr>,
}

impl Admin {
    /// Records this admin's action in the audit log.
    pub async fn audit(&self, state: &AppState, action: &str, target: Option<&str>, detail: Option<Value>) -> Result<(), AppError> {
        audit::record(&state.store, &self.actor, self.client, action, target, detail).await
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let client = limits::client_ip(&parts.headers, &parts.extensions, state.settings.trust_forwarded_for);
        let bearer = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if let Some(given) = bearer {
            let Some(token) = state.settings.admin_token.as_deref().filter(|t| !t.is_empty()) else {
                return Err(AppError::reject(Reason::Unauthorized, "no admin token is set (SEDA_ADMIN_TOKEN): sign in instead"));
            };
            if !same(given.trim().as_bytes(), token.as_bytes()) {
                return Err(AppError::reject(Reason::Unauthorized, "the bearer token is wrong"));
            }
            return Ok(Admin { actor: Actor::Token, role: Role::Admin, expires_at: None, client });
        }
        let Some(cookie) = accounts::cookie_token(&parts.headers) else {
            return Err(AppError::reject(Reason::Unauthorized, "send Authorization: Bearer <the admin token>, or sign in (POST /session)"));
        };
        let Some(session) = state.store.session(&accounts::token_hash(cookie), now_micros()).await? else {
            return Err(AppError::reject(Reason::Unauthorized, "the session has ended: sign in again"));
        };
        let role = Role::of(&session.role);
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            if role != Role::Admin {
                return Err(AppError::reject(Reason::Forbidden, "a viewer may read but not change anything"));
            }
            if !parts.headers.contains_key(CSRF_HEADER) {
                return Err(AppError::reject(Reason::Forbidden, "a change signed in by cookie must carry the X-Seda-Csrf header"));
            }
        }
        Ok(Admin { actor: Actor::User(session.user_name), role, expires_at: Some(session.expires_at), client })
    }
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
