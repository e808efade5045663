//! Theming: values are checked, attributes win over the form, and the colours made
//! from any brand keep text at 4.5:1.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::pairs::Pairs;
use seda_core::config::EmbedConfig;
use seda_core::theme::{contrast, css, parse_color, readable_on, Scheme, Theme, DARK_SURFACE, INK, WHITE};

#[test]
fn colours_and_contrast() {
    assert_eq!(parse_color("#4338ca"), Some([0x43, 0x38, 0xca]));
    assert_eq!(parse_color("#fc0"), Some([0xff, 0xcc, 0x00]));
    for bad in ["4338ca", "#4338c", "#gggggg", "red", "#4338ca;}", ""] {
        assert_eq!(parse_color(bad), None, "{bad}");
    }
    assert!((contrast(WHITE, [0, 0, 0]) - 21.0).abs() < 0.01);
    // Every brand, light or dark, gets an ink that reads on white and on the dark card.
    for r in (0..=255).step_by(51) {
        for g in (0..=255).step_by(51) {
            for b in (0..=255).step_by(51) {
                let brand = [r as u8, g as u8, b as u8];
                assert!(contrast(readable_on(brand, WHITE, INK), WHITE) >= 4.5, "{brand:?} on white");
                assert!(contrast(readable_on(brand, DARK_SURFACE, WHITE), DARK_SURFACE) >= 4.5, "{brand:?} on dark");
            }
        }
    }
}

#[test]
fn css_for_a_light_brand_uses_dark_text_on_it_and_a_darker_ink() {
    let theme = Theme { brand: parse_color("#facc15"), radius: Some(4), font: Some("Georgia, serif".into()), scheme: Scheme::Auto };
    let out = css(&theme);
    assert!(out.starts_with(":host{--seda-brand:#facc15;--seda-on-brand:#111827;--seda-brand-ink:#"), "{out}");
    assert!(out.contains("--seda-radius:4px;--seda-font:Georgia, serif;"), "{out}");
    assert!(out.contains("@media (prefers-color-scheme: dark){:host{--seda-text:#f3f4f6;"), "{out}");
    assert_eq!(css(&Theme::default()), "", "the default theme adds nothing");
}

#[test]
fn attributes_override_the_form_and_bad_values_are_named() {
    let form = definition::parse(
        r##"{"seda":1,"id":"f","version":1,"kind":"survey","theme":{"brand":"#0f766e","scheme":"dark"},
            "questions":[{"id":"q","type":"nps","title":"T"}]}"##,
    )
    .unwrap();
    assert_eq!(form.theme.scheme, Scheme::Dark);
    let config = |pairs: &[(&str, &str)]| {
        let mut data: Pairs<String> = pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
        data.insert("form", "template:nps".to_owned());
        EmbedConfig::from_dataset(&data)
    };
    let tag = config(&[("themeBrand", "#123"), ("theme", "light"), ("themeRadius", "8px")]).unwrap();
    let t = form.theme.clone().overridden_by(&tag.theme);
    assert_eq!((t.brand, t.scheme, t.radius), (Some([0x11, 0x22, 0x33]), Scheme::Light, Some(8)));
    // What the tag leaves out stays the form's.
    let t = form.theme.clone().overridden_by(&config(&[("themeRadius", "4")]).unwrap().theme);
    assert_eq!((t.brand, t.scheme, t.radius), (Some([0x0f, 0x76, 0x6e]), Scheme::Dark, Some(4)));
    for (k, v, says) in [
        ("themeBrand", "red;background:url(x)", "data-theme-brand"),
        ("themeRadius", "99", "0 to 32"),
        ("themeFont", "x;}:host{color:red", "data-theme-font"),
        ("theme", "sepia", "light, dark or auto"),
    ] {
        let e = config(&[(k, v)]).unwrap_err().to_string();
        assert!(e.contains(says), "{k}={v}: {e}");
    }
    let bad = r##"{"seda":1,"id":"f","version":1,"kind":"survey","theme":{"brand":"blue","radius":40},"questions":[{"id":"q","type":"nps","title":"T"}]}"##;
    let paths: Vec<String> = definition::parse(bad).unwrap_err().0.into_iter().map(|e| e.path).collect();
    assert_eq!(paths, ["theme.brand", "theme.radius"]);
}
