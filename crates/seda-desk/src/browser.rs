//! The few things the desk asks of the page besides the API: the root element's
//! language, the title, the chosen language kept in localStorage, dates in the
//! language's calendar (`Intl`: Persian dates for `fa`), a file download, and filters
//! kept in the address.

use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;

const LANG_KEY: &str = "seda-desk:lang";

/// The language chosen last time, else the browser's, else English.
pub fn stored_lang() -> Lang {
    let window = web_sys::window();
    let stored = window.as_ref().and_then(|w| w.local_storage().ok().flatten()).and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser = window.and_then(|w| w.navigator().language());
    stored.or(browser).as_deref().and_then(Lang::from_code).unwrap_or_default()
}

/// Shows the page in `lang`: `<html lang dir>`, remembered for the next visit.
pub fn apply_lang(lang: Lang) {
    let Some(window) = web_sys::window() else { return };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// The document's title: "page · Seda desk".
pub fn set_title(page: &str, lang: Lang) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · {}", lang.pick("Seda desk", "میز کار صدا")));
    }
}

/// An RFC 3339 time as a date and time in `lang` (the Persian calendar for `fa`), in
/// the browser's time zone; the text itself when it cannot be read.
pub fn date_time(rfc3339: &str, lang: Lang) -> String {
    format_time(rfc3339, lang, true)
}

/// An RFC 3339 time as a date in `lang`.
pub fn date(rfc3339: &str, lang: Lang) -> String {
    format_time(rfc3339, lang, false)
}

fn format_time(rfc3339: &str, lang: Lang, with_time: bool) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    };
    set("year", "numeric");
    set("month", "short");
    set("day", "numeric");
    if with_time {
        set("hour", "2-digit");
        set("minute", "2-digit");
    }
    let locales = js_sys::Array::of1(&lang.pick("en-GB", "fa-IR").into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let date = js_sys::Date::new(&ms.into());
    format.format().call1(&format, &date).ok().and_then(|v| v.as_string()).unwrap_or_else(|| rfc3339.to_owned())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Goes to `path` (whole, with `/desk`, so not resolved against the router's base) in
/// place of the current history entry and without scrolling: a filter's change.
/// Call within a component (it reads the router).
pub fn use_replace() -> impl Fn(&str) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    move |path: &str| navigate(path, NavigateOptions { resolve: false, replace: true, scroll: false, ..Default::default() })
}
