//! When the widget's own code fails (a Rust panic): the visitor sees a short apology
//! in place of every widget on the page, the site owner gets one console error and
//! one `seda:error`, and the page carries on. Release builds abort on a panic, so
//! the instance is not trusted afterwards: the sender and `mount` check
//! [`crashed`] and stay quiet, and a second panic reports nothing. A page can run
//! two instances (the lean and the full bundle): a failure of either stops both, as
//! the apology covers every widget, and is reported once.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::core::i18n::{is_rtl, strings};

use super::env::{console_error, document, page_lang, share, shared};
use super::events::emit_error;

static CRASHED: AtomicBool = AtomicBool::new(false);
/// The page's flag (under `Symbol.for`, see [`shared`]), for every instance on it.
const PAGE: &str = "seda:crashed";

/// Whether the widget has failed on this page, in this instance or another.
pub fn crashed() -> bool {
    CRASHED.load(Ordering::Relaxed) || shared(PAGE).is_truthy()
}

/// Stops this instance, with the apology in every widget (the one it just added
/// too), when the page's other instance has failed.
pub fn follow() {
    if crashed() {
        report("");
    }
}

/// Routes every panic to [`report`].
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| report(&info.to_string()))));
}

/// Reports the page's first failure and puts the apology in every widget. Later
/// calls report nothing more but still put the apology in every widget that lacks it:
/// a widget whose start was already queued when the first failed adds its host, and
/// fails, afterwards (it was left an empty box). A failure of the page's other
/// instance is reported once, by whichever failed first. This is what the panic hook
/// runs (tests call it directly).
pub fn report(detail: &str) {
    if !CRASHED.swap(true, Ordering::Relaxed) && !shared(PAGE).is_truthy() {
        share(PAGE, &JsValue::TRUE);
        let message = format!("internal error, the widget has stopped: {detail}");
        console_error(&message);
        emit_error(&message, Vec::new());
    }
    if let Ok(hosts) = document().query_selector_all("[data-seda-host]") {
        for i in 0..hosts.length() {
            if let Some(host) = hosts.item(i) {
                let _ = apologise(host.unchecked_into());
            }
        }
    }
}

/// Replaces what the widget in `host` shows with the apology, in the widget's
/// language. Plain DOM calls only: the views' code may be what failed.
fn apologise(host: HtmlElement) -> Result<(), JsValue> {
    let Some(mount) = host.shadow_root().and_then(|r| r.first_element_child()) else { return Ok(()) };
    if mount.query_selector(".seda-crash")?.is_some() {
        return Ok(());
    }
    let old = mount.query_selector(".seda-root")?;
    let floating = match &old {
        Some(root) => root.class_list().contains("seda-floating"),
        // Nothing drawn yet: a host placed straight in <body> is the corner card's.
        None => host.parent_element().is_some_and(|p| p.tag_name() == "BODY"),
    };
    let locale = old.and_then(|r| r.get_attribute("lang")).or_else(page_lang).unwrap_or_default();
    let words = strings(&locale);
    let doc = document();
    let make = |tag: &str, class: &str| -> Result<Element, JsValue> {
        let el = doc.create_element(tag)?;
        el.set_class_name(class);
        Ok(el)
    };
    let root = make("div", if floating { "seda-root seda-floating" } else { "seda-root" })?;
    root.set_attribute("dir", if is_rtl(&locale) { "rtl" } else { "ltr" })?;
    root.set_attribute("lang", &locale)?;
    let card = make("div", "seda-card")?;
    card.set_attribute("role", "alert")?;
    let text = make("p", "seda-crash")?;
    text.set_text_content(Some(words.crashed));
    card.append_child(&text)?;
    if floating {
        // The corner card must still be closable, or it would cover the page.
        let close = make("button", "seda-close")?;
        close.set_attribute("type", "button")?;
        close.set_attribute("aria-label", words.close)?;
        close.set_text_content(Some("×"));
        let remove = Closure::<dyn Fn()>::new(move || host.remove());
        close.add_event_listener_with_callback("click", remove.as_ref().unchecked_ref())?;
        remove.forget();
        card.append_child(&close)?;
    }
    root.append_child(&card)?;
    mount.set_text_content(None);
    mount.append_child(&root)?;
    Ok(())
}
