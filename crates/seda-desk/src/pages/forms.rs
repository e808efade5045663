//! The forms with responses, to open their results.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Forms() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Surveys", "نظرسنجی‌ها")}</h1> }
}
