//! Mystery-shop visits for the desk's tests, on SQLite (tests/visits.rs) and
//! PostgreSQL (tests/postgres.rs): payloads of `template:mystery-shop` made by the
//! engine the widget runs, stored as the receiver stores them at chosen times.
//!
//! The template's possible points (bonus excluded): arrival 4 (entrance 1,
//! greet_time 2, greet_warm 1), waiting 3, staff 11, cleanliness 3 (floor, shelves,
//! prices: 1 each), till 7 (till_wait 1, charged_right 2, receipt 1, thanked 2,
//! invited_back 1), complaint 9: 37 in all. The visits here leave the bonus item
//! `extra_mile` unearned, so a visit without failures scores 37 of 37.

use axum::http::StatusCode;
use seda_core::json;
use seda_core::response::Meta;
use seda_core::score;
use seda_core::visit::{Mark, Visit};
use seda_receiver::canonical::sha256_hex;
use seda_receiver::engine::{self, KnownForm};
use seda_receiver::store::NewResponse;
use serde_json::{json, Value};

use super::admin::admin_json;
use super::{get, payloads, send, Answer, TestApp, TOKEN};

/// "/9j/4AAQ" is base64 for FF D8 FF E0 00 10: how a JPEG starts.
pub const JPEG: &str = "data:image/jpeg;base64,/9j/4AAQ";
pub const JPEG_BYTES: [u8; 6] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
/// "iVBORw0KGgo=" is base64 for the PNG signature.
pub const PNG: &str = "data:image/png;base64,iVBORw0KGgo=";

/// Monday 2026-11-23 at noon UTC plus `days`, in microseconds.
pub fn day(days: i64) -> i64 {
    (1_795_392_000 + 43_200 + days * 86_400) * 1_000_000
}

/// A finished visit at `location` by `shopper`: every item met, the bonus not
/// earned, but for `changes` (item, raw answer); `photos` (item, data URL), taken
/// at 10:10, 10:11, ... in their order, as the widget sends them.
pub fn visit(id: &str, location: &str, shopper: &str, changes: &[(&str, Value)], photos: &[(&str, &str)]) -> Value {
    let form = payloads::template("mystery-shop");
    let c = form.checklist.as_deref().unwrap();
    let mut answers = payloads::mystery_shop(id)["answers"].clone();
    answers["extra_mile"] = json!(false);
    for (item, answer) in changes {
        answers[*item] = answer.clone();
    }
    let mut v = Visit::new(&form.id, form.version, id.into(), "2026-11-23T10:00:00Z".into());
    for item in c.items() {
        let raw = json::parse(&answers[&item.id].to_string()).unwrap();
        let mark = Mark::from_value(item, &raw).unwrap_or_else(|| panic!("{} takes {}", item.id, answers[&item.id]));
        v.set_mark(item, Some(mark), "2026-11-23T10:05:00Z");
    }
    for (n, (item, data)) in photos.iter().enumerate() {
        v.add_photo(item, (*data).into(), &format!("2026-11-23T10:{}:00Z", 10 + n));
    }
    v.set_comment("charged_right", "Charged twice for the same shirt.");
    v.record.location = location.into();
    v.record.shopper = shopper.into();
    v.record.assignment = format!("A-{id}");
    v.record.time_in = "2026-11-23T10:00:00Z".into();
    v.record.time_out = "2026-11-23T10:40:00Z".into();
    let meta = Meta { started_at: "2026-11-23T10:00:00.000Z".into(), submitted_at: "2026-11-23T10:40:00.000Z".into(), locale: "en".into(), page_url: "https://shop.example/visit".into() };
    serde_json::from_str(&score::response(&form, &v, meta).unwrap().to_json()).unwrap()
}

