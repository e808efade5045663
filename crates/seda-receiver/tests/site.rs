//! `serve --assets DIR` and `--demo`: the widget's files beside the API, with the
//! headers an assets origin needs, never in the way of an API route.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{get, payloads, post_json, send, settings, Answer, TOKEN};
use seda_receiver::files::LocalFiles;
use seda_receiver::routes::Site;
use seda_receiver::{app_with_site, AppState, Store};
use tempfile::TempDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const HASHED_WASM: &str = "seda-0123456789abcdef_bg.wasm";
const HASHED_GLUE: &str = "seda-0123456789abcdef.js";

struct SiteApp {
    router: Router,
    _dirs: (TempDir, TempDir),
}

/// A built widget's shape, and files named after API routes that must never be served.
fn assets() -> TempDir {
    let dir = TempDir::new().unwrap();
    let put = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    put("index.html", b"<!doctype html><title>demo</title>");
    put("seda.js", b"/* the loader */");
    put("seda-sw.js", b"/* the worker */");
    put(HASHED_GLUE, b"export default 1;");
    put(&format!("{HASHED_GLUE}.br"), b"brotli bytes");
    put(HASHED_WASM, b"\0asm\x01\0\0\0");
    put("seda-shells-0123456789abcdef/nps.js", b"export const nps = 1;");
    for shadow in ["healthz", "metrics", "export", "responses", "forms/nps", "admin/forms", "admin/users", "demo/responses"] {
        put(shadow, b"a file that must not be served");
    }
    dir
}

async fn site_app(demo: bool) -> SiteApp {
    let db = TempDir::new().unwrap();
    let store = Store::connect(&format!("sqlite://{}/seda.db", db.path().display())).await.unwrap();
    let files = Arc::new(LocalFiles::new(db.path().join("files")));
    let dir = assets();
    let site = Site { assets: Some(dir.path().to_path_buf()), demo, ..Site::default() };
    SiteApp { router: app_with_site(AppState::new(store, files, settings()), &site), _dirs: (db, dir) }
}

fn header(a: &Answer, name: header::HeaderName) -> &str {
    a.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test]
async fn files_carry_their_type_cors_and_cache_lifetime() {
    let app = site_app(false).await;
    // (path, content type, cache-control)
    let cases = [
        ("/", "text/html", "no-cache"),
        ("/index.html", "text/html", "no-cache"),
        ("/seda.js", "text/javascript", "no-cache"),
        ("/seda-sw.js", "text/javascript", "no-cache"),
        (&format!("/{HASHED_GLUE}"), "text/javascript", IMMUTABLE),
        (&format!("/{HASHED_WASM}"), "application/wasm", IMMUTABLE),
        ("/seda-shells-0123456789abcdef/nps.js", "text/javascript", IMMUTABLE),
    ];
    for (path, content_type, cache) in cases {
        let a = send(&app.router, get(path, None)).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.content_type().starts_with(content_type), "{path}: {}", a.content_type());
        assert_eq!(header(&a, header::CACHE_CONTROL), cache, "{path}");
        assert_eq!(header(&a, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*", "{path}");
        assert_eq!(header(&a, header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
    }
}

#[tokio::test]
async fn a_precompressed_copy_goes_to_a_client_that_takes_brotli() {
    let app = site_app(false).await;
    let request = |encoding: &str| {
        Request::get(format!("/{HASHED_GLUE}")).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap()
    };
    let br = send(&app.router, request("br, gzip")).await;
    assert_eq!(header(&br, header::CONTENT_ENCODING), "br");
    assert_eq!(br.body, b"brotli bytes");
    assert!(br.content_type().starts_with("text/javascript"));
    let plain = send(&app.router, request("identity")).await;
    assert_eq!(plain.body, b"export default 1;");
}

#[tokio::test]
async fn api_routes_are_never_shadowed_by_files() {
    let app = site_app(false).await;
    assert_eq!(send(&app.router, get("/healthz", None)).await.text(), "ok\n");
    assert!(send(&app.router, get("/metrics", None)).await.text().contains("seda_responses_accepted_total"));
    send(&app.router, get("/export?form=nps&format=jsonl", None)).await.problem(401, "unauthorized");
    assert_eq!(send(&app.router, get("/export?form=nps&format=jsonl", Some(TOKEN))).await.status, StatusCode::OK);
    // The built-in template, not the file named forms/nps.
    assert_eq!(send(&app.router, get("/forms/nps", None)).await.json()["id"], "nps");
    // Addresses under the API's prefixes that no route answers are not looked up as files.
    for path in ["/admin/users", "/admin/forms", "/demo/responses", "/responses"] {
        let a = send(&app.router, get(path, None)).await;
        assert!(a.status.is_client_error(), "{path}: {}", a.status);
        assert_eq!(a.content_type(), "application/problem+json", "{path}");
    }
    let stored = send(&app.router, post_json(&payloads::nps("site-1", 9))).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
}

#[tokio::test]
async fn what_is_not_there_or_not_a_read_is_a_problem() {
    let app = site_app(false).await;
    send(&app.router, get("/missing.js", None)).await.problem(404, "not-found");
    let post = Request::post("/index.html").body(Body::from("x")).unwrap();
    send(&app.router, post).await.problem(405, "method-not-allowed");
    // Out of the folder.
    let a = send(&app.router, get("/../Cargo.toml", None)).await;
    assert!(a.status.is_client_error());
}

#[tokio::test]
async fn the_demo_lists_the_newest_responses_only_when_asked_to() {
    let off = site_app(false).await;
    send(&off.router, get("/demo/responses", None)).await.problem(404, "not-found");

    let on = site_app(true).await;
    assert_eq!(send(&on.router, get("/demo/responses", None)).await.json(), serde_json::json!([]));
    for (id, score) in [("demo-1", 3), ("demo-2", 10)] {
        assert_eq!(send(&on.router, post_json(&payloads::nps(id, score))).await.status, StatusCode::CREATED);
        // Receipt times are in microseconds: keep the two apart.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let a = send(&on.router, get("/demo/responses", None)).await;
    assert_eq!(header(&a, header::CACHE_CONTROL), "no-store");
    let list = a.json();
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["demo-2", "demo-1"], "newest first");
    assert_eq!(list[0]["form_id"], "nps");
    assert_eq!(list[0]["verification"], "verified");
    assert_eq!(list[0]["payload"]["answers"]["recommend"], 10);
    // The payload's text as it came, as the export keeps it.
    assert!(a.text().contains(&format!(r#""payload":{}}}"#, payloads::nps("demo-2", 10))), "{}", a.text());
    assert!(a.content_type().starts_with("application/json"));
}
