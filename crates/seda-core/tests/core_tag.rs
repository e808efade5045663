//! The script tag, read once into one typed configuration: the rules seda.js shares
//! (fixtures/tag-rules.json, which tests/e2e/tag-rules.spec.mjs runs seda.js over), a
//! named error for every malformed value, and the configuration handed to the full
//! bundle reading back the same.

use seda_core::config::{ConfigError, EmbedConfig, Mode, Trigger};
use seda_core::form_source::{FormSource, FormSourceError};
use seda_core::json::{self, Value};
use seda_core::pairs::Pairs;
use seda_core::theme::Scheme;

fn tag(pairs: &[(&str, &str)]) -> Pairs<String> {
    let mut data: Pairs<String> = [("form", "template:nps")].iter().map(|(k, v)| (*k, v.to_string())).collect();
    for (key, value) in pairs {
        data.insert(*key, value.to_string());
    }
    data
}

fn read(key: &str, value: &str) -> Result<EmbedConfig, ConfigError> {
    EmbedConfig::from_dataset(&tag(&[(key, value)]))
}

/// `{"trigger": [[value, meaning], ...], ...}` from the shared table.
fn cases(attribute: &str) -> Vec<(String, Value)> {
    let text = include_str!("fixtures/tag-rules.json");
    let table = json::parse(text).expect("the table is JSON");
    let list = table.get(attribute).and_then(Value::as_array).unwrap_or_else(|| panic!("the table has {attribute}"));
    assert!(list.len() > 10, "{attribute}: {} cases", list.len());
    list.iter()
        .map(|case| {
            let pair = case.as_array().expect("[value, meaning]");
            (pair[0].as_str().expect("a value").to_owned(), pair[1].clone())
        })
        .collect()
}

#[test]
fn the_trigger_is_read_by_the_rules_seda_js_follows() {
    for (value, meaning) in cases("trigger") {
        let read = read("trigger", &value).map(|config| config.trigger);
        let expected = match meaning.as_array() {
            None => Err(ConfigError::BadTrigger { value: value.trim().to_owned() }),
            Some([kind]) => Ok(match kind.as_str() {
                Some("load") => Trigger::Load,
                Some("exit") => Trigger::Exit,
                Some("manual") => Trigger::Manual,
                other => panic!("no trigger {other:?}"),
            }),
            Some([kind, number]) => {
                let number = number.as_i64().expect("a number");
                Ok(match kind.as_str() {
                    Some("delay") => Trigger::Delay { ms: number as u64 },
                    Some("scroll") => Trigger::Scroll { percent: number as u16 },
                    other => panic!("no trigger {other:?}"),
                })
            }
            Some(other) => panic!("no trigger {other:?}"),
        };
        assert_eq!(read, expected, "data-trigger={value:?}");
    }
}

#[test]
fn the_sample_is_read_by_the_rules_seda_js_follows() {
    for (value, meaning) in cases("sample") {
        let read = read("sample", &value).map(|config| config.targeting.sample);
        let expected = match meaning.as_i64() {
            Some(hundredths) => Ok(Some(hundredths as u32)),
            None => Err(ConfigError::BadSample { value: value.clone() }),
        };
        assert_eq!(read, expected, "data-sample={value:?}");
    }
}

#[test]
fn recontact_is_read_by_the_rules_seda_js_follows() {
    for (value, meaning) in cases("recontact") {
        let read = read("recontact", &value).map(|config| config.targeting.recontact_days);
        let expected = match (meaning.as_i64(), meaning.as_str()) {
            (Some(days), _) => Ok(Some(days as u32)),
            (_, Some("never")) => Ok(Some(u32::MAX)),
            _ => Err(ConfigError::BadRecontact { value: value.clone() }),
        };
        assert_eq!(read, expected, "data-recontact={value:?}");
    }
}

