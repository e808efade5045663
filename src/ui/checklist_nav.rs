//! What every screen of a checklist shares: Back and Next at its bottom, and focus
//! moved in when it shows.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::checklist_state::expect_checklist;
use super::erased::handler;

/// Back and Next, at the bottom of a screen.
#[component]
pub fn Nav(
    /// The screen Back goes to, if any.
    back: Option<usize>,
    /// The screen Next goes to.
    next: usize,
    /// The label of the Next button.
    next_label: &'static str,
) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    view! {
        <div class="seda-actions seda-cl-nav">
            {back.map(|to| view! {
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| state.go(to))>{labels.back}</button>
            })}
            <button type="button" class="seda-button seda-button--primary" on:click=handler(move |_| state.go(next))>{next_label}</button>
        </div>
    }
}

/// Moves focus to `selector` in the element (once mounted) and scrolls the page to it.
pub fn focus_when_mounted(node: NodeRef<leptos::html::Div>, selector: Rc<dyn Fn() -> String>) {
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let el: &web_sys::Element = el.unchecked_ref();
        if let Ok(Some(target)) = el.query_selector(&selector()) {
            let target: web_sys::HtmlElement = target.unchecked_into();
            let _ = target.focus();
            target.scroll_into_view();
        }
    });
}
