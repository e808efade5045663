//! The desk's mystery-shop visits through the router on SQLite: the list and its
//! filters, the score card (the server's figures, not the phone's), photos, reviews,
//! the report, and who may do what.

mod common;

use axum::http::{header, StatusCode};
use common::admin::{add_user, admin_json, audit, cookie_of, sign_in, with_cookie, PASSWORD};
use common::visits::{self, day, get_json, review, seed, seed_report, visit, JPEG, JPEG_BYTES, PNG};
use common::{get, payloads, post_json, send, settings, sqlite_app, TOKEN};
use seda_receiver::accounts::Role;
use serde_json::{json, Value};

fn ids(list: &Value) -> Vec<&str> {
    list["visits"].as_array().unwrap().iter().map(|v| v["response_id"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn list_and_filters() {
    let app = sqlite_app(settings()).await;
    seed_report(&app).await;
    // One through POST /responses, received now (after the others).
    let posted = send(&app.router, post_json(&visit("v7", "central", "S-30", &[], &[]))).await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text());
    send(&app.router, post_json(&payloads::nps("not-a-visit", 9))).await;

    let all = get_json(&app, "/admin/desk/visits").await;
    // Newest first; v4 and v6 were received at the same time, so by id.
    assert_eq!(ids(&all), ["v7", "v4", "v6", "v3", "v5", "v2", "v1"]);
    assert_eq!(all["shoppers"], json!(["S-17", "S-20", "S-30"]));
    let locations: Vec<&str> = all["locations"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(locations, ["central", "north", "airport"]);
    assert_eq!(all["locations"][0]["label"], json!({"en": "Central store", "fa": "فروشگاه مرکزی"}));

    let v1 = all["visits"].as_array().unwrap().iter().find(|v| v["response_id"] == "v1").unwrap();
    let expected = json!({
        "response_id": "v1", "form_id": "mystery-shop", "form_version": 1,
        "location": "north", "location_label": {"en": "North mall", "fa": "مرکز خرید شمال"},
        "shopper": "S-17", "assignment": "A-v1", "time_in": "2026-11-23T10:00:00Z", "time_out": "2026-11-23T10:40:00Z",
        "received_at": "2026-11-24T12:00:00Z", "outcome": "pass",
        // 36 of 37 points = 97.297... %, stored as 97.30.
        "score": 97.3, "band": "pass", "band_label": {"en": "Meets the standard", "fa": "مطابق استاندارد"},
        "pass": true, "critical_failures": 0, "state": "approved", "figures": "match",
    });
    assert_eq!(*v1, expected);
    let v3 = all["visits"].as_array().unwrap().iter().find(|v| v["response_id"] == "v3").unwrap();
    assert_eq!((v3["critical_failures"].clone(), v3["pass"].clone(), v3["outcome"].clone()), (json!(1), json!(false), json!("critical_fail")));

    // (query, visits expected).
    let cases: [(&str, &[&str]); 10] = [
        ("location=north", &["v6", "v3", "v5", "v2", "v1"]),
        ("shopper=S-20", &["v4", "v3"]),
        ("location=north&shopper=S-20", &["v3"]),
        ("state=approved", &["v4", "v3", "v2", "v1"]),
        ("state=has_issues", &["v5"]),
        ("state=received", &["v7", "v6"]),
        ("from=2026-12-02&to=2026-12-02", &["v3", "v5"]),
        ("to=2026-12-01T12:00:00Z", &["v2", "v1"]),
        ("form=mystery-shop&from=2026-12-04", &["v7"]),
        ("form=nps", &[]),
    ];
    for (query, expected) in cases {
        let list = get_json(&app, &format!("/admin/desk/visits?{query}")).await;
        assert_eq!(ids(&list), expected, "{query}");
    }
    // The filters' choices stay while a location is picked.
    assert_eq!(get_json(&app, "/admin/desk/visits?location=central").await["shoppers"], json!(["S-17", "S-20", "S-30"]));
    // A page of the list: `total` counts every visit the filters let through.
    let page = get_json(&app, "/admin/desk/visits?location=north&limit=2&offset=1").await;
    assert_eq!((ids(&page), page["total"].clone()), (vec!["v3", "v5"], json!(5)));
    assert_eq!(get_json(&app, "/admin/desk/visits?state=approved").await["total"], 4);
    for (query, path) in [("state=approve", "state"), ("from=01/12/2026", "from"), ("to=tomorrow", "to"), ("limit=0", "limit"), ("offset=-1", "offset")] {
        let a = send(&app.router, get(&format!("/admin/desk/visits?{query}"), Some(TOKEN))).await;
        assert_eq!(a.problem(400, "bad-query")["path"], path, "{query}");
    }
}

#[tokio::test]
async fn the_score_card_is_the_servers_not_the_phones() {
    let app = sqlite_app(settings()).await;
    // A phone that failed the entrance but claims full marks for it and for the visit.
    let mut liar = visit("liar", "north", "S-17", &[("entrance", json!(false))], &[]);
    liar["checklist"]["score"] = json!(100);
    liar["checklist"]["earned"] = json!(37);
    liar["checklist"]["items"]["entrance"] = json!({"section": "arrival", "answer": false, "credit": 1, "earned": 1, "possible": 1, "weight": 1, "failed": false});
    liar["checklist"]["sections"][0]["score"] = json!(100);
    seed(&app, &liar, day(1)).await;

    let d = get_json(&app, "/admin/desk/visits/liar").await;
    assert_eq!(d["visit"]["figures"], "mismatch");
    let card = &d["scorecard"];
    // 36 of 37 = 97.30 %, where the phone said 100.
    assert_eq!((card["score"].clone(), card["earned"].clone(), card["possible"].clone()), (json!(97.3), json!(36), json!(37)));
    assert_eq!((card["outcome"].clone(), card["band"].clone(), card["pass"].clone(), card["method"].clone()), (json!("pass"), json!("pass"), json!(true), json!("pooled")));
    // The card is the figures stored at receipt, which the export shows too.
    let row = common::export_jsonl(&app, "mystery-shop").await.remove(0);
    let stored = &row["verification"]["checklist"];
    assert_eq!(card["earned"], stored["earned"]);
    assert_eq!(card["sections"].as_array().unwrap().len(), stored["sections"].as_array().unwrap().len());
    assert_ne!(card["score"], liar["checklist"]["score"]);
    let arrival = &card["sections"][0];
    assert_eq!(*arrival, json!({"id": "arrival", "title": {"en": "Arrival and greeting", "fa": "ورود و خوشامدگویی"}, "score": 75.0, "earned": 3, "possible": 4, "failed": false, "critical_failed": false}));

    let items = card["items"].as_array().unwrap();
    assert_eq!(items.len(), 24);
    let entrance = &items[0];
    assert_eq!((entrance["id"].clone(), entrance["credit"].clone(), entrance["earned"].clone(), entrance["failed"].clone()), (json!("entrance"), json!(0), json!(0), json!(true)));
    assert_eq!(entrance["answer_label"], json!({"en": "No", "fa": "خیر"}));
    assert_eq!(entrance["title"]["en"], "Was the entrance clear, clean and well lit?");
    assert_eq!((entrance["type"].clone(), entrance["standard"].clone()), (json!("yes_no"), Value::Null));
    let greet = items.iter().find(|i| i["id"] == "greet_time").unwrap();
    assert_eq!((greet["answer"].clone(), greet["at"].clone()), (json!(30), json!("2026-11-23T10:05:00Z")));
    assert_eq!(greet["answer_label"], json!({"en": "30 s", "fa": "۳۰ ثانیه"}));
    assert_eq!(greet["standard"]["en"], "at most 30 s; no credit from 90 s");
    assert_eq!((greet["earned"].clone(), greet["possible"].clone()), (json!(2), json!(2)));
    let bonus = items.iter().find(|i| i["id"] == "extra_mile").unwrap();
    assert_eq!((bonus["bonus"].clone(), bonus["possible"].clone()), (json!(true), json!(0)));
    let charged = items.iter().find(|i| i["id"] == "charged_right").unwrap();
    assert_eq!((charged["critical"].clone(), charged["comment"].clone()), (json!("form"), json!("Charged twice for the same shirt.")));

    assert_eq!(d["record"], json!({"location": "north", "shopper": "S-17", "assignment": "A-liar", "time_in": "2026-11-23T10:00:00Z", "time_out": "2026-11-23T10:40:00Z", "staff": null, "geo": null}));
    assert_eq!(d["review"], json!({"state": "received", "reviewer": null, "comment": null, "updated_at": null}));
    assert_eq!(d["history"], json!([]));
}

#[tokio::test]
async fn photos_are_served_decoded_with_their_headers() {
    let app = sqlite_app(settings()).await;
    let mut p = visit("p1", "north", "S-17", &[("floor", json!(false)), ("shelves", json!(false))], &[("floor", JPEG), ("floor", PNG)]);
    // As the widget sends them: `photos` with their times, and the first again as `photo`.
    assert_eq!(p["checklist"]["items"]["floor"]["photo"], json!(JPEG));
    // Several photos as a list; a page in a photo's place; a JPEG that is not one.
    p["checklist"]["items"]["shelves"]["photos"] = json!([{"data": PNG, "at": "2026-11-23T10:07:00Z"}, {"data": "data:text/html;base64,PGh0bWw+", "at": "2026-11-23T10:08:00Z"}]);
    p["checklist"]["items"]["prices"]["photo"] = json!("data:image/jpeg;base64,PGh0bWw+");
    seed(&app, &p, day(1)).await;
    // A list of photos is evidence: only the answers' own problems are reported, none for shelves.
    let row = common::export_jsonl(&app, "mystery-shop").await.remove(0);
    assert!(!row["verification"]["problems"].to_string().contains("answers.shelves"), "{row}");

    let card = get_json(&app, "/admin/desk/visits/p1").await["scorecard"].clone();
    let photos = |id: &str| card["items"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()["photos"].clone();
    // Each dated by when it was taken, not by the answer; the first not listed twice.
    let floor = [(0, "2026-11-23T10:10:00Z"), (1, "2026-11-23T10:11:00Z")].map(|(n, at)| json!({"url": format!("/admin/desk/visits/p1/photos/floor/{n}"), "at": at}));
    assert_eq!(photos("floor"), json!(floor));
    assert_eq!(photos("shelves").as_array().unwrap().len(), 2);
    assert_eq!(photos("receipt"), json!([]));

    let jpeg = send(&app.router, get("/admin/desk/visits/p1/photos/floor/0", Some(TOKEN))).await;
    assert_eq!(jpeg.status, StatusCode::OK);
    assert_eq!(jpeg.body, JPEG_BYTES);
    for (name, value) in [("content-type", "image/jpeg"), ("content-security-policy", "sandbox"), ("x-content-type-options", "nosniff"), ("cache-control", "private, no-store")] {
        assert_eq!(jpeg.headers[name], value, "{name}");
    }
    let png = send(&app.router, get("/admin/desk/visits/p1/photos/shelves/0", Some(TOKEN))).await;
    assert_eq!((png.status, png.content_type()), (StatusCode::OK, "image/png"));
    assert_eq!(png.body, b"\x89PNG\r\n\x1A\n");
    // Not images: refused, whatever the data URL says.
    for uri in ["/admin/desk/visits/p1/photos/shelves/1", "/admin/desk/visits/p1/photos/prices/0"] {
        let a = send(&app.router, get(uri, Some(TOKEN))).await;
        assert!(a.problem(415, "unsupported-media-type")["path"].as_str().unwrap().starts_with("checklist.items."), "{uri}");
    }
    for uri in ["/admin/desk/visits/p1/photos/floor/2", "/admin/desk/visits/p1/photos/floor/x", "/admin/desk/visits/nope/photos/floor/0"] {
        send(&app.router, get(uri, Some(TOKEN))).await.problem(404, "not-found");
    }
    send(&app.router, get("/admin/desk/visits/p1/photos/floor/0", None)).await.problem(401, "unauthorized");
}

#[tokio::test]
async fn reviews_follow_the_states_and_the_comment_rule() {
    let app = sqlite_app(settings()).await;
    seed(&app, &visit("r1", "north", "S-17", &[], &[]), day(1)).await;
    send(&app.router, post_json(&payloads::nps("n1", 9))).await;

    // (body, status, problem type, path): refused without a change.
    let refused = [
        (json!({"state": "has_issues"}), 422, "invalid-input", "comment"),
        (json!({"state": "rejected", "comment": "   "}), 422, "invalid-input", "comment"),
        (json!({"state": "rejected", "comment": "x".repeat(5001)}), 422, "invalid-input", "comment"),
        (json!({"state": "approved", "comment": 5}), 422, "invalid-input", "comment"),
        (json!({"state": "hasIssues", "comment": "x"}), 422, "invalid-input", "state"),
        (json!({"comment": "x"}), 422, "invalid-input", "state"),
    ];
    for (body, status, slug, path) in refused {
        assert_eq!(review(&app, "r1", body.clone()).await.problem(status, slug)["path"], path, "{body}");
    }
    send(&app.router, admin_json("POST", "/admin/desk/visits/r1/review", json!("{"))).await.problem(422, "invalid-input");
    review(&app, "nope", json!({"state": "approved"})).await.problem(404, "not-found");
    review(&app, "n1", json!({"state": "approved"})).await.problem(404, "not-found");

    let issues = review(&app, "r1", json!({"state": "has_issues", "comment": " The till photo is blurred. "})).await;
    assert_eq!(issues.status, StatusCode::OK, "{}", issues.text());
    let r = issues.json()["review"].clone();
    assert_eq!((r["state"].clone(), r["reviewer"].clone(), r["comment"].clone()), (json!("has_issues"), json!("token"), json!("The till photo is blurred.")));
    assert!(r["updated_at"].as_str().unwrap().ends_with('Z'));
    let approved = review(&app, "r1", json!({"state": "approved"})).await.json();
    assert_eq!((approved["review"]["state"].clone(), approved["review"]["comment"].clone(), approved["visit"]["state"].clone()), (json!("approved"), Value::Null, json!("approved")));
    // The same state again: nothing without a comment, a note with one.
    assert_eq!(review(&app, "r1", json!({"state": "approved"})).await.json()["history"].as_array().unwrap().len(), 2);
    let noted = review(&app, "r1", json!({"state": "approved", "comment": "Checked against the receipt."})).await.json();
    let history: Vec<(String, String, Value)> =
        noted["history"].as_array().unwrap().iter().map(|h| (h["from"].as_str().unwrap().into(), h["to"].as_str().unwrap().into(), h["comment"].clone())).collect();
    assert_eq!(
        history,
        [
            ("received".into(), "has_issues".into(), json!("The till photo is blurred.")),
            ("has_issues".into(), "approved".into(), Value::Null),
            ("approved".into(), "approved".into(), json!("Checked against the receipt.")),
        ]
    );
    assert!(noted["history"].as_array().unwrap().iter().all(|h| h["actor"] == "token"));
    let entries = audit(&app).await;
    let reviews: Vec<&Value> = entries.iter().filter(|e| e["action"] == "visit.review" && e["target"] == "r1").collect();
    assert_eq!(reviews.len(), 3, "{entries:?}");
    assert_eq!(reviews[0]["detail"], json!({"from": "approved", "to": "approved", "comment": "Checked against the receipt."}));

    // A reviewed visit can still be erased, its review and history with it.
    let erased = send(&app.router, admin_json("POST", "/admin/erase", json!({"response_id": "r1"}))).await;
    assert_eq!(erased.json()["erased"], 1, "{}", erased.text());
    send(&app.router, get("/admin/desk/visits/r1", Some(TOKEN))).await.problem(404, "not-found");
}

#[tokio::test]
async fn viewers_read_but_do_not_review() {
    let app = sqlite_app(settings()).await;
    seed(&app, &visit("w1", "north", "S-17", &[], &[]), day(1)).await;
    add_user(&app, "vic", Role::Viewer).await;
    let viewer = cookie_of(&sign_in(&app, "vic", PASSWORD).await);
    for uri in ["/admin/desk/visits", "/admin/desk/visits/w1", "/admin/desk/visit-report"] {
        let a = send(&app.router, with_cookie("GET", uri, &viewer, false, None)).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    }
    let refused = send(&app.router, with_cookie("POST", "/admin/desk/visits/w1/review", &viewer, true, Some(json!({"state": "approved"})))).await;
    refused.problem(403, "forbidden");
    assert_eq!(get_json(&app, "/admin/desk/visits/w1").await["review"]["state"], "received");

    for uri in ["/admin/desk/visits", "/admin/desk/visits/w1", "/admin/desk/visit-report"] {
        send(&app.router, get(uri, None)).await.problem(401, "unauthorized");
    }
    let anonymous = axum::http::Request::post("/admin/desk/visits/w1/review").header(header::CONTENT_TYPE, "application/json").body(axum::body::Body::from("{\"state\": \"approved\"}")).unwrap();
    send(&app.router, anonymous).await.problem(401, "unauthorized");
    send(&app.router, get("/admin/desk/visits/unknown", Some(TOKEN))).await.problem(404, "not-found");
}

#[tokio::test]
async fn the_report_counts_approved_visits_only() {
    visits::report(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn the_report_names_its_form_and_period() {
    let app = sqlite_app(settings()).await;
    let empty = get_json(&app, "/admin/desk/visit-report").await;
    assert_eq!(empty, json!({"form_id": null, "period": "week", "visits": 0, "locations": [], "sections": [], "most_failed": [], "critical": []}));
    seed_report(&app).await;
    // The only form with approved visits is the report's.
    let r = get_json(&app, "/admin/desk/visit-report").await;
    assert_eq!((r["form_id"].clone(), r["visits"].clone()), (json!("mystery-shop"), json!(4)));
    let a = send(&app.router, get("/admin/desk/visit-report?period=day", Some(TOKEN))).await;
    assert_eq!(a.problem(400, "bad-query")["path"], "period");
}
