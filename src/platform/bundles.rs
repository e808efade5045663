//! The widget comes in two bundles built from this crate: the full one (default
//! features) and a lean one without `checklists` and `attachments`, for the surveys
//! most pages show. seda.js picks one per tag from what it can see (the template's
//! name, an inline form's text, the tag's attributes); a form it cannot judge (one
//! fetched by URL) goes to the lean bundle, which, once it has read the form, hands
//! anything it cannot show back to seda.js to mount with the full bundle. So a lean
//! build never shows a form it cannot show, and the full build never hands over.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::core::form::Form;
use crate::core::json::Value;
use crate::core::pairs::Pairs;

/// Whether this is the full build: it shows every form and never hands one over.
pub const FULL: bool = cfg!(all(feature = "checklists", feature = "attachments"));

thread_local! {
    /// seda.js's function that mounts a dataset with the full bundle.
    static TO_FULL: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Keeps seda.js's hand-over function (a lean build only; the full build needs none).
pub fn keep(to_full: Option<js_sys::Function>) {
    if let (false, Some(f)) = (FULL, to_full) {
        TO_FULL.with(|t| *t.borrow_mut() = Some(f));
    }
}

/// Whether this build has the views `form` takes (always, in the full build).
pub fn can_show(form: &Form) -> bool {
    let needed = form.needs();
    (cfg!(feature = "checklists") || !needed.checklists) && (cfg!(feature = "attachments") || !needed.attachments)
}

/// Why a form could not be handed to the full bundle.
#[derive(Debug, thiserror::Error)]
pub enum HandOverError {
    /// `mount` was called without a hand-over function (not through seda.js).
    #[error("this form needs the full bundle (checklists, attachments): load the widget through seda.js")]
    NoHandOver,
    /// seda.js's hand-over function threw; the browser's message.
    #[error("could not hand the form to the full bundle: {0}")]
    Failed(String),
}

/// Asks seda.js to mount `data` (a tag's dataset) with the full bundle, passing on
/// the form's JSON when it was fetched already, so it is not fetched twice. Nothing
/// has been added to the page. Fails only when `mount` was called without a
/// hand-over function (not through seda.js).
pub fn to_full(data: &Pairs<String>, form_json: Option<&str>) -> Result<(), HandOverError> {
    let Some(f) = TO_FULL.with(|t| t.borrow().clone()) else {
        return Err(HandOverError::NoHandOver);
    };
    let dataset = Value::object(data.iter().map(|(k, v)| (k, Value::from(v.as_str())))).to_json();
    let form_json = form_json.map_or(JsValue::UNDEFINED, JsValue::from_str);
    f.call2(&JsValue::NULL, &JsValue::from_str(&dataset), &form_json)
        .map(drop)
        .map_err(|e| HandOverError::Failed(super::fetch::describe(e)))
}
