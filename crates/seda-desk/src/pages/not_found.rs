//! An address under /desk/ that is no page.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn NotFound() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Page not found", "صفحه پیدا نشد")}</h1> }
}
