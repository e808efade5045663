//! One response in full.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn ResponseView() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Response", "پاسخ")}</h1> }
}
