//! The response payload, ids, timestamps, the embed configuration and delivery outcomes.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::pairs::Pairs;

use seda_core::answer::Answer;
use seda_core::config::{check_endpoint, parse_debug, pick_locale, shows_errors, ConfigError, EmbedConfig, Mode};
use seda_core::delivery::{classify, Outcome};
use seda_core::form_source::{FormSource, FormSourceError};
use seda_core::i18n;
use seda_core::id::{is_uuid_v4, uuid_v4};
use seda_core::nps::NpsCategory;
use seda_core::response::{Meta, Response, MAX_PAGE_URL_CHARS, MAX_RESPONSE_BYTES};
use seda_core::templates;
use seda_core::time::rfc3339_utc;

fn meta() -> Meta {
    Meta {
        started_at: "2026-11-23T10:00:00.000Z".into(),
        submitted_at: "2026-11-23T10:00:30.000Z".into(),
        locale: "en".into(),
        page_url: "https://shop.example/thanks".into(),
    }
}

#[test]
fn nps_categories() {
    let cases = [(0, NpsCategory::Detractor), (6, NpsCategory::Detractor), (7, NpsCategory::Passive),
        (8, NpsCategory::Passive), (9, NpsCategory::Promoter), (10, NpsCategory::Promoter)];
    for (score, expected) in cases {
        assert_eq!(NpsCategory::of(score), expected, "{score}");
    }
}

#[test]
fn the_payload_has_the_documented_shape() {
    let form = definition::parse(templates::get("nps").unwrap()).unwrap();
    let answers = Pairs::from([
        ("recommend".to_string(), Answer::Number(6)),
        ("reason".to_string(), Answer::Text("Slow delivery".into())),
    ]);
    let id = uuid_v4([7; 16]);
    let r = Response::new(id.clone(), &form, answers, meta());
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let expected = serde_json::json!({
        "id": id,
        "form_id": "nps",
        "form_version": 1,
        "kind": "survey",
        "answers": { "recommend": 6, "reason": "Slow delivery" },
        "nps_category": "detractor",
        "meta": {
            "started_at": "2026-11-23T10:00:00.000Z",
            "submitted_at": "2026-11-23T10:00:30.000Z",
            "locale": "en",
            "page_url": "https://shop.example/thanks"
        }
    });
    assert_eq!(json, expected);
}

