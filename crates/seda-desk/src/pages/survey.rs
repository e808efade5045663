//! One survey's scores, trend, breakdown and comments.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Survey() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Survey results", "نتایج نظرسنجی")}</h1> }
}
