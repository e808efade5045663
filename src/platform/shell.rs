//! The copy of a form's first screen (a built-in survey's, or an inline form's first page)
//! that seda.js draws while the widget's code is on its way (see "A copy of the form's first
//! screen" in seda.js). Once the widget has drawn the same screen, it takes the copy's place:
//! what the visitor chose, typed and focused in the copy carries over and the copy goes, in
//! the same task, so no frame shows both; the last button they clicked in it is then clicked
//! again.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot};

use super::env::document;

/// What a visitor can act on, in the order both screens have them.
const CONTROLS: &str = "input, textarea, select, button";

/// Takes over the copy seda.js drew for the tag whose `data-form` is `form`, if it drew one.
/// Returns the widget's twin of the last button clicked in the copy: the caller clicks it
/// once the widget has said it is shown.
pub fn take_over(form: &str, root: &ShadowRoot) -> Option<HtmlElement> {
    // Compared, not put in a selector: an inline form's id may need escaping there.
    let copies = document().query_selector_all("[data-seda-shell]").ok()?;
    let copy = (0..copies.length())
        .filter_map(|i| copies.get(i)?.dyn_into::<Element>().ok())
        .find(|c| c.get_attribute("data-seda-shell").as_deref() == Some(form))?;
    if let Some(old) = copy.shadow_root() {
        carry_over(&old, root);
    }
    let clicked = copy.get_attribute("data-seda-clicked").and_then(|i| i.parse::<u32>().ok());
    copy.remove();
    Some(root.query_selector_all("button").ok()?.get(clicked?)?.unchecked_into())
}

/// Removes every copy on the page (the widget will not start: another instance crashed).
pub fn remove_all() {
    if let Ok(copies) = document().query_selector_all("[data-seda-shell]") {
        for copy in (0..copies.length()).filter_map(|i| copies.get(i)?.dyn_into::<Element>().ok()) {
            copy.remove();
        }
    }
}

/// Gives each control of the widget the state of its twin in the copy, when both screens
/// have the same controls in the same order (a copy from another build may not).
fn carry_over(old: &ShadowRoot, new: &ShadowRoot) {
    let (Ok(from), Ok(to)) = (old.query_selector_all(CONTROLS), new.query_selector_all(CONTROLS)) else { return };
    let pair = |i| Some((from.get(i)?.unchecked_into::<HtmlElement>(), to.get(i)?.unchecked_into::<HtmlElement>()));
    let same = |(a, b): &(HtmlElement, HtmlElement)| a.tag_name() == b.tag_name() && a.get_attribute("type") == b.get_attribute("type");
    if from.length() != to.length() || !(0..from.length()).all(|i| pair(i).is_some_and(|p| same(&p))) {
        return;
    }
    let focused = old.active_element();
    for (a, b) in (0..from.length()).filter_map(pair) {
        let kind = a.get_attribute("type");
        if matches!(kind.as_deref(), Some("radio" | "checkbox")) {
            if truthy(&a, "checked") && !truthy(&b, "checked") {
                b.click();
            }
        } else if a.tag_name() != "BUTTON" {
            let value = Reflect::get(&a, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            if !value.is_empty() && Reflect::set(&b, &"value".into(), &JsValue::from_str(&value)).is_ok() {
                notify(&b, "input");
                notify(&b, "change");
            }
        }
        if focused.as_ref() == Some(a.unchecked_ref::<Element>()) {
            let _ = b.focus();
        }
    }
}

fn truthy(element: &HtmlElement, property: &str) -> bool {
    Reflect::get(element, &property.into()).is_ok_and(|v| v.is_truthy())
}

/// Tells the widget's handlers that a control changed, as typing would.
fn notify(element: &HtmlElement, name: &str) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}
