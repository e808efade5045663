//! `seda:*` events on `window`, for the host page and its analytics.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

use crate::core::json::Value;

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

/// `seda:error` with a message and any extra fields.
pub fn emit_error(message: &str, extra: Vec<(&str, Value)>) {
    let mut detail = vec![("message", Value::from(message))];
    detail.extend(extra);
    emit("error", &Value::object(detail).to_json());
}

/// `seda:<name>` whose detail names a response and its form.
pub fn emit_about(name: &str, id: Option<&str>, form_id: &str) {
    let mut detail = Vec::new();
    if let Some(id) = id {
        detail.push(("id", Value::from(id)));
    }
    detail.push(("form_id", Value::from(form_id)));
    emit(name, &Value::object(detail).to_json());
}
