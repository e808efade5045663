//! The desk's survey routes, on SQLite (tests/desk.rs) and PostgreSQL
//! (tests/postgres.rs) alike: reports, comments, one response and its files.

use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::any::AnyPoolOptions;

use super::{get, post, post_json, send, TestApp, TOKEN};

/// The 20 NPS scores: 8 promoters (0-7), 6 passives (8-13), 6 detractors (14-19).
pub const SCORES: [i64; 20] = [10, 9, 10, 9, 10, 9, 10, 9, 7, 8, 7, 8, 7, 8, 0, 3, 6, 5, 6, 2];

/// A response to a built-in survey: `key` answered `score`, `text_key` with `text`.
pub fn survey(id: &str, form_id: &str, (key, score): (&str, i64), text: Option<(&str, &str)>, hidden: Value, locale: &str) -> Value {
    let mut p = json!({
        "id": id, "form_id": form_id, "form_version": 1, "kind": "survey",
        "answers": {key: score}, "hidden": hidden,
        "meta": {"started_at": "2026-11-23T10:00:00.000Z", "submitted_at": "2026-11-23T10:00:30.000Z", "locale": locale, "page_url": "https://shop.example/thanks"}
    });
    if let Some((k, t)) = text {
        p["answers"][k] = t.into();
    }
    if form_id == "nps" {
        p["nps_category"] = (if score >= 9 { "promoter" } else if score >= 7 { "passive" } else { "detractor" }).into();
    }
    p
}

/// Sets a stored response's receipt time, as if it had come then.
pub async fn set_received_at(app: &TestApp, id: &str, at: &str) {
    let t = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).unwrap();
    let pool = AnyPoolOptions::new().max_connections(1).connect(&app.url).await.unwrap();
    let micros = (t.unix_timestamp_nanos() / 1_000) as i64;
    let done = sqlx::query("UPDATE responses SET received_at = $1 WHERE id = $2").bind(micros).bind(id).execute(&pool).await.unwrap();
    assert_eq!(done.rows_affected(), 1, "{id}");
    pool.close().await;
}

/// The 20 NPS responses `s-00`..`s-19`: 0-9 received on 2026-12-31, 10-14 on
/// 2027-01-01 (both in ISO week 2026-W53), 15-19 on 2027-01-04 (2027-W01), a
/// second apart. Store `north` for 0-4, else `south`; Persian (`fa`, 14 as `fa-IR`)
/// for 14-19, else English (0 as `en-GB`). Every one gives a reason but 3.
pub async fn seed_nps(app: &TestApp) {
    for (i, score) in SCORES.iter().enumerate() {
        let id = format!("s-{i:02}");
        let reason = match i {
            3 => None,
            14 => Some("كيفيت كالا بد بود"),
            15 => Some("کیفیت پشتیبانی ضعیف بود"),
            16 => Some("سفارش ۴۵۶ دیر رسید"),
            0..=7 => Some("Fast delivery"),
            8..=13 => Some("OK"),
            _ => Some("Slow"),
        };
        let locale = match i {
            0 => "en-GB",
            14 => "fa-IR",
            15.. => "fa",
            _ => "en",
        };
        let store = if i < 5 { "north" } else { "south" };
        let p = survey(&id, "nps", ("recommend", *score), reason.map(|r| ("reason", r)), json!({"store": store}), locale);
        let a = send(&app.router, post_json(&p)).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
        let day = match i {
            0..=9 => "2026-12-31",
            10..=14 => "2027-01-01",
            _ => "2027-01-04",
        };
        set_received_at(app, &id, &format!("{day}T10:00:{i:02}Z")).await;
    }
}

pub async fn read(app: &TestApp, uri: &str) -> Value {
    let a = send(&app.router, get(uri, Some(TOKEN))).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    a.json()
}

