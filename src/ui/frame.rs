//! The frame a widget is drawn in: the root with its language and direction, a named
//! dialog when it floats over the page, the card, and how it closes (its close button
//! and Escape, when the page gave it a way to close).

use std::rc::Rc;

use leptos::prelude::*;

use crate::core::i18n::is_rtl;

use super::erased::handler;

/// A widget's root and card around `children`.
#[component]
pub fn Frame(
    /// Classes of the root besides `seda-root` (`seda-lookup`).
    #[prop(optional)]
    class: &'static str,
    /// The language shown, which also gives the writing direction.
    lang: String,
    /// Fixed to the corner of the viewport, as a dialog (otherwise inline in the page).
    floating: bool,
    /// The dialog's name, when it floats.
    label: String,
    /// Closes the widget: its close button and Escape.
    on_close: Option<Rc<dyn Fn()>>,
    /// The close button's name.
    close_label: &'static str,
    children: Children,
) -> impl IntoView {
    let close = on_close.clone().map(|close| {
        view! {
            <button type="button" class="seda-close" aria-label=close_label on:click=handler(move |_| close())>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" />
                </svg>
            </button>
        }
    });
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if let (true, Some(close)) = (event.key() == "Escape", &on_close) {
            close();
        }
    };
    let dir = if is_rtl(&lang) { "rtl" } else { "ltr" };
    let class = if class.is_empty() { "seda-root".to_owned() } else { format!("seda-root {class}") };
    view! {
        <div
            class=class
            class:seda-floating=floating
            dir=dir
            lang=lang
            role=floating.then_some("dialog")
            aria-label=floating.then_some(label)
            on:keydown=on_keydown
        >
            <div class="seda-card">
                {close}
                {children()}
            </div>
        </div>
    }
}
