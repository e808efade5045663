//! An error from the receiver, told where the page's content would be.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::app::expect_desk;

/// Shows `error` as an alert; a 401 signs the desk out instead.
#[component]
pub fn ProblemNote(
    /// What the call answered.
    error: ApiError,
) -> impl IntoView {
    let desk = expect_desk();
    if matches!(error, ApiError::SignedOut(_)) {
        desk.signed_out();
    }
    let lang = move || desk.lang();
    let text = match &error {
        ApiError::Problem { title, detail, .. } => format!("{title}: {detail}"),
        other => other.to_string(),
    };
    view! {
        <div class="desk-problem" role="alert">
            <p><strong>{move || lang().pick("Something went wrong.", "مشکلی پیش آمد.")}</strong></p>
            <p>{text}</p>
        </div>
    }
}
