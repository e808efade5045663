//! The receiver's one error type. Every failure a handler can meet is an [`AppError`];
//! it answers as `application/problem+json` (RFC 9457), never as a panic or a bare
//! status, and bad input is always a 4xx.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why a request was turned away: the problem's `type` (`urn:seda:problem:<slug>`),
/// its title and status, and the `reason` label of the rejections metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    MalformedJson,
    MalformedForm,
    MalformedMultipart,
    MissingId,
    InvalidKey,
    KeyMismatch,
    InvalidPayload,
    UnsupportedMediaType,
    TooLarge,
    IdempotencyConflict,
    UnknownForm,
    InvalidForm,
    FormVersionConflict,
    Unauthorized,
    Forbidden,
    OriginNotAllowed,
    RateLimited,
    NotFound,
    TooManyResponses,
    MethodNotAllowed,
    BadQuery,
    Unavailable,
    Internal,
}

impl Reason {
    pub const ALL: [Reason; 23] = [
        Reason::MalformedJson,
        Reason::MalformedForm,
        Reason::MalformedMultipart,
        Reason::MissingId,
        Reason::InvalidKey,
        Reason::KeyMismatch,
        Reason::InvalidPayload,
        Reason::UnsupportedMediaType,
        Reason::TooLarge,
        Reason::IdempotencyConflict,
        Reason::UnknownForm,
        Reason::InvalidForm,
        Reason::FormVersionConflict,
        Reason::Unauthorized,
        Reason::Forbidden,
        Reason::OriginNotAllowed,
        Reason::RateLimited,
        Reason::NotFound,
        Reason::TooManyResponses,
        Reason::MethodNotAllowed,
        Reason::BadQuery,
        Reason::Unavailable,
        Reason::Internal,
    ];

    /// (slug, title, status).
    fn parts(self) -> (&'static str, &'static str, StatusCode) {
        use StatusCode as S;
        match self {
            Reason::MalformedJson => ("malformed-json", "The body is not valid JSON", S::BAD_REQUEST),
            Reason::MalformedForm => ("malformed-form", "The form-encoded body cannot be read", S::BAD_REQUEST),
            Reason::MalformedMultipart => ("malformed-multipart", "The multipart body cannot be read", S::BAD_REQUEST),
            Reason::MissingId => ("missing-id", "The response has no id", S::BAD_REQUEST),
            Reason::InvalidKey => ("invalid-key", "The Idempotency-Key is not acceptable", S::BAD_REQUEST),
            Reason::KeyMismatch => ("key-mismatch", "The Idempotency-Key differs from the body's id", S::BAD_REQUEST),
            Reason::InvalidPayload => ("invalid-payload", "The payload is not a Seda response", S::UNPROCESSABLE_ENTITY),
            Reason::UnsupportedMediaType => ("unsupported-media-type", "Unsupported content type", S::UNSUPPORTED_MEDIA_TYPE),
            Reason::TooLarge => ("too-large", "The body is too large", S::PAYLOAD_TOO_LARGE),
            Reason::IdempotencyConflict => {
                ("idempotency-conflict", "This Idempotency-Key was already used for a different body", S::CONFLICT)
            }
            Reason::UnknownForm => ("unknown-form", "The response is to a form this receiver does not know", S::UNPROCESSABLE_ENTITY),
            Reason::InvalidForm => ("invalid-form", "The form definition is not valid", S::UNPROCESSABLE_ENTITY),
            Reason::FormVersionConflict => {
                ("form-version-conflict", "This form version is already registered with a different definition", S::CONFLICT)
            }
            Reason::Unauthorized => ("unauthorized", "Credentials are missing or wrong", S::UNAUTHORIZED),
            Reason::Forbidden => ("forbidden", "These credentials may not do this", S::FORBIDDEN),
            Reason::OriginNotAllowed => ("origin-not-allowed", "This form does not take responses from this site", S::FORBIDDEN),
            Reason::RateLimited => ("rate-limited", "Too many requests from this address: retry later", S::TOO_MANY_REQUESTS),
            Reason::NotFound => ("not-found", "Not found", S::NOT_FOUND),
            Reason::TooManyResponses => {
                ("too-many-responses", "The report would read more responses than one request may", S::UNPROCESSABLE_ENTITY)
            }
            Reason::MethodNotAllowed => ("method-not-allowed", "Method not allowed", S::METHOD_NOT_ALLOWED),
            Reason::BadQuery => ("bad-query", "The query parameters are not acceptable", S::BAD_REQUEST),
            Reason::Unavailable => ("unavailable", "The receiver cannot take responses now", S::SERVICE_UNAVAILABLE),
            Reason::Internal => ("internal", "Internal error", S::INTERNAL_SERVER_ERROR),
        }
    }

