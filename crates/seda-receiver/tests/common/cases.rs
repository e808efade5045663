//! Complaints' cases through the router, on SQLite (tests/cases.rs) and PostgreSQL
//! (tests/postgres.rs) alike: opening, the list and its order, a case in full, the
//! changes people make, and the complainant's own status page.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use seda_receiver::accounts::Role;
use seda_receiver::engine::complaint_reference;
use seda_receiver::store::NewResponse;
use seda_receiver::{cases, now_micros};
use serde_json::{json, Value};

use super::admin::{add_user, admin_json, audit, has_entry};
use super::{get, payloads, post_json, send, Answer, TestApp, TOKEN};

const DAY: i64 = 86_400_000_000;
const HOUR: i64 = 3_600_000_000;

/// A valid complaint with `answers` and `hidden` laid over the template's.
pub fn complaint(id: &str, answers: Value, hidden: Value) -> Value {
    let mut payload: Value = serde_json::from_str(&payloads::complaint_json(id, 0)).unwrap();
    for (k, v) in answers.as_object().unwrap() {
        payload["answers"][k] = v.clone();
    }
    if let Some(h) = hidden.as_object().filter(|h| !h.is_empty()) {
        payload["hidden"] = Value::Object(h.clone());
    }
    payload
}

pub fn by_email(id: &str, category: &str, email: &str) -> Value {
    complaint(id, json!({"category": category, "contact_way": "email", "name": "Ana", "email": email}), json!({}))
}

