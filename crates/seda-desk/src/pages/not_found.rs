//! An address under /desk/ that is none of the desk's pages.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::expect_desk;
use crate::browser;

#[component]
pub fn NotFound() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Page not found", "صفحه پیدا نشد"), lang()));
    view! {
        <h1>{move || lang().pick("Page not found", "صفحه پیدا نشد")}</h1>
        <p>{move || lang().pick("The desk has no page at this address.", "میز کار صفحه‌ای در این نشانی ندارد.")}</p>
        <p><A href="/desk/">{move || lang().pick("Go to the surveys", "رفتن به نظرسنجی‌ها")}</A></p>
    }
}
