//! `serve --desk DIR`: the desk's built files at `/desk/`. A file that exists is served
//! as it is; any other path under `/desk/` is one of the app's own routes, answered with
//! its `index.html`. Every answer carries the desk's security headers, its
//! Content-Security-Policy allowing the inline start-up script Trunk writes into
//! `index.html` by its hash.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::AppError;
use crate::AppState;

/// Where the desk lives.
pub const PREFIX: &str = "/desk";

/// The routes that serve the desk from `dir`: `/desk` (sent on to `/desk/`), `/desk/`
/// and everything under it.
pub fn routes(dir: &Path) -> Router<AppState> {
    let (root, rest) = (dir.to_path_buf(), dir.to_path_buf());
    Router::new()
        .route(PREFIX, get(to_slash))
        .route(&format!("{PREFIX}/"), get(move |request: Request| serve(root.clone(), request)))
        .route(&format!("{PREFIX}/{{*path}}"), get(move |request: Request| serve(rest.clone(), request)))
}

/// `/desk` → `/desk/`, the query kept (the app's routes are relative to the slash).
async fn to_slash(uri: Uri) -> Redirect {
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    Redirect::permanent(&format!("{PREFIX}/{query}"))
}

async fn serve(dir: PathBuf, request: Request) -> Response {
    let inner = request.uri().path().strip_prefix(PREFIX).unwrap_or("/").to_owned();
    let mut response = if inner == "/" || inner == "/index.html" { index(&dir).await } else { file(&dir, &inner, request).await };
    secure(response.headers_mut());
    response
}

/// A file of the build as `ServeDir` answers it (types, ranges, conditional GETs),
/// or the app's page when there is none at that path.
async fn file(dir: &Path, inner: &str, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(uri) = inner.parse::<Uri>() else { return index(dir).await };
    parts.uri = uri;
    let serve = ServeDir::new(dir).append_index_html_on_directories(false);
    let Ok::<_, Infallible>(mut response) = serve.oneshot(Request::from_parts(parts, body)).await.map(IntoResponse::into_response);
    if response.status() == StatusCode::NOT_FOUND {
        return index(dir).await;
    }
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(super::site::cache_control(inner)));
    }
    response
}

/// `index.html`, read afresh (a new build is picked up at once), never cached without
/// asking, with the policy that lets its own inline scripts run.
async fn index(dir: &Path) -> Response {
    let path = dir.join("index.html");
    let html = match tokio::fs::read_to_string(&path).await {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(path = %path.display(), "the desk's index.html cannot be read: {e}");
            return AppError::Internal(format!("the desk's index.html cannot be read: {e}")).into_response();
        }
    };
    let policy = content_security_policy(&html);
    let mut response = Response::new(Body::from(html));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// The headers every answer under `/desk/` carries; the page's own policy (with its
/// scripts' hashes) is kept when `index` set it.
fn secure(h: &mut axum::http::HeaderMap) {
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&content_security_policy("")).expect("a plain policy"));
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.remove(HeaderName::from_static("access-control-allow-origin"));
}

/// The desk's policy for a page whose text is `html`: scripts from the desk itself
/// (the wasm compiled by the browser, hence `'wasm-unsafe-eval'`) and the page's inline
/// scripts by their SHA-256.
pub fn content_security_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html).map(|s| format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s)))).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data: blob:; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// The text of each `<script>` without a `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = find_ignoring_case(rest, "<script")?;
        let after = &rest[start + "<script".len()..];
        let open_end = after.find('>')?;
        let attributes = &after[..open_end];
        let body = &after[open_end + 1..];
        let close = find_ignoring_case(body, "</script")?;
        rest = &body[close..];
        // `<scripts>` or `<script-x>` is another element; `src` means the text is not run.
        let is_script = attributes.is_empty() || attributes.starts_with(|c: char| c.is_ascii_whitespace() || c == '/');
        if is_script && !has_src(attributes) {
            return Some(&body[..close]);
        }
    })
}

fn has_src(attributes: &str) -> bool {
    attributes.split(|c: char| c.is_ascii_whitespace()).any(|a| a.to_ascii_lowercase().split('=').next() == Some("src"))
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_left_out() {
        let html = r#"<head><script type="module">import init from '/desk/a.js';
init();</script><script src="/x.js"></script><SCRIPT>one()</SCRIPT><scripts>no</scripts></head>"#;
        let found: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(found, vec!["import init from '/desk/a.js';\ninit();", "one()"]);
    }

    #[test]
    fn the_policy_names_each_inline_script_by_its_hash() {
        // printf 'one()' | openssl dgst -sha256 -binary | base64
        let policy = content_security_policy("<script>one()</script>");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-HR7iaask9daLMRRskMI++QeJtjWDOjyPA6lGzYGzKW4='; "), "{policy}");
        assert!(content_security_policy("<p>none</p>").contains("script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"));
    }
}