#[test]
fn no_nps_answer_means_no_category_field() {
    let form = definition::parse(templates::get("csat").unwrap()).unwrap();
    let answers = Pairs::from([("satisfaction".to_string(), Answer::Number(5))]);
    let r = Response::new(uuid_v4([1; 16]), &form, answers, meta());
    assert_eq!(r.nps_category, None);
    assert!(!r.to_json().contains("nps_category"));
    assert!(r.to_json().contains(r#""answers":{"satisfaction":5}"#));
}

#[test]
fn uuids_are_version_4() {
    let cases = [([0u8; 16], "00000000-0000-4000-8000-000000000000"), ([0xff; 16], "ffffffff-ffff-4fff-bfff-ffffffffffff")];
    for (bytes, expected) in cases {
        assert_eq!(uuid_v4(bytes), expected);
        assert!(is_uuid_v4(expected));
    }
    let mixed: [u8; 16] = core::array::from_fn(|i| (i as u8).wrapping_mul(37));
    assert!(is_uuid_v4(&uuid_v4(mixed)));
    assert!(!is_uuid_v4("00000000-0000-1000-8000-000000000000"));
}

#[test]
fn timestamps_are_rfc3339_utc() {
    let cases = [
        (0, "1970-01-01T00:00:00.000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_795_404_151_123, "2026-11-23T03:22:31.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ];
    for (ms, expected) in cases {
        assert_eq!(rfc3339_utc(ms), expected, "{ms}");
    }
}

#[test]
fn form_sources() {
    let cases = [
        ("template:nps", Ok(FormSource::Template("nps".into()))),
        ("#my-form", Ok(FormSource::Inline("my-form".into()))),
        ("my_form", Ok(FormSource::Inline("my_form".into()))),
        ("forms/post-purchase.json", Ok(FormSource::Url("forms/post-purchase.json".into()))),
        ("https://cdn.example/f.json", Ok(FormSource::Url("https://cdn.example/f.json".into()))),
        ("template:quiz", Err(FormSourceError::UnknownTemplate { name: "quiz".into() })),
        ("  ", Err(FormSourceError::Missing)),
    ];
    for (value, expected) in cases {
        assert_eq!(FormSource::parse(value), expected, "{value}");
    }
    let msg = FormSource::parse("template:quiz").unwrap_err().to_string();
    assert!(msg.contains("nps, csat, ces"), "{msg}");
}

#[test]
fn endpoints_must_be_https_except_on_this_machine() {
    let ok = ["https://api.example.com/r", "http://localhost:8080/r", "http://127.0.0.1:9/r", "http://[::1]:9/r", "HTTPS://API.EXAMPLE.COM"];
    let insecure = ["http://api.example.com/r", "http://localhost.evil.com/r", "http://127.0.0.1.evil.com/r"];
    let bad = ["ftp://example.com/r", "example.com/r", "https:///r", "javascript:alert(1)"];
    for url in ok {
        assert_eq!(check_endpoint(url), Ok(url.to_string()), "{url}");
    }
    for url in insecure {
        assert_eq!(check_endpoint(url), Err(ConfigError::InsecureEndpoint { url: url.into() }), "{url}");
    }
    for url in bad {
        assert_eq!(check_endpoint(url), Err(ConfigError::BadEndpoint { url: url.into() }), "{url}");
    }
    for url in ["http://user@evil.com/r", "https://u:p@api.example.com/r", "http://u:p@127.0.0.1/r"] {
        assert_eq!(check_endpoint(url), Err(ConfigError::EndpointCredentials { url: url.into() }), "{url}");
    }
}

#[test]
fn embed_config_from_the_dataset() {
    let data = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Pairs<String>>();
    let cfg = EmbedConfig::from_dataset(&data(&[("form", "template:csat"), ("target", " #slot "), ("locale", "fa")])).unwrap();
    assert_eq!(cfg.form, FormSource::Template("csat".into()));
    assert_eq!(cfg.endpoint, None);
    assert_eq!(cfg.mode, Mode::Inline { target: "#slot".into() });
    assert_eq!(cfg.locale.as_deref(), Some("fa"));
    let cases = [
        (data(&[]), ConfigError::Form(FormSourceError::Missing)),
        (data(&[("form", "template:nps"), ("target", "")]), ConfigError::EmptyTarget),
        (data(&[("form", "template:nps"), ("locale", "persian!")]), ConfigError::BadLocale { locale: "persian!".into() }),
        (data(&[("form", "template:nps"), ("endpoint", "http://api.example.com")]),
            ConfigError::InsecureEndpoint { url: "http://api.example.com".into() }),
    ];
    for (d, expected) in cases {
        assert_eq!(EmbedConfig::from_dataset(&d), Err(expected));
    }
}

#[test]
fn data_mode_with_and_without_data_target() {
    let data = |pairs: &[(&str, &str)]| {
        let mut d: Pairs<String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        d.insert("form", "template:nps".to_string());
        d
    };
    let inline = || Ok(Mode::Inline { target: "#slot".into() });
    // (data-mode, data-target, expected)
    let cases = [
        (None, None, Ok(Mode::SlideIn)),
        (None, Some("#slot"), inline()),
        (Some("inline"), Some("#slot"), inline()),
        (Some(" inline "), Some("#slot"), inline()),
        (Some("slide-in"), None, Ok(Mode::SlideIn)),
        (Some("inline"), None, Err(ConfigError::InlineNeedsTarget)),
        (Some("slide-in"), Some("#slot"), Err(ConfigError::TargetWithOverlay { mode: "slide-in".into() })),
        (Some("popup"), None, Ok(Mode::Popup)),
        (Some("page"), None, Ok(Mode::Page)),
        (Some("popup"), Some("#slot"), Err(ConfigError::TargetWithOverlay { mode: "popup".into() })),
        (Some("launcher"), None, Ok(Mode::Launcher)),
        (Some("banner"), None, Err(ConfigError::UnknownMode { value: "banner".into() })),
        (Some("Inline"), Some("#slot"), Err(ConfigError::UnknownMode { value: "Inline".into() })),
        (Some(""), None, Err(ConfigError::UnknownMode { value: "".into() })),
    ];
    for (mode, target, expected) in cases {
        let mut pairs = Vec::new();
        pairs.extend(mode.map(|m| ("mode", m)));
        pairs.extend(target.map(|t| ("target", t)));
        assert_eq!(EmbedConfig::from_dataset(&data(&pairs)).map(|c| c.mode), expected, "{mode:?} {target:?}");
    }
    let msg = ConfigError::InlineNeedsTarget.to_string();
    assert!(msg.starts_with("data-mode=\"inline\" needs data-target"), "{msg}");
    let msg = ConfigError::UnknownMode { value: "popup".into() }.to_string();
    assert!(msg.contains("\"popup\"") && msg.contains("\"inline\"") && msg.contains("\"slide-in\""), "{msg}");
}

#[test]
fn setup_errors_are_drawn_on_development_pages_or_when_asked() {
    // (data-debug, page URL, drawn on the page)
    let cases = [
        (None, "https://shop.example/thanks", false),
        (None, "https://shop.example/thanks?seda-debug", true),
        (None, "https://shop.example/thanks#seda-debug", true),
        (None, "http://localhost:8080/", true),
        (None, "http://127.0.0.1:5173/page", true),
        (None, "http://[::1]:8080/", true),
        (None, "http://shop.localhost/", true),
        (None, "file:///home/me/page.html", true),
        (None, "https://localhost.shop.example/", false),
        (None, "https://127.0.0.1.shop.example/", false),
        (Some("true"), "https://shop.example/", true),
        (Some("false"), "http://127.0.0.1:5173/", false),
        (Some("false"), "https://shop.example/?seda-debug", false),
        (Some("yes"), "https://shop.example/", false),
        (Some("yes"), "http://localhost/", true),
    ];
    for (debug, url, drawn) in cases {
        // A data-debug the tag cannot read is no answer: the page decides.
        let read = parse_debug(debug).unwrap_or(None);
        assert_eq!(shows_errors(read, url), drawn, "data-debug={debug:?} on {url}");
    }
    let data: Pairs<String> = [("form", "template:nps"), ("debug", "yes")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(EmbedConfig::from_dataset(&data), Err(ConfigError::BadDebug { value: "yes".into() }));
}

#[test]
fn a_response_over_64_kib_does_not_fit_and_a_long_page_url_is_cut() {
    let form = definition::parse(
        r#"{"seda":1,"id":"long","version":1,"kind":"survey","questions":[
            {"id":"a","type":"text","multiline":true,"max_length":10000,"title":"A"},
            {"id":"b","type":"text","multiline":true,"max_length":10000,"title":"B"},
            {"id":"c","type":"text","multiline":true,"max_length":10000,"title":"C"},
            {"id":"d","type":"text","multiline":true,"max_length":10000,"title":"D"}]}"#,
    )
    .unwrap();
    let answers = |chars: usize| -> Pairs<Answer> {
        ["a", "b", "c", "d"].iter().map(|q| (q.to_string(), Answer::Text("ب".repeat(chars)))).collect()
    };
    // Four answers of 8,500 two-byte characters: 68,000 bytes, over the 65,536 allowed.
    let big = Response::new(uuid_v4([1; 16]), &form, answers(8_500), meta());
    assert!(big.to_json().len() > MAX_RESPONSE_BYTES);
    assert!(!big.fits());
    let small = Response::new(uuid_v4([1; 16]), &form, answers(7_000), meta());
    assert!(small.fits(), "{} bytes", small.to_json().len());

    let long_url = format!("https://shop.example/?q={}", "x".repeat(100_000));
    let r = Response::new(uuid_v4([1; 16]), &form, answers(10), Meta { page_url: long_url.clone(), ..meta() });
    assert_eq!(r.meta.page_url.chars().count(), MAX_PAGE_URL_CHARS);
    assert!(long_url.starts_with(&r.meta.page_url));
    assert!(r.fits());
}

#[test]
fn locale_precedence() {
    let bilingual = definition::parse(templates::get("nps").unwrap()).unwrap();
    // (data-locale, <html lang>, browser, expected) for the bilingual NPS template
    let cases = [
        (Some("fa"), Some("en"), Some("de"), "fa"),
        (None, Some("fa-IR"), Some("de"), "fa-IR"),
        (None, Some(""), Some("fa"), "fa"),
        (None, Some("de"), Some("de-DE"), "en"),
        (None, None, None, "en"),
        (None, Some("not a locale"), Some("en-GB"), "en-GB"),
        (Some("de"), Some("fa"), None, "fa"),
    ];
    for (data, html, browser, expected) in cases {
        let got = pick_locale([data, html, browser], |l| bilingual.speaks(l), &bilingual.locale);
        assert_eq!(got, expected, "{data:?} {html:?} {browser:?}");
    }
}

#[test]
fn a_form_speaks_its_own_language_and_those_of_its_texts() {
    let nps = definition::parse(templates::get("nps").unwrap()).unwrap();
    assert!(nps.speaks("en-US") && nps.speaks("fa") && !nps.speaks("de"));
    let plain = definition::parse(r#"{"seda":1,"id":"f","version":1,"kind":"survey","locale":"fa","questions":[{"id":"q","type":"nps","title":"چقدر؟"}]}"#).unwrap();
    assert!(plain.speaks("fa-IR") && !plain.speaks("en"));
}

#[test]
fn delivery_outcomes() {
    let cases = [(200, Outcome::Accepted), (201, Outcome::Accepted), (204, Outcome::Accepted), (400, Outcome::Permanent),
        (404, Outcome::Permanent), (408, Outcome::Retry), (422, Outcome::Permanent), (429, Outcome::Retry),
        (500, Outcome::Retry), (503, Outcome::Retry), (302, Outcome::Permanent)];
    for (status, expected) in cases {
        assert_eq!(classify(status), expected, "{status}");
    }
}

#[test]
fn widget_strings_exist_in_both_languages_and_rtl_follows_the_language() {
    assert_eq!(i18n::strings("fa-IR").next, "بعدی");
    assert_eq!(i18n::strings("de").next, "Next");
    assert!(i18n::is_rtl("fa") && i18n::is_rtl("ar-EG") && !i18n::is_rtl("en"));
    let msg = i18n::answer_error(i18n::strings("en"), seda_core::validate::AnswerError::OutOfRange { min: 1, max: 5 });
    assert_eq!(msg, "Please pick a value from 1 to 5.");
}
