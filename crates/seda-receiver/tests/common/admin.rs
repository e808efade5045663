//! The admin side's scenarios, on SQLite (tests/admin.rs) and PostgreSQL
//! (tests/postgres.rs) alike: accounts and sessions, allowed origins, erasure,
//! retention and the audit log.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use seda_receiver::accounts::{self, Role};
use seda_receiver::privacy;
use seda_receiver::store::{NewAttachment, NewResponse};
use serde_json::{json, Value};

use super::{get, payloads, post, post_json, send, Answer, TestApp, TOKEN};

pub const PASSWORD: &str = "correct horse battery";

pub async fn add_user(app: &TestApp, name: &str, role: Role) {
    accounts::add_user(&app.store, name, PASSWORD, role, seda_receiver::now_micros()).await.unwrap();
}

pub async fn sign_in(app: &TestApp, name: &str, password: &str) -> Answer {
    let body = json!({"name": name, "password": password}).to_string();
    send(&app.router, Request::post("/session").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()).await
}

/// `seda_session=...` from a sign-in's Set-Cookie.
pub fn cookie_of(a: &Answer) -> String {
    let set = a.headers[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// A request with `cookie`, and the CSRF header when `csrf`.
pub fn with_cookie(method: &str, uri: &str, cookie: &str, csrf: bool, body: Option<Value>) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri).header(header::COOKIE, cookie);
    if csrf {
        r = r.header("x-seda-csrf", "1");
    }
    match body {
        Some(b) => r.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())).unwrap(),
        None => r.body(Body::empty()).unwrap(),
    }
}

/// A request with the bearer token and a JSON body.
pub fn admin_json(method: &str, uri: &str, body: Value) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// As the server records a connection's peer.
pub fn from_ip(mut r: Request<Body>, ip: [u8; 4]) -> Request<Body> {
    r.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    r
}

