//! One visit's score card and its review.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Visit() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Visit", "بازدید")}</h1> }
}
