//! `serve --assets DIR`: the widget's built files (and any page beside them) at `/`,
//! with the headers the README asks of an assets origin; and, with `--demo`, the
//! demo page's view of what was stored (`GET /demo/responses`); and, with `--desk`,
//! the desk (`desk_files.rs`).

use std::convert::Infallible;
use std::path::PathBuf;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::{AppError, Reason};
use crate::AppState;

/// What the receiver serves besides its API.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// A folder served at `/` (the widget's `dist/`); none: only the API.
    pub assets: Option<PathBuf>,
    /// Answers `GET /demo/responses` with the newest responses, to anyone who asks.
    pub demo: bool,
    /// The desk's built files (`crates/seda-desk/dist`), served at `/desk/`.
    pub desk: Option<PathBuf>,
}

/// Paths that belong to the API: never answered from the assets folder, whatever it holds.
const API_PREFIXES: [&str; 9] = ["/responses", "/complaint-status", "/forms/", "/export", "/healthz", "/metrics", "/admin/", "/demo/", "/desk/"];

/// How many responses the demo page lists.
const DEMO_RESPONSES: i64 = 20;

/// The routes `site` adds to the router: the demo's view with `--demo`, the desk with `--desk`.
pub fn routes(site: &Site) -> Router<AppState> {
    let mut router = Router::new();
    if site.demo {
        router = router.route("/demo/responses", get(demo_responses));
    }
    if let Some(dir) = &site.desk {
        router = router.merge(super::desk_files::routes(dir));
    }
    router
}

/// The router's fallback: a file from the assets folder, or a 404 problem.
pub async fn fallback(assets: Option<PathBuf>, request: Request) -> Response {
    let path = request.uri().path();
    let api = API_PREFIXES.iter().any(|p| path == p.trim_end_matches('/') || path.starts_with(p));
    let Some(dir) = assets.filter(|_| !api) else {
        return AppError::reject(Reason::NotFound, "there is nothing at this address").into_response();
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return AppError::reject(Reason::MethodNotAllowed, "the assets are read with GET").into_response();
    }
    let cache = cache_control(path);
    // Brotli or gzip files beside the originals are sent as they are, when asked for.
    let serve = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let Ok::<_, Infallible>(mut response) = serve.oneshot(request).await.map(IntoResponse::into_response);
    let h = response.headers_mut();
    // Every file, seda.js included, is read by CORS requests when the page is elsewhere.
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if response.status().is_success() || response.status().as_u16() == 304 {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

/// Hashed files never change under their name: cached for a year. Everything else
/// (`seda.js`, `seda-sw.js`, the pages) is checked on every use, so a new build is
/// picked up at once.
pub fn cache_control(path: &str) -> &'static str {
    if path.split('/').any(is_hashed) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// A file or folder name carrying a content hash: `seda-<16+ hex>...` as the build names
/// the bundles' glue and wasm and the first screens' folder.
fn is_hashed(segment: &str) -> bool {
    segment.split(['-', '_', '.']).any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The newest stored responses, newest first, for the demo page to list.
async fn demo_responses(State(state): State<AppState>) -> Result<Response, AppError> {
    let rows = state.store.recent_responses(DEMO_RESPONSES).await?;
    // The payload's text as stored (its members in the order they came), as the export has it.
    let items: Vec<String> = rows
        .iter()
        .map(|r| {
            let receipt = json!({"id": r.id, "form_id": r.form_id, "received_at": super::export::rfc3339(r.received_at),
                                 "format": r.format, "verification": r.verification});
            let mut item = receipt.to_string();
            item.pop();
            format!("{item},\"payload\":{}}}", crate::canonical::compact(&r.payload))
        })
        .collect();
    let mut response = format!("[{}]", items.join(",")).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn hashed_files_are_immutable_and_the_rest_is_revalidated() {
        let cases = [
            ("/seda.js", "no-cache"),
            ("/seda-sw.js", "no-cache"),
            ("/", "no-cache"),
            ("/index.html", "no-cache"),
            ("/demo.css", "no-cache"),
            ("/seda-7f3a9c2e1b4d5a6f.js", "public, max-age=31536000, immutable"),
            ("/seda-7f3a9c2e1b4d5a6f_bg.wasm", "public, max-age=31536000, immutable"),
            ("/seda-full-7f3a9c2e1b4d5a6f_bg.wasm", "public, max-age=31536000, immutable"),
            ("/seda-shells-7f3a9c2e1b4d5a6f/nps.js", "public, max-age=31536000, immutable"),
        ];
        for (path, expected) in cases {
            assert_eq!(cache_control(path), expected, "{path}");
        }
    }
}
