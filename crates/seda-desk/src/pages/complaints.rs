//! The queue of complaint cases, overdue first.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Complaints() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Complaints", "شکایت‌ها")}</h1> }
}
