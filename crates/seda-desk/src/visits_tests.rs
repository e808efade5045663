use super::*;
use serde_json::json;

#[test]
fn a_review_needs_a_comment_only_for_has_issues_and_rejected() {
    let cases = [
        ("has_issues", "", true),
        ("rejected", "   ", true),
        ("rejected", "Photos missing", false),
        ("approved", "", false),
        ("received", "", false),
    ];
    for (state, comment, problem) in cases {
        assert_eq!(review_problem(state, comment, Lang::En).is_some(), problem, "{state} with {comment:?}");
    }
    assert!(review_problem("has_issues", "", Lang::Fa).unwrap().contains("توضیح"));
    for state in REVIEW_STATES {
        for lang in Lang::ALL {
            assert_ne!(review_label(state, lang), state, "{state} in {lang:?}");
        }
    }
}

#[test]
fn outcomes_and_bands_are_told_in_words() {
    let gold = json!({"en": "Gold", "fa": "طلایی"});
    let cases = [
        ("critical_fail", None, json!(null), Lang::En, "Failed: a critical standard was missed"),
        ("section_fail", None, json!(null), Lang::Fa, "مردود: یک بخش به حد لازم نرسید"),
        ("gold", Some("gold"), gold.clone(), Lang::Fa, "طلایی"),
        ("gold", Some("gold"), json!(null), Lang::En, "gold"),
        ("none", None, json!(null), Lang::En, "No band"),
    ];
    for (outcome, band, label, lang, want) in cases {
        assert_eq!(outcome_words(outcome, band, &label, lang), want, "{outcome} in {lang:?}");
    }
    assert_eq!(band_words(None, &json!(null), Lang::En), "–");
    assert_eq!(pass_words(Some(false), Lang::Fa), "مردود");
    assert_eq!(pass_words(None, Lang::En), "–");
    assert_eq!(score_text(Some(87.25), Lang::Fa), "۸۷٫۲");
}

#[test]
fn items_show_their_answer_credit_and_marks_in_words() {
    let item = |answer: Value, label: Value, credit: Option<f64>, failed: bool, critical: Value| ItemScore {
        answer,
        answer_label: label,
        credit,
        failed,
        critical,
        ..ItemScore::default()
    };
    let greeted = item(json!(false), json!(null), Some(0.0), true, json!("form"));
    assert_eq!(answer_words(&greeted, Lang::En), "No");
    assert_eq!(credit_words(greeted.credit, Lang::En), "0.0%");
    assert_eq!(item_marks(&greeted, Lang::En), ["Failed", "Critical to the visit"]);
    let option = item(json!("clean"), json!({"en": "Spotless", "fa": "کاملاً تمیز"}), Some(0.5), false, json!("section"));
    assert_eq!(answer_words(&option, Lang::Fa), "کاملاً تمیز");
    assert_eq!(credit_words(option.credit, Lang::Fa), "۵۰٫۰٪");
    assert_eq!(item_marks(&option, Lang::Fa), ["حیاتی برای بخش"]);
    let skipped = item(json!("n/a"), json!(null), None, false, json!(null));
    assert_eq!(answer_words(&skipped, Lang::En), "Not applicable");
    assert_eq!(credit_words(skipped.credit, Lang::En), "Not counted");
    assert!(item_marks(&skipped, Lang::En).is_empty());
    let section = SectionScore { failed: true, critical_failed: true, ..SectionScore::default() };
    assert_eq!(section_marks(&section, Lang::En), ["A critical item failed", "Section failed"]);
}

