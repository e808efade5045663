//! Webhooks and their delivery log.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Alerts() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Alerts", "هشدارها")}</h1> }
}
