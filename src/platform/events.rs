//! `seda:*` events on `window`, for the host page and its analytics.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

use super::env::window;

/// Dispatches `seda:<name>` on `window` with `detail` given as JSON. A listener that
/// throws cannot reach the widget: dispatch reports it and carries on.
pub fn emit(name: &str, detail_json: &str) {
    let detail = js_sys::JSON::parse(detail_json).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("seda:{name}"), &init) {
        let _ = window().dispatch_event(&event);
    }
}

/// `seda:error` with a message and any extra fields (already JSON-encoded values).
pub fn emit_error(message: &str, extra: &[(&str, String)]) {
    let mut detail = serde_json::Map::new();
    detail.insert("message".into(), message.into());
    for (k, v) in extra {
        detail.insert((*k).into(), serde_json::from_str(v).unwrap_or_else(|_| v.clone().into()));
    }
    emit("error", &serde_json::Value::Object(detail).to_string());
}