/// Stores `payload` received at `received_at`, checked and scored as `POST /responses` does.
pub async fn seed(app: &TestApp, payload: &Value, received_at: i64) {
    let form = KnownForm::template("mystery-shop").unwrap();
    let v = engine::verify(form, payload);
    let figures = v.figures.unwrap();
    let text = payload.to_string();
    let row = NewResponse {
        id: payload["id"].as_str().unwrap().into(),
        form_id: "mystery-shop".into(),
        form_version: Some(1),
        kind: Some("checklist".into()),
        received_at,
        format: "json",
        body_sha256: sha256_hex(text.as_bytes()),
        payload: text,
        verification: if v.problems.is_empty() { "verified" } else { "mismatch" },
        problems: serde_json::to_string(&v.problems).unwrap(),
        figures: Some(if figures.matches { "match" } else { "mismatch" }),
        checklist: Some(figures.recomputed.to_string()),
    };
    app.store.insert_response(&row, &[]).await.unwrap();
}

pub async fn review(app: &TestApp, id: &str, body: Value) -> Answer {
    send(&app.router, admin_json("POST", &format!("/admin/desk/visits/{id}/review"), body)).await
}

pub async fn get_json(app: &TestApp, uri: &str) -> Value {
    let a = send(&app.router, get(uri, Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    a.json()
}

/// The report's visits (see the module's points): v1-v4 approved, v5 under review, v6 not reviewed.
///
/// - v1, north, Tuesday 2026-11-24 (week 48): entrance failed. Arrival 3 of 4 = 75.00 %;
///   overall 36 of 37 = 97.297... -> 97.30 %.
/// - v2, north, Tuesday 2026-12-01 (week 49): entrance, floor (with photos) and thanked (2
///   points) failed. Cleanliness 2 of 3 = 66.67 %, till 5 of 7 = 71.43 %; 33 of 37 = 89.19 %.
/// - v3, north, Wednesday 2026-12-02: entrance and charged_right (2 points, form-critical)
///   failed: till 71.43 %; 34 of 37 = 91.89 %, outcome critical_fail.
/// - v4, central, Thursday 2026-12-03: 37 of 37 = 100 %.
/// - v5, north, 2026-12-02, has_issues, and v6, north, 2026-12-03, received: every yes/no
///   item failed, which would pull every mean down if counted.
pub async fn seed_report(app: &TestApp) {
    let no = || json!(false);
    let all_no: Vec<(&str, Value)> = ["entrance", "greet_warm", "needs", "floor", "shelves", "prices", "receipt", "thanked", "invited_back", "listened"].map(|i| (i, no())).to_vec();
    let visits = [
        (visit("v1", "north", "S-17", &[("entrance", no())], &[]), day(1)),
        (visit("v2", "north", "S-17", &[("entrance", no()), ("floor", no()), ("thanked", no())], &[("floor", JPEG)]), day(8)),
        (visit("v3", "north", "S-20", &[("entrance", no()), ("charged_right", no())], &[("charged_right", JPEG)]), day(9)),
        (visit("v4", "central", "S-20", &[], &[]), day(10)),
        (visit("v5", "north", "S-17", &all_no, &[]), day(9)),
        (visit("v6", "north", "S-17", &all_no, &[]), day(10)),
    ];
    for (payload, at) in &visits {
        seed(app, payload, *at).await;
    }
    for id in ["v1", "v2", "v3", "v4"] {
        assert_eq!(review(app, id, json!({"state": "approved"})).await.status, StatusCode::OK);
    }
    let a = review(app, "v5", json!({"state": "has_issues", "comment": "The photos are missing."})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
}

/// The report's numbers, worked out by hand from `seed_report`'s visits.
pub async fn report(app: &TestApp) {
    seed_report(app).await;
    let r = get_json(app, "/admin/desk/visit-report?form=mystery-shop&period=week").await;
    assert_eq!(r["form_id"], "mystery-shop");
    assert_eq!(r["visits"], 4, "{r}");
    // The form's locations first, in its order: central, north.
    let ids: Vec<&str> = r["locations"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["central", "north"]);
    let north = &r["locations"][1];
    assert_eq!(north["label"], json!({"en": "North mall", "fa": "مرکز خرید شمال"}));
    assert_eq!(north["visits"], 3);
    // (97.30 + 89.19 + 91.89) / 3 = 278.38 / 3 = 92.793... -> 92.8.
    assert_eq!(north["score"], json!(92.8));
    let section = |id: &str| north["sections"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
    // Arrival: 75.00 in each. Cleanliness: (100 + 66.67 + 100) / 3 = 88.89 -> 88.9.
    // Till: (100 + 71.43 + 71.43) / 3 = 80.953... -> 81.0.
    assert_eq!(section("arrival")["score"], json!(75.0));
    assert_eq!(section("cleanliness")["score"], json!(88.9));
    assert_eq!(section("till")["score"], json!(81.0));
    assert_eq!(section("staff")["score"], json!(100.0));
    assert_eq!(section("till")["title"]["en"], "The till and the thanks");
    // Week 48 from Monday 2026-11-23: v1. Week 49 from 2026-11-30: (89.19 + 91.89) / 2 = 90.54 -> 90.5.
    assert_eq!(
        north["trend"],
        json!([{"period": "2026-W48", "start": "2026-11-23", "visits": 1, "score": 97.3}, {"period": "2026-W49", "start": "2026-11-30", "visits": 2, "score": 90.5}])
    );
    assert_eq!(r["locations"][0]["score"], json!(100.0));
    // Entrance failed in 3 of the 4 approved visits = 75.0 %; floor, charged_right and
    // thanked once each (25.0 %), in the form's order. The unearned bonus is no standard.
    let failed: Vec<(String, u64, u64, f64)> = r["most_failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["item"].as_str().unwrap().to_owned(), f["failed"].as_u64().unwrap(), f["answered"].as_u64().unwrap(), f["rate"].as_f64().unwrap()))
        .collect();
    let expected = [("entrance", 3, 4, 75.0), ("floor", 1, 4, 25.0), ("charged_right", 1, 4, 25.0), ("thanked", 1, 4, 25.0)];
    assert_eq!(failed, expected.map(|(i, f, a, r)| (i.to_owned(), f, a, r)));
    assert_eq!(r["most_failed"][0]["title"]["en"], "Was the entrance clear, clean and well lit?");
    assert_eq!(r["most_failed"][0]["section"], "arrival");
    assert_eq!(r["critical"], json!([{"response_id": "v3", "location": "north", "item": "charged_right", "title": {"en": "Were you charged the right amount?", "fa": "مبلغ درست از شما دریافت شد؟"}, "received_at": "2026-12-02T12:00:00Z"}]));
    assert_eq!(r["sections"].as_array().unwrap().len(), 6);

    // By month: November holds v1, December v2 and v3.
    let m = get_json(app, "/admin/desk/visit-report?form=mystery-shop&period=month").await;
    let trend: Vec<(String, u64, f64)> =
        m["locations"][1]["trend"].as_array().unwrap().iter().map(|t| (t["period"].as_str().unwrap().to_owned(), t["visits"].as_u64().unwrap(), t["score"].as_f64().unwrap())).collect();
    assert_eq!(trend, [("2026-11".to_owned(), 1, 97.3), ("2026-12".to_owned(), 2, 90.5)]);
    // From/to cut by day: only v2 and v3 (2026-12-01 and 02) in north.
    let cut = get_json(app, "/admin/desk/visit-report?form=mystery-shop&from=2026-12-01&to=2026-12-02").await;
    assert_eq!(cut["visits"], 2);
    assert_eq!(cut["locations"][0]["id"], "north");
    // Un-approving a visit takes it out.
    assert_eq!(review(app, "v4", json!({"state": "rejected", "comment": "Visited on the wrong day."})).await.status, StatusCode::OK);
    let after = get_json(app, "/admin/desk/visit-report?form=mystery-shop").await;
    assert_eq!(after["visits"], 3);
    assert_eq!(after["locations"].as_array().unwrap().len(), 1);
}
