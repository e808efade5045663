//! What the site owner sees instead of a blank space when the embed or the form is wrong.

use leptos::prelude::*;

#[component]
pub fn ErrorBox(
    /// One line saying what could not be done.
    title: String,
    /// Each problem, with the JSON path or attribute it concerns.
    problems: Vec<String>,
    /// Fixed to the corner of the viewport (otherwise inline in the page).
    #[prop(optional)]
    floating: bool,
) -> impl IntoView {
    view! {
        <div class="seda-root" class:seda-floating=floating dir="ltr">
            <div class="seda-card seda-error-box" role="alert">
                <p class="seda-error-box__title">{title}</p>
                <ul class="seda-error-box__list">
                    {problems.into_iter().map(|problem| view! { <li><code>{problem}</code></li> }).collect_view()}
                </ul>
                <p class="seda-note">"Seda · this message is for the site owner; see the browser console."</p>
            </div>
        </div>
    }
}
