//! The desk's survey routes through the router on SQLite: the forms, a survey's
//! report, comments, one response and its files, credentials and bad queries.

mod common;

use axum::http::StatusCode;
use common::admin::{add_user, cookie_of, sign_in, with_cookie, PASSWORD};
use common::desk::{self, read};
use common::{get, post_form_definition, post_json, send, settings, sqlite_app, TOKEN};
use seda_receiver::accounts::Role;
use serde_json::{json, Value};

#[tokio::test]
async fn survey_report() {
    desk::survey_report(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn comments() {
    let app = sqlite_app(settings()).await;
    desk::seed_nps(&app).await;
    desk::comments(&app).await;
}

#[tokio::test]
async fn csat_and_ces() {
    desk::csat_and_ces(&sqlite_app(settings()).await).await;
}

#[tokio::test]
async fn response_and_files() {
    let app = sqlite_app(settings()).await;
    desk::seed_nps(&app).await;
    desk::response_and_files(&app).await;
}

/// A registered form reads its metrics from its own questions: the first NPS, the
/// first 1-5 and the first 1-7 rating, each of any id.
#[tokio::test]
async fn a_registered_form_and_the_forms_list() {
    let app = sqlite_app(settings()).await;
    let definition = json!({
        "seda": 1, "id": "visit", "version": 1, "kind": "survey", "locale": "fa", "title": "بازدید",
        "hidden": ["branch"],
        "questions": [
            {"id": "ease", "type": "rating", "scale": {"min": 1, "max": 7}, "title": "آسانی"},
            {"id": "happy", "type": "rating", "scale": {"min": 1, "max": 5}, "title": "رضایت"},
            {"id": "again", "type": "nps", "title": "پیشنهاد"},
            {"id": "why", "type": "text", "title": "چرا؟"}
        ]
    });
    assert_eq!(send(&app.router, post_form_definition(&definition.to_string(), Some(TOKEN))).await.status, StatusCode::CREATED);
    let empty = read(&app, "/admin/desk/forms").await;
    assert_eq!(empty, json!({"forms": [{"form_id": "visit", "kind": "survey", "title": {"fa": "بازدید"}, "versions": [1], "responses": 0, "last_received_at": null}]}));
    for (i, (ease, happy, again)) in [(7, 5, 10), (5, 2, 6), (6, 4, 9)].into_iter().enumerate() {
        let p = json!({"id": format!("v-{i}"), "form_id": "visit", "form_version": 1, "kind": "survey",
            "answers": {"ease": ease, "happy": happy, "again": again, "why": "خوب"}, "hidden": {"branch": "b1"},
            "nps_category": if again >= 9 { "promoter" } else { "detractor" },
            "meta": {"started_at": "2026-11-23T10:00:00.000Z", "submitted_at": "2026-11-23T10:00:30.000Z", "locale": "fa", "page_url": "https://shop.example/"}});
        let a = send(&app.router, post_json(&p)).await;
        assert_eq!((a.status, a.json()["verification"].clone()), (StatusCode::CREATED, json!("verified")), "{}", a.text());
    }
    let r = read(&app, "/admin/desk/surveys/visit?by=hidden.branch").await;
    // NPS: 2 promoters, 1 detractor of 3: 33.3. CSAT: 2 of 3 gave 4-5: 66.7. CES: 18 / 3 = 6.
    let m = &r["metrics"];
    assert_eq!((&m["nps"]["question"], &m["nps"]["score"], &m["csat"]["question"], &m["csat"]["percent"], &m["ces"]["question"], &m["ces"]["mean"]),
        (&json!("again"), &json!(33.3), &json!("happy"), &json!(66.7), &json!("ease"), &json!(6.0)));
    assert_eq!(r["breakdown"]["rows"], json!([{"key": "b1", "responses": 3, "nps": 33.3, "csat": 66.7, "ces": 6.0}]));
    assert_eq!(r["dimensions"], json!(["hidden.branch", "language", "page"]));
    assert_eq!(r["questions"].as_array().unwrap().len(), 4);
    // Every form with responses, registered or built in, by id.
    assert_eq!(send(&app.router, post_json(&common::payloads::nps("n-1", 9))).await.status, StatusCode::CREATED);
    let forms = read(&app, "/admin/desk/forms").await["forms"].clone();
    let summary: Vec<(Value, Value, Value, Value)> = forms.as_array().unwrap().iter().map(|f| (f["form_id"].clone(), f["kind"].clone(), f["versions"].clone(), f["responses"].clone())).collect();
    assert_eq!(summary, [(json!("nps"), json!("survey"), json!([1]), json!(1)), (json!("visit"), json!("survey"), json!([1]), json!(3))]);
    assert_eq!(forms[0]["title"]["en"], "Quick question");
    assert!(forms[1]["last_received_at"].as_str().unwrap().ends_with('Z'));
}

/// A form not known here: the NPS answer is the one its `nps_category` agrees with.
#[tokio::test]
async fn an_unknown_form_by_its_categories() {
    let app = sqlite_app(settings()).await;
    for (i, (score, category)) in [(10, "promoter"), (8, "passive"), (2, "detractor"), (3, "detractor")].into_iter().enumerate() {
        let p = json!({"id": format!("u-{i}"), "form_id": "elsewhere", "answers": {"likely": score, "note": format!("note {i}"), "ticket": 9}, "nps_category": category});
        assert_eq!(send(&app.router, post_json(&p)).await.status, StatusCode::CREATED);
    }
    let r = read(&app, "/admin/desk/surveys/elsewhere").await;
    // 100 (1 − 2) / 4 = −25.
    assert_eq!((&r["metrics"]["nps"]["question"], &r["metrics"]["nps"]["score"], &r["questions"]), (&json!("likely"), &json!(-25.0), &json!([])));
    // Any string answer is a comment.
    let c = read(&app, "/admin/desk/comments?form=elsewhere&category=detractor").await;
    assert_eq!((c["total"].as_u64(), &c["comments"][0]["text"], &c["comments"][0]["score"]), (Some(2), &json!("note 3"), &json!(3)));
    let forms = read(&app, "/admin/desk/forms").await;
    assert_eq!(forms["forms"][0], json!({"form_id": "elsewhere", "kind": null, "title": null, "versions": [], "responses": 4, "last_received_at": forms["forms"][0]["last_received_at"]}));
}

#[tokio::test]
async fn credentials_and_bad_queries() {
    let app = sqlite_app(settings()).await;
    assert_eq!(send(&app.router, post_json(&common::payloads::nps("n-1", 9))).await.status, StatusCode::CREATED);
    for uri in ["/admin/desk/forms", "/admin/desk/surveys/nps", "/admin/desk/comments?form=nps", "/admin/desk/responses/n-1", "/admin/files/n-1/x"] {
        send(&app.router, get(uri, None)).await.problem(401, "unauthorized");
    }
    // A viewer reads.
    add_user(&app, "vera", Role::Viewer).await;
    let cookie = cookie_of(&sign_in(&app, "vera", PASSWORD).await);
    for uri in ["/admin/desk/forms", "/admin/desk/surveys/nps", "/admin/desk/comments?form=nps", "/admin/desk/responses/n-1"] {
        let a = send(&app.router, with_cookie("GET", uri, &cookie, false, None)).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
    }
    let bad = [
        ("/admin/desk/surveys/nps?period=day", "period"),
        ("/admin/desk/surveys/nps?by=colour", "by"),
        ("/admin/desk/surveys/nps?colour=red", "colour"),
        ("/admin/desk/surveys/nps?version=x", "version"),
        ("/admin/desk/surveys/nps?from=last-week", "from"),
        ("/admin/desk/surveys/nps?language=fa&language=en", "language"),
        ("/admin/desk/comments", "form"),
        ("/admin/desk/comments?form=nps&category=fan", "category"),
        ("/admin/desk/comments?form=nps&limit=0", "limit"),
        ("/admin/desk/comments?form=nps&offset=-1", "offset"),
        ("/admin/desk/comments?form=nps&score_min=11", "score_min"),
    ];
    for (uri, path) in bad {
        let p = send(&app.router, get(uri, Some(TOKEN))).await.problem(400, "bad-query");
        assert_eq!(p["path"], path, "{uri}: {p}");
    }
    send(&app.router, get("/admin/desk/responses/nobody", Some(TOKEN))).await.problem(404, "not-found");
    send(&app.router, get("/admin/desk/surveys/no-such-form", Some(TOKEN))).await.problem(404, "not-found");
    send(&app.router, get("/admin/desk/comments?form=no-such-form", Some(TOKEN))).await.problem(404, "not-found");
}
