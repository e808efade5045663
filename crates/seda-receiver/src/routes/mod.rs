//! The router: public routes (responses in, forms out) with open CORS, the admin
//! API behind the bearer token, and the operational endpoints.

mod admin;
mod cases;
mod complaint_status;
mod desk;
mod desk_files;
mod desk_response;
mod export;
mod forms;
mod ops;
mod responses;
mod session;
mod site;
mod visit_report;
mod visits;
mod webhooks;

pub use site::Site;
pub(crate) use export::rfc3339;

use std::time::Duration;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, Method, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::Router;
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::error::{problem, AppError, Reason, WithoutCors, PROBLEM_JSON};
use crate::{limits, AppState};

pub fn router(state: AppState) -> Router {
    router_with_site(state, &Site::default())
}

/// The API, and what `site` adds: the assets at `/` and the demo's view.
pub fn router_with_site(state: AppState, site: &Site) -> Router {
    // The widget posts from any site; its preflight asks for these two headers.
    let open_cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .max_age(Duration::from_secs(24 * 60 * 60));
    let public = Router::new()
        .route("/responses", post(responses::post))
        .route("/complaint-status", post(complaint_status::post))
        .route_layer(middleware::from_fn_with_state(state.clone(), limits::responses))
        .route("/forms/{id}", get(forms::get))
        .layer(open_cors)
        .layer(middleware::map_response(strip_cors_if_refused));
    let admin = Router::new().route("/admin/forms", post(forms::add)).route("/export", get(export::get));
    let accounts = Router::new()
        .route(
            "/session",
            post(session::create).route_layer(middleware::from_fn_with_state(state.clone(), limits::sign_in)).get(session::get).delete(session::delete),
        )
        .route("/admin/forms/{id}/settings", get(admin::get_settings).put(admin::put_settings))
        .route("/admin/erase", post(admin::erase))
        .route("/admin/audit", get(admin::audit));
    let desk = Router::new()
        .route("/admin/desk/forms", get(desk::forms))
        .route("/admin/desk/surveys/{form_id}", get(desk::survey))
        .route("/admin/desk/comments", get(desk::list_comments))
        .route("/admin/desk/responses/{id}", get(desk_response::get))
        .route("/admin/files/{response_id}/{part}", get(desk_response::file));
    let visits = Router::new()
        .route("/admin/desk/visits", get(visits::list))
        .route("/admin/desk/visits/{id}", get(visits::detail))
        .route("/admin/desk/visits/{id}/photos/{item}/{n}", get(visits::photo))
        .route("/admin/desk/visits/{id}/review", post(visits::review))
        .route("/admin/desk/visit-report", get(visit_report::get));
    let cases = Router::new()
        .route("/admin/desk/users", get(cases::users))
        .route("/admin/desk/complaints", get(cases::list))
        .route("/admin/desk/complaints/{key}", get(cases::get))
        .route("/admin/desk/complaints/{key}/status", post(cases::status))
        .route("/admin/desk/complaints/{key}/owner", put(cases::owner))
        .route("/admin/desk/complaints/{key}/notes", post(cases::note))
        .route("/admin/desk/complaints/{key}/reply", put(cases::reply))
        .route("/admin/desk/webhooks", get(webhooks::list).post(webhooks::add))
        .route("/admin/desk/webhooks/{id}", delete(webhooks::remove))
        .route("/admin/desk/webhooks/deliveries", get(webhooks::deliveries))
        .route("/admin/desk/webhooks/deliveries/{id}/retry", post(webhooks::retry));
    let ops = Router::new().route("/healthz", get(ops::healthz)).route("/metrics", get(ops::metrics));
    // A hard cap before any handler reads a byte; each handler reads within its own, smaller limit.
    let cap = state.settings.max_body_bytes.max(state.settings.max_multipart_bytes) + 64 * 1024;
    Router::new()
        .merge(public)
        .merge(admin)
        .merge(accounts)
        .merge(desk)
        .merge(visits)
        .merge(cases)
        .merge(ops)
        .merge(site::routes(site))
        .fallback({
            let assets = site.assets.clone();
            move |request| site::fallback(assets, request)
        })
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(cap))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // A bug in a handler answers 500 (problem+json) instead of dropping the connection.
        .layer(CatchPanicLayer::custom(|_| problem(Reason::Internal, "the receiver failed on this request; it has been logged", None, &[])))
        .layer(middleware::from_fn(problem_for_every_error))
        .with_state(state)
}

/// Errors that no handler wrote (a 405 from the router, a 413 from the body cap)
/// are answered as problem+json too, so a client reads every error one way.
async fn problem_for_every_error(request: Request<Body>, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_problem = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if status.as_u16() < 400 || is_problem {
        return response;
    }
    let reason = Reason::of_status(status);
    let mut replaced = problem(reason, status.canonical_reason().unwrap_or("error"), None, &[]);
    *replaced.status_mut() = status;
    for name in [header::ALLOW, header::ACCESS_CONTROL_ALLOW_ORIGIN, header::VARY] {
        if let Some(v) = response.headers().get(&name) {
            replaced.headers_mut().insert(name, v.clone());
        }
    }
    replaced
}

/// A site a form's allowed origins refuse gets no CORS headers (see `WithoutCors`).
async fn strip_cors_if_refused(mut response: Response) -> Response {
    if response.extensions().get::<WithoutCors>().is_some() {
        let h = response.headers_mut();
        for name in [header::ACCESS_CONTROL_ALLOW_ORIGIN, header::ACCESS_CONTROL_EXPOSE_HEADERS, header::ACCESS_CONTROL_ALLOW_CREDENTIALS] {
            h.remove(name);
        }
    }
    response
}

/// Reads a body of at most `limit` bytes: 413 beyond it.
pub(crate) async fn read_limited(body: Body, limit: usize) -> Result<Bytes, AppError> {
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() || is_length_limit(&*e) => {
            Err(AppError::reject(Reason::TooLarge, format!("the body is over {limit} bytes")))
        }
        Err(e) => Err(AppError::reject(Reason::BadQuery, format!("the body could not be read: {e}"))),
    }
}

fn is_length_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(e);
    while let Some(s) = source {
        if s.is::<LengthLimitError>() || s.to_string().contains("length limit exceeded") {
            return true;
        }
        source = s.source();
    }
    false
}

pub(crate) fn status_json(status: StatusCode, value: serde_json::Value) -> Response {
    (status, axum::Json(value)).into_response()
}
