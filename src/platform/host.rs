//! The shadow host: one element added to the page, with an open shadow root that
//! holds the widget and its styles, so neither the page's CSS nor ours crosses over.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use super::env::document;

const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/seda.css"));

/// Where a widget goes on the page.
pub enum Placement {
    /// Inside this element (`data-target`).
    Inline(Element),
    /// A card fixed to the bottom corner of the viewport.
    Corner,
    /// A modal dialog over a dimmed page.
    Popup,
    /// The whole viewport.
    Page,
    /// A "Feedback" button in the corner that opens the corner card.
    Launcher,
}

impl Placement {
    /// Whether the form is drawn over the page, as a dialog with a close button.
    pub fn floating(&self) -> bool {
        !matches!(self, Placement::Inline(_))
    }

    /// Whether the form waits behind a launcher button.
    pub fn launcher(&self) -> bool {
        matches!(self, Placement::Launcher)
    }

    /// Whether the page behind is out of reach while the form is open.
    pub fn modal(&self) -> bool {
        matches!(self, Placement::Popup | Placement::Page)
    }
}

#[derive(Clone)]
pub struct Host {
    /// The element added to the page; removing it removes the widget.
    pub element: HtmlElement,
    /// The element inside the shadow root that the views mount into.
    pub mount: HtmlElement,
    pub root: web_sys::ShadowRoot,
    /// The launcher button, when the form waits behind one.
    pub launcher: Option<HtmlElement>,
}

/// Puts a launcher button labelled `label` in front of the (hidden) form; a click
/// shows the form and calls `opened`.
pub fn add_launcher(host: &mut Host, label: &str, opened: impl Fn() + 'static) -> Result<(), JsValue> {
    let doc = document();
    let button: HtmlElement = doc.create_element("button")?.unchecked_into();
    button.set_attribute("type", "button")?;
    button.set_class_name("seda-launcher");
    button.set_attribute("aria-expanded", "false")?;
    button.set_text_content(Some(label));
    host.root.insert_before(&button, Some(&host.mount))?;
    host.mount.set_hidden(true);
    let (mount, root, me) = (host.mount.clone(), host.root.clone(), button.clone());
    let click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        mount.set_hidden(false);
        me.set_hidden(true);
        let _ = me.set_attribute("aria-expanded", "true");
        focus_first(&root, ".seda-title");
        opened();
    });
    button.add_event_listener_with_callback("click", click.as_ref().unchecked_ref())?;
    click.forget();
    host.launcher = Some(button);
    Ok(())
}

/// Makes a modal widget behave as one: focus moves into it, Tab and Shift+Tab stay
/// inside it, and `aria-modal` tells screen readers the page behind is out of reach.
/// (Escape closes it, like every floating card.)
pub fn make_modal(host: &Host) {
    let root = host.root.clone();
    if let Ok(Some(dialog)) = root.query_selector(".seda-root") {
        let _ = dialog.set_attribute("aria-modal", "true");
    }
    focus_first(&root, ".seda-title");
    let trap = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Ok(list) = root.query_selector_all("button, input:not([type=radio]), input[type=radio]:checked, select, textarea") else { return };
        let items: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
        let active = root.active_element();
        let at = |e: &HtmlElement| active.as_ref().is_some_and(|a| a == e.unchecked_ref::<Element>());
        if ev.shift_key() && (at(first) || active.is_none()) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    });
    let _ = host.element.add_event_listener_with_callback("keydown", trap.as_ref().unchecked_ref());
    trap.forget();
}

pub fn focus_first(root: &web_sys::ShadowRoot, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        let _ = el.unchecked_into::<HtmlElement>().focus();
    }
}

/// Whether the page refuses HTML from strings (it enforces Trusted Types with
/// `require-trusted-types-for 'script'`). The views' templates are parsed from
/// strings, so on such a page the widget cannot draw itself, not even an error box.
pub fn html_refused() -> bool {
    let Ok(probe) = document().create_element("template") else { return true };
    js_sys::Reflect::set(&probe, &JsValue::from_str("innerHTML"), &JsValue::from_str("")).is_err()
}

/// Adds the theme's custom properties (a constructed stylesheet, so a strict
/// style-src needs nothing more).
pub fn apply_theme(host: &Host, css: &str) -> Result<(), JsValue> {
    if css.is_empty() {
        return Ok(());
    }
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(css)?;
    let sheets = host.root.adopted_style_sheets();
    sheets.push(&sheet);
    host.root.set_adopted_style_sheets(&sheets);
    Ok(())
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
        _ => doc.body().ok_or("the page has no body")?.append_child(&element)?,
    };
    match placement {
        Placement::Popup => mount.set_class_name("seda-mode-popup"),
        Placement::Page => mount.set_class_name("seda-mode-page"),
        Placement::Launcher => mount.set_class_name("seda-mode-launcher"),
        _ => {}
    }
    Ok(Host { element, mount, root, launcher: None })
}