pub async fn posted(app: &TestApp, payload: &Value) {
    let a = send(&app.router, post_json(payload)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
}

pub async fn desk(app: &TestApp, uri: &str) -> Value {
    let a = send(&app.router, get(uri, Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    a.json()
}

pub async fn change(app: &TestApp, method: &str, uri: &str, body: Value) -> Answer {
    send(&app.router, admin_json(method, uri, body)).await
}

fn references(list: &Value) -> Vec<String> {
    list["cases"].as_array().unwrap().iter().map(|c| c["response_id"].as_str().unwrap().to_owned()).collect()
}

/// A case from arrival to closing: the list, the detail, moves, owner, notes, reply, audit.
pub async fn lifecycle(app: &TestApp) {
    posted(app, &payloads::nps("s-1", 3)).await;
    let urgent = complaint("k-1", json!({"category": "service", "urgent": true, "description": "The stairs are broken"}), json!({"survey_response": "s-1"}));
    posted(app, &urgent).await;
    posted(app, &by_email("k-2", "price", "ana@shop.example")).await;
    // Sent again: one case still.
    assert_eq!(send(&app.router, post_json(&urgent)).await.status, StatusCode::OK);

    let list = desk(app, "/admin/desk/complaints").await;
    assert_eq!(list["total"], 2, "{list}");
    assert!(list["now"].as_str().unwrap().ends_with('Z'));
    // The urgent one is due first.
    assert_eq!(references(&list), ["k-1", "k-2"]);
    let first = &list["cases"][0];
    assert_eq!(first["reference"], complaint_reference("k-1"));
    assert_eq!((first["status"].as_str(), first["urgency"].as_str(), first["topic"].as_str()), (Some("received"), Some("urgent"), Some("service")));
    assert_eq!((first["summary"].as_str(), first["language"].as_str(), first["overdue"].as_bool()), (Some("The stairs are broken"), Some("en"), Some(false)));
    assert_eq!(first["owner"], Value::Null);
    let received = time::OffsetDateTime::parse(first["received_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    let due = time::OffsetDateTime::parse(first["due_at"].as_str().unwrap(), &time::format_description::well_known::Rfc3339).unwrap();
    assert_eq!(due - received, time::Duration::hours(24));
    assert_eq!(list["cases"][1]["urgency"], "normal");

    // A case by its reference, read forgivingly, or by its response id.
    let code = complaint_reference("k-1");
    let typed = code.to_lowercase().replace('-', " ");
    let detail = desk(app, &format!("/admin/desk/complaints/{}", typed.replace(' ', "%20"))).await;
    assert_eq!(detail, desk(app, "/admin/desk/complaints/k-1").await);
    let case = &detail["case"];
    assert_eq!(case["response_id"], "k-1");
    assert_eq!(case["allowed"], json!(["acknowledged", "in_progress", "resolved"]));
    assert_eq!(case["root_causes"].as_array().unwrap().len(), 10);
    assert_eq!((case["csat"].clone(), case["survey_response_id"].clone()), (Value::Null, json!("s-1")));
    assert_eq!(detail["response"]["id"], "k-1");
    assert_eq!(detail["survey_response"]["nps_category"], "detractor");
    assert_eq!(detail["survey_response"]["answers"]["recommend"], 3);
    assert_eq!(detail["history"], json!([{"at": case["received_at"], "actor": "system", "action": "received", "from": null, "to": "received", "text": null}]));
    send(&app.router, get("/admin/desk/complaints/NONE-SUCH", Some(TOKEN))).await.problem(404, "not-found");
    send(&app.router, get("/admin/desk/complaints/k-1", None)).await.problem(401, "unauthorized");

    // Moves: only the allowed ones; closing needs a root cause from the list.
    let status = |body: Value| change(app, "POST", "/admin/desk/complaints/k-1/status", body);
    let p = status(json!({"to": "closed", "root_cause": "staff"})).await.problem(409, "invalid-transition");
    assert_eq!(p["path"], "to");
    assert!(p["detail"].as_str().unwrap().contains("acknowledged, in_progress, resolved"), "{p}");
    assert_eq!(status(json!({"to": "done"})).await.problem(422, "invalid-field")["path"], "to");
    let moved = status(json!({"to": "acknowledged", "note": "Called the store"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["case"]["status"], "acknowledged");
    assert_eq!(moved.json()["case"]["allowed"], json!(["in_progress", "resolved"]));
    let history = moved.json()["history"].clone();
    assert_eq!(history[1]["action"], "status");
    assert_eq!((history[1]["from"].as_str(), history[1]["to"].as_str(), history[1]["actor"].as_str()), (Some("received"), Some("acknowledged"), Some("token")));
    assert_eq!((history[2]["action"].as_str(), history[2]["text"].as_str()), (Some("note"), Some("Called the store")));
    assert_eq!(status(json!({"to": "resolved"})).await.status, StatusCode::OK);
    assert_eq!(status(json!({"to": "closed"})).await.problem(422, "invalid-field")["path"], "root_cause");
    assert_eq!(status(json!({"to": "closed", "root_cause": "weather"})).await.problem(422, "invalid-field")["path"], "root_cause");
    let closed = status(json!({"to": "closed", "root_cause": "facility"})).await.json();
    assert_eq!((closed["case"]["status"].as_str(), closed["case"]["root_cause"].as_str()), (Some("closed"), Some("facility")));
    assert_eq!(closed["case"]["allowed"], json!(["reopened"]));

    // Closed cases leave the default list, and come last in all.
    assert_eq!(references(&desk(app, "/admin/desk/complaints").await), ["k-2"]);
    assert_eq!(references(&desk(app, "/admin/desk/complaints?status=all").await), ["k-2", "k-1"]);
    assert_eq!(references(&desk(app, "/admin/desk/complaints?status=closed").await), ["k-1"]);
    assert_eq!(references(&desk(app, "/admin/desk/complaints?status=all&urgency=normal").await), ["k-2"]);
    assert_eq!(references(&desk(app, "/admin/desk/complaints?status=all&q=STAIRS").await), ["k-1"]);
    assert_eq!(references(&desk(app, &format!("/admin/desk/complaints?status=all&q={}", code.to_lowercase())).await), ["k-1"]);
    let page = desk(app, "/admin/desk/complaints?status=all&limit=1&offset=1").await;
    assert_eq!((page["total"].as_u64(), references(&page)), (Some(2), vec!["k-1".to_owned()]));
    let bad = send(&app.router, get("/admin/desk/complaints?status=later", Some(TOKEN))).await;
    assert_eq!(bad.problem(400, "bad-query")["path"], "status");
    assert_eq!(send(&app.router, get("/admin/desk/complaints?limit=x", Some(TOKEN))).await.problem(400, "bad-query")["path"], "limit");

    // The owner is an existing user, or no one.
    let owner = |body: Value| change(app, "PUT", "/admin/desk/complaints/k-2/owner", body);
    assert_eq!(owner(json!({"owner": "ana"})).await.problem(422, "invalid-field")["path"], "owner");
    add_user(app, "ana", Role::Admin).await;
    add_user(app, "vic", Role::Viewer).await;
    let users = desk(app, "/admin/desk/users").await;
    assert_eq!(users, json!({"users": [{"name": "ana", "role": "admin"}, {"name": "vic", "role": "viewer"}]}));
    assert_eq!(owner(json!({"owner": "ana"})).await.json()["case"]["owner"], "ana");
    assert_eq!(references(&desk(app, "/admin/desk/complaints?owner=ana").await), ["k-2"]);
    assert_eq!(desk(app, "/admin/desk/complaints?owner=none").await["total"], 0);
    let unowned = owner(json!({"owner": null})).await.json();
    assert_eq!(unowned["case"]["owner"], Value::Null);
    // The history names the owner before and after each change.
    let moves: Vec<_> = unowned["history"].as_array().unwrap().iter().filter(|e| e["action"] == "owner").map(|e| (e["from"].clone(), e["to"].clone())).collect();
    assert_eq!(moves, [(Value::Null, json!("ana")), (json!("ana"), Value::Null)]);

    // Notes are internal; the reply is what the complainant reads.
    let note = |text: Value| change(app, "POST", "/admin/desk/complaints/k-2/notes", json!({ "text": text }));
    assert_eq!(note(json!("  ")).await.problem(422, "invalid-field")["path"], "text");
    assert_eq!(note(json!("x".repeat(5001))).await.problem(422, "invalid-field")["path"], "text");
    let noted = note(json!("Refund approved")).await.json();
    assert_eq!(noted["history"].as_array().unwrap().last().unwrap()["text"], "Refund approved");
    let replied = change(app, "PUT", "/admin/desk/complaints/k-2/reply", json!({"text": "We are refunding you."})).await.json();
    assert_eq!(replied["case"]["public_reply"], "We are refunding you.");
    assert!(replied["case"]["public_reply_at"].is_string());

    let entries = audit(app).await;
    let k1 = complaint_reference("k-1");
    let k2 = complaint_reference("k-2");
    assert!(has_entry(&entries, "token", "case.status", Some(&k1)), "{entries:?}");
    for action in ["case.owner", "case.note", "case.reply"] {
        assert!(has_entry(&entries, "token", action, Some(&k2)), "{action}: {entries:?}");
    }

    // Erasing the complaint takes its case with it.
    assert_eq!(change(app, "POST", "/admin/erase", json!({"response_id": "k-2"})).await.json()["erased"], 1);
    send(&app.router, get("/admin/desk/complaints/k-2", Some(TOKEN))).await.problem(404, "not-found");
}

/// A complaint stored before cases were kept, received `ago`.
async fn stored_earlier(app: &TestApp, id: &str, category: &str, ago: i64) {
    let payload = by_email(id, category, "old@shop.example");
    let row = NewResponse {
        id: id.into(),
        form_id: "complaint".into(),
        form_version: Some(1),
        kind: Some("complaint".into()),
        received_at: now_micros() - ago,
        format: "json",
        body_sha256: id.into(),
        payload: payload.to_string(),
        verification: "verified",
        problems: "[]".into(),
        figures: None,
        checklist: None,
    };
    app.store.insert_response(&row, &[]).await.unwrap();
}

/// The backfill opens cases for older complaints; overdue ones come first, longest first.
pub async fn backfill_and_overdue(app: &TestApp) {
    stored_earlier(app, "o-normal-10d", "price", 10 * DAY).await;
    stored_earlier(app, "o-urgent-2d", "safety", 2 * DAY).await;
    stored_earlier(app, "o-normal-now", "price", 0).await;
    stored_earlier(app, "o-urgent-1h", "safety", HOUR).await;
    assert_eq!(desk(app, "/admin/desk/complaints").await["total"], 0);
    let due = app.state.settings.due;
    assert_eq!(cases::backfill(&app.store, &due).await.unwrap(), 4);
    assert_eq!(cases::backfill(&app.store, &due).await.unwrap(), 0);

    let list = desk(app, "/admin/desk/complaints").await;
    assert_eq!(references(&list), ["o-normal-10d", "o-urgent-2d", "o-urgent-1h", "o-normal-now"]);
    let overdue: Vec<bool> = list["cases"].as_array().unwrap().iter().map(|c| c["overdue"].as_bool().unwrap()).collect();
    assert_eq!(overdue, [true, true, false, false]);
    // A resolved case is not overdue; a closed one goes last.
    let to = |id: &str, body: Value| {
        let uri = format!("/admin/desk/complaints/{id}/status");
        async move { change(app, "POST", &uri, body).await }
    };
    assert_eq!(to("o-urgent-2d", json!({"to": "resolved"})).await.status, StatusCode::OK);
    assert_eq!(to("o-normal-10d", json!({"to": "resolved", "root_cause": "price"})).await.status, StatusCode::OK);
    assert_eq!(to("o-normal-10d", json!({"to": "closed"})).await.status, StatusCode::OK, "the root cause given on resolving stands");
    let list = desk(app, "/admin/desk/complaints?status=all").await;
    assert_eq!(references(&list), ["o-urgent-2d", "o-urgent-1h", "o-normal-now", "o-normal-10d"]);
    assert!(list["cases"].as_array().unwrap().iter().all(|c| c["overdue"] == false));
}

/// `POST /complaint-status` as a complainant's browser sends it.
pub fn status_request(reference: &str, contact: &str) -> Request<Body> {
    Request::post("/complaint-status")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ORIGIN, "https://shop.example")
        .body(Body::from(json!({"reference": reference, "contact": contact}).to_string()))
        .unwrap()
}

/// The complainant's view: found by reference and contact only; every miss is one 404.
pub async fn public_status(app: &TestApp) {
    posted(app, &by_email("p-1", "price", "Ana@Shop.Example")).await;
    posted(app, &complaint("p-2", json!({"contact_way": "phone", "name": "Bob", "phone": "0912 345 6789"}), json!({}))).await;
    posted(app, &complaint("p-3", json!({}), json!({}))).await;
    let (r1, r2, r3) = (complaint_reference("p-1"), complaint_reference("p-2"), complaint_reference("p-3"));

    let found = send(&app.router, status_request(&r1.to_lowercase().replace('-', ""), " ana@shop.example ")).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    assert_eq!(found.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let body = found.json();
    assert_eq!((body["reference"].as_str(), body["status"].as_str()), (Some(r1.as_str()), Some("received")));
    assert_eq!((body["reply"].clone(), body["reply_at"].clone()), (Value::Null, Value::Null));
    assert_eq!(body["csat"], json!({"form": "complaint-csat", "asked": false, "answered": false}));
    let persian_digits: String = r2.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x06F0 + d).unwrap())).collect();
    assert_eq!(send(&app.router, status_request(&persian_digits, "6789")).await.status, StatusCode::OK);
    assert_eq!(send(&app.router, status_request(&r2, "+98 912 345 6789")).await.status, StatusCode::OK);

    let misses = [
        status_request(&r1, "bob@shop.example"),
        status_request(&r1, "6789"),
        status_request(&r2, "1234"),
        status_request(&r2, "789"),
        status_request(&r3, "6789"),
        status_request(&r3, ""),
        status_request("ZZZZ-ZZZZ", "ana@shop.example"),
        status_request("not a code", "ana@shop.example"),
    ];
    let mut details = Vec::new();
    for request in misses {
        let a = send(&app.router, request).await;
        details.push(a.problem(404, "not-found")["detail"].clone());
    }
    assert!(details.iter().all(|d| *d == details[0]), "{details:?}");
    assert_eq!(details[0], "no complaint has this reference and contact");
    let missing = send(&app.router, Request::post("/complaint-status").header(header::CONTENT_TYPE, "application/json").body(Body::from("{\"reference\": \"x\"}")).unwrap()).await;
    assert_eq!(missing.problem(422, "invalid-field")["path"], "contact");

    // Once resolved the complainant is asked to rate the handling; their answer shows on the case.
    change(app, "PUT", "/admin/desk/complaints/p-1/reply", json!({"text": "Refunded."})).await;
    assert_eq!(change(app, "POST", "/admin/desk/complaints/p-1/status", json!({"to": "resolved"})).await.status, StatusCode::OK);
    let resolved = send(&app.router, status_request(&r1, "ana@shop.example")).await.json();
    assert_eq!((resolved["status"].as_str(), resolved["reply"].as_str()), (Some("resolved"), Some("Refunded.")));
    assert_eq!(resolved["csat"]["asked"], true);
    assert_eq!(resolved["csat"]["answered"], false);
    // The newest is typed in lower case without its dash, as a complainant may copy it.
    for (id, reference, score) in [("q-1", r2.as_str(), 1), ("q-2", r1.as_str(), 2), ("q-3", &r1.to_lowercase().replace('-', ""), 4)] {
        let rating = json!({"id": id, "form_id": "complaint-csat", "form_version": 1, "kind": "survey", "hidden": {"reference": reference}, "answers": {"satisfaction": score}});
        posted(app, &rating).await;
    }
    let answered = send(&app.router, status_request(&r1, "ana@shop.example")).await.json();
    assert_eq!(answered["csat"]["answered"], true);
    let case = desk(app, "/admin/desk/complaints/p-1").await;
    assert_eq!(case["case"]["csat"]["score"], 4, "the newest rating of this reference: {}", case["case"]);
}
