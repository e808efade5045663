//! The complaint-status lookup (`template:complaint-status`): what a complainant types,
//! the request, the endpoint's answers, the status endpoint a tag gets, and the
//! `complaint-csat` form it asks once a case is resolved.

use seda_core::config::{ConfigError, EmbedConfig};
use seda_core::definition;
use seda_core::form::FormKind;
use seda_core::form_source::{FormSource, FormSourceError};
use seda_core::offer::offer_from_attribute;
use seda_core::pairs::Pairs;
use seda_core::question::QuestionKind;
use seda_core::status::{self, read_contact, read_reference, CaseState, CaseStatus, FieldError, Lookup};
use seda_core::templates;

fn tag(pairs: &[(&str, &str)]) -> Pairs<String> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

#[test]
fn a_reference_is_read_forgivingly_and_written_as_shown() {
    for (typed, read) in [
        ("K7Q4-MZ8P", Ok("K7Q4-MZ8P")),
        ("k7q4mz8p", Ok("K7Q4-MZ8P")),
        ("  K7Q4 MZ8P ", Ok("K7Q4-MZ8P")),
        ("k7q4 - mz8p", Ok("K7Q4-MZ8P")),
        // Persian and Arabic-Indic digits, as a phone keyboard types them.
        ("K۷Q۴-MZ٨P", Ok("K7Q4-MZ8P")),
        ("", Err(FieldError::Missing)),
        ("   ", Err(FieldError::Missing)),
        // 0/O and 1/I are not in the alphabet.
        ("K7Q0-MZ8P", Err(FieldError::BadReference)),
        ("K7QI-MZ8P", Err(FieldError::BadReference)),
        ("K7Q4-MZ8", Err(FieldError::BadReference)),
        ("K7Q4-MZ8PP", Err(FieldError::BadReference)),
        ("K7-Q4MZ8P", Err(FieldError::BadReference)),
        ("K7Q4--MZ8P", Err(FieldError::BadReference)),
        ("ک7Q4-MZ8P", Err(FieldError::BadReference)),
    ] {
        assert_eq!(read_reference(typed), read.map(str::to_owned), "{typed:?}");
    }
}

#[test]
fn a_contact_is_an_email_or_four_or_more_digits_of_a_phone() {
    for (typed, read) in [
        ("ana@example.com", Ok("ana@example.com")),
        (" Ana@Example.com ", Ok("Ana@Example.com")),
        ("4567", Ok("4567")),
        ("+98 912 123-4567", Ok("989121234567")),
        ("۴۵۶۷", Ok("4567")),
        ("(0912) 123.4567", Ok("09121234567")),
        ("", Err(FieldError::Missing)),
        ("567", Err(FieldError::BadContact)),
        ("ana@", Err(FieldError::BadContact)),
        ("ana", Err(FieldError::BadContact)),
        ("4567x", Err(FieldError::BadContact)),
        ("1234567890123456", Err(FieldError::BadContact)),
    ] {
        assert_eq!(read_contact(typed), read.map(str::to_owned), "{typed:?}");
    }
}