/// (period, responses, nps) of a report's trend.
fn trend(report: &Value) -> Vec<(String, String, u64, Value)> {
    report["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["period"].as_str().unwrap().to_owned(), t["start"].as_str().unwrap().to_owned(), t["responses"].as_u64().unwrap(), t["nps"].clone()))
        .collect()
}

/// The NPS of the 20 scores exactly, its interval, distribution, trend, breakdowns and filters.
pub async fn survey_report(app: &TestApp) {
    seed_nps(app).await;
    let r = read(app, "/admin/desk/surveys/nps").await;
    assert_eq!((r["form_id"].as_str(), r["responses"].as_u64()), (Some("nps"), Some(20)));
    assert_eq!(r["questions"][0]["id"], "recommend");
    assert_eq!(r["questions"][0]["type"], "nps");
    assert_eq!(r["questions"][0]["title"]["fa"], "چقدر احتمال دارد ما را به یک دوست یا همکار پیشنهاد کنید؟");
    let nps = &r["metrics"]["nps"];
    // 100 (8 − 6) / 20 = 10; var .7 − .01 = .69; 196 √(.69/20) = 36.405.
    assert_eq!(
        (nps["question"].clone(), nps["n"].clone(), nps["promoters"].clone(), nps["passives"].clone(), nps["detractors"].clone()),
        (json!("recommend"), json!(20), json!(8), json!(6), json!(6))
    );
    assert_eq!((nps["score"].as_f64(), nps["ci_low"].as_f64(), nps["ci_high"].as_f64()), (Some(10.0), Some(-26.4), Some(46.4)));
    let counts: Vec<u64> = nps["distribution"].as_array().unwrap().iter().map(|d| d["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [1, 0, 1, 1, 0, 1, 2, 3, 3, 4, 4], "0 to 10");
    assert_eq!(nps["distribution"][10]["value"], 10);
    assert_eq!((&r["metrics"]["csat"], &r["metrics"]["ces"]), (&Value::Null, &Value::Null));
    assert_eq!(r["breakdown"], Value::Null);
    assert_eq!(r["dimensions"], json!(["hidden.store", "language", "page"]));
    // Weeks: 0-14 in 2026-W53 (8 P, 6 Pa, 1 D: 700/15 = 46.7), 15-19 in 2027-W01 (all D).
    let s = |x: &str| x.to_owned();
    assert_eq!(trend(&r), [(s("2026-W53"), s("2026-12-28"), 15, json!(46.7)), (s("2027-W01"), s("2027-01-04"), 5, json!(-100.0))]);
    // Months: 0-9 in December (8 P, 2 Pa: 80), 10-19 in January (4 Pa, 6 D: −60).
    let m = read(app, "/admin/desk/surveys/nps?period=month").await;
    assert_eq!(trend(&m), [(s("2026-12"), s("2026-12-01"), 10, json!(80.0)), (s("2027-01"), s("2027-01-01"), 10, json!(-60.0))]);
    // By store: south 5-19 (3 P, 6 Pa, 6 D: −20) before the smaller north (5 P: 100).
    let b = read(app, "/admin/desk/surveys/nps?by=hidden.store").await;
    let rows: Vec<(Value, Value, Value)> = b["breakdown"]["rows"].as_array().unwrap().iter().map(|x| (x["key"].clone(), x["responses"].clone(), x["nps"].clone())).collect();
    assert_eq!(b["breakdown"]["by"], "hidden.store");
    assert_eq!(rows, [(json!("south"), json!(15), json!(-20.0)), (json!("north"), json!(5), json!(100.0))]);
    // By language (en-GB is en, fa-IR is fa): en 8 P, 6 Pa (800/14 = 57.1); fa all D.
    let l = read(app, "/admin/desk/surveys/nps?by=language").await;
    let rows: Vec<(Value, Value, Value)> = l["breakdown"]["rows"].as_array().unwrap().iter().map(|x| (x["key"].clone(), x["responses"].clone(), x["nps"].clone())).collect();
    assert_eq!(rows, [(json!("en"), json!(14), json!(57.1)), (json!("fa"), json!(6), json!(-100.0))]);
    // Filters, and a window: the week of 2027-01-04 only.
    let fa = read(app, "/admin/desk/surveys/nps?language=fa").await;
    assert_eq!((fa["responses"].as_u64(), fa["metrics"]["nps"]["score"].as_f64(), fa["metrics"]["nps"]["ci_low"].as_f64()), (Some(6), Some(-100.0), Some(-100.0)));
    let north = read(app, "/admin/desk/surveys/nps?hidden.store=north&language=en&version=1").await;
    assert_eq!((north["responses"].as_u64(), north["metrics"]["nps"]["score"].as_f64(), north["version"].as_i64()), (Some(5), Some(100.0), Some(1)));
    let window = read(app, "/admin/desk/surveys/nps?from=2027-01-02&to=2027-01-04").await;
    assert_eq!(window["responses"], 5);
    let none = read(app, "/admin/desk/surveys/nps?page=https%3A%2F%2Felsewhere.example%2F").await;
    assert_eq!((none["responses"].as_u64(), &none["metrics"]["nps"], none["trend"].as_array().map(Vec::len)), (Some(0), &Value::Null, Some(0)));
}

/// The Persian search with Arabic and Persian letters alike, the filters, and paging.
pub async fn comments(app: &TestApp) {
    let total = |v: &Value| v["total"].as_u64().unwrap();
    let ids = |v: &Value| v["comments"].as_array().unwrap().iter().map(|c| c["response_id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    // 19 reasons (3 gave none), newest first.
    let all = read(app, "/admin/desk/comments?form=nps&limit=5").await;
    assert_eq!((total(&all), ids(&all)), (19, ["s-19", "s-18", "s-17", "s-16", "s-15"].map(String::from).to_vec()));
    let c = &all["comments"][4];
    assert_eq!((&c["score"], &c["category"], &c["question"], &c["language"]), (&json!(3), &json!("detractor"), &json!("reason"), &json!("fa")));
    assert_eq!((&c["text"], &c["hidden"], &c["page_url"]), (&json!("کیفیت پشتیبانی ضعیف بود"), &json!({"store": "south"}), &json!("https://shop.example/thanks")));
    assert_eq!(c["received_at"], "2027-01-04T10:00:15Z");
    let last = read(app, "/admin/desk/comments?form=nps&limit=5&offset=15").await;
    assert_eq!((total(&last), ids(&last)), (19, ["s-04", "s-02", "s-01", "s-00"].map(String::from).to_vec()));
    // کیفیت typed with Persian letters finds 14's Arabic ك and ي, and the reverse.
    for q in ["%DA%A9%DB%8C%D9%81%DB%8C%D8%AA", "%D9%83%D9%8A%D9%81%D9%8A%D8%AA"] {
        let found = read(app, &format!("/admin/desk/comments?form=nps&q={q}")).await;
        assert_eq!(ids(&found), ["s-15", "s-14"], "{q}");
    }
    // Persian digits found by Latin ones; case does not matter.
    assert_eq!(ids(&read(app, "/admin/desk/comments?form=nps&q=456").await), ["s-16"]);
    assert_eq!(total(&read(app, "/admin/desk/comments?form=nps&q=FAST").await), 7);
    assert_eq!(total(&read(app, "/admin/desk/comments?form=nps&category=detractor").await), 6);
    assert_eq!(ids(&read(app, "/admin/desk/comments?form=nps&category=detractor&score_max=3").await), ["s-19", "s-15", "s-14"]);
    assert_eq!(total(&read(app, "/admin/desk/comments?form=nps&score_min=9").await), 7);
    assert_eq!(ids(&read(app, "/admin/desk/comments?form=nps&hidden.store=north&q=fast").await), ["s-04", "s-02", "s-01", "s-00"]);
}

/// A survey's CSAT (4s and 5s of 1-5) and another's CES (the mean of 1-7).
pub async fn csat_and_ces(app: &TestApp) {
    for (i, s) in [5, 4, 4, 3, 1].into_iter().enumerate() {
        let p = survey(&format!("c-{i}"), "csat", ("satisfaction", s), Some(("improve", "Faster checkout")), json!({}), "en");
        assert_eq!(send(&app.router, post_json(&p)).await.status, StatusCode::CREATED);
    }
    for (i, s) in [7, 6, 5, 5, 3].into_iter().enumerate() {
        let p = survey(&format!("e-{i}"), "ces", ("effort", s), None, json!({}), "fa");
        assert_eq!(send(&app.router, post_json(&p)).await.status, StatusCode::CREATED);
    }
    let c = read(app, "/admin/desk/surveys/csat").await;
    let csat = &c["metrics"]["csat"];
    // 3 of 5 gave 4 or 5.
    assert_eq!((&csat["question"], &csat["n"], &csat["satisfied"], &csat["percent"]), (&json!("satisfaction"), &json!(5), &json!(3), &json!(60.0)));
    let counts: Vec<u64> = csat["distribution"].as_array().unwrap().iter().map(|d| d["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [1, 0, 1, 2, 1], "1 to 5");
    assert_eq!((&c["metrics"]["nps"], &c["metrics"]["ces"]), (&Value::Null, &Value::Null));
    assert_eq!(c["trend"][0]["csat"], 60.0);
    let e = read(app, "/admin/desk/surveys/ces").await;
    // (7 + 6 + 5 + 5 + 3) / 5 = 5.2.
    assert_eq!((&e["metrics"]["ces"]["mean"], &e["metrics"]["ces"]["n"]), (&json!(5.2), &json!(5)));
    assert_eq!(e["metrics"]["ces"]["distribution"].as_array().unwrap().len(), 7);
    // A CSAT comment carries the rating as its score.
    let comments = read(app, "/admin/desk/comments?form=csat&score_max=4").await;
    assert_eq!((comments["total"].as_u64(), &comments["comments"][0]["category"], &comments["comments"][0]["question"]), (Some(4), &Value::Null, &json!("improve")));
}

/// A complaint posted as multipart with a photo and a PDF, linked to a survey
/// response: its view, and each file with the headers that keep it from running.
pub async fn response_and_files(app: &TestApp) {
    let mut p: Value = serde_json::from_str(&super::payloads::complaint_json("k-1", 2)).unwrap();
    p["answers"]["photos"][1] = json!({"name": "رسید.pdf", "type": "application/pdf", "size": 4, "data": "JVBERg=="});
    p["hidden"] = json!({"survey_response": "s-14"});
    let body = seda_core::endpoint::multipart(&p.to_string(), "seda-k-1").unwrap();
    let a = send(&app.router, post("multipart/form-data; boundary=seda-k-1", Some("k-1"), body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let r = read(app, "/admin/desk/responses/k-1").await;
    assert_eq!((&r["id"], &r["form_id"], &r["form_version"], &r["kind"], &r["format"]), (&json!("k-1"), &json!("complaint"), &json!(1), &json!("complaint"), &json!("multipart")));
    assert!(r["received_at"].as_str().unwrap().ends_with('Z'));
    assert!(r["verification"]["status"].is_string() && r["verification"]["problems"].is_array(), "{r}");
    assert_eq!(r["payload"]["answers"]["description"], "Nobody came to the till.");
    let category = r["questions"].as_array().unwrap().iter().find(|q| q["id"] == "category").unwrap();
    assert_eq!((&category["type"], &category["choices"][0]), (&json!("choice"), &json!({"id": "service", "label": {"en": "Service or staff", "fa": "خدمات یا کارکنان"}})));
    assert_eq!(r["case"], Value::Null);
    assert_eq!(r["linked"], json!({"survey_response": "s-14", "complaints": []}));
    let files = r["attachments"].as_array().unwrap();
    assert_eq!(files[0], json!({"part": "answers.photos.0", "file_name": "photo0.jpg", "content_type": "image/jpeg", "size": 4, "url": "/admin/files/k-1/answers.photos.0"}));
    let photo = send(&app.router, get(files[0]["url"].as_str().unwrap(), Some(TOKEN))).await;
    assert_eq!((photo.status, photo.body.as_slice()), (StatusCode::OK, [0xff, 0xd8, 0xff, 0xe0].as_slice()));
    let header = |a: &super::Answer, name: &str| a.headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert_eq!(header(&photo, "content-type"), "image/jpeg");
    assert_eq!(header(&photo, "content-disposition"), "inline; filename=\"photo0.jpg\"; filename*=UTF-8''photo0.jpg");
    let pdf = send(&app.router, get(files[1]["url"].as_str().unwrap(), Some(TOKEN))).await;
    assert_eq!((pdf.status, pdf.body.as_slice()), (StatusCode::OK, b"%PDF".as_slice()));
    assert_eq!(header(&pdf, "content-type"), "application/pdf");
    assert_eq!(header(&pdf, "content-disposition"), "attachment; filename=\"____.pdf\"; filename*=UTF-8''%D8%B1%D8%B3%DB%8C%D8%AF.pdf");
    for a in [&photo, &pdf] {
        assert_eq!(header(a, "x-content-type-options"), "nosniff");
        assert_eq!(header(a, "content-security-policy"), "sandbox");
        assert_eq!(header(a, "cache-control"), "private, no-store");
    }
    send(&app.router, get("/admin/files/k-1/answers.photos.9", Some(TOKEN))).await.problem(404, "not-found");
    send(&app.router, get("/admin/files/nobody/answers.photos.0", Some(TOKEN))).await.problem(404, "not-found");
    // A survey response: its questions, no files, no case.
    let s = read(app, "/admin/desk/responses/s-14").await;
    assert_eq!((&s["kind"], &s["questions"][0]["id"], &s["attachments"], &s["case"]), (&json!("survey"), &json!("recommend"), &json!([]), &Value::Null));
    assert_eq!(s["linked"], json!({"survey_response": null, "complaints": []}));
}
