//! The shadow host: one element added to the page, with an open shadow root that
//! holds the widget and its styles, so neither the page's CSS nor ours crosses over.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use super::env::document;

const CSS: &str = include_str!("../../style/seda.css");

/// Where a widget goes on the page.
pub enum Placement {
    /// Inside this element (`data-target`).
    Inline(Element),
    /// A card fixed to the bottom corner of the viewport.
    Corner,
}

pub struct Host {
    /// The element added to the page; removing it removes the widget.
    pub element: HtmlElement,
    /// The element inside the shadow root that the views mount into.
    pub mount: HtmlElement,
}

/// Whether the page refuses HTML from strings (it enforces Trusted Types with
/// `require-trusted-types-for 'script'`). The views' templates are parsed from
/// strings, so on such a page the widget cannot draw itself, not even an error box.
pub fn html_refused() -> bool {
    let Ok(probe) = document().create_element("template") else { return true };
    js_sys::Reflect::set(&probe, &JsValue::from_str("innerHTML"), &JsValue::from_str("")).is_err()
}

pub fn create(placement: &Placement) -> Result<Host, JsValue> {
    let doc = document();
    let element: HtmlElement = doc.create_element("div")?.unchecked_into();
    element.set_attribute("data-seda-host", "")?;
    let root = element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    // A constructed stylesheet needs no 'unsafe-inline' under a strict style-src.
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let mount: HtmlElement = doc.create_element("div")?.unchecked_into();
    root.append_child(&mount)?;
    match placement {
        Placement::Inline(target) => target.append_child(&element)?,
        Placement::Corner => doc.body().ok_or("the page has no body")?.append_child(&element)?,
    };
    Ok(Host { element, mount })
}
