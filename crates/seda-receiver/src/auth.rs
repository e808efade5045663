//! The admin API's credentials: `Authorization: Bearer <SEDA_ADMIN_TOKEN>`.
//! (Accounts and sessions would be another extractor here.)

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::header;

use crate::error::{AppError, Reason};
use crate::AppState;

/// Present in a handler's arguments: the request carried the admin token.
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = state.settings.admin_token.as_deref().filter(|t| !t.is_empty()) else {
            return Err(AppError::reject(Reason::Unauthorized, "the admin API is off: start the receiver with SEDA_ADMIN_TOKEN set"));
        };
        let given = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        match given {
            Some(g) if same(g.trim().as_bytes(), token.as_bytes()) => Ok(Admin),
            Some(_) => Err(AppError::reject(Reason::Unauthorized, "the bearer token is wrong")),
            None => Err(AppError::reject(Reason::Unauthorized, "send Authorization: Bearer <the admin token>")),
        }
    }
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
