//! `seda:*` events on `window`, for the host page and its analytics.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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

/// Calls `f(true)` once `seda:complete` names response `id`, or `f(false)` once a
/// `seda:error` says it was refused: whichever instance on the page (lean or full
/// bundle) settled it, as both dispatch on the one window. Once settled, both listeners
/// are removed and released: a kiosk sends hundreds of responses from one page, and
/// each would otherwise leave two listeners behind for every later event.
pub fn on_settled(id: &str, f: Rc<dyn Fn(bool)>) {
    type Listener = Closure<dyn Fn(web_sys::Event)>;
    const EVENTS: [(&str, &str, bool); 2] = [("seda:complete", "id", true), ("seda:error", "response_id", false)];
    let listeners: Rc<RefCell<Vec<Listener>>> = Rc::default();
    for (name, field, delivered) in EVENTS {
        let (id, f, all) = (id.to_owned(), f.clone(), listeners.clone());
        let listener = Listener::new(move |e: web_sys::Event| {
            let detail = e.dyn_ref::<CustomEvent>().map(CustomEvent::detail).unwrap_or(JsValue::NULL);
            let get = |k: &str| js_sys::Reflect::get(&detail, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
            let about = get(field).as_string().is_some_and(|named| named == id);
            if !about || !(delivered || get("refused").is_truthy()) {
                return;
            }
            for ((name, ..), listener) in EVENTS.iter().zip(all.borrow().iter()) {
                let _ = window().remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
            // A closure cannot be dropped while it runs: the next microtask drops both,
            // which ends the cycle between them and `all`.
            let all = all.clone();
            wasm_bindgen_futures::spawn_local(async move { all.borrow_mut().clear() });
            f(delivered);
        });
        let _ = window().add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        listeners.borrow_mut().push(listener);
    }
}
