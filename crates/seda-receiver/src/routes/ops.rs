//! `GET /healthz` and `GET /metrics`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::error::{AppError, Reason};
use crate::AppState;

/// 200 once the database answers; 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    match state.store.ping().await {
        Ok(()) => Ok("ok\n"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            Err(AppError::reject(Reason::Unavailable, "the database does not answer"))
        }
    }
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render())
}