#[test]
fn every_malformed_attribute_is_a_named_error() {
    // (attribute, value, the error, what its message starts with)
    let cases: [(&str, &str, ConfigError, &str); 9] = [
        ("trigger", "hover", ConfigError::BadTrigger { value: "hover".into() }, "data-trigger=\"hover\": use load, delay:5s, scroll:50%, exit or manual"),
        ("themeBrand", "red", ConfigError::BadThemeBrand { value: "red".into() }, "data-theme-brand=\"red\""),
        ("themeRadius", "99", ConfigError::BadThemeRadius { value: "99".into() }, "data-theme-radius=\"99\": give pixels from 0 to 32"),
        ("themeFont", "x;}", ConfigError::BadThemeFont { value: "x;}".into() }, "data-theme-font=\"x;}\""),
        ("theme", "sepia", ConfigError::BadTheme { value: "sepia".into() }, "data-theme=\"sepia\": use light, dark or auto"),
        (
            "offerComplaint",
            "template:nope",
            ConfigError::BadOfferComplaint { value: "template:nope".into(), problem: FormSourceError::UnknownTemplate { name: "nope".into() }.to_string() },
            "data-offer-complaint=\"template:nope\": data-form=\"template:nope\": no such template",
        ),
        ("sample", "half", ConfigError::BadSample { value: "half".into() }, "data-sample=\"half\""),
        ("recontact", "a month", ConfigError::BadRecontact { value: "a month".into() }, "data-recontact=\"a month\""),
        ("debug", "yes", ConfigError::BadDebug { value: "yes".into() }, "data-debug=\"yes\""),
    ];
    for (key, value, error, message) in cases {
        let read = read(key, value);
        assert_eq!(read.as_ref().err(), Some(&error), "{key}={value:?}");
        assert!(error.to_string().starts_with(message), "{error}");
    }
}

#[test]
fn every_attribute_is_read_into_the_configuration() {
    let config = EmbedConfig::from_dataset(&tag(&[
        ("form", " #my-form "),
        ("endpoint", "https://api.example/r"),
        ("endpointFormat", "form"),
        ("mode", "launcher"),
        ("locale", "fa"),
        ("pageParams", "utm_source, store"),
        ("debug", "false"),
        ("themeBrand", "#123"),
        ("themeRadius", "8px"),
        ("themeFont", "Georgia, serif"),
        ("theme", "auto"),
        ("hiddenOrderId", "A-1"),
        ("hiddenName", "Sara"),
        ("offerComplaint", "template:complaint"),
        ("trigger", "delay:2s"),
        ("include", "/checkout/*, ,/thanks"),
        ("exclude", "/admin/*"),
        ("sample", "12.5%"),
        ("recontact", "30d"),
    ]))
    .unwrap();
    assert_eq!((config.form_attribute.as_str(), &config.form), ("#my-form", &FormSource::Inline("my-form".into())));
    assert_eq!(config.seen_key(), "seda:seen:#my-form");
    assert_eq!(config.mode, Mode::Launcher);
    assert_eq!((config.locale.as_deref(), config.debug), (Some("fa"), Some(false)));
    assert_eq!(config.page_params, ["utm_source", "store"]);
    assert_eq!((config.theme.brand, config.theme.radius, config.theme.scheme), (Some([0x11, 0x22, 0x33]), Some(8), Some(Scheme::Auto)));
    assert_eq!(config.theme.font.as_deref(), Some("Georgia, serif"));
    let hidden: Vec<(&str, &str)> = config.hidden.iter().map(|(id, value)| (id, value.as_str())).collect();
    assert_eq!(hidden, [("order-id", "A-1"), ("name", "Sara")]);
    assert_eq!(config.offer_complaint.as_deref(), Some("template:complaint"));
    assert_eq!(config.trigger, Trigger::Delay { ms: 2000 });
    assert_eq!((config.targeting.include.as_slice(), config.targeting.exclude.as_slice()), (&["/checkout/*".to_owned(), "/thanks".to_owned()][..], &["/admin/*".to_owned()][..]));
    assert_eq!((config.targeting.sample, config.targeting.recontact_days), (Some(1250), Some(30)));
    assert!(!config.focus);
}