/// The audit log's entries, newest first.
pub async fn audit(app: &TestApp) -> Vec<Value> {
    let a = send(&app.router, get("/admin/audit?limit=1000", Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    a.json()["entries"].as_array().unwrap().clone()
}

pub fn has_entry(entries: &[Value], actor: &str, action: &str, target: Option<&str>) -> bool {
    entries.iter().any(|e| e["actor"] == actor && e["action"] == action && target.is_none_or(|t| e["target"] == t))
}

/// Sign-in (wrong password, unknown name, right), the session as admin credentials,
/// the CSRF rule, a viewer, expiry and sign-out.
pub async fn sessions(app: &TestApp) {
    add_user(app, "ana", Role::Admin).await;
    add_user(app, "vic", Role::Viewer).await;
    // A wrong password and an unknown name get the same answer.
    let wrong = sign_in(app, "ana", "not the password").await;
    let unknown = sign_in(app, "nobody", PASSWORD).await;
    assert_eq!(wrong.problem(401, "unauthorized")["detail"], unknown.problem(401, "unauthorized")["detail"]);
    assert!(!wrong.headers.contains_key(header::SET_COOKIE));

    let ok = sign_in(app, "ana", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    assert_eq!(ok.json()["name"], "ana");
    assert_eq!(ok.json()["role"], "admin");
    let cookie = cookie_of(&ok);
    assert_eq!(cookie.len(), "seda_session=".len() + 64);

    // Who is signed in; without credentials, 401.
    let who = send(&app.router, with_cookie("GET", "/session", &cookie, false, None)).await;
    assert_eq!(who.json()["name"], "ana", "{}", who.text());
    assert_eq!(who.json()["via"], "session");
    send(&app.router, get("/session", None)).await.problem(401, "unauthorized");
    send(&app.router, with_cookie("GET", "/session", "seda_session=00", false, None)).await.problem(401, "unauthorized");

    // The cookie is admin credentials: reads as they are, changes with the CSRF header.
    let export = send(&app.router, with_cookie("GET", "/export?form=nps", &cookie, false, None)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text());
    let settings = json!({"allowed_origins": null, "retention_days": 30});
    let no_csrf = send(&app.router, with_cookie("PUT", "/admin/forms/nps/settings", &cookie, false, Some(settings.clone()))).await;
    assert!(no_csrf.problem(403, "forbidden")["detail"].as_str().unwrap().contains("X-Seda-Csrf"));
    let with_csrf = send(&app.router, with_cookie("PUT", "/admin/forms/nps/settings", &cookie, true, Some(settings.clone()))).await;
    assert_eq!(with_csrf.status, StatusCode::OK, "{}", with_csrf.text());
    // The bearer token needs no CSRF header (a browser never adds it by itself).
    assert_eq!(send(&app.router, admin_json("PUT", "/admin/forms/nps/settings", settings.clone())).await.status, StatusCode::OK);

    // A viewer reads but changes nothing.
    let viewer = cookie_of(&sign_in(app, "vic", PASSWORD).await);
    assert_eq!(send(&app.router, with_cookie("GET", "/admin/forms/nps/settings", &viewer, false, None)).await.status, StatusCode::OK);
    send(&app.router, with_cookie("PUT", "/admin/forms/nps/settings", &viewer, true, Some(settings))).await.problem(403, "forbidden");

    // Sign-out ends the session and clears the cookie.
    let out = send(&app.router, with_cookie("DELETE", "/session", &cookie, false, None)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    send(&app.router, with_cookie("GET", "/session", &cookie, false, None)).await.problem(401, "unauthorized");

    // An expired session is no credential.
    let token = "ab".repeat(32);
    let now = seda_receiver::now_micros();
    app.store.add_session(&accounts::token_hash(&token), "ana", now - 10_000_000, now - 1).await.unwrap();
    let ended = send(&app.router, with_cookie("GET", "/session", &format!("seda_session={token}"), false, None)).await;
    assert!(ended.problem(401, "unauthorized")["detail"].as_str().unwrap().contains("ended"));

    let entries = audit(app).await;
    assert!(has_entry(&entries, "user:ana", "sign-in", Some("ana")), "{entries:?}");
    assert!(has_entry(&entries, "anonymous", "sign-in.failed", Some("nobody")), "{entries:?}");
    assert!(has_entry(&entries, "anonymous", "sign-in.failed", Some("ana")), "{entries:?}");
    assert!(has_entry(&entries, "user:ana", "form.settings", Some("nps")), "{entries:?}");
    assert!(has_entry(&entries, "token", "form.settings", Some("nps")), "{entries:?}");
    assert!(has_entry(&entries, "user:ana", "export", Some("nps")), "{entries:?}");
    assert!(has_entry(&entries, "user:ana", "sign-out", Some("ana")), "{entries:?}");
}

/// A form with allowed origins refuses other sites' posts (403, no CORS); others take any.
pub async fn allowed_origins(app: &TestApp) {
    let set = send(&app.router, admin_json("PUT", "/admin/forms/nps/settings", json!({"allowed_origins": ["https://Shop.example/"]}))).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    assert_eq!(set.json()["allowed_origins"], json!(["https://shop.example"]));
    let bad = send(&app.router, admin_json("PUT", "/admin/forms/nps/settings", json!({"allowed_origins": ["shop.example"], "retention_days": -1}))).await;
    assert_eq!(bad.problem(400, "bad-query")["problems"].as_array().unwrap().len(), 2);

    let from = |origin: &str, id: &str| {
        let mut r = post_json(&payloads::nps(id, 9));
        r.headers_mut().insert(header::ORIGIN, origin.parse().unwrap());
        r
    };
    let refused = send(&app.router, from("https://evil.example", "o-1")).await;
    refused.problem(403, "origin-not-allowed");
    assert!(!refused.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN), "{:?}", refused.headers);
    assert_eq!(app.store.count_responses(Some("o-1")).await.unwrap(), 0);
    let allowed = send(&app.router, from("https://shop.example", "o-2")).await;
    assert_eq!(allowed.status, StatusCode::CREATED, "{}", allowed.text());
    assert_eq!(allowed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    // Not from a browser page: no Origin to refuse.
    assert_eq!(send(&app.router, post_json(&payloads::nps("o-3", 9))).await.status, StatusCode::CREATED);
    // The preflight cannot name the form: it passes, and the POST is refused.
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/responses")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app.router, preflight).await.status, StatusCode::OK);
    // Another form has no list: any site.
    let mut other = post("application/json", Some("o-4"), payloads::complaint_json("o-4", 0));
    other.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    assert_eq!(send(&app.router, other).await.status, StatusCode::CREATED);
}

/// A multipart complaint with one photo; `contact` sets the email or phone answer.
pub fn complaint(id: &str, contact: Option<(&str, &str)>) -> Request<Body> {
    let mut payload: Value = serde_json::from_str(&payloads::complaint_json(id, 1)).unwrap();
    // Files of their own: each complaint's photo differs.
    payload["answers"]["photos"][0]["data"] = json!(base64_of(id.as_bytes()));
    payload["answers"]["photos"][0]["size"] = json!(id.len());
    if let Some((key, value)) = contact {
        payload["answers"]["contact_way"] = json!(key);
        payload["answers"]["name"] = json!("Ana");
        payload["answers"][key] = json!(value);
    }
    let body = seda_core::endpoint::multipart(&payload.to_string(), "seda-x").unwrap();
    post("multipart/form-data; boundary=seda-x", Some(id), body)
}

fn base64_of(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() { A[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// The stored file of response `id` (its one photo), as a path.
pub async fn file_of(app: &TestApp, id: &str) -> std::path::PathBuf {
    let files = app.store.attachments(id).await.unwrap();
    assert_eq!(files.len(), 1, "{id}");
    let key = &files[0].storage_key;
    app.files.path().join(&key[..2]).join(key)
}

/// Erasure by response id, complaint reference and contact: rows and files go.
pub async fn erasure(app: &TestApp) {
    let contacts = [("c-1", None), ("c-2", None), ("c-3", Some(("email", "Ana@Shop.Example"))), ("c-4", Some(("phone", "+98 912 345 6789"))), ("c-5", Some(("email", "bob@shop.example")))];
    let mut paths = Vec::new();
    for (id, contact) in contacts {
        let a = send(&app.router, complaint(id, contact)).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
        paths.push(file_of(app, id).await);
    }
    assert!(paths.iter().all(|p| p.exists()));
    let erase = |body: Value| admin_json("POST", "/admin/erase", body);

    let by_id = send(&app.router, erase(json!({"response_id": "c-1"}))).await;
    assert_eq!(by_id.json(), json!({"erased": 1, "files": 1}), "{}", by_id.text());
    assert_eq!(app.store.count_responses(Some("c-1")).await.unwrap(), 0);
    assert!(!paths[0].exists());
    assert!(app.store.attachments("c-1").await.unwrap().is_empty());

    let code = seda_core::complaint::reference_code("c-2").to_lowercase().replace('-', " ");
    let by_reference = send(&app.router, erase(json!({"reference": code}))).await;
    assert_eq!(by_reference.json(), json!({"erased": 1, "files": 1}), "{}", by_reference.text());
    assert!(!paths[1].exists());

    let by_email = send(&app.router, erase(json!({"contact": " ana@shop.example"}))).await;
    assert_eq!(by_email.json(), json!({"erased": 1, "files": 1}), "{}", by_email.text());
    let by_phone = send(&app.router, erase(json!({"contact": "98-912-345-6789"}))).await;
    assert_eq!(by_phone.json(), json!({"erased": 1, "files": 1}), "{}", by_phone.text());
    assert!(!paths[2].exists() && !paths[3].exists());

    // The others are untouched; nothing matching is 0; one choice only.
    assert_eq!(app.store.count_responses(None).await.unwrap(), 1);
    assert!(paths[4].exists());
    assert_eq!(send(&app.router, erase(json!({"response_id": "c-1"}))).await.json(), json!({"erased": 0, "files": 0}));
    send(&app.router, erase(json!({"response_id": "c-5", "contact": "x@y"}))).await.problem(400, "bad-query");
    send(&app.router, erase(json!({"contact": "no digits"}))).await.problem(400, "bad-query");
    send(&app.router, Request::post("/admin/erase").body(Body::from("{\"response_id\": \"c-5\"}")).unwrap()).await.problem(401, "unauthorized");

    let entries = audit(app).await;
    assert!(has_entry(&entries, "token", "erase", Some("response:c-1")), "{entries:?}");
    let contact_entry = entries.iter().find(|e| e["action"] == "erase" && e["target"].as_str().unwrap().starts_with("contact:")).unwrap();
    assert!(!contact_entry["target"].as_str().unwrap().contains("ana"), "{contact_entry}");
    assert_eq!(contact_entry["detail"], json!({"erased": 1, "files": 1}));
}

/// A file two responses share stays until neither names it.
pub async fn shared_files(app: &TestApp) {
    // complaint_json's photos are the same bytes in every response.
    for id in ["s-1", "s-2"] {
        let body = seda_core::endpoint::multipart(&payloads::complaint_json(id, 1), "seda-s").unwrap();
        assert_eq!(send(&app.router, post("multipart/form-data; boundary=seda-s", Some(id), body)).await.status, StatusCode::CREATED);
    }
    let path = file_of(app, "s-1").await;
    assert_eq!(path, file_of(app, "s-2").await);
    let erase = |id: &str| admin_json("POST", "/admin/erase", json!({"response_id": id}));
    assert_eq!(send(&app.router, erase("s-1")).await.json(), json!({"erased": 1, "files": 0}));
    assert!(path.exists());
    assert_eq!(send(&app.router, erase("s-2")).await.json(), json!({"erased": 1, "files": 1}));
    assert!(!path.exists());
}

/// A stored response received `days_ago`, with an attachment whose bytes are `file`.
async fn old_response(app: &TestApp, id: &str, form_id: &str, days_ago: i64, file: &[u8]) -> std::path::PathBuf {
    use seda_receiver::files::FileStore;
    let key = seda_receiver::canonical::sha256_hex(file);
    seda_receiver::files::LocalFiles::new(app.files.path()).put(&key, file.to_vec().into()).await.unwrap();
    let row = NewResponse {
        id: id.into(),
        form_id: form_id.into(),
        form_version: Some(1),
        kind: Some("survey".into()),
        received_at: seda_receiver::now_micros() - days_ago * 86_400 * 1_000_000,
        format: "json",
        body_sha256: key.clone(),
        payload: json!({"id": id, "form_id": form_id, "answers": {}}).to_string(),
        verification: "unknown_form",
        problems: "[]".into(),
        figures: None,
        checklist: None,
    };
    let file = NewAttachment { part: "answers.f.0".into(), file_name: "f".into(), content_type: "image/jpeg".into(), size: file.len() as i64, sha256: key.clone(), storage_key: key.clone() };
    app.store.insert_response(&row, &[file]).await.unwrap();
    app.files.path().join(&key[..2]).join(&key)
}

/// Retention deletes a form's responses older than its days (and their files); forms
/// without a period keep everything.
pub async fn retention(app: &TestApp) {
    let old = old_response(app, "r-old", "kept-30", 31, b"old").await;
    let young = old_response(app, "r-young", "kept-30", 29, b"young").await;
    let forever = old_response(app, "r-forever", "kept-forever", 400, b"forever").await;
    let set = send(&app.router, admin_json("PUT", "/admin/forms/kept-30/settings", json!({"retention_days": 30}))).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    let files: std::sync::Arc<dyn seda_receiver::files::FileStore> = std::sync::Arc::new(seda_receiver::files::LocalFiles::new(app.files.path()));
    let removed = privacy::run_retention(&app.store, &files, seda_receiver::now_micros()).await.unwrap();
    assert_eq!(removed, [("kept-30".to_owned(), privacy::Removed { responses: 1, files: 1 })]);
    assert_eq!(app.store.count_responses(Some("r-old")).await.unwrap(), 0);
    assert!(!old.exists() && young.exists() && forever.exists());
    assert_eq!(app.store.count_responses(None).await.unwrap(), 2);
    // Again: nothing more.
    assert!(privacy::run_retention(&app.store, &files, seda_receiver::now_micros()).await.unwrap().is_empty());
    // The settings read back.
    let read = send(&app.router, get("/admin/forms/kept-30/settings", Some(TOKEN))).await;
    assert_eq!(read.json(), json!({"form_id": "kept-30", "allowed_origins": null, "retention_days": 30}));
}

/// The shared buckets' arithmetic on the database itself (`Store::take_turn`): three
/// requests a minute, in microseconds.
pub async fn rate_limit_turns(app: &TestApp) {
    let (interval, period, t0) = (20_000_000, 60_000_000, 1_800_000_000_000_000);
    let turn = |scope: &'static str, client: &'static str, now: i64| app.store.take_turn(scope, client, now, interval, period);
    for _ in 0..3 {
        assert_eq!(turn("responses", "192.0.2.1", t0).await.unwrap(), None);
    }
    assert_eq!(turn("responses", "192.0.2.1", t0).await.unwrap(), Some(20_000_000));
    // Another address, and another limit, have buckets of their own.
    assert_eq!(turn("responses", "192.0.2.2", t0).await.unwrap(), None);
    assert_eq!(turn("sign-in", "192.0.2.1", t0).await.unwrap(), None);
    // One turn back after a third of the minute; a refused request takes none.
    assert_eq!(turn("responses", "192.0.2.1", t0 + 20_000_000).await.unwrap(), None);
    assert_eq!(turn("responses", "192.0.2.1", t0 + 20_000_000).await.unwrap(), Some(20_000_000));
    // Pruning forgets the buckets that are full again, and only those.
    assert_eq!(app.store.prune_rate_limits(t0 + 30_000_000).await.unwrap(), 2);
    assert_eq!(turn("responses", "192.0.2.1", t0 + 30_000_000).await.unwrap(), Some(10_000_000));
    assert_eq!(turn("responses", "192.0.2.2", t0 + 30_000_000).await.unwrap(), None);
}

/// Receivers `a` and `b` on one database, each limited to 4 responses a minute per
/// address, taking 10 at once from one address half each: the address gets 4 in all.
pub async fn shared_rate_limit(a: &TestApp, b: &TestApp) {
    let posts: Vec<_> = (0..10)
        .map(|n| {
            let router = if n % 2 == 0 { a.router.clone() } else { b.router.clone() };
            let request = from_ip(post_json(&payloads::nps(&format!("shared-{n}"), 9)), [192, 0, 2, 7]);
            tokio::spawn(async move { send(&router, request).await })
        })
        .collect();
    let (mut created, mut limited) = (0, 0);
    for post in posts {
        let answer = post.await.unwrap();
        match answer.status {
            StatusCode::CREATED => created += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                let wait: u64 = answer.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
                assert!((1..=15).contains(&wait), "Retry-After {wait}");
                limited += 1;
            }
            other => panic!("{other}: {}", answer.text()),
        }
    }
    assert_eq!((created, limited), (4, 6));
    assert_eq!(a.store.count_responses(None).await.unwrap(), 4);
    // Another address has its whole allowance, on either receiver.
    let other = from_ip(post_json(&payloads::nps("shared-other", 9)), [192, 0, 2, 8]);
    assert_eq!(send(&b.router, other).await.status, StatusCode::CREATED);
}