    pub fn slug(self) -> &'static str {
        self.parts().0
    }

    pub fn status(self) -> StatusCode {
        self.parts().2
    }

    /// The reason a bare error status stands for (for statuses no handler chose).
    pub fn of_status(status: StatusCode) -> Reason {
        match status {
            StatusCode::NOT_FOUND => Reason::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Reason::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => Reason::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Reason::UnsupportedMediaType,
            StatusCode::UNAUTHORIZED => Reason::Unauthorized,
            StatusCode::FORBIDDEN => Reason::Forbidden,
            StatusCode::TOO_MANY_REQUESTS => Reason::RateLimited,
            StatusCode::SERVICE_UNAVAILABLE => Reason::Unavailable,
            s if s.is_client_error() => Reason::BadQuery,
            _ => Reason::Internal,
        }
    }
}

/// One thing wrong at one place, as forms and payload checks report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PathProblem {
    /// A JSON path (`answers.recommend`, `questions[2].scale.max`); empty for the whole document.
    pub path: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The client's fault: answered with the reason's 4xx status.
    #[error("{detail}")]
    Rejected { reason: Reason, detail: String, path: Option<String>, problems: Vec<PathProblem> },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("file store: {0}")]
    Files(#[from] std::io::Error),
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn reject(reason: Reason, detail: impl Into<String>) -> Self {
        AppError::Rejected { reason, detail: detail.into(), path: None, problems: Vec::new() }
    }

    /// A rejection that names the JSON path of what is wrong.
    pub fn at(reason: Reason, path: impl Into<String>, detail: impl Into<String>) -> Self {
        AppError::Rejected { reason, detail: detail.into(), path: Some(path.into()), problems: Vec::new() }
    }

    /// A rejection with a list of problems, each at its path.
    pub fn with_problems(reason: Reason, detail: impl Into<String>, problems: Vec<PathProblem>) -> Self {
        AppError::Rejected { reason, detail: detail.into(), path: None, problems }
    }

    pub fn reason(&self) -> Reason {
        match self {
            AppError::Rejected { reason, .. } => *reason,
            _ => Reason::Internal,
        }
    }
}

/// The RFC 9457 body.
#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    problems: &'a [PathProblem],
}

/// A `problem+json` answer for `reason`.
pub fn problem(reason: Reason, detail: &str, path: Option<&str>, problems: &[PathProblem]) -> Response {
    let (slug, title, status) = reason.parts();
    let body = ProblemBody { kind: format!("urn:seda:problem:{slug}"), title, status: status.as_u16(), detail, path, problems };
    let json = serde_json::to_string(&body).unwrap_or_else(|_| String::from("{}"));
    let mut response = (status, json).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if reason == Reason::Unauthorized {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if reason == Reason::OriginNotAllowed {
        response.extensions_mut().insert(WithoutCors);
    }
    response
}

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Marks an answer that must leave without CORS headers: a site refused by a form's
/// allowed origins is not told it may read the answer.
#[derive(Clone, Copy, Debug)]
pub struct WithoutCors;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Rejected { reason, detail, path, problems } => problem(*reason, detail, path.as_deref(), problems),
            other => {
                // The details stay in the log: they may name files and hosts.
                tracing::error!(error = %other, "request failed");
                problem(Reason::Internal, "the receiver could not handle this request; it has been logged", None, &[])
            }
        }
    }
}
