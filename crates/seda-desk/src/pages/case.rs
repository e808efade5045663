//! One complaint case: status, owner, notes, public reply and history.

use leptos::prelude::*;

use crate::app::expect_desk;

#[component]
pub fn Case() -> impl IntoView {
    let desk = expect_desk();
    view! { <h1>{move || desk.lang().pick("Complaint", "شکایت")}</h1> }
}