#[test]
fn the_request_is_the_reference_and_the_contact_in_json() {
    assert_eq!(status::request_body("K7Q4-MZ8P", "a\"b@example.com"), r#"{"reference":"K7Q4-MZ8P","contact":"a\"b@example.com"}"#);
}

#[test]
fn the_endpoints_answers() {
    let body = r#"{"reference":"K7Q4-MZ8P","status":"in_progress","received_at":"2026-12-01T09:30:00Z",
        "updated_at":"2026-12-02T10:00:00Z","reply":"We are looking into it.","reply_at":"2026-12-02T10:00:00Z",
        "csat":{"form":"complaint-csat","asked":false,"answered":false}}"#;
    let found = CaseStatus {
        reference: "K7Q4-MZ8P".into(),
        state: CaseState::InProgress,
        received_at: Some("2026-12-01T09:30:00Z".into()),
        updated_at: Some("2026-12-02T10:00:00Z".into()),
        reply: Some("We are looking into it.".into()),
        reply_at: Some("2026-12-02T10:00:00Z".into()),
        ask_csat: false,
    };
    assert_eq!(Lookup::from_answer(200, body), Lookup::Found(found));
    let resolved = r#"{"reference":"K7Q4-MZ8P","status":"resolved","reply":null,"csat":{"form":"complaint-csat","asked":true,"answered":false}}"#;
    let Lookup::Found(case) = Lookup::from_answer(200, resolved) else { panic!("not found") };
    assert_eq!((case.state, case.reply, case.ask_csat), (CaseState::Resolved, None, true));
    let answered = resolved.replace(r#""answered":false"#, r#""answered":true"#);
    let Lookup::Found(case) = Lookup::from_answer(200, &answered) else { panic!("not found") };
    assert!(!case.ask_csat, "asked once: answered already");
    assert_eq!(Lookup::from_answer(404, r#"{"type":"not-found"}"#), Lookup::NotFound);
    for (status, body) in [(200, "<html>"), (200, r#"{"reference":"K7Q4-MZ8P","status":"lost"}"#), (500, ""), (429, ""), (400, "{}")] {
        assert!(matches!(Lookup::from_answer(status, body), Lookup::Failed(_)), "{status} {body}");
    }
}

#[test]
fn every_state_has_words_in_english_and_persian() {
    use seda_core::names::Named;
    let names: Vec<&str> = CaseState::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names, ["received", "acknowledged", "in_progress", "resolved", "closed", "reopened"]);
    assert_eq!(status::words("en").state(CaseState::InProgress), "In progress");
    assert_eq!(status::words("fa-IR").state(CaseState::Resolved), "حل شد");
    assert_eq!(status::words("de").not_found, status::EN.not_found);
    assert!(status::EN.not_found.starts_with("No complaint matches that reference and contact"));
    assert_eq!(status::date_of("2026-12-01T09:30:00Z"), Some("2026-12-01"));
    assert_eq!(status::date_of("yesterday"), None);
}

#[test]
fn the_status_endpoint_is_given_or_found_from_the_endpoint() {
    for (endpoint, expected) in [
        ("https://api.example/responses", Some("https://api.example/complaint-status")),
        ("https://api.example/v1/responses?key=1", Some("https://api.example/v1/complaint-status?key=1")),
        ("http://127.0.0.1:8080/responses", Some("http://127.0.0.1:8080/complaint-status")),
        ("https://api.example/complaints", None),
        ("https://api.example/responses/", None),
        ("https://api.example/my-responses", None),
    ] {
        assert_eq!(status::default_endpoint(endpoint).as_deref(), expected, "{endpoint}");
    }
    let lookup = |pairs: &[(&str, &str)]| EmbedConfig::from_dataset(&tag(&[&[("form", "template:complaint-status")], pairs].concat()));
    let config = lookup(&[("endpoint", "https://api.example/responses")]).unwrap();
    assert_eq!(config.form, FormSource::StatusLookup);
    assert_eq!(config.status_endpoint.as_deref(), Some("https://api.example/complaint-status"));
    let given = lookup(&[("endpoint", "https://api.example/responses"), ("statusEndpoint", "https://status.example/lookup")]).unwrap();
    assert_eq!(given.status_endpoint.as_deref(), Some("https://status.example/lookup"));
    assert_eq!(lookup(&[("statusEndpoint", "https://status.example/lookup")]).unwrap().endpoint, None);
    assert_eq!(lookup(&[]), Err(ConfigError::NoStatusEndpoint { endpoint: false }));
    assert_eq!(lookup(&[("endpoint", "https://api.example/complaints")]), Err(ConfigError::NoStatusEndpoint { endpoint: true }));
    assert_eq!(
        lookup(&[("statusEndpoint", "http://status.example/lookup")]),
        Err(ConfigError::BadStatusEndpoint(Box::new(ConfigError::InsecureEndpoint { url: "http://status.example/lookup".into() })))
    );
    // Another form needs none, and keeps one given.
    let survey = EmbedConfig::from_dataset(&tag(&[("form", "template:nps")])).unwrap();
    assert_eq!(survey.status_endpoint, None);
}

#[test]
fn the_status_endpoints_errors_name_the_attribute() {
    for (error, message) in [
        (
            ConfigError::NoStatusEndpoint { endpoint: false },
            "data-status-endpoint is missing: template:complaint-status looks complaints up there, or, without it, at data-endpoint with its last path segment \"responses\" replaced by \"complaint-status\"",
        ),
        (
            ConfigError::NoStatusEndpoint { endpoint: true },
            "data-status-endpoint is missing: template:complaint-status looks complaints up there, and data-endpoint does not end in /responses to find it from",
        ),
        (
            ConfigError::BadStatusEndpoint(Box::new(ConfigError::InsecureEndpoint { url: "http://a/".into() })),
            "data-status-endpoint=\"http://a/\": an endpoint must use https: (http: only for localhost and 127.0.0.1)",
        ),
        (ConfigError::BadStatusEndpoint(Box::new(ConfigError::BadEndpoint { url: "u".into() })), "data-status-endpoint=\"u\": not an absolute http(s) URL"),
    ] {
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn the_lookup_is_no_complaint_form_to_offer() {
    assert_eq!(FormSource::parse("template:complaint-status"), Ok(FormSource::StatusLookup));
    assert_eq!(FormSource::parse_offered("template:complaint-status"), Err(FormSourceError::NotAComplaintForm));
    let mut nps = definition::parse(templates::get("nps").unwrap()).unwrap();
    assert!(offer_from_attribute(&mut nps, "template:complaint-status").is_err());
    let refused = EmbedConfig::from_dataset(&tag(&[("form", "template:nps"), ("offerComplaint", "template:complaint-status")]));
    assert!(matches!(refused, Err(ConfigError::BadOfferComplaint { .. })), "{refused:?}");
}

#[test]
fn complaint_csat_asks_one_rating_with_the_reference_hidden() {
    let form = definition::parse(templates::get(status::CSAT_FORM).unwrap()).unwrap();
    assert_eq!((form.id.as_str(), form.version, form.kind), ("complaint-csat", 1, FormKind::Survey));
    assert_eq!(form.hidden.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["reference"]);
    let [question] = &form.questions[..] else { panic!("one question") };
    assert!(question.required);
    let QuestionKind::Rating(rating) = &question.kind else { panic!("a rating") };
    let scale = rating.scale.unwrap();
    assert_eq!((scale.min, scale.max), (1, 5));
    assert_eq!(question.title.get("en", "en"), "How satisfied are you with how we handled your complaint?");
    assert!(question.title.has("fa"));
    assert!(form.offer_complaint.is_none());
}

#[test]
fn a_cases_states_read_back_by_name() {
    use seda_core::names::Named;
    for s in CaseState::ALL {
        assert_eq!(CaseState::parse(s.name()), Some(*s));
    }
    assert_eq!(CaseState::parse("open"), None);
    assert_eq!(CaseState::parse("In_Progress"), None);
}

#[test]
fn a_case_moves_only_as_listed() {
    use seda_core::names::Named;
    use CaseState::*;
    let allowed = [
        (Received, Acknowledged),
        (Received, InProgress),
        (Received, Resolved),
        (Acknowledged, InProgress),
        (Acknowledged, Resolved),
        (InProgress, Resolved),
        (Resolved, Closed),
        (Resolved, Reopened),
        (Closed, Reopened),
        (Reopened, InProgress),
        (Reopened, Resolved),
    ];
    for &from in CaseState::ALL {
        for &to in CaseState::ALL {
            assert_eq!(from.can_move_to(to), allowed.contains(&(from, to)), "{} → {}", from.name(), to.name());
        }
    }
}

#[test]
fn a_case_is_overdue_while_open_and_past_due() {
    use CaseState::*;
    for (state, due_at, now, overdue) in [
        (Received, 10, 11, true),
        (Received, 10, 10, false),
        (InProgress, 10, 9, false),
        (Reopened, 10, 11, true),
        (Resolved, 10, 11, false),
        (Closed, 10, 11, false),
    ] {
        assert_eq!(state.overdue(due_at, now), overdue, "{} due {due_at} at {now}", state.name());
    }
}
