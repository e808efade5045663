//! A case's history, oldest first: each change with who made it and when.

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::browser;
use crate::cases::{self, CaseDetail};

#[component]
pub fn CaseHistory(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let entries = move || {
        let lang = lang();
        detail
            .with(|d| d.history.clone())
            .into_iter()
            .map(|event| {
                let who = cases::actor_label(event.actor.as_deref(), lang);
                let text = event.text.clone().filter(|t| !t.is_empty() && !cases::text_in_words(&event));
                view! {
                    <li>
                        <p><strong>{cases::event_words(&event, lang)}</strong></p>
                        <p class="desk-meta"><bdi>{who}</bdi>" · "<time datetime=event.at.clone()>{browser::date_time(&event.at, lang)}</time></p>
                        {text.map(|t| view! { <p class="desk-note-text" dir="auto">{t}</p> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="desk-card" aria-labelledby="case-history-title">
            <h2 id="case-history-title">{move || lang().pick("History", "تاریخچه")}</h2>
            <ol class="desk-history">{entries}</ol>
        </section>
    }
}