#[test]
fn a_shared_position_reads_as_text_and_a_map_link() {
    let p = Position::read("35.6997, 51.3380, 20").unwrap();
    assert_eq!(p.text(Lang::En), "35.69970, 51.33800 (within 20 m)");
    assert_eq!(p.text(Lang::Fa), "۳۵٫۶۹۹۷۰، ۵۱٫۳۳۸۰۰ (با دقت ۲۰ متر)");
    assert_eq!(p.map_url(), "https://www.openstreetmap.org/?mlat=35.69970&mlon=51.33800#map=18/35.69970/51.33800");
    assert_eq!(Position::read("-33.9,18.4").unwrap().accuracy_m, None);
    for bad in ["", "north", "95,10,5", "10,200", "10"] {
        assert_eq!(Position::read(bad), None, "{bad:?}");
    }
    let cases = [
        (json!({"lat": 35.6997, "lon": 51.338, "accuracy_m": 20}), Some(p.clone())),
        (json!({"lat": 35.6997, "lon": 51.338}), Some(Position { accuracy_m: None, ..p.clone() })),
        (json!("35.6997,51.338,20"), Some(p.clone())),
        (json!({"lat": "north"}), None),
        (json!(null), None),
    ];
    for (geo, want) in cases {
        assert_eq!(Position::from_value(&geo), want, "{geo}");
    }
}

#[test]
fn a_visit_detail_is_read_from_the_contracts_shape() {
    let body = json!({
        "visit": {"response_id": "v1", "form_id": "mystery-shop", "location": "north", "location_label": {"en": "North"},
                  "shopper": "S-17", "received_at": "2026-12-01T10:00:00Z", "score": 72.5, "band": "silver",
                  "band_label": {"en": "Silver"}, "pass": true, "critical_failures": 0, "state": "received", "figures": "match"},
        "scorecard": {"outcome": "silver", "score": 72.5, "band": "silver", "pass": true, "earned": 7.25, "possible": 10,
                      "method": "pooled",
                      "sections": [{"id": "entry", "title": {"en": "Entry"}, "score": 50, "earned": 1, "possible": 2,
                                    "failed": false, "critical_failed": false}],
                      "items": [{"id": "greet", "section": "entry", "title": {"en": "Greeted"}, "type": "yes_no",
                                 "answer": true, "answer_label": null, "credit": 1, "earned": 1, "possible": 1,
                                 "failed": false, "bonus": false, "standard": {"en": "Within 30 s"},
                                 "photos": [{"url": "/admin/desk/visits/v1/photos/greet/0", "at": null}]},
                                {"id": "door", "section": "outside", "title": {"en": "Door"}, "type": "yes_no",
                                 "answer": false, "credit": 0, "failed": true, "photos": []}]},
        "record": {"location": "north", "shopper": "S-17", "geo": {"lat": 35.7, "lon": 51.4, "accuracy_m": 12}},
        "review": {"state": "received", "reviewer": null, "comment": null, "updated_at": null},
        "history": []
    });
    let detail: VisitDetail = serde_json::from_value(body).unwrap();
    assert_eq!(detail.scorecard.items_of("entry").map(|i| i.id.as_str()).collect::<Vec<_>>(), ["greet"]);
    assert_eq!(detail.scorecard.items[0].photos[0].url, "/admin/desk/visits/v1/photos/greet/0");
    assert_eq!(detail.scorecard.items[0].kind, "yes_no");
    assert!(Position::from_value(&detail.record.geo).is_some());
}

#[test]
fn the_visit_filter_round_trips_through_the_query_string() {
    let query = [("location", "north"), ("state", "has_issues"), ("from", "2026-11-01")];
    let filter = VisitFilter::read(|k| query.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned()));
    assert_eq!(filter.shopper, "");
    let pairs = filter.pairs();
    assert_eq!(pairs[0], ("location", "north".to_owned()));
    assert_eq!(pairs[2], ("state", "has_issues".to_owned()));
    assert_eq!(pairs[3], ("from", "2026-11-01".to_owned()));
    assert_eq!(VisitFilter::read(|k| query.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned())), filter);
}

#[test]
fn the_visit_list_pages_through_the_query_string() {
    let query = [("location", "north"), ("offset", "50")];
    let filter = VisitFilter::read(|k| query.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned()));
    assert_eq!(filter.offset, 50);
    assert!(filter.pairs().contains(&("offset", "50".to_owned())));
    assert!(filter.api_pairs().contains(&("limit", VISITS_PER_PAGE.to_string())));
    // The first page has no offset in its address.
    let first = VisitFilter { offset: 0, ..filter };
    assert!(first.pairs().contains(&("offset", String::new())));
    assert_eq!(VisitFilter::read(|k| (k == "offset").then(|| "x".to_owned())).offset, 0);
}
