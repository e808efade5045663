//! Clock, randomness and facts about the page.

use wasm_bindgen::{JsCast, JsValue};

use crate::core::id::uuid_v4;
use crate::core::time::rfc3339_utc;

/// The page's window. Not `web_sys::window()`: that checks `instanceof Window`, which
/// a page breaks by assigning `window.Window`, and the widget only runs in a window.
pub fn window() -> web_sys::Window {
    js_sys::global().unchecked_into()
}

/// A value the page's Seda instances share (the lean and the full bundle can run side
/// by side): kept under `Symbol.for(key)` on `window`, which adds no global name.
pub fn shared(key: &str) -> JsValue {
    js_sys::Reflect::get(&window(), &js_sys::Symbol::for_(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets the value [`shared`] reads.
pub fn share(key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(&window(), &js_sys::Symbol::for_(key), value);
}

pub fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Now, as RFC 3339 UTC.
pub fn now() -> String {
    rfc3339_utc(js_sys::Date::now() as i64)
}

/// A fresh UUID v4 from the browser's cryptographic random source.
/// Today in the visitor's calendar, as days since 1970-01-01.
pub fn today() -> i64 {
    let d = js_sys::Date::new_0();
    crate::core::time::days_from_civil(i64::from(d.get_full_year()), d.get_month() + 1, d.get_date())
}

/// The visitor's local time now, `YYYY-MM-DDTHH:MM` (as a `datetime-local` input writes it).
pub fn now_local() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 16] {
        // No crypto (very old browser): Math.random is not secret, but an id only
        // needs to be unique.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

pub fn page_url() -> String {
    window().location().href().unwrap_or_default()
}

/// The host page's `<html lang>`, if set.
pub fn page_lang() -> Option<String> {
    document().document_element().and_then(|e| e.get_attribute("lang"))
}

pub fn browser_lang() -> Option<String> {
    window().navigator().language()
}

/// Resolves `url` against the page, as a link on the page would.
pub fn resolve_url(url: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, &page_url()).ok().map(|u| u.href())
}

pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("[seda] {message}")));
}
