use super::*;
use serde_json::json;

const NOW: i64 = 1_796_611_735; // 2026-12-07T02:48:55Z

#[test]
fn due_times_are_told_relative_to_now() {
    let cases = [
        ("in_progress", "2026-12-06T23:48:55Z", Lang::En, Some("Overdue by 3 h")),
        ("received", "2026-12-04T22:48:55Z", Lang::En, Some("Overdue by 2 d 4 h")),
        ("acknowledged", "2026-12-09T06:48:55Z", Lang::En, Some("Due in 2 d 4 h")),
        ("reopened", "2026-12-07T03:33:55Z", Lang::En, Some("Due in 45 min")),
        ("received", "2026-12-06T23:48:55Z", Lang::Fa, Some("۳ ساعت از مهلت گذشته")),
        ("received", "2026-12-09T06:48:55Z", Lang::Fa, Some("۲ روز و ۴ ساعت تا پایان مهلت")),
        ("resolved", "2026-12-06T23:48:55Z", Lang::En, None),
        ("closed", "2026-12-06T23:48:55Z", Lang::En, None),
        ("received", "soon", Lang::En, None),
    ];
    for (status, due, lang, want) in cases {
        assert_eq!(due_words(status, due, NOW, lang).as_deref(), want, "{status} due {due} in {lang:?}");
    }
}

#[test]
fn states_moves_and_causes_have_words_in_both_languages() {
    for &state in STATES {
        for lang in Lang::ALL {
            assert_ne!(state_label(state, lang), state, "{state} in {lang:?}");
            assert_ne!(move_label(state, lang), state, "move to {state} in {lang:?}");
        }
    }
    let cases = [
        (move_label("closed", Lang::En), "Close…"),
        (move_label("reopened", Lang::Fa), "بازگشایی"),
        (move_label("escalated", Lang::En), "escalated"),
        (state_label("in_progress", Lang::Fa), "در حال رسیدگی"),
        (moved_words("resolved", Lang::En), "Status changed to Resolved."),
        (moved_words("closed", Lang::Fa), "وضعیت به «بسته‌شده» تغییر کرد."),
        (root_cause_label("third_party", Lang::En), "A third party"),
        (root_cause_label("no_fault", Lang::Fa), "قصوری یافت نشد"),
        (root_cause_label("supplier_late", Lang::En), "supplier late"),
        (urgency_label("urgent", Lang::Fa), "فوری"),
        (owner_label(None, Lang::En), "Nobody"),
        (owner_label(Some(""), Lang::Fa), "هیچ‌کس"),
        (owner_label(Some("ana"), Lang::Fa), "ana"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn history_entries_read_as_sentences() {
    let event = |action: &str, from: Option<&str>, to: Option<&str>| Event {
        at: "2026-12-07T02:48:55Z".into(),
        actor: Some("ana".into()),
        action: action.into(),
        from: from.map(Into::into),
        to: to.map(Into::into),
        text: None,
    };
    let cases = [
        (event("status", Some("received"), Some("in_progress")), Lang::En, "Status: Received → In progress"),
        (event("status", Some("resolved"), Some("closed")), Lang::Fa, "وضعیت: حل‌شده ← بسته‌شده"),
        (event("owner", None, Some("ana")), Lang::En, "Owner: – → ana"),
        (Event { text: Some("bo".into()), ..event("owner", None, None) }, Lang::En, "Owner: bo"),
        (event("owner", None, None), Lang::Fa, "مسئول: هیچ‌کس"),
        (Event { text: Some("price".into()), ..event("root_cause", None, None) }, Lang::En, "Root cause: Price"),
        (event("root_cause", None, Some("staff")), Lang::En, "Root cause: Staff"),
        (event("note", None, None), Lang::Fa, "یادداشت داخلی"),
        (event("received", None, None), Lang::En, "Complaint received"),
    ];
    for (event, lang, want) in cases {
        assert_eq!(event_words(&event, lang), want, "{event:?}");
    }
}

#[test]
fn actors_are_named_as_people_read_them() {
    let cases = [
        (Some("user:ana"), Lang::En, "ana"),
        (Some("token"), Lang::Fa, "توکن مدیر"),
        (Some("system"), Lang::En, "System"),
        (None, Lang::Fa, "سامانه"),
    ];
    for (actor, lang, want) in cases {
        assert_eq!(actor_label(actor, lang), want, "{actor:?}");
    }
    let owner = Event { action: "owner".into(), ..Event::default() };
    assert!(text_in_words(&owner));
    assert!(!text_in_words(&Event { action: "note".into(), ..Event::default() }));
}

#[test]
fn the_queue_filter_round_trips_through_the_query_string() {
    let query = [("status", "all"), ("owner", "none"), ("q", " late delivery "), ("offset", "50")];
    let get = |k: &str| query.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned());
    let filter = QueueFilter::read(get);
    assert_eq!(filter.status, "all");
    assert_eq!(filter.urgency, "");
    assert_eq!(filter.offset, 50);
    assert_eq!(
        filter.api_pairs(),
        [
            ("status", "all".to_owned()),
            ("owner", "none".to_owned()),
            ("urgency", String::new()),
            ("q", "late delivery".to_owned()),
            ("limit", "50".to_owned()),
            ("offset", "50".to_owned()),
        ]
    );
    assert!(filter.page_pairs().iter().all(|(k, _)| *k != "limit"));
    let bad = QueueFilter::read(|k| (k == "offset").then(|| "-5".to_owned()));
    assert_eq!(bad.offset, 0);
}

#[test]
fn a_page_of_the_queue_is_counted() {
    assert_eq!(page_words(0, 50, 120, Lang::En), "Cases 1–50 of 120");
    assert_eq!(page_words(100, 20, 120, Lang::Fa), "پرونده‌های ۱۰۱ تا ۱۲۰ از ۱۲۰");
    assert_eq!(page_words(0, 0, 0, Lang::En), "No cases match.");
}

#[test]
fn a_case_detail_is_read_from_the_contracts_shape() {
    let body = json!({
        "case": {"response_id": "r1", "reference": "K7Q4-MZ8P", "form_id": "complaint", "status": "resolved",
                 "urgency": "urgent", "topic": "safety", "owner": null, "received_at": "2026-12-01T10:00:00Z",
                 "due_at": "2026-12-02T10:00:00Z", "public_reply": "Fixed", "overdue": false,
                 "allowed": ["closed", "reopened"], "root_causes": ["staff", "other"],
                 "csat": {"score": 4, "received_at": "2026-12-03T10:00:00Z"}},
        "response": {"form_id": "complaint", "answers": {"description": "Wet floor"}},
        "survey_response": {"id": "s1", "form_id": "nps", "received_at": "2026-12-01T09:00:00Z",
                            "answers": {"reason": "bad", "recommend": 3}, "nps_category": "detractor"},
        "history": [{"at": "2026-12-01T10:00:00Z", "actor": null, "action": "received", "from": null, "to": "received", "text": null}]
    });
    let detail: CaseDetail = serde_json::from_value(body).unwrap();
    assert_eq!(detail.case.allowed, ["closed", "reopened"]);
    assert_eq!(detail.case.csat.as_ref().and_then(|c| c.score), Some(4.0));
    let survey = detail.survey_response.unwrap();
    assert_eq!(survey_score(&survey.answers), Some(3));
    assert_eq!(nps_category_label(survey.nps_category.as_deref().unwrap(), Lang::Fa), "منتقد");
    assert_eq!(detail.history.len(), 1);
    assert_eq!(survey_score(&json!({"reason": "x", "visits": 40})), None);
}
