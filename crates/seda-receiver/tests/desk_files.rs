//! `serve --desk DIR`: the desk's files at `/desk/`, its own routes answered with its
//! page, and the security headers its pages need, through the router.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{get, send, settings, Answer};
use seda_receiver::files::LocalFiles;
use seda_receiver::routes::Site;
use seda_receiver::{app_with_site, AppState, Store};
use tempfile::TempDir;

const GLUE: &str = "seda-desk-0123456789abcdef.js";
const WASM: &str = "seda-desk-0123456789abcdef_bg.wasm";
const CSS: &str = "desk-fedcba9876543210.css";
/// The start-up script as Trunk writes it, and its SHA-256 in base64
/// (`printf '%s' "$SCRIPT" | openssl dgst -sha256 -binary | base64`).
const SCRIPT: &str = "\nimport init from '/desk/seda-desk-0123456789abcdef.js';\ninit('/desk/seda-desk-0123456789abcdef_bg.wasm');\n";

struct DeskApp {
    router: Router,
    dir: TempDir,
    _others: (TempDir, TempDir),
}

fn put(dir: &TempDir, name: &str, bytes: &[u8]) {
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

async fn desk_app(assets: bool) -> DeskApp {
    let db = TempDir::new().unwrap();
    let store = Store::connect(&format!("sqlite://{}/seda.db", db.path().display())).await.unwrap();
    let files = Arc::new(LocalFiles::new(db.path().join("files")));
    let dir = TempDir::new().unwrap();
    let page = format!("<!doctype html><html><head><title>Seda desk</title><link rel=\"stylesheet\" href=\"/desk/{CSS}\"><script type=\"module\">{SCRIPT}</script></head><body></body></html>");
    put(&dir, "index.html", page.as_bytes());
    put(&dir, GLUE, b"export default function init() {}");
    put(&dir, WASM, b"\0asm\x01\0\0\0");
    put(&dir, CSS, b"body { margin: 0 }");
    let other = TempDir::new().unwrap();
    put(&other, "index.html", b"the widget's demo");
    put(&other, "desk/secret.txt", b"never served from the assets folder");
    let site = Site { desk: Some(dir.path().to_path_buf()), assets: assets.then(|| other.path().to_path_buf()), ..Site::default() };
    let router = app_with_site(AppState::new(store, files, settings()), &site);
    DeskApp { router, dir, _others: (db, other) }
}

fn header(a: &Answer, name: header::HeaderName) -> &str {
    a.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

fn script_hash() -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(SCRIPT))
}

fn assert_secure(a: &Answer, path: &str) {
    let csp = header(a, header::CONTENT_SECURITY_POLICY);
    for part in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{path}: {part} missing from {csp}");
    }
    assert_eq!(header(a, header::X_FRAME_OPTIONS), "DENY", "{path}");
    assert_eq!(header(a, header::REFERRER_POLICY), "same-origin", "{path}");
    assert_eq!(header(a, header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
}

#[tokio::test]
async fn the_desks_files_come_with_their_type_and_cache_lifetime() {
    let app = desk_app(false).await;
    let immutable = "public, max-age=31536000, immutable";
    let cases = [
        (format!("/desk/{GLUE}"), "text/javascript", immutable),
        (format!("/desk/{WASM}"), "application/wasm", immutable),
        (format!("/desk/{CSS}"), "text/css", immutable),
        ("/desk/".to_owned(), "text/html", "no-cache"),
        ("/desk/index.html".to_owned(), "text/html", "no-cache"),
    ];
    for (path, content_type, cache) in cases {
        let a = send(&app.router, get(&path, None)).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.content_type().starts_with(content_type), "{path}: {}", a.content_type());
        assert_eq!(header(&a, header::CACHE_CONTROL), cache, "{path}");
        assert_secure(&a, &path);
    }
    let wasm = send(&app.router, get(&format!("/desk/{WASM}"), None)).await;
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn the_apps_own_routes_answer_its_page_with_the_scripts_hash() {
    let app = desk_app(false).await;
    let hash = format!("'sha256-{}'", script_hash());
    for path in ["/desk/", "/desk/surveys/nps", "/desk/responses/abc?x=1", "/desk/complaints/K7Q4-MZ8P", "/desk/no/such/page.js"] {
        let a = send(&app.router, get(path, None)).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.text().contains("<title>Seda desk</title>"), "{path}: {}", a.text());
        assert_eq!(header(&a, header::CACHE_CONTROL), "no-cache", "{path}");
        let csp = header(&a, header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {hash};")), "{path}: {csp}");
        assert_secure(&a, path);
    }
}

#[tokio::test]
async fn a_new_build_is_picked_up_at_once() {
    let app = desk_app(false).await;
    put(&app.dir, "index.html", b"<!doctype html><title>new</title><script>start()</script>");
    let a = send(&app.router, get("/desk/visits", None)).await;
    assert!(a.text().contains("<title>new</title>"));
    // printf 'start()' | openssl dgst -sha256 -binary | base64
    assert!(header(&a, header::CONTENT_SECURITY_POLICY).contains("'sha256-DIm7WJS6ZKDYe5qFLPy+h4JFI9Bol5QmYC57mt3Fb00='"), "{:?}", a.headers);
    assert!(!header(&a, header::CONTENT_SECURITY_POLICY).contains(&script_hash()), "the old script's hash is gone");
}

#[tokio::test]
async fn desk_without_its_slash_is_sent_on_with_the_query() {
    let app = desk_app(false).await;
    for (path, location) in [("/desk", "/desk/"), ("/desk?lang=fa", "/desk/?lang=fa")] {
        let a = send(&app.router, get(path, None)).await;
        assert_eq!(a.status, StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(header(&a, header::LOCATION), location, "{path}");
    }
}

#[tokio::test]
async fn nothing_outside_the_folder_is_served() {
    let app = desk_app(false).await;
    for path in ["/desk/../Cargo.toml", "/desk/%2e%2e/%2e%2e/etc/passwd", "/desk/..%2f..%2fetc%2fpasswd"] {
        let a = send(&app.router, get(path, None)).await;
        assert!(!a.text().contains("root:"), "{path}");
        assert!(a.status == StatusCode::OK && a.text().contains("<title>Seda desk</title>") || a.status.is_client_error(), "{path}: {}", a.status);
    }
}

#[tokio::test]
async fn the_desk_is_only_read() {
    let app = desk_app(false).await;
    let post = Request::post("/desk/surveys/nps").body(Body::empty()).unwrap();
    let a = send(&app.router, post).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{}", a.text());
    let head = Request::head(format!("/desk/{GLUE}")).body(Body::empty()).unwrap();
    assert_eq!(send(&app.router, head).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_assets_folder_never_answers_for_the_desk_and_the_api_is_untouched() {
    let app = desk_app(true).await;
    let a = send(&app.router, get("/desk/secret.txt", None)).await;
    assert!(a.text().contains("<title>Seda desk</title>"), "{}", a.text());
    assert_eq!(send(&app.router, get("/", None)).await.text(), "the widget's demo");
    let health = send(&app.router, get("/healthz", None)).await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health.headers.get(header::CONTENT_SECURITY_POLICY).is_none(), "the desk's headers stay on the desk");
}

#[tokio::test]
async fn without_desk_there_is_no_desk() {
    let db = TempDir::new().unwrap();
    let store = Store::connect(&format!("sqlite://{}/seda.db", db.path().display())).await.unwrap();
    let files = Arc::new(LocalFiles::new(db.path().join("files")));
    let router = app_with_site(AppState::new(store, files, settings()), &Site::default());
    send(&router, get("/desk/", None)).await.problem(404, "not-found");
}