// The lean bundle hands a form it cannot show to the full one as the dataset its
// configuration was read from (Dataset::offered for a complaint offer): the full one must
// read back what the lean one had.
#[test]
fn the_configuration_handed_over_reads_back_the_same() {
    let tags = [
        tag(&[]),
        tag(&[
            ("form", "https://forms.example/f.json"),
            ("endpoint", "http://localhost:8080/r"),
            ("endpointFormat", "multipart"),
            ("endpointCredentials", "include"),
            ("endpointTimeout", "30"),
            ("endpointHeaders", r#"{"X-Api-Key":"pk_1","X-Two":"a \"b\""}"#),
            ("target", "#slot"),
            ("locale", "en-GB"),
            ("pageParams", "a,b"),
            ("debug", "true"),
            ("themeBrand", "#4338CA"),
            ("themeRadius", "0"),
            ("themeFont", "'Vazirmatn', sans-serif"),
            ("theme", "dark"),
            ("hiddenOrderId", "A-1"),
            ("hiddenOrder-2", "x"),
            ("hiddenScore", "3"),
            ("offerComplaint", "#complaint"),
            ("trigger", "manual"),
            ("sample", "50"),
            ("focus", "true"),
        ]),
        tag(&[("mode", "popup")]),
        tag(&[("mode", "launcher"), ("hiddenName", "Sara"), ("trigger", "exit"), ("offerComplaint", "template:complaint")]),
        tag(&[("mode", "page"), ("endpoint", "https://api.example/r")]),
        tag(&[("endpoint", "https://api.example/r"), ("endpointFormat", "form"), ("endpointRedirect", "follow")]),
    ];
    let hidden: Pairs<String> = [("score", "3".to_owned()), ("order-id", "A-1".to_owned())].into_iter().collect();
    for data in tags {
        let config = EmbedConfig::from_dataset(&data).unwrap();
        assert_eq!(EmbedConfig::from_dataset(config.dataset.as_pairs()).as_ref(), Ok(&config));
        let mut next = config.for_offer(" template:complaint ", hidden.clone()).unwrap();
        next.dataset = next.dataset.offered(&next);
        assert_eq!(EmbedConfig::from_dataset(next.dataset.as_pairs()).as_ref(), Ok(&next), "{:?}", next.dataset);
    }
}

#[test]
fn a_complaint_offer_opens_with_the_tags_configuration_and_its_own_form() {
    let config = EmbedConfig::from_dataset(&tag(&[
        ("mode", "launcher"),
        ("endpoint", "https://api.example/r"),
        ("hiddenName", "Sara"),
        ("offerComplaint", "template:complaint"),
        ("trigger", "exit"),
    ]))
    .unwrap();
    let hidden: Pairs<String> = [("score", "3".to_owned()), ("page", "https://shop.example/".to_owned())].into_iter().collect();
    let next = config.clone().for_offer("template:complaint", hidden.clone()).unwrap();
    assert_eq!(next.form, FormSource::Template("complaint".into()));
    assert_eq!(next.seen_key(), "seda:seen:template:complaint");
    assert_eq!(next.mode, Mode::SlideIn, "the launcher was opened already");
    // The tag's own hidden values stay (an order number the complaint form prefills).
    let kept: Pairs<String> = [("name", "Sara".to_owned()), ("score", "3".to_owned()), ("page", "https://shop.example/".to_owned())].into_iter().collect();
    assert_eq!((next.hidden, next.offer_complaint, next.trigger, next.focus), (kept, None, Trigger::Load, true));
    assert_eq!(next.endpoint, config.endpoint);
    assert!(config.for_offer("template:nope", Pairs::new()).is_err());
}

// Every message in full, as site owners read it in `seda:error` and the console.
#[test]
fn every_configuration_error_says_what_to_give() {
    let value = || "v".to_owned();
    let missing = FormSourceError::Missing.to_string();
    let cases: Vec<(ConfigError, &str)> = vec![
        (FormSourceError::Missing.into(), &missing),
        (ConfigError::InsecureEndpoint { url: "http://a/".into() }, "data-endpoint=\"http://a/\": an endpoint must use https: (http: only for localhost and 127.0.0.1)"),
        (ConfigError::BadEndpoint { url: "u".into() }, "data-endpoint=\"u\": not an absolute http(s) URL"),
        (
            ConfigError::EndpointCredentials { url: "u".into() },
            "data-endpoint=\"u\": an endpoint URL must not carry a user name or password (browsers refuse to send to it); use data-endpoint-headers for a public key",
        ),
        (ConfigError::BadPort { url: "u".into() }, "data-endpoint=\"u\": the port must be a number from 1 to 65535"),
        (ConfigError::EmptyTarget, "data-target is empty: give a CSS selector such as \"#feedback\", or leave the attribute out for the corner card"),
        (ConfigError::TargetNotFound { selector: "#x".into() }, "data-target=\"#x\": no element on the page matches it"),
        (ConfigError::InlineNeedsTarget, "data-mode=\"inline\" needs data-target: a CSS selector of the element to draw the form in"),
        (ConfigError::TargetWithOverlay { mode: "popup".into() }, "data-mode=\"popup\" draws the form over the page: leave out data-target, or use data-mode=\"inline\""),
        (ConfigError::UnknownMode { value: value() }, "data-mode=\"v\": use \"inline\" (with data-target), \"slide-in\", \"popup\", \"page\" or \"launcher\""),
        (ConfigError::BadDebug { value: value() }, "data-debug=\"v\": use \"true\" (show setup errors on the page) or \"false\" (only log them)"),
        (ConfigError::BadLocale { locale: value() }, "data-locale=\"v\": not a locale such as \"en\" or \"fa\""),
        (ConfigError::BadFormat { value: value() }, "data-endpoint-format=\"v\": use \"json\" (the default), \"form\" or \"multipart\""),
        (ConfigError::BadCredentials { value: value() }, "data-endpoint-credentials=\"v\": use \"omit\" (the default) or \"include\""),
        (ConfigError::BadTimeout { value: value() }, "data-endpoint-timeout=\"v\": give the seconds one attempt may take, 1 to 120"),
        (ConfigError::BadHeaders { problem: "p".into() }, "data-endpoint-headers: p"),
        (
            ConfigError::HeadersWithForm,
            "data-endpoint-headers cannot be used with data-endpoint-format=\"form\": a header would make the browser send a preflight, which form back-ends do not answer",
        ),
        (
            ConfigError::BadRedirect { value: value() },
            "data-endpoint-redirect=\"v\": use \"error\" (the default) or \"follow\"",
        ),
        (ConfigError::BadSample { value: value() }, "data-sample=\"v\": give the percentage of visitors who see the form, from 0 to 100, such as \"25\" or \"25%\""),
        (
            ConfigError::BadRecontact { value: value() },
            "data-recontact=\"v\": give the days before the form is offered again to a visitor who answered or closed it, such as \"30\" or \"30d\", or \"never\"",
        ),
        (ConfigError::BadTrigger { value: value() }, "data-trigger=\"v\": use load, delay:5s, scroll:50%, exit or manual"),
        (ConfigError::BadThemeBrand { value: value() }, "data-theme-brand=\"v\": give a colour such as \"#4338ca\""),
        (ConfigError::BadThemeRadius { value: value() }, "data-theme-radius=\"v\": give pixels from 0 to 32"),
        (ConfigError::BadThemeFont { value: value() }, "data-theme-font=\"v\": give a font-family list such as \"Georgia, serif\""),
        (ConfigError::BadTheme { value: value() }, "data-theme=\"v\": use light, dark or auto"),
        (ConfigError::BadOfferComplaint { value: value(), problem: "p".into() }, "data-offer-complaint=\"v\": p"),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
}
