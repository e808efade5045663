//! Mystery-shop visits by location, shopper and period.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Visits() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Visits", "بازدیدها")}</h1> }
}
