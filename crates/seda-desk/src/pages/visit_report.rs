//! Scores by location and section over time.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn VisitReport() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Visit report", "گزارش بازدیدها")}</h1> }
}
